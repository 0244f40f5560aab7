import CorridorModel
import Foundation
import Kafka
import Mongo
import Options

/// `corridor-central bench consume`: the consume path's throughput next to a bare librdkafka
/// consumer on the same topic in the same run, then capture → indicator latency at a demo rate.
enum BenchCommand {
    static let spec = CommandSpec(
        name: "bench consume",
        summary: "Measure consume → raw lake + MongoDB in events/s beside a bare librdkafka consumer, and capture→indicator latency.",
        usage: "corridor-central bench consume --kafka-brokers LIST --mongo-uri URI --lake-dir DIR [--count N] [--rate N] [--seconds N]",
        options: [
            OptionSpec("kafka-brokers", "HOST:PORT[,…]", "Kafka bootstrap servers"),
            OptionSpec("mongo-uri", "URI", "MongoDB URI (a scratch database is created and dropped)"),
            OptionSpec("lake-dir", "DIR", "Scratch raw lake directory"),
            OptionSpec("count", "N", "Events for the throughput runs", default: "5000"),
            OptionSpec("batch-size", "N", "Messages per batch", default: "500"),
            OptionSpec("stations", "N", "Distinct stations in the generated events", default: "20"),
            OptionSpec("rate", "N", "Events per second for the latency run", default: "50"),
            OptionSpec("seconds", "N", "Duration of the latency run", default: "10"),
        ])

