import CorridorModel
import Dispatch
import Synchronization

/// Sends the outbox to central, oldest first, over Kafka or HTTPS (see `ForwarderTransport`).
///
/// Runs on its own thread and never blocks capture: it reads the outbox through the reader
/// connection and marks rows sent through the writer's group commits. A second queue does the
/// housekeeping: heartbeat events, pruning of delivered rows, and `forwarder-status.json`.
public final class Forwarder: Sendable {
    public let config: ForwarderConfig
    public let state: ForwarderState
    private let outbox: Outbox
    private let logger: Logger
    private let stopping = Atomic<Bool>(false)
    private let started = Atomic<Bool>(false)
    private let stopSignal = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)
    private let housekeepingQueue = DispatchQueue(label: "corridor.forwarder.housekeeping")
    private let timer: Mutex<UncheckedBox<any DispatchSourceTimer>?> = Mutex(nil)
    private let ids: UUIDv7Generator
    /// Monotonic milliseconds of the loop's last turn (the systemd watchdog checks it).
    private let lastTurn = Atomic<Int64>(0)
    private let house = Mutex(Housekeeping())

    struct Housekeeping {
        var nextHeartbeat: Int64 = 0
        var nextPrune: Int64 = 0
        var lastWritten: JSONObject? = nil
        var lastWrittenAt: Int64 = 0
    }

    public init(config: ForwarderConfig, outbox: Outbox, logger: Logger) {
        self.config = config
        self.outbox = outbox
        self.logger = logger
        self.state = ForwarderState(transport: config.transport)
        self.ids = UUIDv7Generator(after: outbox.lastID)
    }

    /// Starts the sending thread (unless the transport is `none`) and the housekeeping timer.
    public func start() {
        guard !started.exchange(true, ordering: .relaxed) else { return }
        lastTurn.store(Self.monoMillis(), ordering: .relaxed)
        let now = Self.monoMillis()
        house.withLock {
            $0.nextHeartbeat = now + 1000
            $0.nextPrune = now + 60_000
        }
        let t = DispatchSource.makeTimerSource(queue: housekeepingQueue)
        t.schedule(deadline: .now() + .seconds(1), repeating: .seconds(1), leeway: .milliseconds(200))
        t.setEventHandler { [self] in housekeeping() }
        t.resume()
        let boxed = UncheckedBox<any DispatchSourceTimer>(t)
        timer.withLock { $0 = boxed }
        writeStatusFile(force: true)
        guard config.transport != .none else {
            finished.signal()
            return
        }
        // A dedicated queue whose one block is the forwarder's loop (a thread of its own).
        DispatchQueue(label: "corridor.forwarder").async { [self] in
            run()
            finished.signal()
        }
    }

    /// Stops sending: in-flight Kafka deliveries get up to `drainTimeoutSeconds` to be
    /// reported and marked; whatever is unreported stays pending. Idempotent.
    public func stop() {
        guard started.load(ordering: .relaxed), !stopping.exchange(true, ordering: .relaxed) else { return }
        stopSignal.signal()
        finished.wait()
        timer.withLock { t in t?.value.cancel(); t = nil }
        housekeepingQueue.sync {}
        writeStatusFile(force: true)
    }

    /// Whether the sending loop turned in the last `seconds` (always true for `none`).
    public func isResponsive(withinSeconds seconds: Double) -> Bool {
        guard config.transport != .none else { return true }
        return Double(Self.monoMillis() - lastTurn.load(ordering: .relaxed)) < seconds * 1000
    }

    /// Keys merged into `/healthz`.
    public func health() -> JSONObject { ForwarderState.json(state.snapshot) }

    /// Samples added to `/metrics`.
    public func metrics() -> [PrometheusSample] { ForwarderState.metrics(state.snapshot) }

    // MARK: - The sending loop

    private enum Mode { case kafka, https }

    private func run() {
        let backoff = Backoff(base: config.backoffBaseSeconds, cap: config.backoffMaxSeconds)
        let kafka = config.kafka.map { KafkaLane(config: config, kafka: $0, outbox: outbox, state: state, backoff: backoff, logger: logger) }
        let https = config.centralURL.map { HTTPSLane(config: config, url: $0, outbox: outbox, state: state, backoff: backoff, logger: logger) }
        var mode: Mode = (config.transport == .https || kafka == nil) ? .https : .kafka
        var probeAt = Int64.max
        logger.info("forwarder started", [("transport", config.transport.rawValue),
                                          ("kafka", config.kafka?["bootstrap.servers"] ?? "-"), ("central_url", config.centralURL ?? "-")])
        while !stopping.load(ordering: .relaxed) {
            lastTurn.store(Self.monoMillis(), ordering: .relaxed)
            let step: LaneStep
            switch mode {
            case .kafka: step = kafka!.turn()
            case .https:
                guard let https else { return }
                step = https.turn()
            }
            switch step {
            case .progressed:
                break
            case .idle:
                pause(0.1)
            case .backoff:
                if mode == .kafka, config.transport == .auto, https != nil,
                   kafka!.failedRounds >= config.fallbackAfterFailedRounds {
                    logger.warning("forwarder: Kafka keeps failing; falling back to HTTPS until it recovers",
                                   [("failed_rounds", String(kafka!.failedRounds))])
                    kafka!.closeProducer(timeout: .seconds(1))
                    mode = .https
                    state.setTransport("https-fallback")
                    probeAt = Self.monoMillis() + Int64(config.kafkaProbeIntervalSeconds * 1000)
                    backoff.reset()
                    continue
                }
                pause(backoff.next())
            }
            if mode == .https, config.transport == .auto, let kafka, Self.monoMillis() >= probeAt {
                if kafka.probe() {
                    logger.info("forwarder: Kafka answers again; leaving the HTTPS fallback")
                    mode = .kafka
                    state.setTransport("kafka")
                    probeAt = .max
                    backoff.reset()
                } else {
                    probeAt = Self.monoMillis() + Int64(config.kafkaProbeIntervalSeconds * 1000)
                }
            }
        }
        kafka?.drain(timeout: config.drainTimeoutSeconds)
        logger.info("forwarder stopped", [("sent", String(state.snapshot.sent))])
    }

    /// Sleeps up to `seconds`, returning early on stop.
    private func pause(_ seconds: Double) {
        if stopSignal.wait(timeout: .now() + seconds) == .success { stopSignal.signal() }
    }

    // MARK: - Housekeeping

    private func housekeeping() {
        let now = Self.monoMillis()
        let (beat, prune) = house.withLock { h -> (Bool, Bool) in
            let beat = config.transport != .none && now >= h.nextHeartbeat
            if beat { h.nextHeartbeat = now + Int64(config.heartbeatIntervalSeconds * 1000) }
            let prune = now >= h.nextPrune
            if prune { h.nextPrune = now + Int64(config.pruneIntervalSeconds * 1000) }
            return (beat, prune)
        }
        if beat, !stopping.load(ordering: .relaxed) { appendHeartbeat() }
        if prune { pruneDelivered() }
        writeStatusFile(force: false)
    }

    /// Stores a heartbeat in the outbox like any event, so it travels in order with the rest.
    func appendHeartbeat() {
        let s = state.snapshot
        var e = Event(kind: .heartbeat, id: ids.next(), stationID: config.stationID, capturedAt: .now())
        let o = try? outbox.status()
        // captured_at is this box's clock: central compares it with its own receive time.
        e.heartbeat = Heartbeat(version: config.version, pending: o?.pending ?? -1,
                                oldestPendingAgeSeconds: o?.oldestPendingAgeSeconds, bytes: o?.bytes ?? -1,
                                lastSendAt: s.lastSendAt, link: s.link)
        do { try outbox.append([OutboxItem(e)]) } catch {
            logger.warning("forwarder: heartbeat not stored: \(error)")
        }
    }

    /// Deletes delivered rows older than the retention time. Freed pages go to SQLite's
    /// freelist and are reused by new captures; the budget counts used pages only, so no VACUUM
    /// (which would rewrite the whole file on an SD card) is needed, and the WAL is
    /// checkpointed by SQLite's automatic checkpoint.
    func pruneDelivered() {
        do {
            let n = try outbox.pruneSent(olderThanSeconds: Int64(config.retentionSeconds))
            if n > 0 { logger.info("pruned delivered events past retention", [("rows", String(n))]) }
        } catch {
            logger.warning("forwarder: pruning failed: \(error)")
        }
    }

    /// Rewrites `forwarder-status.json` when the link state or error changed (at once), or when
    /// only the last send time moved (at most every 30 s): the file sits on an SD card.
    private func writeStatusFile(force: Bool) {
        let s = state.snapshot
        var o = ForwarderState.json(s)
        o["link_summary"] = nil
        var key = o
        key["last_send_at"] = nil
        let now = Self.monoMillis()
        let due = house.withLock { h -> Bool in
            var previous = h.lastWritten
            previous?["last_send_at"] = nil
            let changed = previous != key
            let sendMoved = h.lastWritten?["last_send_at"] != o["last_send_at"] && now - h.lastWrittenAt >= 30_000
            guard force || changed || sendMoved else { return false }
            h.lastWritten = o
            h.lastWrittenAt = now
            return true
        }
        guard due else { return }
        var file = o
        file["link_summary"] = .string("link: " + ForwarderState.summary(s))
        file["written_at"] = .string(Timestamp.now().rfc3339)
        FileBytes.writeAtomically(JSONWriter.bytes(.object(file)), to: config.dataDir + "/" + ForwarderStatusFile.fileName)
    }

    static func monoMillis() -> Int64 {
        Int64(DispatchTime.now().uptimeNanoseconds / 1_000_000)
    }
}
