import CorridorModel
import Dispatch
import Kafka
import Synchronization

/// What one turn of a lane did, so the forwarder knows whether to loop, idle or back off.
enum LaneStep {
    case progressed
    case idle
    case backoff
}

/// Delivery reports as they come off the producer's poll queue, waiting for the forwarder thread.
final class DeliveryInbox: Sendable {
    struct Box {
        var delivered: [Int64] = []
        var failed: [(seq: Int64, error: KafkaError)] = []
        var inFlight = 0
    }
    private let box = Mutex(Box())
    let wake = DispatchSemaphore(value: 0)

    /// Counted before the produce calls (a report can come back before `produce` returns).
    func willProduce(_ n: Int) { box.withLock { $0.inFlight += n } }
    func notProduced(_ n: Int) { box.withLock { $0.inFlight -= n } }

    func report(_ r: DeliveryReport) {
        let seq = Int64(bitPattern: r.opaque)
        let signal = box.withLock { b -> Bool in
            b.inFlight -= 1
            if let e = r.error { b.failed.append((seq, e)) } else { b.delivered.append(seq) }
            // Waking the forwarder per report would cost more than the reports themselves.
            return b.inFlight == 0 || r.error != nil || b.delivered.count & 1023 == 0
        }
        if signal { wake.signal() }
    }

    func take() -> Box {
        box.withLock { b in
            let out = b
            b.delivered = []
            b.failed = []
            return out
        }
    }

    var inFlight: Int { box.withLock { $0.inFlight } }

    func wait(seconds: Double) { _ = wake.wait(timeout: .now() + seconds) }
}

/// Forwarding over Kafka: a bounded window of rows in librdkafka, marked sent only from their
/// delivery reports.
///
/// Order: rows are produced oldest first with key = station id (one partition per station)
/// by an idempotent producer (≤ 5 in flight), so one session keeps order. On any failure the
/// lane stops producing, lets the window drain, and starts again from the oldest pending row;
/// rows delivered but not yet marked are sent again, which central's dedup by id absorbs.
/// Owned by the forwarder thread (not Sendable).
final class KafkaLane {
    private let config: ForwarderConfig
    private let kafkaConfig: [String: String]
    private let outbox: Outbox
    private let state: ForwarderState
    private let backoff: Backoff
    private let logger: Logger
    private let inbox = DeliveryInbox()
    private let stationKey: [UInt8]
    private let marker: SentMarker

    private var producer: KafkaProducer?
    /// Bytes sent by producers already closed (librdkafka's counters are per handle).
    private var closedTxBytes: Int64 = 0
    private var reportedTxBytes: Int64 = 0
    /// Highest seq handed to librdkafka in this round.
    private var cursor: Int64 = 0
    private var roundFailed = false
    private var lastError = ""
    /// Rounds in a row that ended in failure without a single delivery.
    private(set) var failedRounds = 0
    private var toMark: [Int64] = []
    private var lastMark = ContinuousClock.now
    /// Rows read from the outbox; those from `next` on follow `cursor` and are not yet handed
    /// to librdkafka.
    private var buffered = OutboxSendChunk()
    private var next = 0
    private let prefetch: PendingPrefetch

    init(config: ForwarderConfig, kafka: [String: String], outbox: Outbox, state: ForwarderState, backoff: Backoff, logger: Logger) {
        self.config = config
        self.kafkaConfig = kafka
        self.outbox = outbox
        self.state = state
        self.backoff = backoff
        self.logger = logger
        self.stationKey = Array(config.stationID.utf8)
        let kinds: [EventKind] = [.review, .transaction, .heartbeat]
        precondition(kinds.map(Self.routeIndex) == Array(kinds.indices) && kinds.count == EventKind.allCases.count)
        self.topicNames = kinds.map { config.topics[$0] ?? $0.defaultTopic }
        self.schemas = kinds.map { Self.ownedBytes($0.schema) }
        self.contentType = Self.ownedBytes("application/json")
        self.marker = SentMarker(outbox: outbox, logger: logger)
        self.prefetch = PendingPrefetch(outbox: outbox)
    }

    deinit { for b in schemas + [contentType] { b.deallocate() } }

