import CorridorModel

/// The on-device sentiment model: lexicon and rules for French, Bambara, English and the station
/// domain, fused with the star rating when the review has one.
///
/// Pure Swift, no model file: the lexicon is built once per process and every call is a single
/// pass over the text. Thread-safe (`assess` keeps no shared mutable state).
public struct SentimentAnalyzer: Sendable {
    /// Model name and version written into every assessment; central re-scores older versions.
    public static let model: String = "corridor-lex/1"

    /// Text scores within ±`neutralBand` are neutral.
    static let neutralBand: Float = 0.05
    /// How much of the fused score the star rating carries when the text also says something.
    static let ratingWeight: Float = 0.6
    /// Most evidence strings kept per review.
    static let maxEvidence = 8

    private let lexicon: Lexicon

    public init() { lexicon = Lexicon.shared }

    /// Assesses one review: text (any of French, Bambara, English, mixed), star rating 1–5 and the
    /// service pole it is about (used to pick pole-specific aspects). Both text and rating are
    /// optional; with neither, the review is neutral.
    public func assess(text: String?, rating: Int?, service: ServicePole?) -> SentimentAssessment {
        var scorer = TextScorer(lexicon: lexicon, service: service)
        if let text, !text.isEmpty { scorer.score(text) }
        let textScore = scorer.normalizedScore
        let hasText = scorer.rawScore != 0

        var score: Float
        var label: SentimentLabel
        var evidence = scorer.evidence
        if let rating, (1...5).contains(rating) {
            let r = Float(rating - 3) / 2
            evidence.insert("rating \(rating)★", at: 0)
            if hasText {
                score = SentimentAnalyzer.ratingWeight * r + (1 - SentimentAnalyzer.ratingWeight) * textScore
                label = SentimentAnalyzer.label(score)
            } else {
                score = r
                label = SentimentLabel(rating: rating)
            }
        } else {
            score = textScore
            label = SentimentAnalyzer.label(score)
        }
        if evidence.count > SentimentAnalyzer.maxEvidence { evidence.removeLast(evidence.count - SentimentAnalyzer.maxEvidence) }
        return SentimentAssessment(label: label, score: Double(max(-1, min(1, score))),
                                   aspects: scorer.aspectSentiments(), model: SentimentAnalyzer.model,
                                   evidence: evidence)
    }

    static func label(_ score: Float) -> SentimentLabel {
        score > neutralBand ? .satisfied : score < -neutralBand ? .unsatisfied : .neutral
    }

    /// Maps an unbounded sum of valences into (-1, 1) the way VADER's compound score does.
    static func squash(_ s: Float) -> Float { s / (s * s + 5).squareRoot() }
}

/// One pass of the rules over one text: negation, boosters, contrast, stock-outs, aspects.
struct TextScorer {
    let lexicon: Lexicon
    let service: ServicePole?
    var normalizer = TextNormalizer()
    var evidence: [String] = []

    /// The text's valence sum after contrast weighting and `!!!`.
    private(set) var rawScore: Float = 0
    private var total: Float = 0
    private var clause: Float = 0
    /// Weight of the clauses after a contrast word.
    private var clauseWeight: Float = 1
    /// Aspects seen in the current clause (bit per `Aspect` index) and their own valence.
    private var clauseAspects: UInt16 = 0
    private var clauseAspectOwn = SIMD16<Float>()
    /// Per-aspect accumulated score and mention mask for the whole text.
    private var aspectScore = SIMD16<Float>()
    private var aspectMask: UInt16 = 0

    init(lexicon: Lexicon, service: ServicePole?) {
        self.lexicon = lexicon
        self.service = service
    }

    var normalizedScore: Float { SentimentAnalyzer.squash(rawScore) }

    mutating func score(_ text: String) {
        normalizer.normalize(text)
        // Capitals are shouting only when the rest of the text is not also in capitals.
        let capsShout = normalizer.capsWords < normalizer.wordCount
        let tokenArray = normalizer.tokens, byteArray = normalizer.bytes
        tokenArray.withUnsafeBufferPointer { tokens in
            byteArray.withUnsafeBufferPointer { bytes in run(tokens, bytes, capsShout: capsShout) }
        }
        var s = total
        if s != 0, normalizer.exclamations > 0 {
            // `!!!` strengthens whatever the text already says (VADER's rule, capped at four).
            let bang = Float(min(normalizer.exclamations, 4)) * 0.25
            s += s > 0 ? bang : -bang
        }
        rawScore = s
    }

    typealias Tokens = UnsafeBufferPointer<Token>
    typealias Bytes = UnsafeBufferPointer<UInt8>

