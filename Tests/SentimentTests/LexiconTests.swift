import Testing
@testable import Sentiment

@Suite("Lexicon")
struct LexiconTests {
    @Test func everyEntryFitsAKey() {
        // A phrase longer than LexKey.capacity bytes would be dropped silently at start-up.
        for source in [LexiconFrenchGeneral.text, LexiconFrench.text, LexiconBambara.text, LexiconEnglish.text] {
            for item in source.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
                #expect(Lexicon(sources: [String(item)]).count > 0, "\(item)")
            }
        }
    }

    @Test func sharedLexiconIsLarge() {
        #expect(Lexicon.shared.count > 1000)
    }
}
