/// One token of a review after normalisation.
///
/// Words point into the normaliser's folded byte buffer (lowercase ASCII after accent folding), so
/// tokenising allocates nothing per word.
struct Token {
    enum Kind: UInt8 {
        /// Letters/digits: `start..<end` in the folded buffer.
        case word
        /// An emoji or emoticon with its own valence.
        case emoji
        /// `. , ; : ? … ( )` and line breaks: negation and boosters stop here.
        case boundary
    }
    var kind: Kind
    var start: Int32
    var end: Int32
    /// Letters were repeated three times or more (`trèèès`, `merciiii`): the word is emphasised.
    var elongated: Bool = false
    /// Written in capitals (at least three letters) inside a text that is not all capitals.
    var shouted: Bool = false
    var valence: Float = 0
    /// A boundary that is a question mark: the clause before it asks rather than asserts.
    var question: Bool = false
    /// A word inside short quotes (three words or fewer): `"propre"`, « écologie » — scare quotes,
    /// often ironic.
    var scare: Bool = false
}

/// Lowercases, folds accents and Bambara letters to ASCII, collapses repeated letters and cuts the
/// text into tokens, in one pass over its UTF-8 bytes.
///
/// Folding makes `très`/`tres`, `ɲi`/`nyi`, `kɔnɔ`/`kono` the same key, so the lexicon is written once.
/// Letter runs are cut to two (`coooool` → `cool`); lookup retries with single letters when needed.
struct TextNormalizer {
    var bytes: [UInt8] = []
    var tokens: [Token] = []
    var exclamations = 0
    var capsWords = 0
    /// Words of three letters or more (the ones that can be shouted).
    var wordCount = 0
    /// Runs of `??`, `?!` or `!?`: indignation or disbelief.
    var puzzled = 0

    init() {
        bytes.reserveCapacity(256)
        tokens.reserveCapacity(64)
    }

    mutating func reset() {
        bytes.removeAll(keepingCapacity: true)
        tokens.removeAll(keepingCapacity: true)
        exclamations = 0
        capsWords = 0
        wordCount = 0
        puzzled = 0
        quoteStart = -1
    }

    // Word being built.
    private var wordStart = 0
    private var inWord = false
    private var upper = 0
    private var letters = 0
    private var elongated = false
    private var runByte: UInt8 = 0
    private var runLength = 0
    /// Index in `tokens` where the open quotation began (-1: none open).
    private var quoteStart = -1

    mutating func normalize(_ text: String) {
        reset()
        var text = text
        text.withUTF8 { utf8 in
            let n = utf8.count
            var i = 0
            while i < n {
                let b = utf8[i]
                if b < 0x80 {
                    i = ascii(b, utf8, i)
                    continue
                }
                // Decode one multi-byte scalar.
                var scalar: UInt32
                var len: Int
                if b & 0xE0 == 0xC0 { scalar = UInt32(b & 0x1F); len = 2 }
                else if b & 0xF0 == 0xE0 { scalar = UInt32(b & 0x0F); len = 3 }
                else if b & 0xF8 == 0xF0 { scalar = UInt32(b & 0x07); len = 4 }
                else { i += 1; continue }
                if i + len > n { break }
                for k in 1..<len { scalar = (scalar << 6) | UInt32(utf8[i + k] & 0x3F) }
                i += len
                scalarOther(scalar)
            }
        }
        endWord()
    }

    /// Handles one ASCII byte; returns the next index (emoticons consume several bytes).
    private mutating func ascii(_ b: UInt8, _ s: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int {
        switch b {
        case 0x61...0x7A: letter(b, isUpper: false); return i + 1
        case 0x41...0x5A: letter(b | 0x20, isUpper: true); return i + 1
        case 0x30...0x39: letter(b, isUpper: false, isLetter: false); return i + 1
        case UInt8(ascii: "!"):
            endWord(); exclamations += 1
            if i > 0, s[i - 1] == UInt8(ascii: "?") { puzzled += 1 }
            return i + 1
        case UInt8(ascii: "?"):
            endWord(); boundary(question: true)
            if i > 0, s[i - 1] == UInt8(ascii: "?") || s[i - 1] == UInt8(ascii: "!") {
                // Count a run once: `???` and `?!?!` are one reaction.
                if i < 2 || (s[i - 2] != UInt8(ascii: "?") && s[i - 2] != UInt8(ascii: "!")) { puzzled += 1 }
            }
            return i + 1
        case UInt8(ascii: "\""):
            endWord(); quote(opening: quoteStart < 0)
            return i + 1
        case UInt8(ascii: ":"), UInt8(ascii: ";"), UInt8(ascii: "="):
            // Emoticon only when not glued to a word (`http://` is not a face).
            if !inWord, let (v, used) = emoticon(s, i) {
                tokens.append(Token(kind: .emoji, start: 0, end: 0, valence: v))
                return i + used
            }
            endWord(); boundary()
            return i + 1
        case UInt8(ascii: "<"):
            if i + 1 < s.count, s[i + 1] == UInt8(ascii: "3") {
                endWord()
                tokens.append(Token(kind: .emoji, start: 0, end: 0, valence: 2))
                return i + 2
            }
            endWord(); return i + 1
        case UInt8(ascii: "."), UInt8(ascii: ","), UInt8(ascii: "("),
             UInt8(ascii: ")"), 0x0A, 0x0D, UInt8(ascii: "/"), UInt8(ascii: "|"):
            endWord(); boundary()
            return i + 1
        default:
            // Spaces, apostrophes (elision: `n'est` → `n` `est`), hyphens, quotes, `#`, `@`.
            endWord()
            return i + 1
        }
    }

    private func emoticon(_ s: UnsafeBufferPointer<UInt8>, _ i: Int) -> (Float, Int)? {
        var j = i + 1
        if j < s.count, s[j] == UInt8(ascii: "-") || s[j] == UInt8(ascii: "'") { j += 1 }
        guard j < s.count else { return nil }
        let tearful = s[j - 1] == UInt8(ascii: "'")
        switch s[j] {
        case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "D"), UInt8(ascii: "p"), UInt8(ascii: "P"),
             UInt8(ascii: "3"), UInt8(ascii: "}"):
            return (tearful ? 1 : 1.8, j + 1 - i)
        case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"):
            return (-1.8, j + 1 - i)
        case UInt8(ascii: "/"), UInt8(ascii: "\\"), UInt8(ascii: "|"):
            // `:/` but not `://`.
            if j + 1 < s.count, s[j + 1] == UInt8(ascii: "/") { return nil }
            return (-1.0, j + 1 - i)
        default:
            return nil
        }
    }

