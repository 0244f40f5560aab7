import CorridorModel
import HTTPServer

/// `/healthz` and `/metrics` (the JSON API, when wired, serves everything else).
struct HealthRoutes: Sendable {
    let loop: ConsumerLoop
    let metrics: CentralMetrics
    let version: String

    func handle(_ req: HTTPRequest) -> HTTPResponse? {
        switch (req.method, req.path) {
        case ("GET", "/healthz"), ("HEAD", "/healthz"):
            let s = loop.state.withLock { $0 }
            let m = metrics.snapshot
            var o = JSONObject()
            let healthy = s.running && !s.stoppedWithFatal
            o["status"] = .string(healthy ? "ok" : "unavailable")
            o["version"] = .string(version)
            o["consumer_running"] = .bool(s.running)
            o["assigned_partitions"] = .array(s.assigned.map { .string($0.description) })
            o["last_batch_at"] = m.lastBatchAtMillis > 0 ? .string(Timestamp(millis: m.lastBatchAtMillis).rfc3339) : .null
            o["last_error"] = s.lastError.map { .string($0) } ?? .null
            o["consumed"] = .int(m.consumed)
            o["inserted"] = .int(m.inserted)
            return .json(healthy ? 200 : 503, bytes: JSONWriter.bytes(.object(o)))
        case ("GET", "/metrics"):
            return .text(200, metrics.prometheus(), contentType: "text/plain; version=0.0.4; charset=utf-8")
        default:
            return nil
        }
    }
}
