import CorridorModel

/// Scores a review's text and rating (the on-device sentiment model plugs in here).
public typealias SentimentScorer = @Sendable (_ text: String?, _ rating: Int?, _ service: ServicePole?) -> SentimentAssessment

/// Why a capture was refused: the HTTP status, a message, the field at fault, and the metric reason.
public struct CaptureFailure: Error, Sendable, CustomStringConvertible {
    public var status: Int
    public var message: String
    public var field: String?
    public var reason: String

    public var description: String { field.map { "\($0): \(message)" } ?? message }

    public var json: JSONValue { ValidationError(message, field: field).json }

    static func invalid(_ e: ValidationError, prefix: String = "") -> CaptureFailure {
        CaptureFailure(status: 400, message: e.message, field: e.field.map { prefix + $0 } ?? (prefix.isEmpty ? nil : String(prefix.dropLast())), reason: "invalid")
    }

    static func from(_ e: OutboxError) -> CaptureFailure {
        switch e {
        case .budgetExceeded: return CaptureFailure(status: 507, message: e.description, field: nil, reason: "budget")
        case .diskFull: return CaptureFailure(status: 507, message: e.description, field: nil, reason: "disk_full")
        case .duplicateID(let id): return CaptureFailure(status: 409, message: "event \(id) is already stored", field: "id", reason: "invalid")
        case .storage, .closed: return CaptureFailure(status: 503, message: e.description, field: nil, reason: "storage")
        }
    }
}

/// Turns client input into validated, scored events and stores them durably.
///
/// The one path every capture takes (HTTP API, kiosk, CLI): validate → sentiment → outbox.
/// Nothing is stored unless everything in the request is valid.
public final class CaptureService: Sendable {
    public static let maxBatchLines = 1000

    public let stationID: String
    public let outbox: Outbox
    public let metrics: EdgeMetrics
    private let ids: UUIDv7Generator
    private let scorer: SentimentScorer?

    public init(stationID: String, outbox: Outbox, metrics: EdgeMetrics = EdgeMetrics(), scorer: SentimentScorer?) {
        self.stationID = stationID
        self.outbox = outbox
        self.metrics = metrics
        self.ids = UUIDv7Generator(after: outbox.lastID)
        self.scorer = scorer
    }

    /// Builds one event from a parsed body (no storage).
    public func makeEvent(kind: EventKind, body: JSONValue, now: Timestamp = .now()) throws(ValidationError) -> Event {
        try Self.makeEvent(kind: kind, body: body, id: ids.next(), stationID: stationID, scorer: scorer, now: now)
    }

    /// Validates and scores one event as a capture does, without a service (benchmarks).
    public static func makeEvent(kind: EventKind, body: JSONValue, id: String, stationID: String, scorer: SentimentScorer?,
                                 now: Timestamp = .now()) throws(ValidationError) -> Event {
        var e = try Event.capture(kind: kind, body: body, id: id, stationID: stationID, now: now)
        if e.kind == .review, let scorer { e.sentiment = scorer(e.text, e.rating, e.service) }
        return e
    }

    /// One JSON object body (`POST /v1/reviews`, `/v1/transactions`) → its id.
    public func capture(kind: EventKind, body: [UInt8]) -> Result<String, CaptureFailure> {
        do {
            let v = try CaptureService.parse(body)
            let e = try makeEvent(kind: kind, body: v)
            return store([e]).map { $0[0] }
        } catch {
            return fail(.invalid(error))
        }
    }

    /// A parsed body (the CLI) → its id.
    public func capture(kind: EventKind, json: JSONValue) -> Result<String, CaptureFailure> {
        do {
            let e = try makeEvent(kind: kind, body: json)
            return store([e]).map { $0[0] }
        } catch {
            return fail(.invalid(error))
        }
    }

    /// NDJSON: one event per line, each with `"kind": "review"|"transaction"` (or a `schema`).
    /// All or nothing: one bad line refuses the batch and names the line.
    public func captureBatch(ndjson body: [UInt8]) -> Result<[String], CaptureFailure> {
        guard String(validating: body, as: UTF8.self) != nil else {
            return fail(CaptureFailure(status: 400, message: "body is not valid UTF-8", field: "body", reason: "invalid"))
        }
        let lines = body.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true)
            .filter { !$0.allSatisfy { $0 == 0x20 || $0 == 0x0D || $0 == 0x09 } }
        guard !lines.isEmpty else {
            return fail(CaptureFailure(status: 400, message: "the batch is empty", field: "body", reason: "invalid"))
        }
        guard lines.count <= CaptureService.maxBatchLines else {
            return fail(CaptureFailure(status: 400, message: "a batch holds at most \(CaptureService.maxBatchLines) lines, got \(lines.count)", field: "body", reason: "invalid"))
        }
        var events: [Event] = []
        events.reserveCapacity(lines.count)
        let now = Timestamp.now()
        for (n, line) in lines.enumerated() {
            let prefix = "lines[\(n)]."
            do throws(ValidationError) {
                let v = try CaptureService.parse(line)
                guard var o = v.objectValue else { throw ValidationError("each line must be a JSON object", field: "body") }
                let kind: EventKind
                if let k = o["kind"]?.stringValue, let kk = EventKind(rawValue: k) {
                    kind = kk
                } else if let s = o["schema"]?.stringValue, let kk = EventKind(schema: s) {
                    kind = kk
                } else {
                    throw ValidationError("kind must be review or transaction", field: "kind")
                }
                o["kind"] = nil
                o["schema"] = nil
                events.append(try makeEvent(kind: kind, body: .object(o), now: now))
            } catch {
                return fail(.invalid(error, prefix: prefix))
            }
        }
        return store(events)
    }

    private func store(_ events: [Event]) -> Result<[String], CaptureFailure> {
        do {
            try outbox.append(events.map(OutboxItem.init))
        } catch {
            return fail(.from(error))
        }
        for e in events { metrics.captured(e.kind) }
        return .success(events.map(\.id))
    }

    private func fail<T>(_ f: CaptureFailure) -> Result<T, CaptureFailure> {
        metrics.rejected(reason: f.reason)
        return .failure(f)
    }

    /// Strict JSON parse with a field-less error for the client.
    static func parse(_ bytes: some Collection<UInt8>) throws(ValidationError) -> JSONValue {
        do {
            return try JSONParser.parse(bytes)
        } catch {
            if error.message.contains("UTF-8") { throw ValidationError("body is not valid UTF-8", field: "body") }
            throw ValidationError("malformed JSON: \(error.description)", field: "body")
        }
    }
}
