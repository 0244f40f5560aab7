internal import CRdKafka
import Dispatch
#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// A consumer-group member over one librdkafka handle, with manual offset commits only.
///
/// Every librdkafka call runs on the consumer's own serial queue; the synchronous methods block
/// their caller (use them from a dedicated thread), the `async` overloads suspend instead.
/// Rebalance callbacks run on that queue inside `poll`/`pollBatch`/`close`, and may call
/// `commit(offsets:)` synchronously.
public final class KafkaConsumer: Sendable {
    private let handle: RDKafkaHandle
    private let context: ConsumerContext
    private let queue: ClientQueue
    private let closed = Atomic<Bool>(false)

    /// Settings for the central consumer: classic group protocol with the eager `range`
    /// assignor (Tansu does not speak KIP-848), short session/heartbeat so a join takes seconds,
    /// start from the earliest offset for a new group. Callers may override any key except the
    /// two auto-commit keys, which `init` forces off.
    public static func reliableDefaults(bootstrapServers: String, groupID: String) -> [String: String] {
        [
            "bootstrap.servers": bootstrapServers,
            "group.id": groupID,
            "client.id": "corridor",
            "group.protocol": "classic",
            "partition.assignment.strategy": "range",
            "session.timeout.ms": "6000",
            "heartbeat.interval.ms": "500",
            "auto.offset.reset": "earliest",
            "enable.partition.eof": "false",
            "max.poll.interval.ms": "300000",
            "reconnect.backoff.ms": "250",
            "reconnect.backoff.max.ms": "10000",
        ]
    }

    /// Creates the consumer (it joins the group on `subscribe` + `poll`).
    /// - Parameters:
    ///   - config: any librdkafka properties; `enable.auto.commit` and `enable.auto.offset.store`
    ///     are forced to `false`: offsets move only through `commit(offsets:)`.
    ///   - onRebalance: called before librdkafka applies an assignment or a revocation.
    ///   - onError: non-fatal consumer errors (broker down, unknown topic); fatal ones are thrown.
    public init(
        config: [String: String],
        onRebalance: @escaping @Sendable (RebalanceEvent) -> Void = { _ in },
        onError: @escaping @Sendable (KafkaError) -> Void = { _ in }
    ) throws(KafkaError) {
        var config = config
        config["enable.auto.commit"] = "false"
        config["enable.auto.offset.store"] = "false"
        let context = ConsumerContext(onRebalance: onRebalance, onError: onError)
        self.context = context
        self.handle = try RDKafkaHandle(kind: .consumer, config: config, context: context) { conf in
            rd_kafka_conf_set_rebalance_cb(conf, consumerRebalanceCallback)
            rd_kafka_conf_set_error_cb(conf, consumerErrorCallback)
        }
        // One queue for messages, rebalances and errors: all served by consumer_poll.
        rd_kafka_poll_set_consumer(handle.pointer)
        self.queue = ClientQueue(label: "corridor.kafka.consumer")
    }

    /// Subscribes to `topics` (replacing any earlier subscription).
    public func subscribe(topics: [String]) throws(KafkaError) {
        let handle = self.handle
        try queue.sync { () throws(KafkaError) in
            try RDKafkaTopicPartitionList.with(topics.map { ($0, corridor_partition_unassigned, nil) }) {
                (list) throws(KafkaError) in
                let err = rd_kafka_subscribe(handle.pointer, list)
                guard err == RD_KAFKA_RESP_ERR_NO_ERROR else { throw KafkaError(err, "subscribe") }
            }
        }
    }

    /// Waits up to `timeout` for one message. Blocks the caller.
    public func poll(timeout: Duration) throws(KafkaError) -> KafkaMessage? {
        try pollBatch(max: 1, timeout: timeout).first
    }

    /// `poll(timeout:)` without blocking a cooperative thread.
    public func poll(timeout: Duration) async throws(KafkaError) -> KafkaMessage? {
        try await pollBatch(max: 1, timeout: timeout).first
    }

    /// Waits up to `timeout` for the first message, then takes whatever else is ready, up to
    /// `max`. An empty array means nothing arrived. Blocks the caller.
    public func pollBatch(max: Int, timeout: Duration) throws(KafkaError) -> [KafkaMessage] {
        let (handle, context, closed) = (self.handle, self.context, self.closed.load(ordering: .acquiring))
        guard !closed else { throw .state("consumer is closed") }
        return try queue.sync { () throws(KafkaError) in try Self.pollBatch(handle, context, max, timeout) }
    }

    /// `pollBatch(max:timeout:)` without blocking a cooperative thread.
    public func pollBatch(max: Int, timeout: Duration) async throws(KafkaError) -> [KafkaMessage] {
        let (handle, context, closed) = (self.handle, self.context, self.closed.load(ordering: .acquiring))
        guard !closed else { throw .state("consumer is closed") }
        return try await queue.run { () throws(KafkaError) in try Self.pollBatch(handle, context, max, timeout) }
    }

