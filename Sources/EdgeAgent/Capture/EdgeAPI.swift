import CorridorModel
import HTTPServer

/// Routes of the edge's local HTTP API.
///
/// Loopback clients are trusted (the kiosk and POS run on the box); any other client must send
/// `Authorization: Bearer <token>`, and without a configured token non-loopback access is refused.
public struct EdgeAPI: Sendable {
    public static let maxSingleBody = 64 * 1024
    public static let maxBatchBody = 4 * 1024 * 1024

    public let capture: CaptureService
    public let token: String?
    public let version: String
    /// Extra status fields and metrics (the forwarder's link state) when present.
    public let health: @Sendable () -> JSONObject
    public let extraMetrics: @Sendable () -> [PrometheusSample]

    public init(capture: CaptureService, token: String?, version: String,
                health: @escaping @Sendable () -> JSONObject = { JSONObject() },
                extraMetrics: @escaping @Sendable () -> [PrometheusSample] = { [] }) {
        self.capture = capture; self.token = token; self.version = version
        self.health = health; self.extraMetrics = extraMetrics
    }

    public func handle(_ req: HTTPRequest) -> HTTPResponse {
        if !req.isLoopback {
            guard let token, !token.isEmpty else {
                capture.metrics.rejected(reason: "unauthorized")
                return error(403, "remote clients are refused: no API token is configured on this agent")
            }
            guard req.header("authorization") == "Bearer \(token)" else {
                capture.metrics.rejected(reason: "unauthorized")
                return HTTPResponse(status: 401, headers: [("Content-Type", "application/json"), ("WWW-Authenticate", "Bearer")],
                                    body: JSONWriter.bytes(ValidationError("a valid bearer token is required").json))
            }
        }
        switch (req.method, req.path) {
        case ("POST", "/v1/reviews"): return single(.review, req)
        case ("POST", "/v1/transactions"): return single(.transaction, req)
        case ("POST", "/v1/events"):
            if req.bodyTooLarge || req.body.count > EdgeAPI.maxBatchBody { return tooLarge(EdgeAPI.maxBatchBody) }
            switch capture.captureBatch(ndjson: req.body) {
            case .success(let ids): return .json(201, bytes: JSONWriter.bytes(["ids": .array(ids.map { .string($0) })]))
            case .failure(let f): return .json(f.status, bytes: JSONWriter.bytes(f.json))
            }
        case ("GET", "/healthz"): return healthz()
        case ("GET", "/metrics"):
            let s = try? capture.outbox.status()
            return .text(200, capture.metrics.prometheus(outbox: s, commits: capture.outbox.commitCount, extra: extraMetrics()),
                         contentType: "text/plain; version=0.0.4; charset=utf-8")
        case ("GET", "/"), ("GET", "/kiosk"):
            return .text(200, KioskPage.html(stationID: capture.stationID), contentType: "text/html; charset=utf-8")
        case (_, "/v1/reviews"), (_, "/v1/transactions"), (_, "/v1/events"):
            return HTTPResponse(status: 405, headers: [("Allow", "POST"), ("Content-Type", "application/json")],
                                body: JSONWriter.bytes(ValidationError("use POST").json))
        default:
            return error(404, "no route for \(req.method) \(req.path)")
        }
    }

    private func single(_ kind: EventKind, _ req: HTTPRequest) -> HTTPResponse {
        if req.bodyTooLarge || req.body.count > EdgeAPI.maxSingleBody { return tooLarge(EdgeAPI.maxSingleBody) }
        switch capture.capture(kind: kind, body: req.body) {
        case .success(let id): return .json(201, bytes: JSONWriter.bytes(["id": .string(id)]))
        case .failure(let f): return .json(f.status, bytes: JSONWriter.bytes(f.json))
        }
    }

    private func tooLarge(_ limit: Int) -> HTTPResponse {
        capture.metrics.rejected(reason: "too_large")
        return .json(400, bytes: JSONWriter.bytes(ValidationError("body is larger than \(limit / 1024) KiB", field: "body").json))
    }

    private func error(_ status: Int, _ message: String) -> HTTPResponse {
        .json(status, bytes: JSONWriter.bytes(ValidationError(message).json))
    }

    private func healthz() -> HTTPResponse {
        var o = JSONObject()
        o["status"] = "ok"
        o["version"] = .string(version)
        o["station_id"] = .string(capture.stationID)
        if let s = try? capture.outbox.status() {
            o["outbox"] = .object(OutboxStatusJSON.object(s))
            if s.bytes >= s.budgetBytes { o["status"] = "degraded" }
        } else {
            o["status"] = "degraded"
        }
        for (k, v) in health() { o[k] = v }
        return .json(200, bytes: JSONWriter.bytes(.object(o)))
    }
}

/// The status object `corridor-edge status` prints and `/healthz` embeds.
public enum OutboxStatusJSON {
    public static func object(_ s: OutboxStatus) -> JSONObject {
        var o = JSONObject()
        o["pending"] = .int(s.pending)
        o["sent"] = .int(s.sent)
        o["rejected"] = .int(s.rejected)
        o["oldest_pending_age_seconds"] = s.oldestPendingAgeSeconds.map { .int($0) } ?? .null
        o["bytes"] = .int(s.bytes)
        o["budget_bytes"] = .int(s.budgetBytes)
        o["quarantined_file"] = s.quarantinedFile.map { .string($0) } ?? .null
        return o
    }
}
