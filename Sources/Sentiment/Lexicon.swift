import CorridorModel

/// A word or phrase key: up to 23 folded ASCII bytes packed into three integers plus the length.
///
/// Packing avoids building a `String` per token; hashing three words is cheaper than hashing a
/// string, and a key never allocates.
struct LexKey: Hashable {
    static let capacity = 23
    private(set) var a: UInt64 = 0
    private(set) var b: UInt64 = 0
    private(set) var c: UInt64 = 0
    private(set) var count = 0

    init() {}

    /// Appends one byte; false when the key would exceed its capacity.
    @inline(__always)
    mutating func append(_ byte: UInt8) -> Bool {
        guard count < LexKey.capacity else { return false }
        let v = UInt64(byte) << UInt64((count & 7) * 8)
        switch count >> 3 {
        case 0: a |= v
        case 1: b |= v
        default: c |= v
        }
        count += 1
        return true
    }

    /// Seals the key with its length so `ab` and `ab\0` differ.
    var sealed: LexKey {
        var k = self
        k.c |= UInt64(count) << 56
        return k
    }

    init?(_ text: String) {
        for byte in text.utf8 { guard append(byte) else { return nil } }
        self = sealed
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(a); hasher.combine(b); hasher.combine(c)
    }

    /// A cheap multiplicative hash for the lexicon's own open-addressing table (no `Hasher` seed
    /// per lookup).
    @inline(__always)
    var mixed: UInt64 {
        var x = (a &* 0x9E37_79B9_7F4A_7C15) ^ (b &* 0xC2B2_AE3D_27D4_EB4F) ^ (c &* 0x1656_67B1_9E37_79F9)
        x ^= x >> 31
        x = x &* 0xD6E8_FEB8_6659_FD93
        x ^= x >> 32
        return x
    }
}

/// What a lexicon entry does.
enum LexRole: UInt8 {
    /// Carries a valence and/or an aspect.
    case plain
    /// Flips the polarity of the next sentiment words (`pas`, `jamais`, `not`).
    case negator
    /// Multiplies the next sentiment word (`très` ×1.5, `un peu` ×0.6).
    case booster
    /// `mais`, `par contre`: the clause after weighs more than the clause before.
    case contrast
    /// A good the station should have; `pas de …` / `plus de …` / `… tɛ yen` is a stock-out.
    case goods
    /// `réduire`, `lutter contre`, `prévenir`: a problem word right after it is the thing being
    /// fought, so the clause is positive (`réduire l'attente`, `lutter contre le réchauffement`).
    case reducer
}

struct LexEntry {
    var valence: Float = 0
    var aspect: Aspect?
    var role: LexRole = .plain
    var factor: Float = 1
    /// Words in this entry (1 for a single word).
    var words: UInt8 = 1
    /// The longest phrase in the lexicon that starts with this word (0: none).
    var longestPhrase: UInt8 = 0
    /// A phrase that holds its own negation (`pas mal`, `aime pas`, `ne sert à rien`): a `ne`/`n'`
    /// before it is part of the same negation and must not flip it again.
    var selfNegated = false
    /// Index of the entry's text in `Lexicon.texts` (kept out of the entry so copies are plain
    /// bytes with no reference counting).
    var textIndex: Int32 = 0
}

/// The model's vocabulary: French, Bambara, English and the station domain, built once.
///
/// Written as a small text notation so the word lists stay readable:
/// `mot=2` valence, `mot=-1.5@price` valence and aspect, `mot@staff` aspect only, `mot!` negator,
/// `mot^1.5` booster, `mot|` contrast, `mot$` goods, `mot~` a neutral phrase that only stops its
/// words from counting (`rien à signaler`). `_` joins the words of a phrase. Accents are folded by
/// the same normaliser the texts go through, so either spelling may be written.
struct Lexicon: Sendable {
    /// Linear-probing table: `slots[h]` indexes `entryList` (-1 empty), `slotKeys[h]` is its key.
    private let slotKeys: [LexKey]
    private let slots: [Int32]
    private let entryList: [LexEntry]
    private let mask: Int
    private let texts: [String]

