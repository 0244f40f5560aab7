import Compression
import CorridorModel
import HTTPServer
import Kafka

/// `POST /ingest/v1/events`: stations whose network lets only HTTPS out send NDJSON batches
/// of full envelopes; they go into the same Kafka topics as the forwarder's, and the answer
/// is 200 only once Kafka acknowledged every message.
///
/// All-or-nothing before producing: the whole batch is authenticated, decoded and validated
/// first, so a bad line changes nothing. After producing, a failure answers 503 and the edge
/// resends the batch; messages that did land are deduplicated by id at central.
struct IngestEndpoint: Sendable {
    /// Largest request body as sent (compressed or not): the HTTP server's `maxBodyBytes`
    /// should be at least this.
    static let maxBodyBytes = 8 * 1024 * 1024
    static let maxDecompressedBytes = 8 * 1024 * 1024
    static let maxLines = 5000

    let producer: KafkaProducer?
    let deliveries: IngestDeliveryTracker
    let topics: [EventKind: String]
    /// Bearer token → station id.
    let tokens: [String: String]
    let ackTimeout: Duration
    let metrics: IngestMetrics
    let logger: Logger

    func handle(_ req: HTTPRequest) -> HTTPResponse {
        let response = validateAndProduce(req)
        let outcome: IngestMetrics.Outcome
        switch response.status {
        case 200: outcome = .accepted
        case 401: outcome = .unauthorized
        case 403: outcome = .forbidden
        case 413: outcome = .tooLarge
        case 415: outcome = .unsupportedEncoding
        case 500...: outcome = .unavailable
        default: outcome = .invalid
        }
        metrics.record(outcome)
        return response
    }

    private func validateAndProduce(_ req: HTTPRequest) -> HTTPResponse {
        guard req.method == "POST" else {
            return HTTPResponse(status: 405, headers: [("Allow", "POST"), ("Content-Type", "application/json")],
                                body: JSONWriter.bytes(ValidationError("use POST").json))
        }
        guard let station = authenticate(req) else {
            return HTTPResponse(status: 401, headers: [("Content-Type", "application/json"), ("WWW-Authenticate", "Bearer")],
                                body: JSONWriter.bytes(ValidationError("a valid station bearer token is required").json))
        }
        if req.bodyTooLarge || req.body.count > Self.maxBodyBytes {
            return APIError.response(413, "body is larger than \(Self.maxBodyBytes / (1024 * 1024)) MiB", field: "body")
        }
        let body: [UInt8]
        switch contentEncoding(req) {
        case "identity":
            guard req.body.count <= Self.maxDecompressedBytes else {
                return APIError.response(413, "body is larger than \(Self.maxDecompressedBytes / (1024 * 1024)) MiB", field: "body")
            }
            body = req.body
        case "zstd":
            do {
                body = try ZstdFrameDecoder.decompress(req.body, maxSize: Self.maxDecompressedBytes)
            } catch .tooLarge(_) {
                return APIError.response(413, "decompressed body is larger than \(Self.maxDecompressedBytes / (1024 * 1024)) MiB", field: "body")
            } catch {
                return APIError.response(400, "\(error)", field: "body")
            }
        case let other:
            return HTTPResponse(status: 415, headers: [("Content-Type", "application/json"), ("Accept-Encoding", "zstd, identity")],
                                body: JSONWriter.bytes(ValidationError(
                                    "Content-Encoding \"\(other)\" is not supported: send zstd or identity", field: "content-encoding").json))
        }

        let lines: [ArraySlice<UInt8>]
        switch Self.splitLines(body) {
        case .success(let l): lines = l
        case .failure(let e): return APIError.response(e.field == "lines" ? 413 : 400, e.message, field: e.field)
        }
        var events: [(event: Event, bytes: [UInt8])] = []
        events.reserveCapacity(lines.count)
        for (i, line) in lines.enumerated() {
            let event: Event
            do {
                event = try Event(envelope: line)
            } catch {
                let field = "lines[\(i)]" + (error.field.map { ".\($0)" } ?? "")
                return APIError.response(400, "line \(i): \(error.message)", field: field)
            }
            guard event.stationID == station else {
                return APIError.response(403, "line \(i): station_id \(event.stationID) does not match this token's station \(station)",
                                         field: "lines[\(i)].station_id")
            }
            events.append((event, Array(line)))
        }
        guard let producer else {
            return APIError.response(503, "ingest is not available: no Kafka producer is configured on this central", retryAfter: 30)
        }
        return produce(events, station: station, producer: producer)
    }

