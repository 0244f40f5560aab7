import CorridorModel
import Foundation
import Kafka
import Mongo
import Testing
import TestServices
@testable import CentralService

/// The real `corridor-central run` binary as child processes, against Tansu and nx-27017.
@Suite(.serialized, .timeLimit(.minutes(10))) struct CentralProcessTests {
    struct Stack {
        let kafka: TansuBroker
        let mongo: MongoServer
        let store: CentralStore
        let database: String
        let lake: TempDir
        let topics: [String]
        let group: String
        let logs: TempDir

        init() throws {
            kafka = try TansuBroker.start()
            mongo = try MongoServer.start()
            database = uniqueName("c")
            store = CentralStore(client: try MongoClient(uri: mongo.uri, appName: "central-process-tests"), database: database)
            lake = TempDir("plake")
            logs = TempDir("plogs")
            let tag = UUID().uuidString.prefix(8).lowercased()
            topics = ["rev-\(tag)", "tx-\(tag)", "hb-\(tag)"]
            group = "g-\(tag)"
            try KafkaAdmin(config: ["bootstrap.servers": kafka.bootstrap]).createTopics(topics, partitions: 4)
        }

        func central(_ name: String, batchSize: Int = 500) throws -> CentralProcess {
            try CentralProcess(brokers: kafka.bootstrap, mongoURI: mongo.uri, database: database, lakeDir: lake.path,
                               topics: topics, group: group, logPath: logs.path + "/\(name).log", batchSize: batchSize)
        }

        func close() {
            kafka.stop()
            mongo.stop()
            lake.cleanup()
            logs.cleanup()
        }
    }

    func reviews(_ n: Int, stations: Int = 8) -> [Event] {
        let labels: [SentimentLabel] = [.satisfied, .satisfied, .neutral, .unsatisfied, .satisfied, .neutral, .satisfied]
        return (0..<n).map { i in review(station: "ML-P-\(i % stations)", service: ServicePole.allCases[i % 4], label: labels[i % labels.count]) }
    }

    @Test func endToEndCountsExactDuplicatesAndPoison() throws {
        let s = try Stack()
        defer { s.close() }
        let revs = reviews(300)
        let txs = (0..<40).map { i in transaction(station: "ML-P-\(i % 8)", amount: 2500, wait: Int64(i * 10)) }
        let hbs = (0..<8).map { heartbeat(station: "ML-P-\($0)") }
        let poison: [[UInt8]] = [Array("garbage".utf8), Array(#"{"schema":"corridor.review/7"}"#.utf8), Array(#"{"schema":"corridor.review/1","id":"nope"}"#.utf8)]
        try produce(revs, topic: s.topics[0], brokers: s.kafka.bootstrap, extra: poison)
        try produce(txs, topic: s.topics[1], brokers: s.kafka.bootstrap)
        try produce(hbs, topic: s.topics[2], brokers: s.kafka.bootstrap)
        let c = try s.central("e2e")
        defer { c.process.terminate() }
        let want = expectedTotals(revs + txs)
        let done = try waitUntil(timeout: .seconds(90)) { try totals(s.store.indicators, bucket: "1d") == want }
        let got = try totals(s.store.indicators, bucket: "1d")
        #expect(done, "indicators: \(got) want \(want); log \(c.process.logPath)")
        #expect(try totals(s.store.indicators, bucket: "5m") == want)
        #expect(try totals(s.store.indicators, bucket: "1h") == want)
        #expect(try waitUntil(timeout: .seconds(20)) { try s.store.deadLetters.find().count == 3 })
        // Caught up: the consumer's lag behind the partition ends is 0.
        #expect(waitUntil(timeout: .seconds(20)) { c.metric("corridor_central_lag") == 0 }, "lag \(String(describing: c.metric("corridor_central_lag")))")
        #expect(try waitUntil(timeout: .seconds(20)) { try s.store.stations.find().count == 8 })

        // The same events sent again: duplicates, counts unchanged.
        try produce(revs + txs, topic: s.topics[0], brokers: s.kafka.bootstrap)
        let all = revs.count + txs.count
        #expect(try waitUntil(timeout: .seconds(60)) { (c.metric("corridor_central_duplicates_total") ?? 0) >= Double(all) })
        #expect(try totals(s.store.indicators, bucket: "1d") == want)
        #expect(c.get("/healthz")?.0 == 200)
        #expect(c.metric("corridor_central_dead_lettered_total") == 3)

        // The raw lake holds each accepted message once per delivery (the resend is a new
        // offset range, so it is in the lake twice; compaction dedups by id).
        let lines = try FileManager.default.subpathsOfDirectory(atPath: s.lake.path + "/raw").filter { $0.hasSuffix(".jsonl") }
            .map { try String(contentsOfFile: s.lake.path + "/raw/" + $0, encoding: .utf8).split(separator: "\n").count }.reduce(0, +)
        #expect(lines == 2 * all + hbs.count)
        c.process.terminate()
        #expect(c.process.wait(timeout: .seconds(10)) == 0)
    }

    @Test func killNineTenTimesMidStreamStillExact() throws {
        let s = try Stack()
        defer { s.close() }
        let revs = reviews(1500, stations: 12)
        try produce(revs, topic: s.topics[0], brokers: s.kafka.bootstrap)
        let want = expectedTotals(revs)
        var kills = 0
        var previous = -1
        for round in 0..<10 {
            let c = try s.central("kill\(round)", batchSize: 25)
            // Let it make some progress (or at least join and start a batch), then crash it.
            _ = try waitUntil(timeout: .seconds(25)) { try s.store.events.find([:], projection: ["_id": 1]).count > previous + 20 }
            usleep(UInt32.random(in: 0..<400_000))
            c.process.kill9()
            kills += 1
            previous = try s.store.events.find([:], projection: ["_id": 1]).count
            if previous == revs.count { break }
        }
        let last = try s.central("final", batchSize: 25)
        defer { last.process.terminate() }
        let done = try waitUntil(timeout: .seconds(120)) { try totals(s.store.indicators, bucket: "1d") == want }
        let got = try totals(s.store.indicators, bucket: "1d")
        #expect(done, "after \(kills) kills: \(got) want \(want)")
        #expect(try totals(s.store.indicators, bucket: "5m") == want)
        #expect(try s.store.events.find(["applied": false]).isEmpty)
        #expect(kills == 10 || previous == revs.count)
        print("kill -9 test: \(kills) kills; recovered batches by the last replica: \(last.metric("corridor_central_recovered_batches_total") ?? -1)")
    }

    @Test func twoReplicasOneKilledTheOtherTakesOver() throws {
        let s = try Stack()
        defer { s.close() }
        let a = try s.central("a", batchSize: 20)
        let b = try s.central("b", batchSize: 20)
        defer { a.process.terminate(); b.process.terminate() }
        // Both members joined: each has some partitions.
        let joined = waitUntil(timeout: .seconds(40)) {
            let pa = a.get("/healthz")?.1 ?? "", pb = b.get("/healthz")?.1 ?? ""
            return pa.contains("rev-") && pb.contains("rev-")
        }
        #expect(joined, "both replicas should own partitions")
        let first = reviews(400, stations: 16)
        try produce(first, topic: s.topics[0], brokers: s.kafka.bootstrap)
        _ = try waitUntil(timeout: .seconds(30)) { try s.store.events.find([:], projection: ["_id": 1]).count > 100 }
        a.process.kill9()
        let second = reviews(400, stations: 16)
        try produce(second, topic: s.topics[0], brokers: s.kafka.bootstrap)
        let want = expectedTotals(first + second)
        let done = try waitUntil(timeout: .seconds(120)) { try totals(s.store.indicators, bucket: "1d") == want }
        let got = try totals(s.store.indicators, bucket: "1d")
        #expect(done, "\(got) want \(want)")
        let health = b.get("/healthz")?.1 ?? ""
        #expect((0..<4).allSatisfy { health.contains("rev-") && health.contains("[\($0)]") }, "b should own every partition: \(health)")
    }
}