    var inFlight: Int { inbox.inFlight }

    /// One pass: take reports, mark delivered rows, handle a failed round, refill the window.
    func turn() -> LaneStep {
        guard let producer = ensureProducer() else { return .backoff }
        let box = inbox.take()
        absorb(box)
        updateWireBytes(producer)
        if toMark.count >= config.markBatch || (!toMark.isEmpty && (box.inFlight == 0 || ContinuousClock.now - lastMark > .milliseconds(200))) {
            flushMarks()
        }
        if roundFailed {
            if box.inFlight > 0 {
                inbox.wait(seconds: 0.05)
                return .progressed
            }
            endFailedRound()
            return .backoff
        }
        var produced = 0
        if box.inFlight < config.window {
            if next == buffered.count {
                do {
                    buffered = try prefetch.take(after: cursor) ?? outbox.pendingToSend(after: cursor, limit: config.chunk)
                } catch {
                    logger.error("forwarder: cannot read the outbox: \(error)")
                    state.failed("outbox: \(error)", linkDown: false)
                    return .backoff
                }
                next = 0
                // The next chunk is read while this one is produced.
                if let last = buffered.seqs.last { prefetch.start(after: last, limit: config.chunk) }
            }
            produced = produce(producer, upTo: config.window - box.inFlight)
            if next == buffered.count, produced == 0, box.inFlight == 0, toMark.isEmpty { return .idle }
        }
        if produced == 0 { inbox.wait(seconds: 0.02) }
        return .progressed
    }

    /// Hands buffered rows to librdkafka (at most `room`), straight from the chunk's buffer.
    private func produce(_ producer: KafkaProducer, upTo room: Int) -> Int {
        let planned = min(room, buffered.count - next)
        guard planned > 0, topics.count == EventKind.allCases.count else { return 0 }
        inbox.willProduce(planned)
        var produced = 0
        var failure: KafkaError? = nil
        buffered.bytes.withUnsafeBytes { all in
            stationKey.withUnsafeBytes { key in
                withUnsafeTemporaryAllocation(of: KafkaHeaderRef.self, capacity: 3) { headers in
                    headers.initializeElement(at: 2, to: KafkaHeaderRef("content-type", contentType))
                    while produced < planned {
                        let i = next
                        let k = Self.routeIndex(buffered.kinds[i])
                        headers.initializeElement(at: 0, to: KafkaHeaderRef("schema", schemas[k]))
                        headers.initializeElement(at: 1, to: KafkaHeaderRef("id", UnsafeRawBufferPointer(rebasing: all[buffered.idRange(i)])))
                        let seq = buffered.seqs[i]
                        do throws(KafkaError) {
                            try producer.produce(to: topics[k], key: key, value: UnsafeRawBufferPointer(rebasing: all[buffered.bodyRange(i)]),
                                                 headers: UnsafeBufferPointer(headers), opaque: UInt64(bitPattern: seq))
                        } catch {
                            failure = error
                            break
                        }
                        cursor = seq
                        next += 1
                        produced += 1
                    }
                }
            }
        }
        if produced < planned { inbox.notProduced(planned - produced) }
        if let failure, failure.code != .queueFull {
            lastError = "produce: \(failure)"
            roundFailed = true
        }
        return produced
    }

    /// Topic handles (per producer) and schema header values, indexed by `routeIndex`.
    private var topics: [KafkaTopic] = []
    private let schemas: [UnsafeRawBufferPointer]
    private let topicNames: [String]
    private let contentType: UnsafeRawBufferPointer

    /// A copy of `s`'s UTF-8 that stays put (freed in `deinit`): header values by pointer.
    private static func ownedBytes(_ s: String) -> UnsafeRawBufferPointer {
        let bytes = Array(s.utf8)
        let p = UnsafeMutableRawBufferPointer.allocate(byteCount: bytes.count, alignment: 1)
        p.copyBytes(from: bytes)
        return UnsafeRawBufferPointer(p)
    }

    private static func routeIndex(_ kind: EventKind) -> Int {
        switch kind {
        case .review: return 0
        case .transaction: return 1
        case .heartbeat: return 2
        }
    }