    private mutating func run(_ tokens: Tokens, _ bytes: Bytes, capsShout: Bool) {
        var negation = 0            // word tokens the current negation still covers
        var boost: Float = 1
        var boostLeft = 0
        var i = 0
        while i < tokens.count {
            let token = tokens[i]
            switch token.kind {
            case .boundary:
                closeClause()
                negation = 0; boost = 1; boostLeft = 0
                i += 1
                continue
            case .emoji:
                clause += token.valence
                note(token.valence > 0 ? "emoji+" : "emoji-")
                i += 1
                continue
            case .word:
                break
            }
            guard let (entry, used) = match(tokens, i, bytes) else {
                if negation > 0 { negation -= 1 }
                if boostLeft > 0 { boostLeft -= 1; if boostLeft == 0 { boost = 1 } }
                i += 1
                continue
            }
            let emphasis: Float = (token.elongated || (token.shouted && capsShout)) ? 1.3 : 1
            switch entry.role {
            case .negator:
                negation = 3
                i += used
                continue
            case .booster:
                boost *= entry.factor * emphasis
                boostLeft = 2
                i += used
                continue
            case .contrast:
                closeClause()
                total *= 0.6
                clauseWeight = 1.3
                note(lexicon.text(entry))
                negation = 0; boost = 1; boostLeft = 0
                i += used
                continue
            case .goods:
                if negation > 0 || noMoreBefore(tokens, i, bytes) || absentAfter(tokens, i + used, bytes) {
                    clause -= 1.2
                    mark(.availability, own: -1.2)
                    note("sans " + lexicon.text(entry))
                } else if presentAfter(tokens, i + used, bytes) {
                    clause += 0.6
                    mark(.availability, own: 0.6)
                    note("+" + lexicon.text(entry))
                } else if let aspect = entry.aspect, aspect != .availability {
                    mark(aspect, own: 0)
                }
            case .plain:
                if entry.valence != 0 {
                    var v = entry.valence * emphasis
                    if boostLeft > 0 { v *= boost }
                    if negation > 0 {
                        v = -v * 0.75
                        note("¬" + lexicon.text(entry))
                    } else {
                        note((v > 0 ? "+" : "-") + lexicon.text(entry))
                    }
                    clause += v
                    if let aspect = entry.aspect { mark(aspect, own: v) }
                    boost = 1; boostLeft = 0
                } else if let aspect = entry.aspect {
                    mark(aspect, own: 0)
                }
            }
            if negation > 0 { negation -= Int(used) }
            if boostLeft > 0 { boostLeft -= 1; if boostLeft == 0 { boost = 1 } }
            i += used
        }
        closeClause()
    }

    /// The longest lexicon entry starting at token `i`: phrases first, then the word, then the word
    /// with doubled letters made single (`cool` stays, `mercii` → `merci`).
    private func match(_ tokens: Tokens, _ i: Int, _ bytes: Bytes) -> (LexEntry, Int)? {
        let token = tokens[i]
        var key = LexKey()
        var ok = true
        for p in Int(token.start)..<Int(token.end) where !key.append(bytes[p]) { ok = false; break }
        var word = ok ? lexicon.lookup(key.sealed) : nil
        if word == nil, token.elongated {
            var single = LexKey()
            var last: UInt8 = 0
            for p in Int(token.start)..<Int(token.end) where bytes[p] != last {
                last = bytes[p]
                if !single.append(last) { break }
            }
            word = lexicon.lookup(single.sealed)
        }
        if word == nil, ok { word = stem(Int(token.start), Int(token.end), bytes) }
        guard let head = word else { return nil }
        if head.longestPhrase > 1 {
            var n = 1
            var phrase = key
            var found: (LexEntry, Int)?
            var j = i + 1
            while n < Int(head.longestPhrase), j < tokens.count, tokens[j].kind == .word {
                guard phrase.append(0x20) else { break }
                var fits = true
                for p in Int(tokens[j].start)..<Int(tokens[j].end) where !phrase.append(bytes[p]) { fits = false; break }
                guard fits else { break }
                n += 1
                if let e = lexicon.lookup(phrase.sealed) { found = (e, n) }
                j += 1
            }
            if let found { return found }
        }
        if head.words > 1 { return nil }
        return (head, 1)
    }

