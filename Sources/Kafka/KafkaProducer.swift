internal import CRdKafka
import Dispatch
#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// A Kafka producer over one librdkafka handle.
///
/// `produce` only enqueues (it never blocks); the outcome of every accepted message arrives
/// exactly once as a `DeliveryReport`, on the producer's own serial queue (which also runs the
/// `rd_kafka_poll` loop, `flush` and `close`). A message is delivered only when its report says
/// so; `close` turns whatever is still queued into failure reports (purged, retriable).
public final class KafkaProducer: Sendable {
    private let handle: RDKafkaHandle
    private let context: ProducerContext
    private let queue: ClientQueue
    private let closed = Atomic<Bool>(false)

    /// Settings for an edge forwarder: idempotent (no duplicates or reordering from librdkafka's
    /// own retries), acks=all, zstd, small linger, delivery failure after 30 s so the outbox can
    /// take over, statistics every 5 s for the byte counters. Callers may override any key.
    public static func reliableDefaults(bootstrapServers: String) -> [String: String] {
        [
            "bootstrap.servers": bootstrapServers,
            "client.id": "corridor",
            "enable.idempotence": "true",
            "acks": "all",
            "compression.type": "zstd",
            "linger.ms": "50",
            "batch.num.messages": "1000",
            "message.timeout.ms": "30000",
            "retry.backoff.ms": "250",
            "retry.backoff.max.ms": "5000",
            "reconnect.backoff.ms": "250",
            "reconnect.backoff.max.ms": "10000",
            "queue.buffering.max.messages": "100000",
            "queue.buffering.max.kbytes": "65536",
            "socket.keepalive.enable": "true",
            // Same key → partition mapping as the Java client, so any producer keeps station order.
            "partitioner": "murmur2_random",
            "statistics.interval.ms": "5000",
        ]
    }

    /// Creates the producer and starts its poll loop.
    /// - Parameters:
    ///   - config: any librdkafka properties, passed through unchanged.
    ///   - onDelivery: called once per accepted message, on the producer's poll queue. Keep it
    ///     short; it may call `produce` or `outQueueLength`, and blocking `flush` runs inline.
    ///   - onError: client-level errors (all brokers down, fatal idempotence errors), same queue.
    public init(
        config: [String: String],
        onDelivery: @escaping @Sendable (DeliveryReport) -> Void,
        onError: @escaping @Sendable (KafkaError) -> Void = { _ in }
    ) throws(KafkaError) {
        let context = ProducerContext(onDelivery: onDelivery, onError: onError)
        self.context = context
        self.handle = try RDKafkaHandle(kind: .producer, config: config, context: context) { conf in
            rd_kafka_conf_set_dr_msg_cb(conf, producerDeliveryCallback)
            rd_kafka_conf_set_error_cb(conf, producerErrorCallback)
            rd_kafka_conf_set_stats_cb(conf, producerStatsCallback)
        }
        self.queue = ClientQueue(label: "corridor.kafka.producer")
        Self.poll(handle: handle, context: context, queue: queue.queue)
    }

    deinit {
        context.polling.store(false, ordering: .releasing)
    }

    /// One `rd_kafka_poll` per turn of the serial queue, so that flush/close slot in between.
    private static func poll(handle: RDKafkaHandle, context: ProducerContext, queue: DispatchQueue) {
        queue.async {
            guard context.polling.load(ordering: .acquiring) else { return }
            rd_kafka_poll(handle.pointer, 50)
            poll(handle: handle, context: context, queue: queue)
        }
    }

