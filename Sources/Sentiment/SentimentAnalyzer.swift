import CorridorModel

/// The on-device sentiment model: lexicon and rules for French, Bambara, English and the station
/// domain, fused with the star rating when the review has one.
///
/// Pure Swift, no model file: the lexicon is built once per process and every call is a single
/// pass over the text. Thread-safe (`assess` keeps no shared mutable state).
public struct SentimentAnalyzer: Sendable {
    /// Model name and version written into every assessment; central re-scores older versions.
    public static let model: String = "corridor-lex/3"

    /// Text scores within ±`neutralBand` are neutral.
    static let neutralBand: Float = 0.03
    /// A negated positive (`pas bon`) is a clear complaint; a negated negative (`pas mauvais`) is
    /// only mild praise.
    static let negatedPositive: Float = -0.85
    static let negatedNegative: Float = -0.6
    /// A problem being reduced or fought (`réduire les émissions`) counts as mildly good.
    static let reducedProblem: Float = -0.6
    /// Praise in a question (`c'est bon ?`) asks rather than asserts.
    static let questionHedge: Float = 0.5
    /// Praise in scare quotes (`"écologique"`) is usually ironic: it turns into a mild complaint.
    static let scareQuote: Float = -0.5
    /// Each `?!`/`??` (up to two) pushes the text towards indignation.
    static let puzzled: Float = 0.6
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
        if normalizer.puzzled > 0 {
            // `?!` and `??` are indignation or disbelief, with or without opinion words.
            s -= Float(min(normalizer.puzzled, 2)) * SentimentAnalyzer.puzzled
            note("?!")
        }
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
        var reducing = 0            // word tokens a reducer (`réduire`, `lutter contre`) still covers
        var boost: Float = 1
        var boostLeft = 0
        var i = 0
        while i < tokens.count {
            let token = tokens[i]
            switch token.kind {
            case .boundary:
                if token.question, clause > 0 { clause *= SentimentAnalyzer.questionHedge }
                closeClause()
                negation = 0; boost = 1; boostLeft = 0; reducing = 0
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
                if reducing > 0 { reducing -= 1 }
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
            case .reducer:
                if negation == 0 { reducing = 4 }
                note(lexicon.text(entry))
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
                    if reducing > 0, v < 0 {
                        v *= SentimentAnalyzer.reducedProblem
                        note("↓" + lexicon.text(entry))
                    } else if negation > 0, !entry.selfNegated {
                        v *= v > 0 ? SentimentAnalyzer.negatedPositive : SentimentAnalyzer.negatedNegative
                        note("¬" + lexicon.text(entry))
                    } else if token.scare, v > 0 {
                        v *= SentimentAnalyzer.scareQuote
                        note("\"" + lexicon.text(entry) + "\"")
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
            if reducing > 0 { reducing = max(0, reducing - Int(used)) }
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
        if word == nil, ok { word = stem(Int(token.start), Int(token.end), bytes) ?? laughter(Int(token.start), Int(token.end), bytes) }
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

    /// Light French lemmatisation for words the lexicon does not list, so one entry covers its
    /// forms: plural `-s`/`-x` (`-aux` → `-al`), feminine `-e`, `-euse` → `-eux`, `-ive` → `-if`,
    /// `-elle`/`-enne`/`-ette` → `-el`/`-en`/`-et`, verb endings (`-ent`, `-aient`, `-ait`, `-ais`,
    /// `-ons`, `-ez`, `-er`, `-era`…) → `-e`, and `-ment` adverbs → the adjective. Only plain
    /// sentiment words are accepted, so a stray match cannot turn into a negator or an aspect.
    private func stem(_ start: Int, _ end: Int, _ bytes: Bytes) -> LexEntry? {
        let n = end - start
        guard n >= 5 else { return nil }
        @inline(__always) func at(_ i: Int) -> UInt8 { bytes[start + i] }
        /// `true` when the first `len` bytes end with `suffix`.
        func ends(_ len: Int, _ suffix: StaticString) -> Bool {
            let k = suffix.utf8CodeUnitCount
            guard len > k else { return false }
            let p = suffix.utf8Start
            for j in 0..<k where at(len - k + j) != p[j] { return false }
            return true
        }
        /// The entry for the first `keep` bytes followed by `suffix`.
        func form(_ keep: Int, _ suffix: StaticString = "") -> LexEntry? {
            var k = LexKey()
            for p in start..<(start + keep) where !k.append(bytes[p]) { return nil }
            let p = suffix.utf8Start
            for j in 0..<suffix.utf8CodeUnitCount where !k.append(p[j]) { return nil }
            guard let e = lexicon.lookup(k.sealed), e.words == 1, e.role == .plain, e.valence != 0 else { return nil }
            return e
        }
        let s = UInt8(ascii: "s"), x = UInt8(ascii: "x"), e = UInt8(ascii: "e")
        var m = n                                   // length of the singular form
        let last = at(n - 1)
        if last == s || last == x {
            if let hit = form(n - 1) { return hit }
            if last == x, ends(n, "aux"), let hit = form(n - 3, "al") { return hit }   // géniaux
            m = n - 1
        }
        if at(m - 1) == e, m >= 5 {
            if let hit = form(m - 1) { return hit }                             // contente, déçue
            if ends(m, "euse"), let hit = form(m - 4, "eux") { return hit }     // heureuse
            if ends(m, "ive"), let hit = form(m - 3, "if") { return hit }       // négative
            if ends(m, "elle") || ends(m, "enne") || ends(m, "ette"), let hit = form(m - 2) { return hit }
        }
        // Verb endings, on the whole word.
        if ends(n, "aient"), let hit = form(n - 5, "e") { return hit }
        if n >= 6, ends(n, "ent"), let hit = form(n - 3, "e") { return hit }
        // Short words keep their ending: `rayons` is not a form of `rayé`.
        if n >= 7, ends(n, "ait") || ends(n, "ais") || ends(n, "ons"), let hit = form(n - 3, "e") { return hit }
        if n >= 6, ends(n, "ez") || ends(n, "er"), let hit = form(n - 2, "e") { return hit }
        if ends(n, "eront"), let hit = form(n - 4) { return hit }
        if ends(n, "erait") || ends(n, "erais"), let hit = form(n - 4) { return hit }
        if ends(n, "era"), let hit = form(n - 2) { return hit }
        // Adverbs: `tristement` → `triste`, `horriblement` → `horrible`.
        if n >= 8, ends(n, "ment") {
            if let hit = form(n - 4) { return hit }
            if ends(n, "amment"), let hit = form(n - 5, "nt") { return hit }   // méchamment
        }
        return nil
    }

    /// Laughter written as letter runs the lexicon cannot list (`hahaha`, `ahahah`, `hihihi`).
    private func laughter(_ start: Int, _ end: Int, _ bytes: Bytes) -> LexEntry? {
        guard end - start >= 4 else { return nil }
        var h = 0
        for p in start..<end {
            switch bytes[p] {
            case UInt8(ascii: "h"): h += 1
            case UInt8(ascii: "a"), UInt8(ascii: "e"), UInt8(ascii: "i"): break
            default: return nil
            }
        }
        guard h >= 2, h * 3 >= end - start else { return nil }
        return lexicon.lookup(TextScorer.haha)
    }

    private func word(_ tokens: Tokens, _ i: Int, _ bytes: Bytes) -> LexKey? {
        guard i < tokens.count, tokens[i].kind == .word else { return nil }
        var key = LexKey()
        for p in Int(tokens[i].start)..<Int(tokens[i].end) where !key.append(bytes[p]) { return nil }
        return key.sealed
    }

    private static let te = LexKey("te")!, ma = LexKey("ma")!, be = LexKey("be")!, yen = LexKey("yen")!
    private static let ye = LexKey("ye")!
    private static let haha = LexKey("haha")!

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
