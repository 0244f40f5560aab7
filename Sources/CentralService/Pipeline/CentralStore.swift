import CorridorModel
import Mongo

/// The central MongoDB collections (see /work/central-contract.md) and their indexes.
public struct CentralStore: Sendable {
    public let database: MongoDatabase
    public var events: MongoCollection { database.collection("events") }
    public var indicators: MongoCollection { database.collection("indicators") }
    public var stations: MongoCollection { database.collection("stations") }
    public var alerts: MongoCollection { database.collection("alerts") }
    public var deadLetters: MongoCollection { database.collection("dead_letters") }

    public init(client: MongoClient, database: String) {
        self.database = client.database(database)
    }

    /// Creates the indexes the pipeline and the API rely on (idempotent).
    /// - Parameter eventTTLSeconds: how long `events` keeps a document after `ingested_at`.
    public func ensureIndexes(eventTTLSeconds: Int = 30 * 86_400) throws(MongoError) {
        try events.createIndex(["ingested_at": 1], expireAfterSeconds: eventTTLSeconds)
        try events.createIndex(["batch": 1])
        try events.createIndex(["station_id": 1, "captured_at": -1])
        try indicators.createIndex(["bucket": 1, "station_id": 1, "bucket_start": 1])
        try alerts.createIndex(["state": 1, "station_id": 1])
    }
}
