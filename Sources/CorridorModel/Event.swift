/// Heartbeat figures an edge sends about itself.
public struct Heartbeat: Sendable, Equatable {
    public var version: String
    public var pending: Int64
    public var oldestPendingAgeSeconds: Int64?
    public var bytes: Int64
    public var lastSendAt: Timestamp?
    public var link: String
    public var clockOffsetMillis: Int64?

    public init(version: String, pending: Int64, oldestPendingAgeSeconds: Int64?, bytes: Int64,
                lastSendAt: Timestamp?, link: String, clockOffsetMillis: Int64? = nil) {
        self.version = version; self.pending = pending; self.oldestPendingAgeSeconds = oldestPendingAgeSeconds
        self.bytes = bytes; self.lastSendAt = lastSendAt; self.link = link; self.clockOffsetMillis = clockOffsetMillis
    }
}

/// One event in envelope version 1: the same bytes on the outbox, on Kafka and in the raw lake.
///
/// A flat struct: the fields of a review, a transaction or a heartbeat are optional here and
/// `validate()` says which ones each kind needs.
public struct Event: Sendable, Equatable {
    public var kind: EventKind
    /// The schema string as received (`corridor.review/1` or a higher minor such as `/1.2`).
    public var schema: String
    /// UUIDv7, the idempotency key everywhere.
    public var id: String
    public var stationID: String
    public var capturedAt: Timestamp
    public var service: ServicePole?

    // review
    public var rating: Int?
    public var text: String?
    public var channel: ReviewChannel?
    public var sentiment: SentimentAssessment?

    // transaction
    public var amountXOF: Int64?
    public var product: String?
    public var quantity: Double?
    public var waitSeconds: Int64?
    public var payment: PaymentMethod?

    // heartbeat
    public var heartbeat: Heartbeat?

    /// Anything else the station sent, kept as-is (also where unknown top-level fields land).
    public var attrs: JSONObject

    public init(kind: EventKind, id: String, stationID: String, capturedAt: Timestamp, service: ServicePole? = nil,
                attrs: JSONObject = JSONObject()) {
        self.kind = kind
        self.schema = kind.schema
        self.id = id
        self.stationID = stationID
        self.capturedAt = capturedAt
        self.service = service
        self.attrs = attrs
    }

    public static let maxTextLength = 2000
    public static let maxProductLength = 200
    public static let maxAmountXOF: Int64 = 1_000_000_000_000

    /// Checks the rules of the envelope; the error names the failing field.
    public func validate() throws(ValidationError) {
        guard UUIDv7Generator.isUUID(id) else { throw ValidationError("id must be a UUID", field: "id") }
        try Event.checkStationID(stationID)
        switch kind {
        case .review:
            guard service != nil else { throw ValidationError("service is required", field: "service") }
            if let r = rating, !(1...5).contains(r) { throw ValidationError("rating must be an integer from 1 to 5", field: "rating") }
            if let t = text, t.utf8.count > Event.maxTextLength, t.count > Event.maxTextLength {
                throw ValidationError("text is longer than \(Event.maxTextLength) characters", field: "text")
            }
            let hasText = (text ?? "").unicodeScalars.contains { !$0.properties.isWhitespace }
            guard rating != nil || hasText else { throw ValidationError("a review needs a rating or a text", field: "rating") }
        case .transaction:
            guard service != nil else { throw ValidationError("service is required", field: "service") }
            guard let a = amountXOF else { throw ValidationError("amount_xof is required", field: "amount_xof") }
            guard (0...Event.maxAmountXOF).contains(a) else { throw ValidationError("amount_xof must be from 0 to \(Event.maxAmountXOF)", field: "amount_xof") }
            if let p = product, p.utf8.count > Event.maxProductLength, p.count > Event.maxProductLength { throw ValidationError("product is longer than \(Event.maxProductLength) characters", field: "product") }
            if let q = quantity, !(q >= 0 && q <= 1e9) { throw ValidationError("quantity must be a number from 0 to 1e9", field: "quantity") }
            if let w = waitSeconds, !(0...604_800).contains(w) { throw ValidationError("wait_seconds must be from 0 to 604800", field: "wait_seconds") }
        case .heartbeat:
            guard heartbeat != nil else { throw ValidationError("heartbeat figures are required", field: "heartbeat") }
        }
    }

    /// Station ids: 1–64 characters of `A-Z a-z 0-9 - _ .`
    public static func checkStationID(_ s: String) throws(ValidationError) {
        guard !s.isEmpty, s.utf8.count <= 64, s.utf8.allSatisfy({ c in
            (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x2D || c == 0x5F || c == 0x2E
        }) else {
            throw ValidationError("station_id must be 1-64 characters of A-Z, a-z, 0-9, '-', '_', '.'", field: "station_id")
        }
    }
}
