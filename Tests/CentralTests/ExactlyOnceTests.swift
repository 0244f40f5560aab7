import CorridorModel
import Foundation
import Kafka
import Mongo
import Synchronization
import Testing
import TestServices
@testable import CentralService

/// The pipeline in-process against a real nx-27017 (no Kafka needed: a "batch" is what a poll
/// returns). Failures are injected between the steps of the exactly-once protocol; a fresh
/// `BatchProcessor` per attempt plays the restarted process (in-memory state lost).
@Suite(.serialized) struct ExactlyOnceTests {
    struct Fixture {
        let server: MongoServer
        let store: CentralStore
        let lake: TempDir
        func processor(clock: @escaping @Sendable () -> Timestamp = { .now() }) throws -> BatchProcessor {
            BatchProcessor(store: store, lake: try RawLake(directory: lake.path), rescorer: RatingOnlyRescorer(), logger: .silent, clock: clock)
        }
        func close() { try? store.database.drop(); server.stop(); lake.cleanup() }
    }

    func fixture() throws -> Fixture {
        let server = try MongoServer.start()
        let client = try MongoClient(uri: server.uri, appName: "central-tests")
        let store = CentralStore(client: client, database: uniqueName("eo"))
        try store.ensureIndexes()
        return Fixture(server: server, store: store, lake: TempDir("eo-lake"))
    }

    func sampleEvents() -> [Event] {
        var events: [Event] = []
        let labels: [SentimentLabel] = [.satisfied, .unsatisfied, .neutral, .satisfied, .satisfied]
        for i in 0..<60 {
            let station = "ML-T-\(i % 4)"
            events.append(review(station: station, service: ServicePole.allCases[i % 4], label: labels[i % 5],
                                 aspects: i % 3 == 0 ? [AspectSentiment(aspect: .waiting, label: .unsatisfied, score: -0.5)] : []))
            if i % 2 == 0 { events.append(transaction(station: station, amount: Int64(1000 + i), wait: Int64(60 * (i % 7)))) }
        }
        events.append(heartbeat(station: "ML-T-0"))
        return events
    }

    func expectExact(_ f: Fixture, _ events: [Event], sourceLocation: SourceLocation = #_sourceLocation) throws {
        let want = expectedTotals(events)
        for bucket in ["5m", "1h", "1d"] {
            #expect(try totals(f.store.indicators, bucket: bucket) == want, "bucket \(bucket)", sourceLocation: sourceLocation)
        }
        #expect(try f.store.events.find().count == events.count, sourceLocation: sourceLocation)
        #expect(try f.store.events.find(["applied": false]).isEmpty, sourceLocation: sourceLocation)
    }

    @Test(arguments: FaultPoint.allCases)
    func aFailureAtAnyStepNeverDoubleOrUnderCounts(point: FaultPoint) throws {
        let f = try fixture()
        defer { f.close() }
        let events = sampleEvents()
        let batch = messages(events)
        let first = try f.processor()
        first.faultHook.withLock { $0 = { p in if p == point { throw InjectedFault(p) } } }
        #expect(throws: InjectedFault.self) { try first.process(batch) }
        // The restarted consumer replays from the committed offset with other batch bounds:
        // first a third of the batch, then all of it, then all of it again.
        let restarted = try f.processor()
        try restarted.process(Array(batch.prefix(batch.count / 3)))
        try restarted.process(batch)
        try restarted.process(batch)
        try expectExact(f, events)
        try restarted.flushPrunes()
        let leftovers = try f.store.indicators.find().filter { $0.keys.contains { $0.hasPrefix("pending_") } }
        // Only the crashed attempt's guards can remain (its prune list died with it) when it
        // had reached the indicator step; nothing else.
        if point == .duringInsert || point == .afterInsert {
            #expect(leftovers.isEmpty)
        }
    }

    @Test func consecutiveFailuresAtDifferentStepsStillCountOnce() throws {
        let f = try fixture()
        defer { f.close() }
        let events = sampleEvents()
        let batch = messages(events)
        let plan: [(FaultPoint, Int)] = [(.duringInsert, batch.count), (.afterIndicators, batch.count / 2),
                                         (.afterInsert, batch.count), (.afterMarkApplied, batch.count * 3 / 4),
                                         (.afterIndicators, batch.count)]
        for (point, n) in plan {
            let p = try f.processor()
            p.faultHook.withLock { $0 = { q in if q == point { throw InjectedFault(q) } } }
            #expect(throws: InjectedFault.self) { try p.process(Array(batch.prefix(n))) }
        }
        let last = try f.processor()
        let out = try last.process(batch)
        #expect(out.recoveredBatches >= 1)
        try expectExact(f, events)
    }

