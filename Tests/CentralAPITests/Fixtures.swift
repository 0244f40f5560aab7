import CentralService
import CorridorModel
import Foundation
import HTTPServer
import Kafka
import Mongo
import TestServices

/// A private nx-27017 with a fresh, uniquely named database, dropped and stopped afterwards.
func withServingDatabase<R>(_ body: (MongoClient, String) throws -> R) throws -> R {
    let server = try MongoServer.start()
    defer { server.stop() }
    let client = try MongoClient(uri: server.uri, appName: "corridor-api-tests")
    let name = "api_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
    defer { try? client.database(name).drop() }
    return try body(client, name)
}

/// A CentralAPI over `database` without Kafka (ingest answers 503).
func readOnlyAPI(_ client: MongoClient, _ database: String) -> CentralAPI {
    CentralAPI(mongo: client, database: database, producer: nil, deliveries: IngestDeliveryTracker(),
               topics: [:], ingestTokens: [:], logger: .silent)
}

func get(_ api: CentralAPI, _ path: String, _ query: [String: String] = [:]) -> HTTPResponse? {
    api.handle(HTTPRequest(method: "GET", path: path, query: query))
}

/// The response body as JSON (fails the test through `try` when it is not JSON).
func json(_ r: HTTPResponse?) throws -> JSONValue {
    guard let r else { throw TestServiceError("no response (route not handled)") }
    return try JSONParser.parse(r.body)
}

func items(_ r: HTTPResponse?) throws -> [JSONValue] {
    try json(r)["items"]?.arrayValue ?? []
}

/// The data every API test reads: documents exactly as central-contract.md describes them,
/// laid out around `now` (the hour holding `now` is H0).
struct SeedData {
    let now: Timestamp
    var h0: Int64 { now.floor(toSeconds: 3600).millis }
    static let hour: Int64 = 3_600_000

    static let bko = "ML-BKO-014"
    static let kay = "ML-KAY-002"

    /// Review ids, newest first.
    static let reviewIDs = [
        "01950000-0000-7000-8000-000000000003", "01950000-0000-7000-8000-000000000002",
        "01950000-0000-7000-8000-000000000001",
    ]
    static let transactionID = "01950000-0000-7000-8000-0000000000aa"
    static let kayReviewID = "01950000-0000-7000-8000-0000000000bb"

    func seed(_ client: MongoClient, _ database: String) throws {
        let db = client.database(database)
        _ = try db.collection("stations").insertMany(stations)
        _ = try db.collection("indicators").insertMany(indicators)
        _ = try db.collection("alerts").insertMany(alerts)
        _ = try db.collection("events").insertMany(events)
    }

    var stations: [BSONDocument] {
        [
            ["_id": .string(Self.bko), "last_seen": .datetime(now.millis - 60_000), "last_heartbeat": .datetime(now.millis - 60_000),
             "version": "0.3.0", "pending": .int64(12), "oldest_pending_age_seconds": .int64(95), "outbox_bytes": .int64(20_480),
             "link": "3g", "last_send_at": .datetime(now.millis - 30_000), "status": "online"],
            ["_id": .string(Self.kay), "last_seen": .datetime(now.millis - 3 * Self.hour), "last_heartbeat": .datetime(now.millis - 3 * Self.hour),
             "version": "0.2.9", "pending": .int64(340), "oldest_pending_age_seconds": .int64(10_800), "outbox_bytes": .int64(1_048_576),
             "link": "down", "last_send_at": .datetime(now.millis - 3 * Self.hour), "status": "offline"],
        ]
    }

    func indicator(_ station: String, _ service: String, _ bucket: String, _ start: Int64, _ fields: [(String, BSONValue)]) -> BSONDocument {
        var d: BSONDocument = [
            "_id": .string("\(station)|\(service)|\(bucket)|\(Timestamp(millis: start).rfc3339)"),
            "station_id": .string(station), "service": .string(service), "bucket": .string(bucket),
            "bucket_start": .datetime(start), "updated_at": .datetime(now.millis),
        ]
        for (k, v) in fields { d[k] = v }
        return d
    }

    var indicators: [BSONDocument] {
        [
            indicator(Self.bko, "fuel", "1h", h0, [
                ("satisfied", 6), ("neutral", 2), ("unsatisfied", 2), ("reviews", 10), ("score_sum", 2.5),
                ("rating_sum", 38), ("rating_count", 10), ("aspect_waiting_pos", 1), ("aspect_waiting_neg", 3),
                ("aspect_price_neg", 1), ("transactions", 40), ("revenue_xof", 1_250_000), ("wait_sum", 2400),
                ("wait_count", 40), ("wait_max", 300),
            ]),
            indicator(Self.bko, "fuel", "1h", h0 - 2 * Self.hour, [
                ("satisfied", 3), ("neutral", 0), ("unsatisfied", 1), ("reviews", 4), ("score_sum", 1.0),
                ("rating_sum", 15), ("rating_count", 4), ("aspect_staff_neg", 2), ("aspect_waiting_neg", 1),
                ("transactions", 10), ("revenue_xof", 300_000), ("wait_sum", 900), ("wait_count", 10), ("wait_max", 420),
            ]),
            // Outside the overview's 24 hours: must not be counted there.
            indicator(Self.bko, "fuel", "1h", h0 - 30 * Self.hour, [
                ("satisfied", 100), ("neutral", 0), ("unsatisfied", 0), ("reviews", 100), ("score_sum", 80.0),
            ]),
            indicator(Self.bko, "shop", "1h", h0 - Self.hour, [
                ("satisfied", 1), ("neutral", 1), ("unsatisfied", 3), ("reviews", 5), ("score_sum", -1.5),
                ("aspect_cleanliness_neg", 3), ("aspect_price_neg", 2), ("aspect_quality_pos", 1),
            ]),
            indicator(Self.kay, "gas", "1h", h0 - 5 * Self.hour, [
                ("satisfied", 2), ("neutral", 0), ("unsatisfied", 0), ("reviews", 2), ("score_sum", 1.2),
                ("aspect_gas_bottle_pos", 2),
            ]),
            indicator(Self.bko, "fuel", "5m", h0, [
                ("satisfied", 1), ("neutral", 0), ("unsatisfied", 0), ("reviews", 1), ("score_sum", 0.8),
            ]),
            indicator(Self.bko, "fuel", "1d", now.floor(toSeconds: 86_400).millis, [
                ("satisfied", 9), ("neutral", 2), ("unsatisfied", 3), ("reviews", 14), ("score_sum", 3.5),
            ]),
        ]
    }