    private mutating func boundary(question: Bool = false) {
        if let last = tokens.last, last.kind == .boundary {
            if question { tokens[tokens.count - 1].question = true }
            return
        }
        tokens.append(Token(kind: .boundary, start: 0, end: 0, question: question))
    }

    /// Opens or closes a quotation; a closed one of three words or fewer marks its words as
    /// scare-quoted.
    private mutating func quote(opening: Bool) {
        if opening { quoteStart = tokens.count; return }
        var words = 0
        for k in quoteStart..<tokens.count where tokens[k].kind == .word { words += 1 }
        if words > 0, words <= 3 {
            for k in quoteStart..<tokens.count where tokens[k].kind == .word { tokens[k].scare = true }
        }
        quoteStart = -1
    }

    @inline(__always)
    private mutating func letter(_ b: UInt8, isUpper: Bool, isLetter: Bool = true) {
        if !inWord {
            inWord = true; wordStart = bytes.count; upper = 0; letters = 0; elongated = false
            runByte = 0; runLength = 0
        }
        if isLetter { letters += 1; if isUpper { upper += 1 } }
        if b == runByte {
            runLength += 1
            if runLength > 2 { elongated = true; return }
        } else {
            runByte = b; runLength = 1
        }
        bytes.append(b)
    }

    private mutating func letters(_ folded: StaticString, isUpper: Bool) {
        folded.withUTF8Buffer { buf in
            for b in buf { letter(b, isUpper: isUpper) }
        }
    }

    private mutating func endWord() {
        guard inWord else { return }
        inWord = false
        let shouted = letters >= 3 && upper == letters
        if shouted { capsWords += 1 }
        if letters >= 3 { wordCount += 1 }
        tokens.append(Token(kind: .word, start: Int32(wordStart), end: Int32(bytes.count),
                            elongated: elongated, shouted: shouted))
    }

