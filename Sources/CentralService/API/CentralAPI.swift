import CorridorModel
import HTTPServer
import Kafka
import Mongo

/// Central's HTTP routes: the stations' HTTPS ingest, the JSON API over the serving
/// collections, and the French dashboard page.
///
/// `handle` blocks (MongoDB reads, waiting for Kafka acknowledgements); the HTTP server runs
/// one thread per connection, so that is fine there. It returns nil for paths it does not own,
/// so the runtime can chain its own `/healthz` and `/metrics`:
/// ```swift
/// let api = CentralAPI(mongo: client, database: "corridor", producer: producer, deliveries: tracker,
///                      topics: topics, ingestTokens: tokens, logger: logger)
/// let server = try HTTPServer(host: "0.0.0.0", port: 8080, maxBodyBytes: CentralAPI.maxRequestBodyBytes) { req in
///     api.handle(req) ?? runtimeRoutes(req)
/// }
/// ```
public struct CentralAPI: Sendable {
    /// The HTTP server's `maxBodyBytes` must be at least this for full ingest batches.
    public static let maxRequestBodyBytes = IngestEndpoint.maxBodyBytes

    /// Ingest counters; the runtime appends `ingestMetrics.prometheus()` to its `/metrics`.
    public let ingestMetrics = IngestMetrics()
    private let queries: ServingQueries
    private let ingest: IngestEndpoint
    private let logger: Logger

    /// - Parameters:
    ///   - producer: the producer ingest writes through (nil: ingest answers 503).
    ///   - deliveries: the tracker whose `onDelivery` was given to `producer` when it was made.
    ///   - topics: topic per event kind; a missing kind uses `EventKind.defaultTopic`.
    ///   - ingestTokens: bearer token → the one station id it may send for.
    ///   - ackTimeout: how long an ingest request waits for Kafka's acknowledgements before 503;
    ///     keep it above the producer's `message.timeout.ms` so failures arrive as reports.
    public init(mongo: MongoClient, database: String, producer: KafkaProducer?,
                deliveries: IngestDeliveryTracker, topics: [EventKind: String],
                ingestTokens: [String: String], logger: Logger, ackTimeout: Duration = .seconds(45)) {
        self.queries = ServingQueries(database: mongo.database(database))
        self.ingest = IngestEndpoint(producer: producer, deliveries: deliveries, topics: topics,
                                     tokens: ingestTokens, ackTimeout: ackTimeout, metrics: ingestMetrics, logger: logger)
        self.logger = logger
    }

    /// Answers the request, or nil when the path is not one of these routes.
    public func handle(_ req: HTTPRequest) -> HTTPResponse? {
        let path = req.path.count > 1 && req.path.hasSuffix("/") ? String(req.path.dropLast()) : req.path
        switch path {
        case "/", "/dashboard":
            guard req.method == "GET" || req.method == "HEAD" else { return APIError.methodNotAllowed("GET") }
            return HTTPResponse(status: 200, headers: [
                ("Content-Type", "text/html; charset=utf-8"), ("Cache-Control", "no-cache"),
                ("Content-Security-Policy",
                 "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; img-src 'self' data:"),
            ], body: DashboardPage.bytes)
        case "/ingest/v1/events":
            return ingest.handle(req)
        default:
            break
        }
        if path.hasPrefix("/ingest/") { return APIError.response(404, "no route for \(req.method) \(req.path)") }
        guard path.hasPrefix("/api/") else { return nil }
        guard req.method == "GET" else { return APIError.methodNotAllowed("GET") }
        do {
            switch path {
            case "/api/v1/stations":
                _ = try QueryParameters(req.query, allowed: [])
                return ok(try queries.stations())
            case "/api/v1/indicators":
                return try indicators(req)
            case "/api/v1/alerts":
                let q = try QueryParameters(req.query, allowed: ["state", "station", "service", "limit"])
                return ok(try queries.alerts(
                    state: try q.oneOf("state", AlertStateFilter.self) ?? .all, station: try q.station(),
                    service: try q.oneOf("service", ServicePole.self), limit: try q.integer("limit", in: 1...1000) ?? 200))
            case "/api/v1/events":
                let q = try QueryParameters(req.query, allowed: ["station", "service", "kind", "limit"])
                return ok(try queries.events(
                    station: try q.station(), service: try q.oneOf("service", ServicePole.self),
                    kind: try q.oneOf("kind", EventKind.self), limit: try q.integer("limit", in: 1...500) ?? 50))
            case "/api/v1/overview":
                let q = try QueryParameters(req.query, allowed: ["station", "at"])
                return ok(try queries.overview(at: try q.timestamp("at") ?? .now(), station: try q.station()))
            default:
                return APIError.response(404, "no route for \(req.method) \(req.path)")
            }
        } catch let error as ValidationError {
            return APIError.response(400, error.message, field: error.field)
        } catch {
            logger.error("api: database read failed", [("path", req.path), ("error", "\(error)")])
            return APIError.response(503, "the database is not available; retry later", retryAfter: 5)
        }
    }

    private func indicators(_ req: HTTPRequest) throws -> HTTPResponse {
        let q = try QueryParameters(req.query, allowed: ["station", "service", "bucket", "from", "to"])
        let bucket = try q.oneOf("bucket", IndicatorBucket.self) ?? .hour
        let to = try q.timestamp("to") ?? .now()
        let from = try q.timestamp("from") ?? Timestamp(millis: to.millis - bucket.defaultSpanSeconds * 1000)
        guard from < to else { throw ValidationError("from must be before to", field: "from") }
        let query = ServingQueries.IndicatorQuery(
            station: try q.station(), service: try q.oneOf("service", ServicePole.self), bucket: bucket, from: from, to: to)
        guard let body = try queries.indicators(query) else {
            throw ValidationError("more than \(ServingQueries.maxIndicatorItems) buckets match: narrow from/to or filter by station", field: "from")
        }
        return ok(body)
    }

    private func ok(_ v: JSONValue) -> HTTPResponse {
        HTTPResponse(status: 200, headers: [("Content-Type", "application/json"), ("Cache-Control", "no-store")],
                     body: JSONWriter.bytes(v))
    }
}

/// Error answers: `{"error": ..., "field": ...}` as everywhere in Corridor.
enum APIError {
    static func response(_ status: Int, _ message: String, field: String? = nil, retryAfter: Int? = nil) -> HTTPResponse {
        var headers = [("Content-Type", "application/json"), ("Cache-Control", "no-store")]
        if let retryAfter { headers.append(("Retry-After", String(retryAfter))) }
        return HTTPResponse(status: status, headers: headers, body: JSONWriter.bytes(ValidationError(message, field: field).json))
    }

    static func methodNotAllowed(_ allow: String) -> HTTPResponse {
        var r = response(405, "method not allowed: use \(allow)")
        r.headers.append(("Allow", allow))
        return r
    }
}