    /// Enqueues one message (payload, key and headers are copied). Never blocks.
    ///
    /// Throws a retriable `KafkaError` with code `.queueFull` when librdkafka's queue is at its
    /// limit, a fatal one when the handle has a fatal error, `.state` after `close()`.
    /// - Parameter opaque: the caller's tag, returned in the `DeliveryReport`.
    public func produce(
        topic: String, key: [UInt8]?, value: [UInt8], headers: [(String, [UInt8])] = [],
        opaque: UInt64
    ) throws(KafkaError) {
        guard !closed.load(ordering: .acquiring) else { throw .state("producer is closed") }
        let pointer = handle.pointer
        // librdkafka copies the payload (F_COPY) and every header name and value (rd_kafka_header_add)
        // before produceva returns, so stack scratch space is enough: no malloc per message here.
        var arenaBytes = 0
        for (name, v) in headers { arenaBytes += name.utf8.count + 1 + v.count }
        let error: OpaquePointer? = topic.withCString { topicName in
            value.withUnsafeBytes { valueBytes in
                withOptionalBytes(key) { keyBytes in
                    withUnsafeTemporaryAllocation(byteCount: max(arenaBytes, 1), alignment: 1) { arena in
                        withUnsafeTemporaryAllocation(of: rd_kafka_vu_t.self, capacity: 5 + headers.count) { vus in
                            vus.initializeElement(at: 0, to: corridor_vu_topic(topicName))
                            var n = Self.initializeMessage(vus, at: 1, value: valueBytes, key: keyBytes, opaque: opaque)
                            let base = arena.baseAddress!
                            var offset = 0
                            for (name, v) in headers {
                                let namePointer = base + offset
                                for b in name.utf8 { base.storeBytes(of: b, toByteOffset: offset, as: UInt8.self); offset += 1 }
                                base.storeBytes(of: 0, toByteOffset: offset, as: UInt8.self); offset += 1
                                let valuePointer: UnsafeRawPointer? = v.isEmpty ? nil : UnsafeRawPointer(base + offset)
                                v.withUnsafeBytes { if let src = $0.baseAddress { (base + offset).copyMemory(from: src, byteCount: $0.count) } }
                                offset += v.count
                                vus.initializeElement(at: n, to: corridor_vu_header(namePointer.assumingMemoryBound(to: CChar.self), valuePointer, v.count))
                                n += 1
                            }
                            return rd_kafka_produceva(pointer, vus.baseAddress, n)
                        }
                    }
                }
            }
        }
        try finishProduce(error, bytes: value.count + (key?.count ?? 0))
    }

    /// The entries every message passes to `rd_kafka_produceva` after its topic: value (copied),
    /// opaque tag and key. Returns the next free index.
    private static func initializeMessage(
        _ vus: UnsafeMutableBufferPointer<rd_kafka_vu_t>, at start: Int, value: UnsafeRawBufferPointer,
        key: UnsafeRawBufferPointer?, opaque: UInt64
    ) -> Int {
        var n = start
        vus.initializeElement(at: n, to: corridor_vu_value(value.baseAddress, value.count)); n += 1
        vus.initializeElement(at: n, to: corridor_vu_msgflags(corridor_msg_f_copy)); n += 1
        vus.initializeElement(at: n, to: corridor_vu_opaque(UnsafeMutableRawPointer(bitPattern: UInt(opaque)))); n += 1
        if let key {
            vus.initializeElement(at: n, to: corridor_vu_key(key.baseAddress, key.count)); n += 1
        }
        return n
    }

    /// Throws produceva's error, or counts the payload as produced.
    private func finishProduce(_ error: OpaquePointer?, bytes: Int) throws(KafkaError) {
        if let error { throw KafkaError(consuming: error) }
        context.producedBytes.add(Int64(bytes), ordering: .relaxed)
    }

    /// A handle on `name` for `produce(to:…)`: librdkafka then skips the lookup by name (under
    /// the client's lock) that every by-name produce pays.
    public func topic(_ name: String) throws(KafkaError) -> KafkaTopic {
        guard let t = rd_kafka_topic_new(handle.pointer, name, nil) else {
            throw KafkaError(rd_kafka_last_error(), "topic \(name)")
        }
        return KafkaTopic(pointer: t, owner: handle, name: name)
    }

    /// Enqueues one message from memory the caller owns for the duration of the call: librdkafka
    /// copies the payload, key and every header before it returns, so nothing is allocated or
    /// copied on the Swift side. For senders of many messages (the edge forwarder); errors and
    /// reports as in `produce(topic:key:value:headers:opaque:)`.
    public func produce(
        to topic: KafkaTopic, key: UnsafeRawBufferPointer?, value: UnsafeRawBufferPointer,
        headers: UnsafeBufferPointer<KafkaHeaderRef>, opaque: UInt64
    ) throws(KafkaError) {
        guard !closed.load(ordering: .acquiring) else { throw .state("producer is closed") }
        let pointer = handle.pointer
        let error: OpaquePointer? = withUnsafeTemporaryAllocation(of: rd_kafka_vu_t.self, capacity: 5 + headers.count) { vus in
            vus.initializeElement(at: 0, to: corridor_vu_rkt(topic.pointer))
            var n = Self.initializeMessage(vus, at: 1, value: value, key: key, opaque: opaque)
            for h in headers {
                let name = UnsafeRawPointer(h.name.utf8Start).assumingMemoryBound(to: CChar.self)
                vus.initializeElement(at: n, to: corridor_vu_header(name, h.value.count > 0 ? h.value.baseAddress : nil, h.value.count))
                n += 1
            }
            return rd_kafka_produceva(pointer, vus.baseAddress, n)
        }
        withExtendedLifetime(topic) {}
        try finishProduce(error, bytes: value.count + (key?.count ?? 0))
    }

