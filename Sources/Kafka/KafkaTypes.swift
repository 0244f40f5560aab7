/// A topic and one of its partitions.
public struct TopicPartition: Sendable, Hashable, CustomStringConvertible {
    public var topic: String
    public var partition: Int32
    public init(topic: String, partition: Int32) {
        self.topic = topic
        self.partition = partition
    }
    public var description: String { "\(topic)[\(partition)]" }
}

/// A position in a partition. For `KafkaConsumer.commit(offsets:)` the offset is the **next**
/// offset to consume (last processed + 1), as in Kafka itself; `init(after:)` builds it.
public struct TopicPartitionOffset: Sendable, Hashable, CustomStringConvertible {
    public var topic: String
    public var partition: Int32
    public var offset: Int64
    public init(topic: String, partition: Int32, offset: Int64) {
        self.topic = topic
        self.partition = partition
        self.offset = offset
    }
    /// The commit position that marks `message` as processed.
    public init(after message: KafkaMessage) {
        self.init(topic: message.topic, partition: message.partition, offset: message.offset + 1)
    }
    public var topicPartition: TopicPartition { TopicPartition(topic: topic, partition: partition) }
    public var description: String { "\(topic)[\(partition)]@\(offset)" }
}

/// One consumed record, copied out of librdkafka's buffers.
public struct KafkaMessage: Sendable {
    public var topic: String
    public var partition: Int32
    public var offset: Int64
    public var key: [UInt8]?
    public var value: [UInt8]
    public var headers: [(name: String, value: [UInt8])]
    /// Milliseconds since the epoch (create or log-append time), nil when the broker gave none.
    public var timestampMillis: Int64?

    public init(
        topic: String, partition: Int32, offset: Int64, key: [UInt8]?, value: [UInt8],
        headers: [(name: String, value: [UInt8])] = [], timestampMillis: Int64? = nil
    ) {
        self.topic = topic
        self.partition = partition
        self.offset = offset
        self.key = key
        self.value = value
        self.headers = headers
        self.timestampMillis = timestampMillis
    }

    /// The value of the first header called `name`.
    public func header(_ name: String) -> [UInt8]? {
        headers.first { $0.name == name }?.value
    }
}

/// A consumer-group rebalance, reported before librdkafka applies it.
public enum RebalanceEvent: Sendable, Hashable {
    /// These partitions are now this consumer's; fetching starts at the committed offsets.
    case assigned([TopicPartition])
    /// These partitions are taken away. Commit what is fully processed **inside the callback**
    /// (`commit(offsets:)` works there) and drop the rest: another member will redeliver it.
    /// `lost` is true when the group already gave them to someone else (commits will fail).
    case revoked([TopicPartition], lost: Bool)
}

/// The outcome of one produced message, as librdkafka reported it.
public struct DeliveryReport: Sendable {
    /// The tag given to `KafkaProducer.produce(... opaque:)`.
    public var opaque: UInt64
    public var topic: String
    public var partition: Int32
    /// The offset in the partition; -1 when unknown (failure, or acks=0).
    public var offset: Int64
    /// Success means the broker acknowledged the message under the producer's `acks` setting.
    public var result: Result<Void, KafkaError>

    /// Whether the message is delivered; only then may the owner mark it sent.
    public var isDelivered: Bool {
        if case .success = result { return true }
        return false
    }

    /// The failure, when there is one.
    public var error: KafkaError? {
        if case .failure(let error) = result { return error }
        return nil
    }
}

/// Brokers and topics as a metadata request returned them.
public struct ClusterMetadata: Sendable {
    public struct Broker: Sendable, Hashable {
        public var id: Int32
        public var host: String
        public var port: Int
    }
    public struct Partition: Sendable, Hashable {
        public var id: Int32
        public var leader: Int32
        public var error: KafkaError?
    }
    public struct Topic: Sendable, Hashable {
        public var name: String
        public var partitions: [Partition]
        public var error: KafkaError?
    }
    public var brokers: [Broker]
    public var topics: [Topic]

    /// The topic called `name`, if the cluster knows it.
    public func topic(_ name: String) -> Topic? { topics.first { $0.name == name } }
}
