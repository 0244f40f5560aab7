import Foundation
import Mongo
import TestServices
import Testing

// Integration tests against a real nx-27017 (one server and one fresh database per test).

@Suite struct MongoCollectionTests {
    @Test func pingAnswers() throws {
        try withMongoDatabase { db, _ in try db.client.ping() }
    }

    @Test func unorderedInsertManyReportsExactlyTheDuplicatesAndInsertsTheRest() throws {
        try withMongoDatabase { db, _ in
            let events = db.collection("events")
            var batch = sampleEvents(0..<2_000)
            batch[11] = batch[10]  // a duplicate inside the batch itself
            // Already there from an earlier (redelivered) batch:
            _ = try events.insertMany([batch[3], batch[7], batch[1_500]])

            let result = try events.insertMany(batch, ordered: false)
            #expect(result.duplicateIndexes == [3, 7, 11, 1_500])
            #expect(result.insertedCount == 1_996)
            #expect(try events.count() == 1_999)

            // The same batch redelivered: everything is a duplicate, nothing is inserted.
            let again = try events.insertMany(batch)
            #expect(again.insertedCount == 0)
            #expect(again.duplicateIndexes.count == 2_000)
        }
    }

    @Test func insertOneDuplicateThrowsDuplicateKey() throws {
        try withMongoDatabase { db, _ in
            let c = db.collection("events")
            try c.insertOne(["_id": "x"])
            do {
                try c.insertOne(["_id": "x"])
                Issue.record("second insert of the same _id did not fail")
            } catch let error as MongoError {
                #expect(error.isDuplicateKey)
                #expect(!error.isRetriable)
            }
        }
    }

    @Test func upsertWithIncAccumulates() throws {
        try withMongoDatabase { db, _ in
            let indicators = db.collection("indicators")
            let key: BSONDocument = ["_id": "ML-BKO-014|fuel|2024-12-04T16:05"]
            let first = try indicators.updateOne(key, update: [
                "$inc": ["reviews": 1, "unsatisfied": 1, "wait_sum": 300.5],
                "$set": ["station_id": "ML-BKO-014"],
            ], upsert: true)
            #expect(first.upsertedID?.stringValue == "ML-BKO-014|fuel|2024-12-04T16:05")
            for _ in 0..<4 {
                let r = try indicators.updateOne(key, update: ["$inc": ["reviews": 1, "wait_sum": 0.5]], upsert: true)
                #expect(r.matchedCount == 1 && r.upsertedID == nil)
            }
            let doc = try #require(try indicators.findOne(key))
            #expect(doc["reviews"]?.intValue == 5)
            #expect(doc["unsatisfied"]?.intValue == 1)
            #expect(doc["wait_sum"]?.doubleValue == 302.5)
            #expect(doc["station_id"]?.stringValue == "ML-BKO-014")
        }
    }

    @Test func bulkUpsertsOnePerKeyAccumulate() throws {
        try withMongoDatabase { db, _ in
            let indicators = db.collection("indicators")
            func batch(_ n: Int) -> [WriteModel] {
                (0..<10).map { k in
                    .updateOne(filter: ["_id": .string("k\(k)")],
                               update: ["$inc": ["n": .int64(Int64(n))], "$max": ["last": .int64(Int64(n))]],
                               upsert: true)
                }
            }
            let r1 = try indicators.bulkWrite(batch(1), ordered: false)
            #expect(r1.upsertedCount == 10 && r1.upsertedIndexes == Array(0..<10) && r1.writeErrors.isEmpty)
            let r2 = try indicators.bulkWrite(batch(2), ordered: false)
            #expect(r2.matchedCount == 10 && r2.upsertedCount == 0)
            let docs = try indicators.find([:], sort: ["_id": 1])
            #expect(docs.count == 10)
            #expect(docs.allSatisfy { $0["n"]?.intValue == 3 && $0["last"]?.intValue == 2 })
        }
    }

    @Test func findFiltersSortsAndLimits() throws {
        try withMongoDatabase { db, _ in
            let c = db.collection("events")
            _ = try c.insertMany((0..<20).map { ["_id": .int32(Int32($0)), "score": .int64(Int64($0))] })
            let top = try c.find(["score": ["$gte": 5]], sort: ["score": -1], limit: 3)
            #expect(top.map { $0["score"]?.intValue } == [19, 18, 17])
            let page = try c.find(["score": ["$lt": 10]], sort: ["score": 1], skip: 2, limit: 2)
            #expect(page.map { $0["score"]?.intValue } == [2, 3])
            #expect(try c.find(["score": ["$gt": 100]]).isEmpty)
        }
    }