    /// Messages produced but not yet reported (queued, in flight, or reports not yet served).
    public var outQueueLength: Int { Int(rd_kafka_outq_len(handle.pointer)) }

    /// The latest statistics (counters are refreshed every `statistics.interval.ms`).
    public var statistics: KafkaProducerStatistics {
        var s = context.statistics.withLock { $0 }
        s.producedPayloadBytes = context.producedBytes.load(ordering: .relaxed)
        return s
    }

    /// Delivery failures since the last successful delivery. A long streak while the broker is
    /// reachable means this handle is stuck (e.g. the broker forgot its producer id): replace it.
    public var consecutiveDeliveryFailures: Int { context.failureStreak.load(ordering: .relaxed) }

    /// The handle's fatal error, if any; the producer must then be replaced.
    public var fatalError: KafkaError? { KafkaError.fatal(of: handle.pointer) }

    /// Waits (blocking the caller) until every queued message has its delivery report served,
    /// or throws `.timedOut` (retriable) with the count still queued. Reports run on the poll queue.
    public func flush(timeout: Duration) throws(KafkaError) {
        let handle = self.handle
        try queue.sync { () throws(KafkaError) in try Self.flush(handle, timeout) }
    }

    /// `flush(timeout:)` without blocking a cooperative thread.
    public func flush(timeout: Duration) async throws(KafkaError) {
        let handle = self.handle
        try await queue.run { () throws(KafkaError) in try Self.flush(handle, timeout) }
    }

    private static func flush(_ handle: RDKafkaHandle, _ timeout: Duration) throws(KafkaError) {
        let err = rd_kafka_flush(handle.pointer, timeout.milliseconds)
        guard err == RD_KAFKA_RESP_ERR_NO_ERROR else {
            throw KafkaError(err, "flush: \(rd_kafka_outq_len(handle.pointer)) messages not yet reported")
        }
    }

    /// Stops accepting messages, flushes for up to `timeout`, then purges what is left so that
    /// every accepted message has had its report (purged ones fail with a retriable error: their
    /// delivery is unknown, the owner must resend). Blocks the caller. Idempotent.
    public func close(timeout: Duration = .seconds(10)) {
        let (handle, context) = (self.handle, self.context)
        guard !closed.exchange(true, ordering: .acquiringAndReleasing) else { return }
        _ = try? queue.sync { () throws(KafkaError) in Self.close(handle, context, timeout) }
    }

    /// `close(timeout:)` without blocking a cooperative thread.
    public func close(timeout: Duration = .seconds(10)) async {
        let (handle, context) = (self.handle, self.context)
        guard !closed.exchange(true, ordering: .acquiringAndReleasing) else { return }
        _ = try? await queue.run { () throws(KafkaError) in Self.close(handle, context, timeout) }
    }

    private static func close(_ handle: RDKafkaHandle, _ context: ProducerContext, _ timeout: Duration) {
        if rd_kafka_flush(handle.pointer, timeout.milliseconds) != RD_KAFKA_RESP_ERR_NO_ERROR {
            _ = rd_kafka_purge(handle.pointer, Int32(RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT))
            // Serves the purge reports; they are local, so this is quick.
            _ = rd_kafka_flush(handle.pointer, 5000)
        }
        context.polling.store(false, ordering: .releasing)
    }
}

/// A producer's handle on one topic (`rd_kafka_topic_t`), from `KafkaProducer.topic(_:)`.
/// It keeps the client alive: a topic handle must be destroyed before its client.
public final class KafkaTopic: @unchecked Sendable {
    let pointer: OpaquePointer
    private let owner: RDKafkaHandle
    public let name: String

    fileprivate init(pointer: OpaquePointer, owner: RDKafkaHandle, name: String) {
        self.pointer = pointer
        self.owner = owner
        self.name = name
    }

    deinit { rd_kafka_topic_destroy(pointer) }
}

/// One message header for `KafkaProducer.produce(to:…)`: a literal name and a value the caller
/// keeps valid for the call.
public struct KafkaHeaderRef {
    public var name: StaticString
    public var value: UnsafeRawBufferPointer

    public init(_ name: StaticString, _ value: UnsafeRawBufferPointer) {
        precondition(name.hasPointerRepresentation, "header names are string literals")
        self.name = name
        self.value = value
    }
}