    private static func pollBatch(
        _ handle: RDKafkaHandle, _ context: ConsumerContext, _ max: Int, _ timeout: Duration
    ) throws(KafkaError) -> [KafkaMessage] {
        var batch: [KafkaMessage] = []
        var wait = timeout.milliseconds
        while batch.count < max {
            guard let raw = rd_kafka_consumer_poll(handle.pointer, wait) else { break }
            wait = 0
            defer { rd_kafka_message_destroy(raw) }
            let m = raw.pointee
            if m.err == RD_KAFKA_RESP_ERR_NO_ERROR {
                batch.append(Self.message(raw))
            } else if m.err == RD_KAFKA_RESP_ERR__PARTITION_EOF {
                continue
            } else if m.err == RD_KAFKA_RESP_ERR__FATAL, let fatal = KafkaError.fatal(of: handle.pointer) {
                throw fatal
            } else {
                context.onError(KafkaError(m.err, String(cString: rd_kafka_message_errstr(raw))))
            }
        }
        return batch
    }

    private static func message(_ raw: UnsafeMutablePointer<rd_kafka_message_t>) -> KafkaMessage {
        let m = raw.pointee
        let value = m.payload.map { [UInt8](UnsafeRawBufferPointer(start: $0, count: m.len)) } ?? []
        let key = m.key.map { [UInt8](UnsafeRawBufferPointer(start: $0, count: m.key_len)) }
        var headers: [(name: String, value: [UInt8])] = []
        var list: OpaquePointer?
        if rd_kafka_message_headers(raw, &list) == RD_KAFKA_RESP_ERR_NO_ERROR, let list {
            var index = 0
            var name: UnsafePointer<CChar>?
            var pointer: UnsafeRawPointer?
            var size = 0
            while rd_kafka_header_get_all(list, index, &name, &pointer, &size) == RD_KAFKA_RESP_ERR_NO_ERROR {
                let bytes = pointer.map { [UInt8](UnsafeRawBufferPointer(start: $0, count: size)) } ?? []
                headers.append((name.map { String(cString: $0) } ?? "", bytes))
                index += 1
            }
        }
        var type = RD_KAFKA_TIMESTAMP_NOT_AVAILABLE
        let timestamp = rd_kafka_message_timestamp(raw, &type)
        return KafkaMessage(
            topic: m.rkt.map { String(cString: rd_kafka_topic_name($0)) } ?? "",
            partition: m.partition, offset: m.offset, key: key, value: value, headers: headers,
            timestampMillis: type == RD_KAFKA_TIMESTAMP_NOT_AVAILABLE || timestamp < 0 ? nil : timestamp)
    }

    /// Commits `offsets` (each the next offset to consume) and waits for the broker's answer.
    /// Blocks the caller; allowed inside `onRebalance`.
    public func commit(offsets: [TopicPartitionOffset]) throws(KafkaError) {
        guard !offsets.isEmpty else { return }
        let handle = self.handle
        try queue.sync { () throws(KafkaError) in try Self.commit(handle, offsets) }
    }

    /// `commit(offsets:)` without blocking a cooperative thread.
    public func commit(offsets: [TopicPartitionOffset]) async throws(KafkaError) {
        guard !offsets.isEmpty else { return }
        let handle = self.handle
        try await queue.run { () throws(KafkaError) in try Self.commit(handle, offsets) }
    }

    private static func commit(_ handle: RDKafkaHandle, _ offsets: [TopicPartitionOffset]) throws(KafkaError) {
        try RDKafkaTopicPartitionList.with(offsets.map { ($0.topic, $0.partition, $0.offset) }) {
            (list) throws(KafkaError) in
            let err = rd_kafka_commit(handle.pointer, list, 0)
            guard err == RD_KAFKA_RESP_ERR_NO_ERROR else { throw KafkaError(err, "commit") }
            if let error = RDKafkaTopicPartitionList.firstError(list, "commit") { throw error }
        }
    }

    /// The group's committed offsets for `partitions` (absent: nothing committed). Blocks.
    public func committed(_ partitions: [TopicPartition], timeout: Duration) throws(KafkaError) -> [TopicPartition: Int64] {
        let handle = self.handle
        return try queue.sync { () throws(KafkaError) in
            try RDKafkaTopicPartitionList.with(partitions.map { ($0.topic, $0.partition, nil) }) {
                (list) throws(KafkaError) in
                let err = rd_kafka_committed(handle.pointer, list, timeout.milliseconds)
                guard err == RD_KAFKA_RESP_ERR_NO_ERROR else { throw KafkaError(err, "committed") }
                var result: [TopicPartition: Int64] = [:]
                for e in RDKafkaTopicPartitionList.entries(list) where e.offset >= 0 {
                    result[TopicPartition(topic: e.topic, partition: e.partition)] = e.offset
                }
                return result
            }
        }
    }

    /// The partitions currently assigned to this member.
    public func assignment() throws(KafkaError) -> [TopicPartition] {
        let handle = self.handle
        return try queue.sync { () throws(KafkaError) in
            var list: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>?
            let err = rd_kafka_assignment(handle.pointer, &list)
            defer { if let list { rd_kafka_topic_partition_list_destroy(list) } }
            guard err == RD_KAFKA_RESP_ERR_NO_ERROR else { throw KafkaError(err, "assignment") }
            return RDKafkaTopicPartitionList.partitions(list)
        }
    }

