import CorridorModel
import Testing
@testable import Sentiment

@Suite("Rating fusion, aspects, output")
struct FusionAndAspectTests {
    @Test(arguments: [(1, SentimentLabel.unsatisfied), (2, .unsatisfied), (3, .neutral), (4, .satisfied), (5, .satisfied)])
    func ratingAlone(rating: Int, expected: SentimentLabel) {
        let out = SentimentAnalyzer().assess(text: nil, rating: rating, service: nil)
        #expect(out.label == expected)
        #expect(out.evidence.first == "rating \(rating)★")
    }

    @Test func oneStarWithThanksIsStillUnsatisfied() {
        #expect(assess("merci", rating: 1).label == .unsatisfied)
        #expect(assess("merci beaucoup, excellent", rating: 1).label == .unsatisfied)
    }

    @Test func textDecidesAtThreeStars() {
        #expect(assess("excellent accueil, très rapide", rating: 3).label == .satisfied)
        #expect(assess("toilettes sales, inadmissible", rating: 3).label == .unsatisfied)
        #expect(assess("Le restaurant ouvre à 7h", rating: 3).label == .neutral)
    }

    @Test func textCanTemperAHighRating() {
        #expect(assess("très sale et trop cher, nul", rating: 4).score < SentimentAnalyzer().assess(text: nil, rating: 4, service: nil).score)
    }

    @Test func nothingToSayIsNeutral() {
        let out = SentimentAnalyzer().assess(text: nil, rating: nil, service: nil)
        #expect(out.label == .neutral && out.score == 0 && out.aspects.isEmpty)
        #expect(assess("", rating: 7).label == .neutral)      // out-of-range rating is ignored
    }

    @Test func generalAspects() {
        #expect(aspect(.waiting, in: "File d'attente interminable")?.label == .unsatisfied)
        #expect(aspect(.staff, in: "Le pompiste était très poli")?.label == .satisfied)
        #expect(aspect(.cleanliness, in: "Toilettes sales")?.label == .unsatisfied)
        #expect(aspect(.price, in: "Pas cher")?.label == .satisfied)
        #expect(aspect(.availability, in: "Encore une rupture de stock")?.label == .unsatisfied)
        #expect(aspect(.quality, in: "Sandwichs périmés")?.label == .unsatisfied)
        #expect(aspect(.safety, in: "Station bien éclairée, je me sens en sécurité")?.label == .satisfied)
    }

    @Test func aspectsTakeTheirClauseSentiment() {
        let out = assess("Le personnel est accueillant mais les toilettes sont sales")
        #expect(out.aspects.first { $0.aspect == .staff }?.label == .satisfied)
        #expect(out.aspects.first { $0.aspect == .cleanliness }?.label == .unsatisfied)
    }

    @Test func poleSpecificAspects() {
        #expect(aspect(.washDamage, in: "Ils ont rayé ma portière", service: .wash)?.label == .unsatisfied)
        #expect(aspect(.gasBottle, in: "La bouteille fuyait", service: .gas)?.label == .unsatisfied)
        #expect(aspect(.fuelMeasure, in: "Le compteur est truqué", service: .fuel)?.label == .unsatisfied)
        // A leak at the fuel pole is a safety matter, not a gas bottle.
        #expect(aspect(.safety, in: "Il y a une fuite", service: .fuel)?.label == .unsatisfied)
    }

    @Test func modelScoreAndEvidence() {
        let out = assess("Vraiment super, excellent, parfait, génial, merci !!! 😍😍😍")
        #expect(SentimentAnalyzer.model == "corridor-lex/3")
        #expect(out.model == "corridor-lex/3")
        #expect(out.score > 0.8 && out.score <= 1)
        #expect(!out.evidence.isEmpty && out.evidence.count <= 8)
        #expect(assess("nul nul nul horrible catastrophe !!!").score >= -1)
    }

    @Test func survivesOddInput() {
        for text in ["\u{0}", "é\u{301}", String(repeating: "a", count: 5000), "🙂\u{200D}🙂", "\u{FFFD}\u{10FFFF}",
                     "ٱلسلام عليكم", "ne ne ne pas pas", "mais mais", ":", "<"] {
            let out = assess(text)
            #expect((-1...1).contains(out.score))
        }
    }
}
