internal import CRdKafka
import Dispatch
#if canImport(Glibc)
import Glibc
#endif

/// Owns one `rd_kafka_t` and destroys it in `deinit`.
///
/// `@unchecked Sendable`: librdkafka handles are thread-safe; callers still serialize the
/// blocking calls on one dispatch queue per client so that callbacks run on a known thread.
final class RDKafkaHandle: @unchecked Sendable {
    let pointer: OpaquePointer
    /// The callback context handed to librdkafka as the handle opaque; kept alive as long as
    /// the handle, released only after `rd_kafka_destroy` returned.
    private let context: AnyObject?

    enum Kind { case producer, consumer }

    /// Creates the handle; `configure` may install callbacks on the `rd_kafka_conf_t` first.
    init(
        kind: Kind, config: [String: String], context: AnyObject?,
        configure: (OpaquePointer) -> Void = { _ in }
    ) throws(KafkaError) {
        guard let conf = rd_kafka_conf_new() else { throw .state("rd_kafka_conf_new failed") }
        var errstr = [CChar](repeating: 0, count: 512)
        for (key, value) in config.sorted(by: { $0.key < $1.key }) {
            if rd_kafka_conf_set(conf, key, value, &errstr, errstr.count) != RD_KAFKA_CONF_OK {
                rd_kafka_conf_destroy(conf)
                throw .invalidArgument("config \(key)=\(value): \(Self.string(errstr))")
            }
        }
        if let context {
            rd_kafka_conf_set_opaque(conf, Unmanaged.passUnretained(context).toOpaque())
        }
        configure(conf)
        let type = kind == .producer ? RD_KAFKA_PRODUCER : RD_KAFKA_CONSUMER
        guard let handle = rd_kafka_new(type, conf, &errstr, errstr.count) else {
            // rd_kafka_new frees the rd_kafka_conf_t only upon success.
            rd_kafka_conf_destroy(conf)
            throw .invalidArgument("rd_kafka_new: \(Self.string(errstr))")
        }
        self.pointer = handle
        self.context = context
    }

    deinit {
        rd_kafka_destroy(pointer)
    }

    static func string(_ buffer: [CChar]) -> String {
        String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Cluster metadata (`rd_kafka_metadata`), blocking up to `timeout`.
    func metadata(timeout: Duration) throws(KafkaError) -> ClusterMetadata {
        var md: UnsafePointer<rd_kafka_metadata>?
        let err = rd_kafka_metadata(pointer, 1, nil, &md, timeout.milliseconds)
        guard err == RD_KAFKA_RESP_ERR_NO_ERROR, let md else { throw KafkaError(err, "metadata") }
        defer { rd_kafka_metadata_destroy(md) }
        let m = md.pointee
        var brokers: [ClusterMetadata.Broker] = []
        for i in 0..<Int(m.broker_cnt) {
            let b = m.brokers[i]
            brokers.append(.init(id: b.id, host: String(cString: b.host), port: Int(b.port)))
        }
        var topics: [ClusterMetadata.Topic] = []
        for i in 0..<Int(m.topic_cnt) {
            let t = m.topics[i]
            var partitions: [ClusterMetadata.Partition] = []
            for p in 0..<Int(t.partition_cnt) {
                let part = t.partitions[p]
                partitions.append(.init(
                    id: part.id, leader: part.leader,
                    error: part.err == RD_KAFKA_RESP_ERR_NO_ERROR ? nil : KafkaError(part.err)))
            }
            topics.append(.init(
                name: String(cString: t.topic), partitions: partitions.sorted { $0.id < $1.id },
                error: t.err == RD_KAFKA_RESP_ERR_NO_ERROR ? nil : KafkaError(t.err)))
        }
        return ClusterMetadata(brokers: brokers, topics: topics.sorted { $0.name < $1.name })
    }
}

extension Duration {
    /// Whole milliseconds for librdkafka's `int timeout_ms`, clamped to `Int32`.
    var milliseconds: Int32 {
        let (s, atto) = components
        let ms = s * 1000 + atto / 1_000_000_000_000_000
        return Int32(clamping: max(0, ms))
    }
}

/// A serial queue that owns a client's blocking calls, with a re-entrant `sync`: a callback
/// already running on the queue (delivery report, rebalance) may call back into the client.
final class ClientQueue: Sendable {
    let queue: DispatchQueue
    private let key = DispatchSpecificKey<UInt8>()

    init(label: String) {
        queue = DispatchQueue(label: label)
        queue.setSpecific(key: key, value: 1)
    }

    var isCurrent: Bool { DispatchQueue.getSpecific(key: key) != nil }

    func sync<T>(_ body: () throws(KafkaError) -> T) throws(KafkaError) -> T {
        if isCurrent { return try body() }
        let result: Result<T, KafkaError> = queue.sync {
            do throws(KafkaError) { return .success(try body()) } catch { return .failure(error) }
        }
        return try result.get()
    }

    /// Runs `body` on the queue and suspends the caller without blocking a cooperative thread.
    func run<T: Sendable>(_ body: @escaping @Sendable () throws(KafkaError) -> T) async throws(KafkaError) -> T {
        let result: Result<T, KafkaError> = await withCheckedContinuation { continuation in
            queue.async {
                do throws(KafkaError) { continuation.resume(returning: .success(try body())) } catch {
                    continuation.resume(returning: .failure(error))
                }
            }
        }
        return try result.get()
    }
}
