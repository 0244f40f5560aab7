/// What `EnvelopeScanner` read from one envelope line: byte ranges into the line and decoded values.
///
/// Only filled for the common, plain shape of a review or a transaction. Ranges are relative to
/// the buffer given to `EnvelopeScanner.scan`.
public struct ScannedEnvelope: Sendable {
    public var kind: EventKind = .review
    public var id: Range<Int> = 0..<0
    public var stationID: Range<Int> = 0..<0
    public var capturedAt = Timestamp(millis: 0)
    public var service: ServicePole?
    // review
    public var rating: Int?
    public var text: Range<Int>?
    public var channel: ReviewChannel?
    public var hasSentiment = false
    public var label: SentimentLabel = .neutral
    public var score: Double = 0
    /// nil: the envelope has no model, the decoder says `unknown/0`.
    public var model: Range<Int>?
    /// Where `scan` wrote `SentimentAssessment.aspectsJSON` in its `aspects` output buffer.
    public var aspectsJSON: Range<Int> = 0..<0
    // transaction
    public var amountXOF: Int64?
    public var product: Range<Int>?
    public var quantity: Double?
    public var waitSeconds: Int64?
    public var payment: PaymentMethod?
    /// The `attrs` object's bytes, already exactly what `JSONWriter` writes for it; nil means `{}`.
    public var attrs: Range<Int>?

    public init() {}
}

/// A fast reader for the lake's hot path: reads a review or transaction envelope of the usual
/// shape without building a `JSONValue` tree or an `Event`.
///
/// It only ever answers "yes, and these are exactly the values `Event(envelope:)` would give"
/// or "don't know" (false). Anything unusual (escapes in strings, unknown or duplicate fields,
/// numbers in exponent form, heartbeats, a value that fails validation, whitespace inside
/// `attrs`, …) returns false, and the caller must then use the strict `Event(envelope:)`, which
/// decides. So a line the strict decoder rejects is never accepted here.
public enum EnvelopeScanner {
    /// Scans one line; on success fills `out` and appends the aspects JSON to `aspects`.
    public static func scan(_ b: UnsafeBufferPointer<UInt8>, into out: inout ScannedEnvelope, aspects: inout [UInt8]) -> Bool {
        let mark = aspects.count
        var s = Scanner(b: b)
        if s.run(&out, &aspects) { return true }
        aspects.removeSubrange(mark...)
        return false
    }
}

// Top-level keys the scanner knows, as slots.
private enum Slot: Int {
    case schema, id, stationID, capturedAt, service, rating, text, channel, sentiment
    case amountXOF, product, quantity, waitSeconds, payment, attrs
}

private struct Scanner {
    let b: UnsafeBufferPointer<UInt8>
    var i = 0

    init(b: UnsafeBufferPointer<UInt8>) { self.b = b }

    @inline(__always) mutating func ws() {
        while i < b.count, b[i] == 0x20 || b[i] == 0x0A || b[i] == 0x0D || b[i] == 0x09 { i += 1 }
    }

    @inline(__always) mutating func eat(_ c: UInt8) -> Bool {
        ws()
        guard i < b.count, b[i] == c else { return false }
        i += 1
        return true
    }

    /// A string without escapes, valid UTF-8; returns its content range.
    mutating func string() -> Range<Int>? {
        ws()
        guard i < b.count, b[i] == 0x22 else { return nil }
        i += 1
        let start = i
        var high: UInt8 = 0
        while i < b.count {
            let c = b[i]
            if c == 0x22 {
                let r = start..<i
                i += 1
                if high & 0x80 != 0, !validUTF8(r) { return nil }
                return r
            }
            if c < 0x20 || c == 0x5C { return nil }
            high |= c
            i += 1
        }
        return nil
    }

    func validUTF8(_ r: Range<Int>) -> Bool {
        var k = r.lowerBound
        let end = r.upperBound
        while k < end {
            let c = b[k]
            if c < 0x80 { k += 1; continue }
            func cont(_ j: Int) -> Bool { j < end && b[j] & 0xC0 == 0x80 }
            if c >= 0xC2 && c <= 0xDF {
                guard cont(k + 1) else { return false }
                k += 2
            } else if c >= 0xE0 && c <= 0xEF {
                guard cont(k + 1), cont(k + 2) else { return false }
                let c1 = b[k + 1]
                if c == 0xE0 && c1 < 0xA0 { return false }   // overlong
                if c == 0xED && c1 >= 0xA0 { return false }  // surrogate
                k += 3
            } else if c >= 0xF0 && c <= 0xF4 {
                guard cont(k + 1), cont(k + 2), cont(k + 3) else { return false }
                let c1 = b[k + 1]
                if c == 0xF0 && c1 < 0x90 { return false }
                if c == 0xF4 && c1 >= 0x90 { return false }
                k += 4
            } else {
                return false
            }
        }
        return true
    }

