extension Event {
    /// Top-level field names of envelope v1; anything else goes to `attrs`.
    static let knownFields: Set<String> = [
        "schema", "id", "station_id", "captured_at", "service", "rating", "text", "channel", "sentiment",
        "amount_xof", "product", "quantity", "wait_seconds", "payment", "attrs",
        "version", "pending", "oldest_pending_age_seconds", "bytes", "last_send_at", "link", "clock_offset_ms",
    ]

    /// The envelope as a JSON object, fields in a fixed order.
    public var json: JSONValue {
        var o = JSONObject()
        o.appendUnique("schema", .string(schema))
        o.appendUnique("id", .string(id))
        o.appendUnique("station_id", .string(stationID))
        o.appendUnique("captured_at", .string(capturedAt.rfc3339))
        if let service { o.appendUnique("service", .string(service.rawValue)) }
        switch kind {
        case .review:
            if let rating { o.appendUnique("rating", .int(Int64(rating))) }
            if let text { o.appendUnique("text", .string(text)) }
            o.appendUnique("channel", .string((channel ?? .api).rawValue))
            if let sentiment { o.appendUnique("sentiment", sentiment.json) }
        case .transaction:
            if let amountXOF { o.appendUnique("amount_xof", .int(amountXOF)) }
            if let product { o.appendUnique("product", .string(product)) }
            if let quantity { o.appendUnique("quantity", .double(quantity)) }
            if let waitSeconds { o.appendUnique("wait_seconds", .int(waitSeconds)) }
            if let payment { o.appendUnique("payment", .string(payment.rawValue)) }
        case .heartbeat:
            if let h = heartbeat {
                o.appendUnique("version", .string(h.version))
                o.appendUnique("pending", .int(h.pending))
                o.appendUnique("oldest_pending_age_seconds", h.oldestPendingAgeSeconds.map { .int($0) } ?? .null)
                o.appendUnique("bytes", .int(h.bytes))
                o.appendUnique("last_send_at", h.lastSendAt.map { .string($0.rfc3339) } ?? .null)
                o.appendUnique("link", .string(h.link))
                if let c = h.clockOffsetMillis { o.appendUnique("clock_offset_ms", .int(c)) }
            }
        }
        o.appendUnique("attrs", .object(attrs))
        return .object(o)
    }

    /// The envelope's bytes: compact JSON, one line.
    public var jsonBytes: [UInt8] { JSONWriter.bytes(json) }

    /// Decodes and validates a full envelope (what central reads from Kafka or the lake).
    ///
    /// A higher minor version is accepted; unknown fields are kept in `attrs`.
    public init(envelope bytes: some Collection<UInt8>) throws(ValidationError) {
        try self.init(envelope: Array(bytes))
    }

    // Concrete overloads: the hot paths (Kafka payloads, lake lines) avoid generic dispatch and
    // dynamic casts across the module boundary.
    public init(envelope bytes: [UInt8]) throws(ValidationError) {
        let v: JSONValue
        do { v = try JSONParser.parse(buffer: bytes) } catch { throw ValidationError("malformed JSON: \(error)") }
        try self.init(envelope: v)
    }

    public init(envelope bytes: UnsafeBufferPointer<UInt8>) throws(ValidationError) {
        let v: JSONValue
        do { v = try JSONParser.parse(unsafe: bytes) } catch { throw ValidationError("malformed JSON: \(error)") }
        try self.init(envelope: v)
    }

    public init(envelope bytes: ArraySlice<UInt8>) throws(ValidationError) {
        let v: JSONValue
        do { v = try JSONParser.parse(buffer: bytes) } catch { throw ValidationError("malformed JSON: \(error)") }
        try self.init(envelope: v)
    }

    public init(envelope v: JSONValue) throws(ValidationError) {
        guard let o = v.objectValue else { throw ValidationError("an event must be a JSON object") }
        guard let schema = o["schema"]?.stringValue else { throw ValidationError("schema is required", field: "schema") }
        guard let kind = EventKind(schema: schema) else {
            throw ValidationError("unsupported schema \"\(schema)\"", field: "schema")
        }
        guard let id = o["id"]?.stringValue else { throw ValidationError("id is required", field: "id") }
        guard let station = o["station_id"]?.stringValue else { throw ValidationError("station_id is required", field: "station_id") }
        guard let ts = o["captured_at"]?.stringValue else { throw ValidationError("captured_at is required", field: "captured_at") }
        guard let at = Timestamp(rfc3339: ts) else { throw ValidationError("captured_at must be RFC 3339", field: "captured_at") }
        self.init(kind: kind, id: id, stationID: station, capturedAt: at)
        self.schema = schema
        try readFields(o)
        if let s = o["sentiment"], !s.isNull { sentiment = try SentimentAssessment(json: s) }
        if kind == .heartbeat {
            heartbeat = Heartbeat(
                version: o["version"]?.stringValue ?? "unknown",
                pending: o["pending"]?.intValue ?? 0,
                oldestPendingAgeSeconds: o["oldest_pending_age_seconds"]?.intValue,
                bytes: o["bytes"]?.intValue ?? 0,
                lastSendAt: o["last_send_at"]?.stringValue.flatMap(Timestamp.init(rfc3339:)),
                link: o["link"]?.stringValue ?? "unknown",
                clockOffsetMillis: o["clock_offset_ms"]?.intValue)
        }
        try validate()
    }