    private func absorb(_ box: DeliveryInbox.Box) {
        if !box.delivered.isEmpty {
            toMark += box.delivered
            failedRounds = 0
            backoff.reset()
            state.delivered(box.delivered.count)
        }
        var rejected: [(Int64, KafkaError)] = []
        for (seq, e) in box.failed {
            if Self.isRejection(e) { rejected.append((seq, e)) } else {
                roundFailed = true
                lastError = "delivery: \(e.code.name): \(e.message)"
            }
        }
        let retried = box.failed.count - rejected.count
        if retried > 0 { state.retried(retried) }
        for (seq, e) in rejected {
            do {
                try outbox.markRejected(seq, reason: "kafka: \(e.code.name): \(e.message)")
                state.rejected(1)
                logger.error("forwarder: event refused for good by Kafka, kept aside", [("seq", String(seq)), ("error", e.description)])
            } catch {
                roundFailed = true
            }
        }
    }

    /// Failures that are about the message itself, not the link: resending cannot help.
    static func isRejection(_ e: KafkaError) -> Bool {
        [.messageSizeTooLarge, .invalidMessageSize, .invalidRecord, .invalidMessage, .recordListTooLarge, .badMessage].contains(e.code)
    }

    /// Hands the delivered rows to the marker queue: the outbox commit (an fsync) then overlaps
    /// with reading and producing the next rows instead of stalling them.
    private func flushMarks() {
        guard !toMark.isEmpty else { return }
        let batch = toMark
        toMark = []
        lastMark = ContinuousClock.now
        marker.mark(batch)
    }

    /// Waits until every handed-over batch is committed (before resending from the oldest
    /// pending row, and on stop); batches that failed to commit are retried here.
    private func settleMarks() {
        flushMarks()
        let failed = marker.settle()
        guard !failed.isEmpty else { return }
        do { try outbox.markSent(failed) } catch {
            // They stay pending and are sent again: central dedups by id.
            logger.error("forwarder: cannot mark rows sent: \(error)")
        }
    }

    private func endFailedRound() {
        settleMarks()
        failedRounds += 1
        state.failed(lastError, linkDown: true)
        logger.warning("forwarder: Kafka delivery failed; resending from the oldest pending event after a pause",
                       [("error", lastError), ("failed_rounds", String(failedRounds))])
        if let p = producer, p.fatalError != nil || failedRounds >= config.recreateProducerAfterFailedRounds {
            logger.info("forwarder: replacing the Kafka producer", [("fatal", p.fatalError.map { "\($0)" } ?? "no")])
            closeProducer(timeout: .seconds(1))
        }
        restartFromOldest()
        roundFailed = false
    }

    /// The next rows produced are the oldest pending ones again (after a failure or a new producer).
    private func restartFromOldest() {
        cursor = 0
        buffered = OutboxSendChunk()
        next = 0
    }

    private func ensureProducer() -> KafkaProducer? {
        if let producer { return producer }
        let inbox = self.inbox, state = self.state
        do {
            let p = try KafkaProducer(config: kafkaConfig, onDelivery: { inbox.report($0) }, onError: { e in
                // Only "all brokers down" says the link is gone; single disconnects are routine.
                state.failed("kafka: \(e.code.name): \(e.message)", linkDown: e.code == .allBrokersDown || e.isFatal)
            })
            topics = try topicNames.map { name throws(KafkaError) in try p.topic(name) }
            producer = p
            restartFromOldest()
            return p
        } catch {
            // Counts as a failed round, so that `auto` can fall back to HTTPS.
            failedRounds += 1
            state.failed("kafka producer: \(error)", linkDown: true)
            logger.error("forwarder: cannot create the Kafka producer (check the kafka.* properties): \(error)")
            return nil
        }
    }

    private func updateWireBytes(_ p: KafkaProducer) {
        let total = closedTxBytes + p.statistics.txBytes
        if total > reportedTxBytes {
            state.addWireBytes(total - reportedTxBytes)
            reportedTxBytes = total
        }
    }

