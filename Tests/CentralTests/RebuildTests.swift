import CorridorModel
import Foundation
import Mongo
import Testing
import TestServices
@testable import CentralService

/// The batch layer recomputes exactly what the speed layer built from the same events.
@Suite(.serialized) struct RebuildTests {
    /// Indicator documents as comparable numbers, without bookkeeping fields.
    func snapshot(_ c: MongoCollection) throws -> [String: [String: Double]] {
        var out: [String: [String: Double]] = [:]
        for doc in try c.find() {
            guard case .string(let id)? = doc["_id"] else { continue }
            var fields: [String: Double] = [:]
            for k in doc.keys where k != "_id" && k != "updated_at" && !k.hasPrefix("pending_") {
                if let v = doc[k]?.doubleValue { fields[k] = v }
            }
            out[id] = fields
        }
        return out
    }

    @Test func rebuildFromTheLakeEqualsTheSpeedLayer() throws {
        let server = try MongoServer.start()
        defer { server.stop() }
        let client = try MongoClient(uri: server.uri, appName: "rebuild-tests")
        let speed = CentralStore(client: client, database: uniqueName("speed"))
        let rebuilt = CentralStore(client: client, database: uniqueName("rebuilt"))
        defer { try? speed.database.drop(); try? rebuilt.database.drop() }
        try speed.ensureIndexes()
        let lake = TempDir("rebuild-lake")
        defer { lake.cleanup() }

        var events: [Event] = []
        let labels: [SentimentLabel] = [.satisfied, .unsatisfied, .neutral, .unsatisfied]
        let day = 86_400_000 as Int64
        for i in 0..<120 {
            // Three days, four stations, all poles, reviews with aspects and transactions with waits.
            let at = Timestamp(millis: Timestamp.now().millis - Int64(i % 3) * day - Int64(i) * 60_000)
            events.append(review(station: "ML-R-\(i % 4)", service: ServicePole.allCases[i % 4], label: labels[i % 4], at: at,
                                 aspects: i % 5 == 0 ? [AspectSentiment(aspect: .price, label: .unsatisfied, score: -0.6)] : []))
            if i % 3 == 0 { events.append(transaction(station: "ML-R-\(i % 4)", amount: Int64(500 * i), wait: Int64(30 * (i % 11)), at: at)) }
        }
        let processor = BatchProcessor(store: speed, lake: try RawLake(directory: lake.path), rescorer: RatingOnlyRescorer(), logger: .silent)
        let batch = messages(events)
        try processor.process(Array(batch.prefix(70)))
        try processor.process(batch)                       // a redelivery overlapping the first batch
        try processor.process(messages(Array(events.suffix(20)), topic: "t", partitions: 2, firstOffset: 10_000))  // duplicate sends
        let speedView = try snapshot(speed.indicators)
        #expect(!speedView.isEmpty)

        let rebuilder = Rebuilder(lakeDir: lake.path, rescorer: RatingOnlyRescorer())
        let (summary, deltas) = try rebuilder.compute()
        #expect(summary.events == events.count)
        #expect(summary.duplicates > 0)
        try rebuilder.replace(in: rebuilt, deltas: deltas)
        let rebuiltView = try snapshot(rebuilt.indicators)
        #expect(rebuiltView.count == speedView.count)
        for (id, fields) in speedView {
            let other = rebuiltView[id] ?? [:]
            #expect(Set(other.keys) == Set(fields.keys), "\(id): fields \(Set(other.keys).symmetricDifference(fields.keys))")
            for (k, v) in fields {
                // Counters are exact; score sums may differ in the last bits (addition order).
                let tolerance = k == "score_sum" ? 1e-9 * max(1, abs(v)) : 0
                #expect(abs((other[k] ?? .nan) - v) <= tolerance, "\(id).\(k): rebuilt \(other[k] ?? .nan), speed layer \(v)")
            }
        }
        // Rebuilding again changes nothing.
        try rebuilder.replace(in: rebuilt, deltas: try rebuilder.compute().deltas)
        #expect(try snapshot(rebuilt.indicators).count == rebuiltView.count)
    }
}
