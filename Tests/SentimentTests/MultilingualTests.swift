import CorridorModel
import Testing
@testable import Sentiment

@Suite("Bambara, English, emojis")
struct MultilingualTests {
    @Test func bambaraPredicates() {
        #expect(label("a ka di") == .satisfied)
        #expect(label("a man di") == .unsatisfied)
        #expect(label("a ka ɲi kosɛbɛ") == .satisfied)
        #expect(label("a ma ɲi") == .unsatisfied)
    }

    @Test func bambaraAsciiSpellingsMatchTheOfficialLetters() {
        #expect(score("a ka nyi kosebe") == score("a ka ɲi kosɛbɛ"))
        #expect(score("a ma nyi") == score("a ma ɲi"))
        #expect(label("a ka gni") == .satisfied)
    }

    @Test func bambaraNegationDoesNotLeakIntoFrench() {
        // `ma` is also French: "ma voiture" must not flip "propre".
        #expect(label("ma voiture est propre") == .satisfied)
        #expect(label("je te dis merci") == .satisfied)
    }

    @Test func bambaraAvailabilityAndWaiting() {
        let out = assess("gazi tɛ yen", service: .gas)
        #expect(out.label == .unsatisfied)
        #expect(out.aspects.contains { $0.aspect == .availability && $0.label == .unsatisfied })
        #expect(assess("gazi bɛ yen, baara ka teli").label == .satisfied)
        #expect(label("an ye mɔgɔw makɔnɔ waati jan") == .unsatisfied)
    }

    @Test func frenchBambaraMix() {
        #expect(label("le pompiste est gentil, a ka di") == .satisfied)
        #expect(label("a man di, c'est trop cher") == .unsatisfied)
    }

    @Test func english() {
        #expect(label("Great service, quick and friendly") == .satisfied)
        #expect(label("not good at all") == .unsatisfied)
        #expect(label("The staff was rude and the toilets dirty") == .unsatisfied)
        #expect(label("Nice place but way too expensive") == .unsatisfied)
    }

    @Test func emojisAndEmoticons() {
        #expect(label("😡") == .unsatisfied)
        #expect(label("👍👍") == .satisfied)
        #expect(label("service 👍🏾") == .satisfied)     // skin tone modifier is ignored
        #expect(label("merci :)") == .satisfied)
        #expect(label("encore en panne :(") == .unsatisfied)
        #expect(label("voir http://example.com/a") == .neutral)   // a URL is not a face
        #expect(label("<3") == .satisfied)
    }
}
