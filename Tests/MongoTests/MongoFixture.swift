import Foundation
import Mongo
import TestServices

/// Starts a private nx-27017, hands a fresh uniquely named database to `body`, then drops the
/// database and stops the server whatever happens.
func withMongoDatabase<R>(_ body: (MongoDatabase, MongoServer) throws -> R) throws -> R {
    let server = try MongoServer.start()
    defer { server.stop() }
    let client = try MongoClient(uri: server.uri, appName: "corridor-mongo-tests")
    let db = client.database("t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased())
    defer { try? db.drop() }
    return try body(db, server)
}

/// Small event-like documents with `_id = "e<i>"`.
func sampleEvents(_ range: Range<Int>) -> [BSONDocument] {
    range.map { i in
        [
            "_id": .string(String(format: "e%06d", i)),
            "station_id": .string("ML-BKO-\(String(format: "%03d", i % 20))"),
            "service": .string(["fuel", "shop", "wash", "gas"][i % 4]),
            "rating": .int32(Int32(i % 5 + 1)),
            "captured_at": .datetime(1_733_328_000_000 + Int64(i) * 1000),
            "score": .double(Double(i % 200) / 100 - 1),
        ]
    }
}