    var alerts: [BSONDocument] {
        [
            ["_id": "a0000000-0000-4000-8000-000000000001", "rule": "unsatisfied_share", "station_id": .string(Self.bko),
             "service": "shop", "state": "open", "opened_at": .datetime(now.millis - 10 * 60_000),
             "updated_at": .datetime(now.millis - 60_000), "resolved_at": nil, "value": 0.6, "threshold": 0.4,
             "message": "Boutique & restauration : 60 % de clients mécontents sur 30 min (seuil 40 %)"],
            ["_id": "a0000000-0000-4000-8000-000000000002", "rule": "station_silent", "station_id": .string(Self.kay),
             "service": nil, "state": "open", "opened_at": .datetime(now.millis - Self.hour),
             "updated_at": .datetime(now.millis - 60_000), "resolved_at": nil, "value": 10_800.0, "threshold": 7200.0,
             "message": "Station ML-KAY-002 silencieuse depuis 3 h"],
            ["_id": "a0000000-0000-4000-8000-000000000003", "rule": "wait_time", "station_id": .string(Self.bko),
             "service": "fuel", "state": "resolved", "opened_at": .datetime(now.millis - 5 * Self.hour),
             "updated_at": .datetime(now.millis - 4 * Self.hour), "resolved_at": .datetime(now.millis - 4 * Self.hour),
             "value": 1020.0, "threshold": 900.0, "message": "Carburant : attente moyenne de 17 min (seuil 15 min)"],
        ]
    }

    func review(_ id: String, station: String, service: String, minutesAgo: Int64, rating: Int32, text: String,
                label: String, score: Double, aspects: [(String, String, Double)], evidence: [String]) -> BSONDocument {
        let at = Timestamp(millis: now.millis - minutesAgo * 60_000)
        var e = Event(kind: .review, id: id, stationID: station, capturedAt: at, service: ServicePole(rawValue: service))
        e.rating = Int(rating)
        e.text = text
        e.channel = .kiosk
        e.sentiment = SentimentAssessment(
            label: SentimentLabel(rawValue: label)!, score: score,
            aspects: aspects.map { AspectSentiment(aspect: Aspect(rawValue: $0.0)!, label: SentimentLabel(rawValue: $0.1)!, score: $0.2) },
            model: "fr-lex/3", evidence: evidence)
        return [
            "_id": .string(id), "kind": "review", "station_id": .string(station), "service": .string(service),
            "captured_at": .datetime(at.millis), "ingested_at": .datetime(at.millis + 2000),
            "rating": .int32(rating), "text": .string(text), "channel": "kiosk", "label": .string(label), "score": .double(score),
            "aspects": .array(aspects.map { .document(["aspect": .string($0.0), "label": .string($0.1), "score": .double($0.2)]) }),
            "model": "fr-lex/3", "envelope": .string(String(decoding: e.jsonBytes, as: UTF8.self)),
        ]
    }

    var events: [BSONDocument] {
        [
            review(Self.reviewIDs[0], station: Self.bko, service: "fuel", minutesAgo: 5, rating: 2,
                   text: "Attente trop longue à la pompe, personne pour servir", label: "unsatisfied", score: -0.62,
                   aspects: [("waiting", "unsatisfied", -0.7)], evidence: ["attente", "trop longue"]),
            review(Self.reviewIDs[1], station: Self.bko, service: "shop", minutesAgo: 20, rating: 5,
                   text: "Très bon accueil, boutique propre", label: "satisfied", score: 0.81,
                   aspects: [("staff", "satisfied", 0.8), ("cleanliness", "satisfied", 0.7)], evidence: ["très bon", "propre"]),
            review(Self.reviewIDs[2], station: Self.bko, service: "fuel", minutesAgo: 50, rating: 3,
                   text: "Ça va", label: "neutral", score: 0.0, aspects: [], evidence: []),
            review(Self.kayReviewID, station: Self.kay, service: "gas", minutesAgo: 200, rating: 4,
                   text: "Bouteille livrée vite, a ka di", label: "satisfied", score: 0.55,
                   aspects: [("gas_bottle", "satisfied", 0.5)], evidence: ["a ka di"]),
            ["_id": .string(Self.transactionID), "kind": "transaction", "station_id": .string(Self.bko), "service": "fuel",
             "captured_at": .datetime(now.millis - 10 * 60_000), "ingested_at": .datetime(now.millis - 10 * 60_000 + 1500),
             "amount_xof": .int64(25_000), "product": "gasoil", "quantity": 31.25, "wait_seconds": .int64(240),
             "payment": "mobile_money", "envelope": "{}"],
        ]
    }
}