    func equals(_ r: Range<Int>, _ s: StaticString) -> Bool {
        let n = s.utf8CodeUnitCount
        guard r.count == n else { return false }
        let p = s.utf8Start
        for k in 0..<n where b[r.lowerBound + k] != p[k] { return false }
        return true
    }

    /// A JSON number; `int` when it has neither fraction nor exponent and fits 18 digits.
    enum Num { case int(Int64), double(Double) }

    mutating func number() -> Num? {
        ws()
        let start = i
        var neg = false
        if i < b.count, b[i] == 0x2D { neg = true; i += 1 }
        let intStart = i
        var mant: UInt64 = 0, digits = 0
        while i < b.count, b[i] >= 0x30, b[i] <= 0x39 {
            mant = mant &* 10 &+ UInt64(b[i] - 0x30); digits += 1; i += 1
        }
        guard digits > 0, digits <= 18 else { return nil }
        if digits > 1 && b[intStart] == 0x30 { return nil }  // leading zero: the parser rejects it
        var fracDigits = 0
        if i < b.count, b[i] == 0x2E {
            i += 1
            while i < b.count, b[i] >= 0x30, b[i] <= 0x39 {
                mant = mant &* 10 &+ UInt64(b[i] - 0x30); fracDigits += 1; i += 1
            }
            guard fracDigits > 0, digits + fracDigits <= 15 else { return nil }
        }
        if i < b.count, b[i] == 0x65 || b[i] == 0x45 { return nil }  // exponent: leave it to the parser
        _ = start
        if fracDigits == 0 { return .int(neg ? -Int64(mant) : Int64(mant)) }
        // Exact: an integer below 2^53 divided by an exact power of ten is correctly rounded,
        // the same value `Double(String)` gives.
        var d = Double(mant) / Scanner.pow10[fracDigits]
        if neg { d = -d }
        return .double(d)
    }

