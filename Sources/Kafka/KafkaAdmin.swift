internal import CRdKafka
import Dispatch
#if canImport(Glibc)
import Glibc
#endif

/// Topic administration and metadata over its own librdkafka handle.
///
/// The synchronous methods block their caller; the `async` overloads run on the admin's own
/// serial queue.
public final class KafkaAdmin: Sendable {
    private let handle: RDKafkaHandle
    private let queue = ClientQueue(label: "corridor.kafka.admin")

    /// - Parameter config: at least `bootstrap.servers`; any librdkafka property.
    public init(config: [String: String]) throws(KafkaError) {
        handle = try RDKafkaHandle(kind: .producer, config: config, context: nil)
    }

    /// Creates each topic in `names` with `partitions` partitions. A topic that already exists
    /// is not an error. Blocks up to `timeout`.
    public func createTopics(
        _ names: [String], partitions: Int32, replicationFactor: Int32 = 1, timeout: Duration = .seconds(10)
    ) throws(KafkaError) {
        let handle = self.handle
        try queue.sync { () throws(KafkaError) in
            try Self.createTopics(handle, names, partitions, replicationFactor, timeout)
        }
    }

    /// `createTopics` without blocking a cooperative thread.
    public func createTopics(
        _ names: [String], partitions: Int32, replicationFactor: Int32 = 1, timeout: Duration = .seconds(10)
    ) async throws(KafkaError) {
        let handle = self.handle
        try await queue.run { () throws(KafkaError) in
            try Self.createTopics(handle, names, partitions, replicationFactor, timeout)
        }
    }

    /// Brokers and all topics with their partitions. Blocks up to `timeout`.
    public func metadata(timeout: Duration = .seconds(10)) throws(KafkaError) -> ClusterMetadata {
        let handle = self.handle
        return try queue.sync { () throws(KafkaError) in try handle.metadata(timeout: timeout) }
    }

    /// `metadata(timeout:)` without blocking a cooperative thread.
    public func metadata(timeout: Duration = .seconds(10)) async throws(KafkaError) -> ClusterMetadata {
        let handle = self.handle
        return try await queue.run { () throws(KafkaError) in try handle.metadata(timeout: timeout) }
    }

    private static func createTopics(
        _ handle: RDKafkaHandle, _ names: [String], _ partitions: Int32, _ replication: Int32, _ timeout: Duration
    ) throws(KafkaError) {
        guard !names.isEmpty else { return }
        var errstr = [CChar](repeating: 0, count: 512)
        var topics: [OpaquePointer?] = []
        defer { for t in topics { rd_kafka_NewTopic_destroy(t) } }
        for name in names {
            guard let topic = rd_kafka_NewTopic_new(name, partitions, replication, &errstr, errstr.count) else {
                throw .invalidArgument("topic \(name): \(RDKafkaHandle.string(errstr))")
            }
            topics.append(topic)
        }
        let options = rd_kafka_AdminOptions_new(handle.pointer, RD_KAFKA_ADMIN_OP_CREATETOPICS)
        defer { rd_kafka_AdminOptions_destroy(options) }
        _ = rd_kafka_AdminOptions_set_request_timeout(options, timeout.milliseconds, &errstr, errstr.count)
        _ = rd_kafka_AdminOptions_set_operation_timeout(options, timeout.milliseconds, &errstr, errstr.count)
        let resultQueue = rd_kafka_queue_new(handle.pointer)
        defer { rd_kafka_queue_destroy(resultQueue) }
        topics.withUnsafeMutableBufferPointer { buffer in
            rd_kafka_CreateTopics(handle.pointer, buffer.baseAddress, buffer.count, options, resultQueue)
        }
        // The request times out on its own; the extra second lets its result arrive.
        guard let event = rd_kafka_queue_poll(resultQueue, timeout.milliseconds + 1000) else {
            throw KafkaError(code: .timedOut, message: "CreateTopics: no result")
        }
        defer { rd_kafka_event_destroy(event) }
        let err = rd_kafka_event_error(event)
        guard err == RD_KAFKA_RESP_ERR_NO_ERROR else {
            throw KafkaError(err, "CreateTopics: \(String(cString: rd_kafka_event_error_string(event)))")
        }
        var count = 0
        let result = rd_kafka_event_CreateTopics_result(event)
        guard let results = rd_kafka_CreateTopics_result_topics(result, &count) else { return }
        for i in 0..<count {
            let r = results[i]
            let e = rd_kafka_topic_result_error(r)
            if e == RD_KAFKA_RESP_ERR_NO_ERROR || e == RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS { continue }
            let name = String(cString: rd_kafka_topic_result_name(r))
            let text = rd_kafka_topic_result_error_string(r).map { String(cString: $0) } ?? ""
            throw KafkaError(e, "create topic \(name): \(text)")
        }
    }
}