    @Test func duplicatesInsideAndAcrossBatchesAndPoison() throws {
        let f = try fixture()
        defer { f.close() }
        let events = sampleEvents()
        var batch = messages(events)
        batch.append(batch[3])  // the same event twice in one batch
        let poison: [KafkaMessage] = [
            KafkaMessage(topic: "t", partition: 0, offset: 900, key: nil, value: Array("not json at all".utf8)),
            KafkaMessage(topic: "t", partition: 0, offset: 901, key: nil, value: Array(#"{"schema":"corridor.review/2","id":"x"}"#.utf8)),
            KafkaMessage(topic: "t", partition: 0, offset: 902, key: nil,
                         value: Array(#"{"schema":"corridor.review/1","id":"0190a0b2-0000-7000-8000-000000000001","station_id":"S","captured_at":"2026-12-04T10:00:00.000Z","service":"fuel","rating":9}"#.utf8)),
            KafkaMessage(topic: "t", partition: 0, offset: 903, key: nil, value: [0xFF, 0xFE, 0x00]),
        ]
        let p = try f.processor()
        let out = try p.process(batch + poison)
        #expect(out.deadLettered == 4 && out.duplicates == 1 && out.inserted == events.count)
        let again = try p.process(batch + poison)
        #expect(again.inserted == 0 && again.duplicates == events.count + 1)
        try expectExact(f, events)
        let dead = try f.store.deadLetters.find([:], sort: ["offset": 1])
        #expect(dead.count == 4)
        #expect(dead.first?["_id"]?.stringValue == "t|0|900")
        #expect(dead[1]["reason"]?.stringValue?.contains("unsupported schema") == true)
        #expect(dead[2]["reason"]?.stringValue?.contains("rating") == true)
        // The stored envelope is the exact bytes read from Kafka.
        let stored = try f.store.events.findOne(["_id": .string(events[0].id)])
        #expect(stored?["envelope"]?.stringValue == String(decoding: events[0].jsonBytes, as: UTF8.self))
        // Stations: last seen and the heartbeat's figures.
        let st = try f.store.stations.findOne(["_id": "ML-T-0"])
        #expect(st?["status"]?.stringValue == "online" && st?["version"]?.stringValue == "0.1.0" && st?["pending"]?.intValue == 3)
        // The lake holds each valid event once per file set.
        let lakeLines = try FileManager.default.subpathsOfDirectory(atPath: f.lake.path + "/raw").filter { $0.hasSuffix(".jsonl") }
            .map { try String(contentsOfFile: f.lake.path + "/raw/" + $0, encoding: .utf8).split(separator: "\n").count }.reduce(0, +)
        #expect(lakeLines == events.count)
    }

    @Test func alertsOpenUpdateAndResolve() throws {
        let f = try fixture()
        defer { f.close() }
        let now = Mutex(Timestamp.now())
        let p = try f.processor(clock: { now.withLock { $0 } })
        let t = now.withLock { $0 }
        // 3 unsatisfied of 5 → open.
        var evs = (0..<3).map { _ in review(station: "ML-A-1", label: .unsatisfied, at: t) }
        evs += (0..<2).map { _ in review(station: "ML-A-1", label: .satisfied, at: t) }
        try p.process(messages(evs))
        var open = try f.store.alerts.find(["state": "open"])
        #expect(open.count == 1)
        #expect(open.first?["rule"]?.stringValue == "unsatisfied_share")
        #expect(open.first?["message"]?.stringValue?.contains("60 %") == true)
        // One more unsatisfied → same alert updated (4/6 = 67 %).
        try p.process(messages([review(station: "ML-A-1", label: .unsatisfied, at: t)]))
        open = try f.store.alerts.find(["state": "open"])
        #expect(open.count == 1 && open.first?["message"]?.stringValue?.contains("67 %") == true)
        // Enough satisfied → resolved (4/11 = 36 %).
        try p.process(messages((0..<5).map { _ in review(station: "ML-A-1", label: .satisfied, at: t) }))
        #expect(try f.store.alerts.find(["state": "open"]).isEmpty)
        let resolved = try f.store.alerts.find(["state": "resolved"])
        #expect(resolved.count == 1 && resolved.first?["resolved_at"]?.datetimeValue != nil)
        // Waits of 20 min → wait_time alert on the shop pole.
        try p.process(messages([transaction(station: "ML-A-1", service: .shop, amount: 500, wait: 1200, at: t)]))
        open = try f.store.alerts.find(["state": "open"])
        #expect(open.count == 1 && open.first?["rule"]?.stringValue == "wait_time" && open.first?["service"]?.stringValue == "shop")
        // Three hours later with no event: silent station, offline; a heartbeat resolves it.
        now.withLock { $0 = Timestamp(millis: $0.millis + 3 * 3_600_000) }
        try p.evaluateSilence()
        #expect(try f.store.stations.findOne(["_id": "ML-A-1"])?["status"]?.stringValue == "offline")
        let silent = try f.store.alerts.find(["state": "open", "rule": "station_silent"])
        #expect(silent.count == 1 && silent.first?["service"]?.isNull == true)
        #expect(silent.first?["message"]?.stringValue?.contains("silencieuse") == true)
        try p.process(messages([heartbeat(station: "ML-A-1", at: now.withLock { $0 })]))
        #expect(try f.store.alerts.find(["state": "open", "rule": "station_silent"]).isEmpty)
        #expect(try f.store.stations.findOne(["_id": "ML-A-1"])?["status"]?.stringValue == "online")
    }
}
