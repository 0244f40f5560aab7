internal import CRdKafka

/// Conversions between `rd_kafka_topic_partition_list_t` and Swift values.
enum RDKafkaTopicPartitionList {
    /// Lends a new list holding `entries` (offset may be nil); destroyed when `body` returns.
    static func with<R>(
        _ entries: [(topic: String, partition: Int32, offset: Int64?)],
        _ body: (UnsafeMutablePointer<rd_kafka_topic_partition_list_t>) throws(KafkaError) -> R
    ) throws(KafkaError) -> R {
        guard let list = rd_kafka_topic_partition_list_new(Int32(entries.count)) else {
            throw .state("rd_kafka_topic_partition_list_new failed")
        }
        defer { rd_kafka_topic_partition_list_destroy(list) }
        for entry in entries {
            guard let element = rd_kafka_topic_partition_list_add(list, entry.topic, entry.partition) else {
                throw .state("rd_kafka_topic_partition_list_add failed")
            }
            if let offset = entry.offset { element.pointee.offset = offset }
        }
        return try body(list)
    }

    struct Entry {
        var topic: String
        var partition: Int32
        var offset: Int64
        var error: rd_kafka_resp_err_t
    }

    static func entries(_ list: UnsafePointer<rd_kafka_topic_partition_list_t>?) -> [Entry] {
        guard let list, let elements = list.pointee.elems else { return [] }
        return (0..<Int(list.pointee.cnt)).map { i in
            let e = elements[i]
            return Entry(topic: String(cString: e.topic), partition: e.partition, offset: e.offset, error: e.err)
        }
    }

    static func partitions(_ list: UnsafePointer<rd_kafka_topic_partition_list_t>?) -> [TopicPartition] {
        entries(list).map { TopicPartition(topic: $0.topic, partition: $0.partition) }
    }

    /// The first per-partition error of a list that librdkafka filled in.
    static func firstError(_ list: UnsafePointer<rd_kafka_topic_partition_list_t>, _ what: String) -> KafkaError? {
        entries(list).first { $0.error != RD_KAFKA_RESP_ERR_NO_ERROR }.map {
            KafkaError($0.error, "\(what) \($0.topic)[\($0.partition)]")
        }
    }
}
