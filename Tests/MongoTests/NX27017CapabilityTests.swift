import Foundation
import Mongo
import TestServices
import Testing

// What the central service needs from the server, checked one feature per test against
// nx-27017. Production runs real MongoDB; a `withKnownIssue` here marks where nx-27017
// (not the wrapper) falls short, so the suite stays green and the gap stays visible.

@Suite struct NX27017CapabilityTests {
    @Test func valueTypesSurviveTheServer() throws {
        try withMongoDatabase { db, _ in
            let c = db.collection("types")
            let doc: BSONDocument = [
                "_id": "t", "i32": .int32(7), "i64": .int64(1 << 40), "d": 2.5, "s": "Très bien",
                "b": true, "n": nil, "dt": .datetime(1_733_328_000_123),
                "oid": .objectID(BSONObjectID(hex: "65f0a1b2c3d4e5f601234567")!),
                "doc": ["x": [1, 2]], "arr": [["y": "z"]],
            ]
            try c.insertOne(doc)
            let back = try #require(try c.findOne(["_id": "t"]))
            for key in doc.keys where key != "doc" {
                #expect(back[key] == doc[key], "field \(key)")
            }
            // Integers come back as the same numbers; read them with intValue.
            #expect(back["doc"]?["x"]?.arrayValue?.compactMap(\.intValue) == [1, 2])
            withKnownIssue("nx-27017 narrows an int64 that fits in 32 bits to int32") {
                #expect(back["doc"] == doc["doc"])
            }
        }
    }

    @Test func incOnDottedPathsAndMaxMin() throws {
        try withMongoDatabase { db, _ in
            let c = db.collection("indicators")
            let k: BSONDocument = ["_id": "k"]
            // Create the document first: see upsertInsertWithDottedPaths for why.
            _ = try c.updateOne(k, update: ["$set": ["labels": ["unsatisfied": 0], "aspects": [:]],
                                            "$max": ["max_wait": 300], "$min": ["min_wait": 300]], upsert: true)
            _ = try c.updateOne(k, update: ["$inc": ["labels.unsatisfied": 1, "aspects.wait": 2],
                                            "$max": ["max_wait": 100], "$min": ["min_wait": 100]], upsert: true)
            _ = try c.updateOne(k, update: ["$inc": ["labels.unsatisfied": 1, "labels.satisfied": 1],
                                            "$max": ["max_wait": 900], "$min": ["min_wait": 200]], upsert: true)
            let d = try #require(try c.findOne(k))
            #expect(d["labels"]?["unsatisfied"]?.intValue == 2)
            #expect(d["labels"]?["satisfied"]?.intValue == 1)
            #expect(d["aspects"]?["wait"]?.intValue == 2)
            #expect(d["max_wait"]?.intValue == 900)
            #expect(d["min_wait"]?.intValue == 100)
        }
    }

    @Test func upsertInsertWithDottedPaths() throws {
        try withMongoDatabase { db, _ in
            let c = db.collection("indicators")
            _ = try c.updateOne(["_id": "k"], update: ["$inc": ["labels.unsatisfied": 1]], upsert: true)
            let d = try #require(try c.findOne(["_id": "k"]))
            withKnownIssue("nx-27017: an upsert that inserts stores a dotted $inc path as a literal key \"labels.unsatisfied\"") {
                #expect(d["labels"]?["unsatisfied"]?.intValue == 1)
            }
        }
    }

    @Test func setOnInsertOnlyOnInsert() throws {
        try withMongoDatabase { db, _ in
            let c = db.collection("stations")
            for call in 0..<3 {
                _ = try c.updateOne(["_id": "S1"], update: [
                    "$setOnInsert": ["first_seen": .int64(Int64(call))],
                    "$set": ["last_seen": .int64(Int64(call))],
                ], upsert: true)
            }
            let d = try #require(try c.findOne(["_id": "S1"]))
            #expect(d["first_seen"]?.intValue == 0)
            #expect(d["last_seen"]?.intValue == 2)
        }
    }

    @Test func pushWithEachAndSliceKeepsTheLastN() throws {
        try withMongoDatabase { db, _ in
            let c = db.collection("alerts")
            for i in 0..<5 {
                _ = try c.updateOne(["_id": "S1"], update: [
                    "$push": ["recent": ["$each": [.int64(Int64(i))], "$slice": -3]],
                ], upsert: true)
            }
            let d = try #require(try c.findOne(["_id": "S1"]))
            #expect(d["recent"]?.arrayValue?.compactMap(\.intValue) == [2, 3, 4])
        }
    }