    static let pow10: [Double] = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16]

    /// `null` literal at the current position (after whitespace)?
    mutating func null() -> Bool {
        ws()
        guard i + 4 <= b.count, b[i] == 0x6E, b[i + 1] == 0x75, b[i + 2] == 0x6C, b[i + 3] == 0x6C else { return false }
        i += 4
        return true
    }

    mutating func peek() -> UInt8? { ws(); return i < b.count ? b[i] : nil }

    func slot(_ r: Range<Int>) -> Slot? {
        switch r.count {
        case 2: return equals(r, "id") ? .id : nil
        case 4: return equals(r, "text") ? .text : nil
        case 5: return equals(r, "attrs") ? .attrs : nil
        case 6: return equals(r, "schema") ? .schema : equals(r, "rating") ? .rating : nil
        case 7:
            if equals(r, "service") { return .service }
            if equals(r, "channel") { return .channel }
            if equals(r, "product") { return .product }
            if equals(r, "payment") { return .payment }
            return nil
        case 8: return equals(r, "quantity") ? .quantity : nil
        case 9: return equals(r, "sentiment") ? .sentiment : nil
        case 10: return equals(r, "station_id") ? .stationID : equals(r, "amount_xof") ? .amountXOF : nil
        case 11: return equals(r, "captured_at") ? .capturedAt : nil
        case 12: return equals(r, "wait_seconds") ? .waitSeconds : nil
        default: return nil
        }
    }

    func enumValue<E: RawRepresentable>(_ r: Range<Int>, _ type: E.Type) -> E? where E.RawValue == String {
        // Enum raw values are short ASCII: a small string, no allocation.
        guard r.count <= 15 else { return nil }
        return E(rawValue: String(decoding: UnsafeBufferPointer(rebasing: b[r]), as: UTF8.self))
    }

    mutating func run(_ out: inout ScannedEnvelope, _ aspects: inout [UInt8]) -> Bool {
        out = ScannedEnvelope()
        guard eat(0x7B) else { return false }
        var seen: UInt32 = 0
        var schema: Range<Int>?
        var kindFieldsReview = false, kindFieldsTransaction = false
        var score: Num?
        if peek() == 0x7D { return false }
        while true {
            guard let key = string(), eat(0x3A), let slot = slot(key) else { return false }
            let bit: UInt32 = 1 << UInt32(slot.rawValue)
            guard seen & bit == 0 else { return false }
            seen |= bit
            switch slot {
            case .schema: guard let r = string() else { return false }; schema = r
            case .id: guard let r = string() else { return false }; out.id = r
            case .stationID: guard let r = string() else { return false }; out.stationID = r
            case .capturedAt:
                guard let r = string(), let t = timestamp(r) else { return false }
                out.capturedAt = t
            case .service:
                if !null() {
                    guard let r = string(), let v = enumValue(r, ServicePole.self) else { return false }
                    out.service = v
                }
            case .rating:
                kindFieldsReview = true
                if !null() {
                    guard case .int(let v)? = number(), (1...5).contains(v) else { return false }
                    out.rating = Int(v)
                }
            case .text:
                kindFieldsReview = true
                if !null() {
                    guard let r = string(), r.count <= Event.maxTextLength else { return false }
                    out.text = r
                }
            case .channel:
                kindFieldsReview = true
                if !null() {
                    guard let r = string(), let v = enumValue(r, ReviewChannel.self) else { return false }
                    out.channel = v
                }
            case .sentiment:
                kindFieldsReview = true
                if !null() {
                    guard sentiment(&out, &aspects, &score) else { return false }
                }
            case .amountXOF:
                kindFieldsTransaction = true
                if !null() {
                    guard case .int(let v)? = number(), (0...Event.maxAmountXOF).contains(v) else { return false }
                    out.amountXOF = v
                }
            case .product:
                kindFieldsTransaction = true
                if !null() {
                    guard let r = string(), r.count <= Event.maxProductLength else { return false }
                    out.product = r
                }
            case .quantity:
                kindFieldsTransaction = true
                if !null() {
                    guard let n = number() else { return false }
                    let q: Double
                    switch n { case .int(let v): q = Double(v); case .double(let d): q = d }
                    guard q >= 0 && q <= 1e9 else { return false }
                    out.quantity = q
                }
            case .waitSeconds:
                kindFieldsTransaction = true
                if !null() {
                    guard case .int(let v)? = number(), (0...604_800).contains(v) else { return false }
                    out.waitSeconds = v
                }
            case .payment:
                kindFieldsTransaction = true
                if !null() {
                    guard let r = string(), let v = enumValue(r, PaymentMethod.self) else { return false }
                    out.payment = v
                }
            case .attrs:
                if !null() {
                    guard let r = attrsObject() else { return false }
                    out.attrs = r
                }
            }
            guard let c = peek() else { return false }
            i += 1
            if c == 0x2C { continue }
            if c == 0x7D { break }
            return false
        }
        ws()
        guard i == b.count else { return false }

        // Kind and validation, as `Event(envelope:)` and `validate()` do them.
        guard let schema, equalsSchema(schema, &out.kind) else { return false }
        guard seen & (1 << UInt32(Slot.id.rawValue)) != 0, seen & (1 << UInt32(Slot.stationID.rawValue)) != 0,
              seen & (1 << UInt32(Slot.capturedAt.rawValue)) != 0 else { return false }
        guard isUUID(out.id), isStationID(out.stationID), out.service != nil else { return false }
        switch out.kind {
        case .review:
            // Transaction fields on a review are dropped by the decoder: rare, leave it to it.
            guard !kindFieldsTransaction else { return false }
            if out.rating == nil {
                // Needs a non-blank text; decide only when an ASCII non-space byte proves it.
                guard let t = out.text, b[t].contains(where: { $0 > 0x20 && $0 < 0x80 }) else { return false }
            }
            return true
        case .transaction:
            guard !kindFieldsReview, out.amountXOF != nil else { return false }
            return true
        case .heartbeat:
            return false
        }
    }

    func equalsSchema(_ r: Range<Int>, _ kind: inout EventKind) -> Bool {
        if equals(r, "corridor.review/1") { kind = .review; return true }
        if equals(r, "corridor.transaction/1") { kind = .transaction; return true }
        return false
    }

    func isUUID(_ r: Range<Int>) -> Bool {
        guard r.count == 36 else { return false }
        for k in 0..<36 {
            let c = b[r.lowerBound + k]
            if k == 8 || k == 13 || k == 18 || k == 23 {
                if c != 0x2D { return false }
            } else if !((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46)) {
                return false
            }
        }
        return true
    }

    func isStationID(_ r: Range<Int>) -> Bool {
        guard !r.isEmpty, r.count <= 64 else { return false }
        for k in r {
            let c = b[k]
            guard (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x2D || c == 0x5F || c == 0x2E
            else { return false }
        }
        return true
    }

    /// Exactly `YYYY-MM-DDTHH:MM:SS.mmmZ` (what the edge writes); other RFC 3339 forms go to the decoder.
    func timestamp(_ r: Range<Int>) -> Timestamp? {
        guard r.count == 24 else { return nil }
        let o = r.lowerBound
        func num(_ at: Int, _ n: Int) -> Int64? {
            var v: Int64 = 0
            for k in 0..<n {
                let c = b[o + at + k]
                guard c >= 0x30 && c <= 0x39 else { return nil }
                v = v * 10 + Int64(c - 0x30)
            }
            return v
        }
        guard b[o + 4] == 0x2D, b[o + 7] == 0x2D, b[o + 10] == 0x54, b[o + 13] == 0x3A, b[o + 16] == 0x3A,
              b[o + 19] == 0x2E, b[o + 23] == 0x5A,
              let y = num(0, 4), let mo = num(5, 2), let d = num(8, 2), let h = num(11, 2), let mi = num(14, 2),
              let se = num(17, 2), let ms = num(20, 3) else { return nil }
        guard (1...12).contains(mo), d >= 1, h < 24, mi < 60, se < 61 else { return nil }
        let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)
        let dim: Int64
        switch mo {
        case 2: dim = leap ? 29 : 28
        case 4, 6, 9, 11: dim = 30
        default: dim = 31
        }
        guard d <= dim else { return nil }
        let days = Timestamp.days(fromCivil: y, Int(mo), Int(d))
        return Timestamp(millis: days * 86_400_000 + h * 3_600_000 + mi * 60_000 + min(se, 59) * 1000 + ms)
    }

    /// `{label, score, aspects?, model?}` in any order; writes the aspects JSON.
    mutating func sentiment(_ out: inout ScannedEnvelope, _ aspects: inout [UInt8], _ scoreOut: inout Num?) -> Bool {
        guard eat(0x7B) else { return false }
        var seen: UInt8 = 0
        var label: SentimentLabel?, score: Double?
        var list: [(Aspect, SentimentLabel?, Double)] = []
        var aspectsSeen = false
        if peek() == 0x7D { return false }
        while true {
            guard let key = string(), eat(0x3A) else { return false }
            let bit: UInt8
            if equals(key, "label") {
                bit = 1
                guard let r = string(), let l = enumValue(r, SentimentLabel.self) else { return false }
                label = l
            } else if equals(key, "score") {
                bit = 2
                guard let n = number() else { return false }
                switch n { case .int(let v): score = Double(v); case .double(let d): score = d }
            } else if equals(key, "model") {
                bit = 4
                guard let r = string() else { return false }
                out.model = r
            } else if equals(key, "aspects") {
                bit = 8
                aspectsSeen = true
                guard aspectList(&list) else { return false }
            } else if equals(key, "evidence") {
                bit = 16
                guard stringArray() else { return false }
            } else {
                return false
            }
            switch endOfMember(bit, &seen) {
            case .more: continue
            case .closed: break
            case .invalid: return false
            }
            break
        }
        guard let label, let score, (-1...1).contains(score) else { return false }
        _ = aspectsSeen
        out.hasSentiment = true
        out.label = label
        out.score = score
        // Same bytes as `JSONWriter.bytes(SentimentAssessment.aspectsJSON)`.
        let start = aspects.count
        aspects.append(0x5B)
        for (n, a) in list.enumerated() {
            if n > 0 { aspects.append(0x2C) }
            let l = a.1 ?? (a.2 > 0 ? .satisfied : a.2 < 0 ? .unsatisfied : .neutral)
            aspects.append(contentsOf: #"{"aspect":""#.utf8)
            aspects.append(contentsOf: a.0.rawValue.utf8)
            aspects.append(contentsOf: #"","label":""#.utf8)
            aspects.append(contentsOf: l.rawValue.utf8)
            aspects.append(contentsOf: #"","score":"#.utf8)
            JSONWriter.writeDouble((a.2 * 1000).rounded() / 1000, into: &aspects)
            aspects.append(0x7D)
        }
        aspects.append(0x5D)
        out.aspectsJSON = start..<aspects.count
        return true
    }

    enum MemberEnd { case more, closed, invalid }

    /// After a member of a nested object: refuses a repeated key (`bit` already in `seen`), then
    /// reads `,` (another member follows) or `}` (the object is closed).
    mutating func endOfMember<B: FixedWidthInteger>(_ bit: B, _ seen: inout B) -> MemberEnd {
        guard seen & bit == 0 else { return .invalid }
        seen |= bit
        guard let c = peek() else { return .invalid }
        i += 1
        return c == 0x2C ? .more : c == 0x7D ? .closed : .invalid
    }

    /// `[{aspect, label?, score?}, …]`; an unknown aspect name is skipped, as the decoder does.
    mutating func aspectList(_ list: inout [(Aspect, SentimentLabel?, Double)]) -> Bool {
        guard eat(0x5B) else { return false }
        if peek() == 0x5D { i += 1; return true }
        while true {
            guard eat(0x7B) else { return false }
            var seen: UInt8 = 0
            var aspect: Aspect?, known = false, label: SentimentLabel?, score = 0.0
            if peek() == 0x7D { return false }
            while true {
                guard let key = string(), eat(0x3A) else { return false }
                let bit: UInt8
                if equals(key, "aspect") {
                    bit = 1
                    guard let r = string() else { return false }
                    aspect = r.count <= 15 ? enumValue(r, Aspect.self) : nil
                    known = true
                } else if equals(key, "label") {
                    bit = 2
                    guard let r = string(), let l = enumValue(r, SentimentLabel.self) else { return false }
                    label = l
                } else if equals(key, "score") {
                    bit = 4
                    guard let n = number() else { return false }
                    switch n { case .int(let v): score = Double(v); case .double(let d): score = d }
                } else {
                    return false
                }
                switch endOfMember(bit, &seen) {
                case .more: continue
                case .closed: break
                case .invalid: return false
                }
                break
            }
            guard known else { return false }
            if let aspect { list.append((aspect, label, score)) }
            guard let c = peek() else { return false }
            i += 1
            if c == 0x2C { continue }
            if c == 0x5D { return true }
            return false
        }
    }

    mutating func stringArray() -> Bool {
        guard eat(0x5B) else { return false }
        if peek() == 0x5D { i += 1; return true }
        while true {
            guard string() != nil, let c = peek() else { return false }
            i += 1
            if c == 0x2C { continue }
            if c == 0x5D { return true }
            return false
        }
    }

    /// A flat object whose bytes are already what `JSONWriter` would write: no whitespace,
    /// unique plain keys, values plain strings, integers, booleans or null.
    mutating func attrsObject() -> Range<Int>? {
        ws()
        let start = i
        guard i < b.count, b[i] == 0x7B else { return nil }
        i += 1
        guard i < b.count else { return nil }
        if b[i] == 0x7D { i += 1; return start..<i }
        var keys: [Range<Int>] = []
        while true {
            guard i < b.count, b[i] == 0x22, let k = string() else { return nil }
            guard keys.count < 16, !keys.contains(where: { b[$0].elementsEqual(b[k]) }) else { return nil }
            keys.append(k)
            guard i < b.count, b[i] == 0x3A else { return nil }
            i += 1
            guard i < b.count else { return nil }
            switch b[i] {
            case 0x22: guard string() != nil else { return nil }
            case 0x74: guard lit("true") else { return nil }
            case 0x66: guard lit("false") else { return nil }
            case 0x6E: guard lit("null") else { return nil }
            case 0x2D, 0x30...0x39:
                let s = i
                guard case .int(let v)? = number(), v != 0 || b[s] != 0x2D else { return nil }
            default: return nil
            }
            guard i < b.count else { return nil }
            let c = b[i]
            i += 1
            if c == 0x2C { continue }
            if c == 0x7D { return start..<i }
            return nil
        }
    }

    mutating func lit(_ w: StaticString) -> Bool {
        let n = w.utf8CodeUnitCount
        guard i + n <= b.count else { return false }
        for k in 0..<n where b[i + k] != w.utf8Start[k] { return false }
        i += n
        return true
    }
}