    private func produce(_ events: [(event: Event, bytes: [UInt8])], station: String, producer: KafkaProducer) -> HTTPResponse {
        let batch = deliveries.begin(expected: events.count)
        defer { deliveries.end(batch) }
        let key = Array(station.utf8)
        var produced = 0
        for (event, bytes) in events {
            let topic = topics[event.kind] ?? event.kind.defaultTopic
            let headers: [(String, [UInt8])] = [
                ("schema", Array(event.schema.utf8)), ("id", Array(event.id.utf8)),
                ("content-type", Array("application/json".utf8)),
            ]
            do {
                // The station's own bytes go on unchanged: the same envelope everywhere.
                try producer.produce(topic: topic, key: key, value: bytes, headers: headers, opaque: batch.tag)
                produced += 1
            } catch {
                batch.expect(produced)
                logger.warning("ingest: produce failed", [("station", station), ("error", "\(error)"),
                                                          ("produced", "\(produced)"), ("lines", "\(events.count)")])
                return APIError.response(503, "Kafka did not accept the batch (\(error.message)); retry later", retryAfter: 5)
            }
        }
        switch batch.wait(timeout: ackTimeout) {
        case .delivered:
            logger.debug("ingest: batch acknowledged", [("station", station), ("lines", "\(events.count)")])
            metrics.addEvents(events.count)
            return .json(200, bytes: JSONWriter.bytes(["accepted": .int(Int64(events.count))]))
        case .failed(let why):
            logger.warning("ingest: delivery failed", [("station", station), ("error", why), ("lines", "\(events.count)")])
            return APIError.response(503, "Kafka did not acknowledge the batch (\(why)); retry later", retryAfter: 5)
        case .timedOut(let delivered, let expected):
            logger.warning("ingest: acknowledgement timed out", [("station", station), ("delivered", "\(delivered)"), ("expected", "\(expected)")])
            return APIError.response(503, "Kafka acknowledged \(delivered) of \(expected) messages in time; retry later", retryAfter: 5)
        }
    }

    /// The station whose token the request carries; the comparison does not stop at the first
    /// differing byte, so response timing does not reveal how much of a token was right.
    private func authenticate(_ req: HTTPRequest) -> String? {
        guard let header = req.header("authorization") else { return nil }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        let given = Array(parts[1].utf8)
        var match: String?
        for (token, station) in tokens where Self.constantTimeEqual(Array(token.utf8), given) && !token.isEmpty {
            match = station
        }
        return match
    }

    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var diff: UInt8 = 0
        for i in 0..<a.count { diff |= a[i] ^ b[i] }
        return diff == 0
    }

    private func contentEncoding(_ req: HTTPRequest) -> String {
        let raw = (req.header("content-encoding") ?? "").trimmingSpaces.lowercased()
        return raw.isEmpty ? "identity" : raw
    }

    /// Non-empty lines (`\n`, optional `\r`); blank lines are skipped.
    static func splitLines(_ body: [UInt8]) -> Result<[ArraySlice<UInt8>], ValidationError> {
        var lines: [ArraySlice<UInt8>] = []
        for var line in body.split(separator: 0x0A, omittingEmptySubsequences: true) {
            if line.last == 0x0D { line = line.dropLast() }
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            lines.append(line)
            if lines.count > maxLines {
                return .failure(ValidationError("a batch holds at most \(maxLines) lines", field: "lines"))
            }
        }
        guard !lines.isEmpty else { return .failure(ValidationError("the batch is empty: send one envelope per line", field: "body")) }
        return .success(lines)
    }
}

extension String {
    var trimmingSpaces: String {
        String(self.drop(while: { $0 == " " || $0 == "\t" }).reversed().drop(while: { $0 == " " || $0 == "\t" }).reversed())
    }
}