    /// Messages between this consumer's positions and the partitions' high watermarks, summed
    /// over its assignment. Uses the watermarks cached from fetch responses (no broker round
    /// trip); nil when nothing is assigned or the positions are not known yet.
    public func lag() -> Int64? {
        let handle = self.handle
        let result = try? queue.sync { () -> Int64? in
            var list: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>?
            guard rd_kafka_assignment(handle.pointer, &list) == RD_KAFKA_RESP_ERR_NO_ERROR, let list else { return nil }
            defer { rd_kafka_topic_partition_list_destroy(list) }
            guard list.pointee.cnt > 0, rd_kafka_position(handle.pointer, list) == RD_KAFKA_RESP_ERR_NO_ERROR else { return nil }
            var total: Int64 = 0
            var known = false
            for i in 0..<Int(list.pointee.cnt) {
                let tp = list.pointee.elems[i]
                var low: Int64 = 0, high: Int64 = 0
                guard rd_kafka_get_watermark_offsets(handle.pointer, tp.topic, tp.partition, &low, &high) == RD_KAFKA_RESP_ERR_NO_ERROR,
                      high >= 0 else { continue }
                known = true
                total += max(0, high - (tp.offset >= 0 ? tp.offset : low))
            }
            return known ? total : nil
        }
        return result ?? nil
    }

    /// Leaves the group (the revoke callback runs first, so the owner can commit). Blocks the
    /// caller for up to the group's leave round-trip. Idempotent.
    public func close() throws(KafkaError) {
        guard !closed.exchange(true, ordering: .acquiringAndReleasing) else { return }
        let handle = self.handle
        try queue.sync { () throws(KafkaError) in try Self.close(handle) }
    }

    /// `close()` without blocking a cooperative thread.
    public func close() async throws(KafkaError) {
        guard !closed.exchange(true, ordering: .acquiringAndReleasing) else { return }
        let handle = self.handle
        try await queue.run { () throws(KafkaError) in try Self.close(handle) }
    }

    private static func close(_ handle: RDKafkaHandle) throws(KafkaError) {
        let err = rd_kafka_consumer_close(handle.pointer)
        guard err == RD_KAFKA_RESP_ERR_NO_ERROR else { throw KafkaError(err, "consumer close") }
    }
}

/// What librdkafka's C callbacks reach through the handle opaque.
final class ConsumerContext: Sendable {
    let onRebalance: @Sendable (RebalanceEvent) -> Void
    let onError: @Sendable (KafkaError) -> Void

    init(onRebalance: @escaping @Sendable (RebalanceEvent) -> Void, onError: @escaping @Sendable (KafkaError) -> Void) {
        self.onRebalance = onRebalance
        self.onError = onError
    }

    static func from(_ opaque: UnsafeMutableRawPointer?) -> ConsumerContext? {
        opaque.map { Unmanaged<ConsumerContext>.fromOpaque($0).takeUnretainedValue() }
    }
}

private func consumerRebalanceCallback(
    _ rk: OpaquePointer?, _ err: rd_kafka_resp_err_t,
    _ partitions: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>?, _ opaque: UnsafeMutableRawPointer?
) {
    guard let rk, let context = ConsumerContext.from(opaque) else { return }
    // The eager protocol (our default) replaces the whole assignment; the cooperative one
    // changes it incrementally. Support both so a config change cannot wedge the group.
    let cooperative = rd_kafka_rebalance_protocol(rk).map { String(cString: $0) } == "COOPERATIVE"
    let parts = RDKafkaTopicPartitionList.partitions(partitions)
    switch err {
    case RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS:
        context.onRebalance(.assigned(parts))
        if cooperative {
            if let error = rd_kafka_incremental_assign(rk, partitions) { context.onError(KafkaError(consuming: error)) }
        } else {
            let e = rd_kafka_assign(rk, partitions)
            if e != RD_KAFKA_RESP_ERR_NO_ERROR { context.onError(KafkaError(e, "assign")) }
        }
    case RD_KAFKA_RESP_ERR__REVOKE_PARTITIONS:
        context.onRebalance(.revoked(parts, lost: rd_kafka_assignment_lost(rk) != 0))
        if cooperative {
            if let error = rd_kafka_incremental_unassign(rk, partitions) { context.onError(KafkaError(consuming: error)) }
        } else {
            _ = rd_kafka_assign(rk, nil)
        }
    default:
        context.onError(KafkaError(err, "rebalance"))
        _ = rd_kafka_assign(rk, nil)
    }
}

private func consumerErrorCallback(
    _ rk: OpaquePointer?, _ err: Int32, _ reason: UnsafePointer<CChar>?, _ opaque: UnsafeMutableRawPointer?
) {
    guard let context = ConsumerContext.from(opaque) else { return }
    context.onError(KafkaError(
        code: .init(rawValue: err), message: reason.map { String(cString: $0) } ?? RDKafkaErrorText.text(of: err)))
}