/// What librdkafka's C callbacks reach through the handle opaque.
final class ProducerContext: Sendable {
    let onDelivery: @Sendable (DeliveryReport) -> Void
    let onError: @Sendable (KafkaError) -> Void
    let statistics = Mutex(KafkaProducerStatistics())
    /// Counted apart from `statistics` (a lock per produced message would be a hot spot).
    let producedBytes = Atomic<Int64>(0)
    /// The last topic name a report carried, so that a run of reports for one topic shares one
    /// `String` instead of allocating one each.
    private let lastTopic = Mutex<(name: [CChar], string: String)>(([0], ""))

    func topicName(_ cName: UnsafePointer<CChar>) -> String {
        lastTopic.withLock { last in
            // Compared by content, not by topic handle: a freed handle's address can be reused.
            if last.name.withUnsafeBufferPointer({ strcmp($0.baseAddress!, cName) }) == 0 { return last.string }
            let string = String(cString: cName)
            last = (Array(UnsafeBufferPointer(start: cName, count: strlen(cName) + 1)), string)
            return string
        }
    }
    let polling = Atomic<Bool>(true)
    let failureStreak = Atomic<Int>(0)

    init(onDelivery: @escaping @Sendable (DeliveryReport) -> Void, onError: @escaping @Sendable (KafkaError) -> Void) {
        self.onDelivery = onDelivery
        self.onError = onError
    }

    static func from(_ opaque: UnsafeMutableRawPointer?) -> ProducerContext? {
        opaque.map { Unmanaged<ProducerContext>.fromOpaque($0).takeUnretainedValue() }
    }
}

private func producerDeliveryCallback(
    _ rk: OpaquePointer?, _ message: UnsafePointer<rd_kafka_message_t>?, _ opaque: UnsafeMutableRawPointer?
) {
    guard let message, let context = ProducerContext.from(opaque) else { return }
    let m = message.pointee
    let result: Result<Void, KafkaError>
    if m.err == RD_KAFKA_RESP_ERR_NO_ERROR {
        result = .success(())
        context.failureStreak.store(0, ordering: .relaxed)
        let bytes = Int64(m.len + m.key_len)
        context.statistics.withLock { $0.deliveredPayloadBytes += bytes }
    } else {
        context.failureStreak.add(1, ordering: .relaxed)
        if m.err == RD_KAFKA_RESP_ERR__FATAL, let rk, let fatal = KafkaError.fatal(of: rk) {
            result = .failure(fatal)
        } else {
            result = .failure(KafkaError(m.err, "delivery"))
        }
    }
    let report = DeliveryReport(
        opaque: UInt64(UInt(bitPattern: m._private)),
        topic: m.rkt.map { context.topicName(rd_kafka_topic_name($0)) } ?? "",
        partition: m.partition,
        offset: m.err == RD_KAFKA_RESP_ERR_NO_ERROR ? m.offset : -1,
        result: result)
    context.onDelivery(report)
}

private func producerErrorCallback(
    _ rk: OpaquePointer?, _ err: Int32, _ reason: UnsafePointer<CChar>?, _ opaque: UnsafeMutableRawPointer?
) {
    guard let context = ProducerContext.from(opaque) else { return }
    let code = rd_kafka_resp_err_t(rawValue: err)
    if code == RD_KAFKA_RESP_ERR__FATAL, let rk, let fatal = KafkaError.fatal(of: rk) {
        context.onError(fatal)
    } else {
        context.onError(KafkaError(
            code: .init(rawValue: err), message: reason.map { String(cString: $0) } ?? RDKafkaErrorText.text(of: err)))
    }
}

private func producerStatsCallback(
    _ rk: OpaquePointer?, _ json: UnsafeMutablePointer<CChar>?, _ length: Int, _ opaque: UnsafeMutableRawPointer?
) -> Int32 {
    guard let json, let context = ProducerContext.from(opaque) else { return 0 }
    json.withMemoryRebound(to: UInt8.self, capacity: length) { bytes in
        let buffer = UnsafeBufferPointer(start: bytes, count: length)
        context.statistics.withLock { $0.absorb(json: buffer) }
    }
    return 0  // librdkafka frees the JSON
}

private func withOptionalBytes<R>(_ bytes: [UInt8]?, _ body: (UnsafeRawBufferPointer?) -> R) -> R {
    guard let bytes else { return body(nil) }
    return bytes.withUnsafeBytes { body($0) }
}
