import Testing
@testable import CorridorModel

/// The lake's fast scanner may only say "yes, with exactly the values the strict decoder gives"
/// or "don't know": checked on random envelopes and random mutations of them.
@Suite struct EnvelopeScannerTests {
    struct Rng: RandomNumberGenerator {
        var s: UInt64
        mutating func next() -> UInt64 { s &+= 0x9E37_79B9_7F4A_7C15; var z = s; z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9; z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB; return z ^ (z >> 31) }
    }

    func randomEvent(_ r: inout Rng, _ ids: UUIDv7Generator) -> Event {
        let texts = ["Attente trop longue", "très bon accueil 😀", "a ka di", "", "   ", "prix \"cher\"", "ligne\nsuivante", "Ça va, merci"]
        if Bool.random(using: &r) {
            var e = Event(kind: .review, id: ids.next(), stationID: "ML-S-\(Int.random(in: 0..<5, using: &r))",
                          capturedAt: Timestamp(millis: Int64.random(in: 1_700_000_000_000...1_800_000_000_000, using: &r)),
                          service: ServicePole.allCases.randomElement(using: &r))
            e.rating = Bool.random(using: &r) ? Int.random(in: 1...5, using: &r) : nil
            e.text = Bool.random(using: &r) ? texts.randomElement(using: &r) : nil
            if e.rating == nil && (e.text ?? "").allSatisfy(\.isWhitespace) { e.rating = 3 }
            e.channel = ReviewChannel.allCases.randomElement(using: &r)
            if Bool.random(using: &r) {
                e.sentiment = SentimentAssessment(label: SentimentLabel.allCases.randomElement(using: &r)!,
                                                  score: Double(Int.random(in: -1000...1000, using: &r)) / 1000,
                                                  aspects: Bool.random(using: &r) ? [AspectSentiment(aspect: .waiting, label: .unsatisfied, score: -0.5)] : [],
                                                  model: "corridor-lex/3", evidence: ["-attente"])
            }
            if Bool.random(using: &r) { e.attrs["pump"] = .int(Int64.random(in: 1...8, using: &r)) }
            return e
        } else {
            var e = Event(kind: .transaction, id: ids.next(), stationID: "ML-T-\(Int.random(in: 0..<5, using: &r))",
                          capturedAt: Timestamp(millis: Int64.random(in: 1_700_000_000_000...1_800_000_000_000, using: &r)),
                          service: ServicePole.allCases.randomElement(using: &r))
            e.amountXOF = Int64.random(in: 0...1_000_000, using: &r)
            e.product = Bool.random(using: &r) ? "gasoil" : nil
            e.quantity = Bool.random(using: &r) ? Double(Int.random(in: 0...10_000, using: &r)) / 100 : nil
            e.waitSeconds = Bool.random(using: &r) ? Int64.random(in: 0...3600, using: &r) : nil
            e.payment = Bool.random(using: &r) ? PaymentMethod.allCases.randomElement(using: &r) : nil
            return e
        }
    }

    func mutate(_ bytes: [UInt8], _ r: inout Rng) -> [UInt8] {
        var b = bytes
        for _ in 0..<Int.random(in: 1...3, using: &r) where !b.isEmpty {
            let p = Int.random(in: 0..<b.count, using: &r)
            switch Int.random(in: 0..<4, using: &r) {
            case 0: b[p] = UInt8.random(in: 0x20...0x7E, using: &r)
            case 1: b.remove(at: p)
            case 2: b.insert(Array("0123456789\"{}[],:-.eE\\ ".utf8).randomElement(using: &r)!, at: p)
            default: b[p] = UInt8.random(in: 0x80...0xFF, using: &r)
            }
        }
        return b
    }

    /// The scanner's answer must equal the strict decoder's whenever it gives one.
    func check(_ bytes: [UInt8]) -> (accepted: Bool, agrees: Bool) {
        var s = ScannedEnvelope()
        var aspects: [UInt8] = []
        let ok = bytes.withUnsafeBufferPointer { EnvelopeScanner.scan($0, into: &s, aspects: &aspects) }
        guard ok else { return (false, true) }
        guard let e = try? Event(envelope: bytes) else { return (true, false) }
        func str(_ r: Range<Int>?) -> String? { r.map { String(decoding: bytes[$0], as: UTF8.self) } }
        var agrees = e.kind == s.kind && e.id == str(s.id) && e.stationID == str(s.stationID) && e.capturedAt == s.capturedAt
            && e.service == s.service
        switch e.kind {
        case .review:
            agrees = agrees && e.rating == s.rating && e.text == str(s.text) && e.channel == s.channel
                && (e.sentiment != nil) == s.hasSentiment
            if let se = e.sentiment {
                agrees = agrees && se.label == s.label && se.score == s.score && se.model == str(s.model)
                    && JSONWriter.string(se.aspectsJSON) == String(decoding: aspects[s.aspectsJSON], as: UTF8.self)
            }
        case .transaction:
            agrees = agrees && e.amountXOF == s.amountXOF && e.product == str(s.product) && e.quantity == s.quantity
                && e.waitSeconds == s.waitSeconds && e.payment == s.payment
        case .heartbeat:
            agrees = false
        }
        return (true, agrees)
    }

    @Test func acceptsOnlyWhatTheStrictDecoderAcceptsWithTheSameValues() {
        var r = Rng(s: 42)
        let ids = UUIDv7Generator()
        var accepted = 0, mutatedAccepted = 0
        for _ in 0..<3000 {
            let e = randomEvent(&r, ids)
            let bytes = e.jsonBytes
            let plain = check(bytes)
            #expect(plain.agrees, "\(String(decoding: bytes, as: UTF8.self))")
            if plain.accepted { accepted += 1 }
            for _ in 0..<3 {
                let m = mutate(bytes, &r)
                let c = check(m)
                #expect(c.agrees, "mutated: \(String(decoding: m, as: UTF8.self))")
                if c.accepted { mutatedAccepted += 1 }
            }
        }
        // The fast path must actually be the common path for the writer's own output.
        #expect(accepted > 2000, "only \(accepted) of 3000 well-formed envelopes took the fast path")
        print("scanner: \(accepted)/3000 envelopes and \(mutatedAccepted)/9000 mutations on the fast path")
    }
}