    static func run(_ args: [String]) throws -> Int32 {
        guard args.first == "consume" else {
            Console.err("usage: corridor-central bench consume [options] (see --help)")
            return args.first == "--help" || args.first == "-h" ? 0 : 2
        }
        let o = try spec.parse(Array(args.dropFirst()))
        if o.helpRequested { Console.out(spec.helpText); return 0 }
        let brokers = try o.require("kafka-brokers"), uri = try o.require("mongo-uri"), lakeDir = try o.require("lake-dir")
        let count = try o.int("count")!, batchSize = try o.int("batch-size")!, stations = try o.int("stations")!
        let rate = try o.int("rate")!, seconds = try o.int("seconds")!
        let tag = UUID().uuidString.prefix(8).lowercased()
        let topic = "bench-consume-\(tag)", latencyTopic = "bench-latency-\(tag)"
        let admin = try KafkaAdmin(config: ["bootstrap.servers": brokers])
        try admin.createTopics([topic, latencyTopic], partitions: 4)

        // Fill the topic.
        let gen = UUIDv7Generator()
        let producer = try KafkaProducer(config: KafkaProducer.reliableDefaults(bootstrapServers: brokers), onDelivery: { _ in })
        let base = Timestamp.now().millis - 3_600_000
        for i in 0..<count {
            let e = sampleReview(id: gen.next(), station: "BENCH-\(i % stations)", at: Timestamp(millis: base + Int64(i) * 10), i: i)
            try produceRetrying(producer, topic: topic, event: e)
        }
        try producer.flush(timeout: .seconds(60))
        Console.out("produced \(count) review envelopes to \(topic) (4 partitions)")

        // Bare librdkafka consumer.
        let bare = try KafkaConsumer(config: KafkaConsumer.reliableDefaults(bootstrapServers: brokers, groupID: "bench-bare-\(tag)"))
        try bare.subscribe(topics: [topic])
        var got = 0
        var first: ContinuousClock.Instant?
        while got < count {
            let b = try bare.pollBatch(max: batchSize, timeout: .milliseconds(500))
            if !b.isEmpty, first == nil { first = .now }
            got += b.count
        }
        let bareSeconds = (ContinuousClock.now - first!).seconds
        try bare.close()

        // The real path: lake + MongoDB + commit, one replica.
        let client = try MongoClient(uri: uri, appName: "corridor-central-bench")
        let dbName = "bench_\(tag)"
        let store = CentralStore(client: client, database: dbName)
        defer { try? store.database.drop() }
        try store.ensureIndexes()
        let lake = try RawLake(directory: lakeDir + "/bench-\(tag)")
        let processor = BatchProcessor(store: store, lake: lake, rescorer: RatingOnlyRescorer(), logger: .silent)
        let consumer = try KafkaConsumer(config: KafkaConsumer.reliableDefaults(bootstrapServers: brokers, groupID: "bench-central-\(tag)"))
        try consumer.subscribe(topics: [topic])
        got = 0
        first = nil
        var stages: [String: Double] = [:]
        var commitSeconds = 0.0
        var batches = 0
        while got < count {
            let b = try consumer.pollBatch(max: batchSize, timeout: .milliseconds(500))
            guard !b.isEmpty else { continue }
            if first == nil { first = .now }
            let out = try processor.process(b)
            for (k, v) in out.stageSeconds { stages[k, default: 0] += v }
            let t = ContinuousClock.now
            var offsets: [TopicPartition: Int64] = [:]
            for m in b { offsets[TopicPartition(topic: m.topic, partition: m.partition)] = max(offsets[TopicPartition(topic: m.topic, partition: m.partition)] ?? 0, m.offset + 1) }
            try consumer.commit(offsets: offsets.map { TopicPartitionOffset(topic: $0.key.topic, partition: $0.key.partition, offset: $0.value) })
            commitSeconds += (ContinuousClock.now - t).seconds
            got += b.count
            batches += 1
        }
        let pipeSeconds = (ContinuousClock.now - first!).seconds
        let reviews = try store.indicators.find(["bucket": "1d"]).reduce(0) { $0 + ($1["reviews"]?.intValue ?? 0) }
        Console.out(String(format: "bare librdkafka consumer: %d msgs in %.2f s = %.0f msg/s", count, bareSeconds, Double(count) / bareSeconds))
        Console.out(String(format: "central consume path:     %d msgs in %.2f s = %.0f events/s (%d batches of ≤%d; indicators count %d reviews)",
                            count, pipeSeconds, Double(count) / pipeSeconds, batches, batchSize, reviews))
        var breakdown = stages.sorted { $0.value > $1.value }.map { String(format: "%@ %.2f s", $0.key, $0.value) }
        breakdown.append(String(format: "commit %.2f s", commitSeconds))
        Console.out("  where the time goes: " + breakdown.joined(separator: ", "))

        // Latency at a demo rate: produce with captured_at = now while the pipeline consumes.
        let latConsumer = try KafkaConsumer(config: KafkaConsumer.reliableDefaults(bootstrapServers: brokers, groupID: "bench-lat-\(tag)"))
        try latConsumer.subscribe(topics: [latencyTopic])
        // Join the group before producing so the join time is not counted as latency.
        let joinDeadline = ContinuousClock.now + .seconds(20)
        while (try latConsumer.assignment()).isEmpty, ContinuousClock.now < joinDeadline {
            _ = try latConsumer.pollBatch(max: 1, timeout: .milliseconds(200))
        }
        let total = rate * seconds
        let producerThread = Thread {
            let interval = 1.0 / Double(max(1, rate))
            let start = Date()
            for i in 0..<total {
                let due = start.addingTimeInterval(Double(i) * interval)
                let wait = due.timeIntervalSinceNow
                if wait > 0 { Thread.sleep(forTimeInterval: wait) }
                let e = sampleReview(id: gen.next(), station: "BENCH-\(i % stations)", at: Timestamp.now(), i: i)
                try? produceRetrying(producer, topic: latencyTopic, event: e)
            }
        }
        producerThread.start()
        var latencies: [Double] = []
        let deadline = ContinuousClock.now + .seconds(Int64(seconds) + 30)
        while latencies.count < total, ContinuousClock.now < deadline {
            let b = try latConsumer.pollBatch(max: batchSize, timeout: .milliseconds(100))
            guard !b.isEmpty else { continue }
            let out = try processor.process(b)
            latencies += out.visibleSeconds
            var offsets: [TopicPartition: Int64] = [:]
            for m in b { offsets[TopicPartition(topic: m.topic, partition: m.partition)] = max(offsets[TopicPartition(topic: m.topic, partition: m.partition)] ?? 0, m.offset + 1) }
            try latConsumer.commit(offsets: offsets.map { TopicPartitionOffset(topic: $0.key.topic, partition: $0.key.partition, offset: $0.value) })
        }
        try latConsumer.close()
        try consumer.close()
        producer.close()
        latencies.sort()
        func pct(_ p: Double) -> Double { latencies.isEmpty ? .nan : latencies[min(latencies.count - 1, Int(Double(latencies.count) * p))] }
        Console.out(String(format: "capture→indicator visible at %d ev/s (linger 50 ms producer): p50 %.0f ms, p99 %.0f ms, max %.0f ms (%d events)",
                            rate, pct(0.5) * 1000, pct(0.99) * 1000, (latencies.last ?? .nan) * 1000, latencies.count))
        try? FileManager.default.removeItem(atPath: lakeDir + "/bench-\(tag)")
        return 0
    }

    static func produceRetrying(_ producer: KafkaProducer, topic: String, event: Event) throws {
        while true {
            do {
                try producer.produce(topic: topic, key: Array(event.stationID.utf8), value: event.jsonBytes, opaque: 0)
                return
            } catch where error.code == .queueFull {
                Thread.sleep(forTimeInterval: 0.01)
            }
        }
    }

    /// A review with a rating and a text, labelled by the rating (the bench's rescorer).
    static func sampleReview(id: String, station: String, at: Timestamp, i: Int) -> Event {
        var e = Event(kind: .review, id: id, stationID: station, capturedAt: at, service: ServicePole.allCases[i % 4])
        e.rating = i % 5 + 1
        e.text = ["Très bien servi", "Trop d'attente à la pompe", "Correct", "Accueil chaleureux", "Pas propre du tout"][i % 5]
        e.channel = .kiosk
        e.sentiment = SentimentAssessment(label: SentimentLabel(rating: e.rating!), score: Double(e.rating! - 3) / 2, model: "rating-only/0")
        return e
    }
}