    /// French inflection the lexicon does not list: plural `-s`/`-es`, verb `-ent` (→ `-e`).
    private func stem(_ start: Int, _ end: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> LexEntry? {
        let n = end - start
        guard n >= 5, bytes[end - 1] == UInt8(ascii: "s") || bytes[end - 1] == UInt8(ascii: "t") else { return nil }
        func entry(_ cut: Int, plusE: Bool) -> LexEntry? {
            var k = LexKey()
            for p in start..<(end - cut) where !k.append(bytes[p]) { return nil }
            if plusE { _ = k.append(UInt8(ascii: "e")) }
            guard let e = lexicon.lookup(k.sealed), e.words == 1, e.role == .plain, e.valence != 0 else { return nil }
            return e
        }
        if bytes[end - 1] == UInt8(ascii: "s") {
            if let e = entry(1, plusE: false) { return e }
            if bytes[end - 2] == UInt8(ascii: "e"), let e = entry(2, plusE: false) { return e }
            return nil
        }
        // -ent → -e (`progressent` → `progresse`)
        if n >= 6, bytes[end - 3] == UInt8(ascii: "e"), bytes[end - 2] == UInt8(ascii: "n") {
            return entry(3, plusE: true)
        }
        return nil
    }

    private func word(_ tokens: Tokens, _ i: Int, _ bytes: Bytes) -> LexKey? {
        guard i < tokens.count, tokens[i].kind == .word else { return nil }
        var key = LexKey()
        for p in Int(tokens[i].start)..<Int(tokens[i].end) where !key.append(bytes[p]) { return nil }
        return key.sealed
    }

    private static let te = LexKey("te")!, ma = LexKey("ma")!, be = LexKey("be")!, yen = LexKey("yen")!
    private static let ye = LexKey("ye")!

    private static let plus = LexKey("plus")!
    private static let partitives: [LexKey] = ["de", "d", "du", "des"].map { LexKey($0)! }

    /// French `plus de X` / `plus d'X` without `ne`: there is no X left.
    private func noMoreBefore(_ tokens: Tokens, _ i: Int, _ bytes: Bytes) -> Bool {
        guard i >= 2, let d = word(tokens, i - 1, bytes), TextScorer.partitives.contains(d) else { return false }
        return word(tokens, i - 2, bytes) == TextScorer.plus
    }

    /// Bambara `X tɛ yen` / `X ma sɔrɔ`: the good is not there.
    private func absentAfter(_ tokens: Tokens, _ i: Int, _ bytes: Bytes) -> Bool {
        guard let w = word(tokens, i, bytes), w == TextScorer.te else { return false }
        return word(tokens, i + 1, bytes) == TextScorer.yen
    }

    /// Bambara `X bɛ yen`: the good is there.
    private func presentAfter(_ tokens: Tokens, _ i: Int, _ bytes: Bytes) -> Bool {
        guard let w = word(tokens, i, bytes), w == TextScorer.be else { return false }
        return word(tokens, i + 1, bytes) == TextScorer.yen
    }

    private mutating func mark(_ aspect: Aspect, own: Float) {
        let a = poleAspect(aspect)
        let bit = UInt16(1) << UInt16(TextScorer.index(a))
        clauseAspects |= bit
        clauseAspectOwn[TextScorer.index(a)] += own
    }

    /// Pole-specific aspects only make sense at their pole; elsewhere they fall back to the general one.
    private func poleAspect(_ aspect: Aspect) -> Aspect {
        guard let service else { return aspect }
        switch (aspect, service) {
        case (.gasBottle, .fuel), (.gasBottle, .wash): return .safety
        case (.washDamage, .fuel), (.washDamage, .gas), (.washDamage, .shop): return .quality
        case (.fuelMeasure, .shop), (.fuelMeasure, .wash): return .quality
        default: return aspect
        }
    }

    private mutating func closeClause() {
        let weighted = clause * clauseWeight
        total += weighted
        if clauseAspects != 0 {
            for k in 0..<TextScorer.aspects.count where clauseAspects & (UInt16(1) << UInt16(k)) != 0 {
                // An aspect takes the clause's sentiment; a clause with none keeps the word's own.
                aspectScore[k] += weighted != 0 ? weighted : clauseAspectOwn[k]
                aspectMask |= UInt16(1) << UInt16(k)
            }
            clauseAspects = 0
            clauseAspectOwn = SIMD16<Float>()
        }
        clause = 0
    }

    private mutating func note(_ s: String) {
        if evidence.count < SentimentAnalyzer.maxEvidence { evidence.append(s) }
    }

    static let aspects = Aspect.allCases
    static func index(_ a: Aspect) -> Int {
        switch a {
        case .waiting: 0
        case .staff: 1
        case .cleanliness: 2
        case .price: 3
        case .availability: 4
        case .quality: 5
        case .safety: 6
        case .fuelMeasure: 7
        case .washDamage: 8
        case .gasBottle: 9
        }
    }

    func aspectSentiments() -> [AspectSentiment] {
        guard aspectMask != 0 else { return [] }
        var out: [AspectSentiment] = []
        for a in TextScorer.aspects {
            let k = TextScorer.index(a)
            guard aspectMask & (UInt16(1) << UInt16(k)) != 0 else { continue }
            let s = SentimentAnalyzer.squash(aspectScore[k])
            out.append(AspectSentiment(aspect: a, label: SentimentAnalyzer.label(s), score: Double(s)))
        }
        return out
    }
}