    @Test func aggregateGroupsAndSorts() throws {
        try withMongoDatabase { db, _ in
            let c = db.collection("events")
            _ = try c.insertMany([
                ["_id": 1, "station": "A", "rating": 5, "kind": "review"],
                ["_id": 2, "station": "A", "rating": 3, "kind": "review"],
                ["_id": 3, "station": "B", "rating": 1, "kind": "review"],
                ["_id": 4, "station": "B", "rating": 4, "kind": "review"],
                ["_id": 5, "station": "B", "rating": 4, "kind": "transaction"],
            ])
            let rows = try c.aggregate([
                ["$match": ["kind": "review"]],
                ["$group": ["_id": "$station", "n": ["$sum": 1], "avg": ["$avg": "$rating"], "worst": ["$min": "$rating"]]],
                ["$sort": ["_id": 1]],
            ])
            #expect(rows.map { $0["_id"]?.stringValue } == ["A", "B"])
            #expect(rows.map { $0["n"]?.intValue } == [2, 2])
            #expect(rows.map { $0["avg"]?.doubleValue } == [4.0, 2.5])
            #expect(rows.map { $0["worst"]?.intValue } == [3, 1])
        }
    }

    @Test func ttlIndexCreationIsAccepted() throws {
        try withMongoDatabase { db, _ in
            let c = db.collection("events")
            _ = try c.insertMany(sampleEvents(0..<3))
            try c.createIndex(["captured_at": 1], name: "events_ttl", expireAfterSeconds: 7 * 86_400)
            try c.createIndex(["station_id": 1, "captured_at": -1])
            let indexes = try c.listIndexes()
            let ttl = indexes.first { $0["key"]?.documentValue?.keys == ["captured_at"] }
            #expect(ttl?["expireAfterSeconds"]?.intValue == 7 * 86_400)
            let names = indexes.compactMap { $0["name"]?.stringValue }
            withKnownIssue("nx-27017 ignores index names: it names them idx_<collection>_<fields>") {
                #expect(names.contains("events_ttl"))
                #expect(names.contains("station_id_1_captured_at_-1"))
            }
        }
    }

    @Test func replaceDeleteCountAndDrop() throws {
        try withMongoDatabase { db, _ in
            let c = db.collection("stations")
            _ = try c.replaceOne(["_id": "S1"], replacement: ["_id": "S1", "backlog": 3], upsert: true)
            let r = try c.replaceOne(["_id": "S1"], replacement: ["_id": "S1", "backlog": 0, "online": true])
            #expect(r.matchedCount == 1)
            #expect(try c.findOne(["_id": "S1"])?["online"] == true)
            _ = try c.insertMany(sampleEvents(0..<10))
            #expect(try c.count() == 11)
            #expect(try c.count(["service": "fuel"]) == 3)
            #expect(try c.deleteMany(["service": "fuel"]) == 3)
            #expect(try c.count() == 8)
            try c.drop()
            try c.drop()  // dropping what is not there is fine
            #expect(try c.count() == 0)
        }
    }
}

@Suite struct MongoErrorTests {
    @Test func malformedURIIsRejectedAndNotRetriable() {
        do {
            _ = try MongoClient(uri: "notmongodb://localhost", appName: "t")
            Issue.record("a malformed URI was accepted")
        } catch {
            #expect(!error.isRetriable)
            #expect(!error.message.isEmpty)
        }
    }

    @Test func serverDownIsRetriable() throws {
        let server = try MongoServer.start()
        let port = server.port
        server.stop()
        let client = try MongoClient(uri: "mongodb://127.0.0.1:\(port)/?serverSelectionTimeoutMS=300&connectTimeoutMS=300",
                                     appName: "t")
        do {
            try client.ping()
            Issue.record("ping succeeded with the server stopped")
        } catch {
            #expect(error.isRetriable)
            #expect(error.domain == .serverSelection || error.domain == .stream)
        }
        do {
            _ = try client.database("d").collection("c").insertMany([["_id": 1]])
            Issue.record("insert succeeded with the server stopped")
        } catch {
            #expect(error.isRetriable)
        }
    }

    @Test func updateWithoutOperatorsIsAnInvalidArgument() throws {
        try withMongoDatabase { db, _ in
            do {
                _ = try db.collection("c").updateOne(["_id": 1], update: ["n": 1])
                Issue.record("an update document without operators was accepted")
            } catch let error as MongoError {
                #expect(!error.isRetriable)
            }
        }
    }
}
