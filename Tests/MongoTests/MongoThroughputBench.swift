import Foundation
import Mongo
import TestServices
import Testing

// Throughput figures against nx-27017, printed as `BENCH …` lines; asserted only for
// correctness, never for speed. nx-27017 is Python over SQLite: these measure the test server
// far more than libmongoc. About 11 s, so opt-in:
//   CORRIDOR_BENCH=1 swift test --skip-build --filter MongoThroughputBench

@Suite(.serialized, .enabled(if: ProcessInfo.processInfo.environment["CORRIDOR_BENCH"] != nil))
struct MongoThroughputBench {
    static func seconds(_ body: () throws -> Void) rethrows -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    static func report(_ what: String, _ n: Int, _ s: Double) {
        print(String(format: "BENCH %@: %d in %.3f s = %.0f/s", what, n, s, Double(n) / s))
    }

    @Test func bsonEncodeDecodeWithoutServer() throws {
        let docs = sampleEvents(0..<10_000)
        var bytes: [[UInt8]] = []
        let enc = try Self.seconds { bytes = try docs.map { try $0.bsonBytes() } }
        var decoded: [BSONDocument] = []
        let dec = try Self.seconds { decoded = try bytes.map { try BSONDocument(bsonBytes: $0) } }
        #expect(decoded == docs)
        Self.report("BSON encode (Swift model → bson_t → bytes)", docs.count, enc)
        Self.report("BSON decode (bytes → bson_iter → Swift model)", docs.count, dec)
    }

    @Test func unorderedInsertManyAndUpserts() throws {
        try withMongoDatabase { db, _ in
            let events = db.collection("events")
            let docs = sampleEvents(0..<10_000)
            var result: InsertManyResult?
            let insert = try Self.seconds { result = try events.insertMany(docs, ordered: false) }
            #expect(result?.insertedCount == 10_000)
            Self.report("insertMany unordered, 10,000 small docs, one call", 10_000, insert)

            let redeliver = try Self.seconds { result = try events.insertMany(docs, ordered: false) }
            #expect(result?.duplicateIndexes.count == 10_000)
            Self.report("insertMany unordered, 10,000 all-duplicate docs", 10_000, redeliver)

            let indicators = db.collection("indicators")
            func upserts(_ pass: Int) -> [WriteModel] {
                (0..<1_000).map { k in
                    .updateOne(filter: ["_id": .string("ML-BKO-\(k % 50)|fuel|\(k)")],
                               update: ["$inc": ["reviews": 1, "unsatisfied": .int64(Int64(k % 2)), "wait_sum": 12.5],
                                        "$max": ["max_wait": .int64(Int64(pass * 10 + k % 7))],
                                        "$set": ["updated_at": .datetime(1_733_328_000_000 + Int64(pass))]],
                               upsert: true)
                }
            }
            var bulk = BulkWriteResult()
            let first = try Self.seconds { bulk = try indicators.bulkWrite(upserts(1), ordered: false) }
            #expect(bulk.upsertedCount == 1_000)
            Self.report("bulkWrite 1,000 upserts ($inc/$max/$set), all inserting", 1_000, first)
            let second = try Self.seconds { bulk = try indicators.bulkWrite(upserts(2), ordered: false) }
            #expect(bulk.matchedCount == 1_000)
            Self.report("bulkWrite 1,000 upserts ($inc/$max/$set), all updating", 1_000, second)

            let models = upserts(3)
            let single = try Self.seconds {
                for case let .updateOne(filter, update, _) in models {
                    _ = try indicators.updateOne(filter, update: update, upsert: true)
                }
            }
            Self.report("updateOne upsert, 1,000 separate calls", 1_000, single)
            #expect(try indicators.findOne(["_id": "ML-BKO-0|fuel|0"])?["reviews"]?.intValue == 3)
        }
    }
}