    /// The entry as written in the lexicon (words joined by spaces), for the evidence list.
    func text(_ entry: LexEntry) -> String { texts[Int(entry.textIndex)] }
    /// Number of keys (words and phrases).
    var count: Int { entryList.count }

    static let shared = Lexicon(sources: [LexiconFrenchGeneral.text, LexiconFrench.text, LexiconBambara.text, LexiconEnglish.text])

    init(sources: [String]) {
        var entries: [LexKey: LexEntry] = [:]
        var names: [LexKey: String] = [:]
        var normalizer = TextNormalizer()
        var phrases: [(LexKey, [String])] = []
        for source in sources {
            for item in source.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }) {
                guard let parsed = Lexicon.parse(item, &normalizer) else { continue }
                let words = parsed.0
                var entry = parsed.1
                guard let key = LexKey(words.joined(separator: " ")) else { continue }
                entry.words = UInt8(words.count)
                names[key] = words.joined(separator: " ")
                if words.count > 1 { phrases.append((key, words)) }
                if let old = entries[key] { entry.longestPhrase = old.longestPhrase }
                entries[key] = entry
                if words.count > 1, let first = LexKey(words[0]) {
                    var head = entries[first] ?? LexEntry()
                    if names[first] == nil { names[first] = words[0] }
                    head.longestPhrase = max(head.longestPhrase, UInt8(words.count))
                    entries[first] = head
                }
            }
        }
        for (key, words) in phrases where words.contains(where: { LexKey($0).flatMap { entries[$0] }?.role == .negator }) {
            entries[key]?.selfNegated = true
        }
        var capacity = 16
        while capacity < entries.count * 3 { capacity <<= 1 }
        var slotKeys = [LexKey](repeating: LexKey(), count: capacity)
        var slots = [Int32](repeating: -1, count: capacity)
        var list: [LexEntry] = []
        var texts: [String] = []
        list.reserveCapacity(entries.count)
        for (key, var entry) in entries {
            entry.textIndex = Int32(list.count)
            texts.append(names[key] ?? "")
            var h = Int(truncatingIfNeeded: key.mixed) & (capacity - 1)
            while slots[h] >= 0 { h = (h + 1) & (capacity - 1) }
            slots[h] = Int32(list.count)
            slotKeys[h] = key
            list.append(entry)
        }
        self.slotKeys = slotKeys
        self.slots = slots
        self.entryList = list
        self.texts = texts
        self.mask = capacity - 1
    }

    private static func parse(_ item: Substring, _ normalizer: inout TextNormalizer) -> ([String], LexEntry)? {
        var entry = LexEntry()
        var name = item
        if let i = item.firstIndex(where: { "=@!^|$~%".contains($0) }) {
            name = item[..<i]
            var rest = item[i...]
            while let marker = rest.first {
                rest = rest.dropFirst()
                let valueEnd = rest.firstIndex(where: { "=@!^|$~%".contains($0) }) ?? rest.endIndex
                let value = rest[..<valueEnd]
                rest = rest[valueEnd...]
                switch marker {
                case "=": entry.valence = Float(value) ?? 0
                case "@": entry.aspect = Aspect(rawValue: String(value))
                case "!": entry.role = .negator
                case "^": entry.role = .booster; entry.factor = Float(value) ?? 1
                case "|": entry.role = .contrast
                case "$": entry.role = .goods; entry.aspect = entry.aspect ?? .availability
                case "%": entry.role = .reducer
                default: break                                  // "~": neutral phrase
                }
            }
        }
        // Fold each word the way texts are folded.
        var words: [String] = []
        for raw in name.split(separator: "_") {
            normalizer.normalize(String(raw))
            for t in normalizer.tokens where t.kind == .word {
                words.append(String(decoding: normalizer.bytes[Int(t.start)..<Int(t.end)], as: UTF8.self))
            }
        }
        return words.isEmpty ? nil : (words, entry)
    }

    @inline(__always)
    func lookup(_ key: LexKey) -> LexEntry? {
        var h = Int(truncatingIfNeeded: key.mixed) & mask
        while true {
            let slot = slots[h]
            if slot < 0 { return nil }
            if slotKeys[h] == key { return entryList[Int(slot)] }
            h = (h + 1) & mask
        }
    }
}