    /// Non-ASCII scalars: Latin letters fold to ASCII; Bambara `ɛ ɔ ɲ ŋ` fold to `e o ny ng`;
    /// combining accents are dropped; emojis become tokens; other punctuation cuts words.
    private mutating func scalarOther(_ c: UInt32) {
        switch c {
        case 0x300...0x36F: return                      // combining accents (decomposed input)
        case 0xE0...0xE5: letter(UInt8(ascii: "a"), isUpper: false)
        case 0xC0...0xC5: letter(UInt8(ascii: "a"), isUpper: true)
        case 0xE7: letter(UInt8(ascii: "c"), isUpper: false)
        case 0xC7: letter(UInt8(ascii: "c"), isUpper: true)
        case 0xE8...0xEB: letter(UInt8(ascii: "e"), isUpper: false)
        case 0xC8...0xCB: letter(UInt8(ascii: "e"), isUpper: true)
        case 0xEC...0xEF: letter(UInt8(ascii: "i"), isUpper: false)
        case 0xCC...0xCF: letter(UInt8(ascii: "i"), isUpper: true)
        case 0xF1: letter(UInt8(ascii: "n"), isUpper: false)
        case 0xD1: letter(UInt8(ascii: "n"), isUpper: true)
        case 0xF2...0xF6: letter(UInt8(ascii: "o"), isUpper: false)
        case 0xD2...0xD6: letter(UInt8(ascii: "o"), isUpper: true)
        case 0xF9...0xFC: letter(UInt8(ascii: "u"), isUpper: false)
        case 0xD9...0xDC: letter(UInt8(ascii: "u"), isUpper: true)
        case 0xFD, 0xFF: letter(UInt8(ascii: "y"), isUpper: false)
        case 0x153: letters("oe", isUpper: false)
        case 0x152: letters("oe", isUpper: true)
        case 0xE6: letters("ae", isUpper: false)
        case 0x25B: letter(UInt8(ascii: "e"), isUpper: false)  // ɛ
        case 0x190: letter(UInt8(ascii: "e"), isUpper: true)   // Ɛ
        case 0x254: letter(UInt8(ascii: "o"), isUpper: false)  // ɔ
        case 0x186: letter(UInt8(ascii: "o"), isUpper: true)   // Ɔ
        case 0x272: letters("ny", isUpper: false)              // ɲ
        case 0x19D: letters("ny", isUpper: true)               // Ɲ
        case 0x14B: letters("ng", isUpper: false)              // ŋ
        case 0x14A: letters("ng", isUpper: true)               // Ŋ
        case 0x2019, 0x2018, 0x2BC, 0xA0, 0x202F, 0x2013, 0x2014:
            endWord()                                           // ’ nbsp – —
        case 0xAB, 0x201C:
            endWord(); quote(opening: true)                     // « “
        case 0xBB, 0x201D:
            endWord(); if quoteStart >= 0 { quote(opening: false) }   // » ”
        case 0x2026:
            endWord(); boundary()                               // …
        case 0xFE0F, 0xFE0E, 0x200D, 0x1F3FB...0x1F3FF:
            return                                              // emoji variation, ZWJ, skin tones
        default:
            if let v = Emoji.valence(c) {
                endWord()
                tokens.append(Token(kind: .emoji, start: 0, end: 0, valence: v))
            } else if c >= 0x2000 {
                endWord()                                       // symbols, unknown emojis
            } else {
                // Other letters (Latin Extended, Greek, Arabic…) stay part of the word.
                if !inWord {
                    inWord = true; wordStart = bytes.count; upper = 0; letters = 0; elongated = false
                    runByte = 0; runLength = 0
                }
                letters += 1
                // A placeholder byte keeps the word whole; it matches nothing in the lexicon.
                bytes.append(0x7F)
            }
        }
    }
}

/// Emoji valences: the common faces, hands and hearts seen in reviews and social media.
enum Emoji {
    static func valence(_ c: UInt32) -> Float? {
        switch c {
        case 0x1F60D, 0x1F970, 0x1F618, 0x1F929, 0x2764, 0x1F496, 0x1F497, 0x1F499, 0x1F49A, 0x1F49B,
             0x1F49C, 0x1F5A4, 0x1F9E1, 0x1F495, 0x1F493, 0x1F49E, 0x1F498, 0x2665, 0x1F63B:
            return 2.5                                          // 😍 🥰 😘 🤩 ❤ 💖 …
        case 0x1F44D, 0x1F44C, 0x1F44F, 0x1F64F, 0x1F4AF, 0x1F389, 0x1F38A, 0x1F3C6, 0x1F947, 0x1F4AA,
             0x1F64C, 0x2705, 0x2714, 0x1F31F, 0x2B50, 0x1F44A, 0x1F91D, 0x1F525, 0x1F60E, 0x1F973:
            return 1.8                                          // 👍 👌 👏 🙏 💯 🎉 🏆 💪 ✅ ⭐ 🔥 😎
        case 0x1F600, 0x1F603, 0x1F604, 0x1F601, 0x1F606, 0x1F60A, 0x1F642, 0x1F609, 0x1F60B, 0x263A,
             0x1F607, 0x1F917, 0x1F60C, 0x1F60F, 0x1F61C, 0x1F61B, 0x1F61D, 0x1F338, 0x1F490, 0x1F339:
            return 1.6                                          // 😀 😃 😄 😁 😆 😊 🙂 😉 😋 ☺
        case 0x1F602, 0x1F923, 0x1F639:
            return 1.0                                          // 😂 🤣: laughter, often mockery
        case 0x1F621, 0x1F620, 0x1F92C, 0x1F44E, 0x1F4A9, 0x1F92E, 0x1F922, 0x1F494, 0x1F624:
            return -2.5                                         // 😡 😠 🤬 👎 💩 🤮 🤢 💔 😤
        case 0x1F61E, 0x1F614, 0x1F622, 0x1F62D, 0x1F629, 0x1F62B, 0x1F623, 0x1F616, 0x1F625, 0x1F630,
             0x1F63F, 0x1F63E, 0x1F480, 0x2620:
            return -2.0                                         // 😞 😔 😢 😭 😩 😫 😣 😖 😥 😰 💀
        case 0x1F612, 0x1F615, 0x1F641, 0x2639, 0x1F644, 0x1F611, 0x1F610, 0x1F928, 0x1F62C, 0x1F631,
             0x1F628, 0x1F627, 0x1F626, 0x1F61F, 0x1F613, 0x26A0, 0x274C, 0x1F6AB:
            return -1.3                                         // 😒 😕 🙁 ☹ 🙄 😑 😐 🤨 😬 😱 ⚠ ❌ 🚫
        default:
            return nil
        }
    }
}