    /// Closes the producer (purging what it still holds: those rows stay pending).
    func closeProducer(timeout: Duration) {
        guard let p = producer else { return }
        p.close(timeout: timeout)
        updateWireBytes(p)
        closedTxBytes += p.statistics.txBytes
        topics = []
        producer = nil
        absorb(inbox.take())
        settleMarks()
        roundFailed = false
        restartFromOldest()
    }

    /// For SIGTERM: stop producing, wait up to `timeout` for the in-flight rows' reports, mark
    /// the delivered ones, then close (anything unreported stays pending and is resent later).
    func drain(timeout: Double) {
        let deadline = ContinuousClock.now + .milliseconds(Int(timeout * 1000))
        while inbox.inFlight > 0, ContinuousClock.now < deadline {
            inbox.wait(seconds: 0.05)
            absorb(inbox.take())
        }
        absorb(inbox.take())
        settleMarks()
        closeProducer(timeout: .seconds(1))
        prefetch.discard()  // no read of the outbox may outlive the forwarder
    }

    /// Whether the brokers answer a metadata request (auto mode, on HTTPS, looking to return).
    func probe() -> Bool {
        var c: [String: String] = [:]
        for (k, v) in kafkaConfig where k == "bootstrap.servers" || k.hasPrefix("security.") || k.hasPrefix("ssl.") || k.hasPrefix("sasl.") || k == "client.id" {
            c[k] = v
        }
        guard let admin = try? KafkaAdmin(config: c) else { return false }
        return (try? admin.metadata(timeout: .seconds(5))).map { !$0.brokers.isEmpty } ?? false
    }
}

/// Reads the next chunk of pending rows on its own queue while the forwarder produces the
/// current one: reading and producing each cost about the same per row, so overlapping them
/// nearly doubles the drain rate of a backlog.
final class PendingPrefetch: Sendable {
    private let queue = DispatchQueue(label: "corridor.forwarder.read")
    private let group = DispatchGroup()
    private let slot = Mutex<(after: Int64, rows: Result<OutboxSendChunk, OutboxError>)?>(nil)
    private let outbox: Outbox

    init(outbox: Outbox) { self.outbox = outbox }

    /// Starts reading up to `limit` pending rows after `seq` (one read at a time).
    func start(after seq: Int64, limit: Int) {
        group.wait()
        group.enter()
        queue.async { [self] in
            let rows: Result<OutboxSendChunk, OutboxError>
            do throws(OutboxError) { rows = .success(try outbox.pendingToSend(after: seq, limit: limit)) } catch { rows = .failure(error) }
            slot.withLock { $0 = (seq, rows) }
            group.leave()
        }
    }

    /// Waits for a read in progress and drops its rows.
    func discard() {
        group.wait()
        slot.withLock { $0 = nil }
    }

    /// The rows read after `seq`, waiting for the read; nil when nothing was read from there
    /// (none started, or one started from another place: the cursor moved back since).
    func take(after seq: Int64) throws(OutboxError) -> OutboxSendChunk? {
        group.wait()
        guard let done = slot.withLock({ s in defer { s = nil }; return s }), done.after == seq else { return nil }
        return try done.rows.get()
    }
}

/// Marks delivered rows sent on its own serial queue, a few batches deep at most.
final class SentMarker: Sendable {
    /// Batches handed over and not yet committed, at most.
    static let depth = 2

    private let queue = DispatchQueue(label: "corridor.forwarder.marker")
    private let slots = DispatchSemaphore(value: SentMarker.depth)
    private let failed = Mutex<[Int64]>([])
    private let outbox: Outbox
    private let logger: Logger

    init(outbox: Outbox, logger: Logger) {
        self.outbox = outbox
        self.logger = logger
    }

    func mark(_ seqs: [Int64]) {
        slots.wait()
        queue.async { [self] in
            do { try outbox.markSent(seqs) } catch {
                logger.error("forwarder: cannot mark rows sent (will retry): \(error)")
                failed.withLock { $0 += seqs }
            }
            slots.signal()
        }
    }

    /// Waits for the queued batches; returns the seqs whose commit failed.
    func settle() -> [Int64] {
        queue.sync {}
        return failed.withLock { f in defer { f = [] }; return f }
    }
}
