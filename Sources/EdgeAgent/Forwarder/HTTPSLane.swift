import Compression
import CorridorModel
import HTTPClient

/// Forwarding over HTTPS: NDJSON batches of envelopes, zstd-compressed, posted to central's
/// ingest endpoint one at a time, oldest first.
///
/// 2xx: every row of the batch is delivered. 408, 429, 5xx, 401/403 (a token problem is the
/// station's configuration, not the events' fault) and transport errors: retried after a pause.
/// Any other 4xx: the batch is retried one row at a time so that only the rows central refuses
/// are kept aside (rejected, with the reason), never retried forever, never deleted.
/// Owned by the forwarder thread (not Sendable).
final class HTTPSLane {
    enum Outcome {
        case delivered
        case retry(String)
        case rejected(status: Int, reason: String)
    }

    private let config: ForwarderConfig
    private let url: String
    private let outbox: Outbox
    private let state: ForwarderState
    private let backoff: Backoff
    private let logger: Logger
    private var client: HTTPClient?

    init(config: ForwarderConfig, url: String, outbox: Outbox, state: ForwarderState, backoff: Backoff, logger: Logger) {
        self.config = config
        var base = url
        while base.hasSuffix("/") { base.removeLast() }
        self.url = base + "/ingest/v1/events"
        self.outbox = outbox
        self.state = state
        self.backoff = backoff
        self.logger = logger
    }

    func turn() -> LaneStep {
        var rows: [OutboxRow]
        do { rows = try outbox.pending(after: 0, limit: config.httpsBatchRows) } catch {
            state.failed("outbox: \(error)", linkDown: false)
            return .backoff
        }
        guard !rows.isEmpty else { return .idle }
        var size = 0
        if let cut = rows.firstIndex(where: { size += $0.body.count + 1; return size > config.httpsBatchBytes }) {
            rows = Array(rows.prefix(max(1, cut)))
        }
        switch post(rows) {
        case .delivered:
            return delivered(rows)
        case .retry(let why):
            return retry(rows, why)
        case .rejected(let status, let reason):
            if rows.count == 1 { return reject(rows[0], status, reason) }
            // Find the rows central refuses: one at a time for this batch.
            for row in rows {
                switch post([row]) {
                case .delivered: if delivered([row]) == .backoff { return .backoff }
                case .retry(let why): return retry([row], why)
                case .rejected(let s, let r): _ = reject(row, s, r)
                }
            }
            return .progressed
        }
    }

    private func delivered(_ rows: [OutboxRow]) -> LaneStep {
        do { try outbox.markSent(rows.map(\.seq)) } catch {
            logger.error("forwarder: cannot mark rows sent: \(error)")
            return .backoff
        }
        backoff.reset()
        state.delivered(rows.count)
        return .progressed
    }

    private func retry(_ rows: [OutboxRow], _ why: String) -> LaneStep {
        state.retried(rows.count)
        state.failed("https: \(why)", linkDown: true)
        logger.warning("forwarder: HTTPS delivery failed; retrying after a pause", [("error", why), ("rows", String(rows.count))])
        return .backoff
    }

    private func reject(_ row: OutboxRow, _ status: Int, _ reason: String) -> LaneStep {
        let why = "https \(status): \(reason)"
        do { try outbox.markRejected(row.seq, reason: why) } catch { return .backoff }
        state.rejected(1)
        state.failed("event \(row.id) rejected: \(why)", linkDown: false)
        logger.error("forwarder: central refused an event for good; kept aside in the outbox", [("id", row.id), ("reason", why)])
        return .progressed
    }

    /// One POST of `rows` as a zstd NDJSON body.
    func post(_ rows: [OutboxRow]) -> Outcome {
        if client == nil {
            do { client = try HTTPClient(userAgent: "corridor-edge/\(config.version)") } catch { return .retry("\(error)") }
        }
        var ndjson: [UInt8] = []
        ndjson.reserveCapacity(rows.reduce(0) { $0 + $1.body.count + 1 })
        for r in rows {
            ndjson += r.body
            ndjson.append(UInt8(ascii: "\n"))
        }
        let body = ZstdFrame.compress(ndjson)
        var headers = [("Content-Type", "application/x-ndjson"), ("Content-Encoding", "zstd"),
                       ("X-Corridor-Station", config.stationID)]
        if let t = config.centralToken { headers.append(("Authorization", "Bearer \(t)")) }
        let result = client!.post(url: url, headers: headers, body: body,
                                  timeout: .milliseconds(Int(config.httpsTimeoutSeconds * 1000)))
        // Body plus a fair figure for the request line and headers.
        state.addWireBytes(Int64(body.count + 200 + url.utf8.count))
        switch result {
        case .failure(let e):
            return .retry(e.description)
        case .success(let r):
            let text = String(decoding: r.body.prefix(500), as: UTF8.self)
            switch r.status {
            case 200..<300: return .delivered
            case 408, 429, 500..<600: return .retry("HTTP \(r.status) \(text)")
            case 401, 403: return .retry("HTTP \(r.status): central refused this station's token (check --central-token) \(text)")
            case 400..<500: return .rejected(status: r.status, reason: text.isEmpty ? "HTTP \(r.status)" : text)
            default: return .retry("unexpected HTTP \(r.status)")
            }
        }
    }
}