    @Test func findWithProjection() throws {
        try withMongoDatabase { db, _ in
            let c = db.collection("events")
            _ = try c.insertMany(sampleEvents(0..<5))
            let include = try c.find(["rating": ["$gte": .int32(3)]], sort: ["_id": 1], projection: ["_id": 0, "rating": 1])
            #expect(include.count == 3)
            #expect(include.allSatisfy { $0.keys == ["rating"] })
            let exclude = try c.find([:], limit: 1, projection: ["score": 0, "captured_at": 0])
            #expect(exclude.first.map { Set($0.keys) } == ["_id", "station_id", "service", "rating"])
        }
    }

    @Test func countDocumentsWithFilters() throws {
        try withMongoDatabase { db, _ in
            let c = db.collection("events")
            _ = try c.insertMany(sampleEvents(0..<100))
            #expect(try c.count() == 100)
            #expect(try c.count(["service": "wash"]) == 25)
            #expect(try c.count(["captured_at": ["$gte": .datetime(1_733_328_000_000 + 90_000)]]) == 10)
            #expect(try c.count(["service": ["$in": ["fuel", "gas"]], "rating": ["$lte": .int32(2)]]) == 20)
        }
    }

    @Test func aggregateMatchGroupSortLimitProject() throws {
        try withMongoDatabase { db, _ in
            let c = db.collection("events")
            _ = try c.insertMany(sampleEvents(0..<100))
            let rows = try c.aggregate([
                ["$match": ["rating": ["$gte": .int32(2)]]],
                ["$group": [
                    "_id": "$station_id", "n": ["$sum": 1], "rating_sum": ["$sum": "$rating"],
                    "best": ["$max": "$rating"], "first": ["$first": "$_id"],
                    "low": ["$sum": ["$cond": [["$lte": ["$rating", .int32(2)]], 1, 0]]],
                ]],
                ["$sort": ["rating_sum": -1, "_id": 1]],
                ["$limit": 3],
                ["$project": ["_id": 0, "station": "$_id", "n": 1, "rating_sum": 1, "best": 1, "low": 1]],
            ])
            #expect(rows.count == 3)
            #expect(rows.first?["station"]?.stringValue == "ML-BKO-004")
            #expect(rows.first?["rating_sum"]?.intValue == 25)
            #expect(rows.first?["n"]?.intValue == 5)
            #expect(rows.map { $0["low"]?.intValue } == [0, 0, 0])
        }
    }

    @Test func aggregateShortfalls() throws {
        try withMongoDatabase { db, _ in
            let c = db.collection("events")
            _ = try c.insertMany(sampleEvents(0..<100))
            let since: BSONValue = .datetime(1_733_328_000_000 + 95_000)
            #expect(try c.find(["captured_at": ["$gte": since]]).count == 5)  // find is right
            let matched = try c.aggregate([["$match": ["captured_at": ["$gte": since]]], ["$count": "n"]])
            let compound = try c.aggregate([["$group": ["_id": ["station": "$station_id", "service": "$service"], "n": ["$sum": 1]]]])
            let latest = try c.aggregate([["$group": ["_id": nil, "last": ["$max": "$captured_at"]]]])
            withKnownIssue("nx-27017: aggregate $match ignores a comparison with a datetime") {
                #expect(matched.first?["n"]?.intValue == 5)
            }
            withKnownIssue("nx-27017: $group with a compound _id (document of expressions) is not evaluated") {
                #expect(compound.count == 20)
            }
            withKnownIssue("nx-27017: $max of a datetime in $group returns an extended-JSON string, seconds only") {
                #expect(latest.first?["last"] == .datetime(1_733_328_099_000))
            }
        }
    }

    @Test func mixedBulkWrite() throws {
        try withMongoDatabase { db, _ in
            let c = db.collection("mixed")
            let r = try c.bulkWrite([
                .insertOne(["_id": 1, "v": 1]),
                .insertOne(["_id": 2, "v": 2]),
                .updateOne(filter: ["_id": 1], update: ["$inc": ["v": 10]], upsert: false),
                .updateMany(filter: ["v": ["$gte": 0]], update: ["$set": ["seen": true]], upsert: false),
                .replaceOne(filter: ["_id": 3], replacement: ["v": 3], upsert: true),
                .deleteOne(filter: ["_id": 2]),
                .insertOne(["_id": 1, "v": 99]),  // duplicate: reported, not thrown
            ], ordered: false)
            #expect(r.insertedCount == 2)
            #expect(r.deletedCount == 1)
            #expect(r.upsertedIndexes == [4])
            #expect(r.writeErrors.map(\.index) == [6])
            #expect(r.writeErrors.first?.isDuplicateKey == true)
            #expect(try c.findOne(["_id": 1])?["v"]?.intValue == 11)
        }
    }
}