    /// Builds an event from what a capture client sent (`POST /v1/reviews`, the CLI, a batch line).
    ///
    /// The agent sets `id`, `station_id` and `schema`; a client may give `captured_at` (its own
    /// clock, RFC 3339), otherwise `now` is used. Unknown fields go to `attrs`.
    public static func capture(kind: EventKind, body: JSONValue, id: String, stationID: String, now: Timestamp) throws(ValidationError) -> Event {
        guard kind != .heartbeat else { throw ValidationError("heartbeats are made by the agent", field: "kind") }
        guard let o = body.objectValue else { throw ValidationError("the body must be a JSON object", field: "body") }
        for f in ["id", "station_id", "schema", "sentiment"] where o[f] != nil {
            throw ValidationError("\(f) is set by the agent, not by the client", field: f)
        }
        var at = now
        if let v = o["captured_at"], !v.isNull {
            guard let s = v.stringValue, let t = Timestamp(rfc3339: s) else {
                throw ValidationError("captured_at must be an RFC 3339 timestamp", field: "captured_at")
            }
            guard t.millis >= 946_684_800_000, t.millis <= now.millis + 86_400_000 else {
                throw ValidationError("captured_at must be after 2000 and not more than a day ahead", field: "captured_at")
            }
            at = t
        }
        var e = Event(kind: kind, id: id, stationID: stationID, capturedAt: at)
        try e.readFields(o)
        if kind == .review, e.channel == nil { e.channel = .api }
        try e.validate()
        return e
    }

    private mutating func readFields(_ o: JSONObject) throws(ValidationError) {
        service = try Event.enumField(o, "service", ServicePole.self)
        switch kind {
        case .review:
            if let r = o["rating"], !r.isNull {
                guard let i = r.intValue, (1...5).contains(i) else {
                    throw ValidationError("rating must be an integer from 1 to 5", field: "rating")
                }
                rating = Int(i)
            }
            text = try Event.stringField(o, "text")
            channel = try Event.enumField(o, "channel", ReviewChannel.self)
        case .transaction:
            if let a = o["amount_xof"], !a.isNull {
                guard let i = a.intValue else { throw ValidationError("amount_xof must be a whole number of francs", field: "amount_xof") }
                amountXOF = i
            }
            product = try Event.stringField(o, "product")
            if let q = o["quantity"], !q.isNull {
                guard let d = q.doubleValue else { throw ValidationError("quantity must be a number", field: "quantity") }
                quantity = d
            }
            if let w = o["wait_seconds"], !w.isNull {
                guard let i = w.intValue else { throw ValidationError("wait_seconds must be a whole number", field: "wait_seconds") }
                waitSeconds = i
            }
            payment = try Event.enumField(o, "payment", PaymentMethod.self)
        case .heartbeat:
            break
        }
        if let a = o["attrs"], !a.isNull {
            guard let obj = a.objectValue else { throw ValidationError("attrs must be an object", field: "attrs") }
            attrs = obj
        }
        for (k, v) in o where !Event.knownFields.contains(k) && k != "kind" && attrs[k] == nil {
            attrs[k] = v
        }
    }

    private static func stringField(_ o: JSONObject, _ name: String) throws(ValidationError) -> String? {
        guard let v = o[name], !v.isNull else { return nil }
        guard let s = v.stringValue else { throw ValidationError("\(name) must be a string, not \(v.typeName)", field: name) }
        return s
    }

    private static func enumField<E: RawRepresentable & CaseIterable>(_ o: JSONObject, _ name: String, _ type: E.Type) throws(ValidationError) -> E? where E.RawValue == String {
        guard let s = try stringField(o, name) else { return nil }
        guard let e = E(rawValue: s) else {
            let allowed = E.allCases.map(\.rawValue).joined(separator: ", ")
            throw ValidationError("\(name) must be one of \(allowed), not \"\(s)\"", field: name)
        }
        return e
    }
}
