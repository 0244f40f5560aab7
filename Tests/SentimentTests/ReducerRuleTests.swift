import CorridorModel
import Testing
@testable import Sentiment

/// Rules added in `corridor-lex/3`: a problem being reduced or fought is good news, and being
/// "against" something is a stance.
@Suite("corridor-lex/3 rules")
struct ReducerRuleTests {
    let analyzer = SentimentAnalyzer()
    func label(_ text: String) -> SentimentLabel { analyzer.assess(text: text, rating: nil, service: nil).label }

    @Test func reducingAProblemIsPositive() {
        #expect(label("Ils veulent réduire l'attente à la pompe") == .satisfied)
        #expect(label("Lutter contre la pollution de l'air") == .satisfied)
        #expect(label("Un plan pour prévenir les fuites de gaz") == .satisfied)
        #expect(label("We must reduce the problem") == .satisfied)
        // Without the reducer the same problem words stay negative.
        #expect(label("L'attente à la pompe est trop longue") == .unsatisfied)
        #expect(label("La pollution de l'air augmente") == .unsatisfied)
    }

    @Test func theReducerOnlyCoversTheWordsRightAfterIt() {
        // The problem is four words or more away, in another clause: it still counts against.
        #expect(label("On a réduit les prix. Mais quelle attente, une catastrophe") == .unsatisfied)
    }

    @Test func beingAgainstIsAStance() {
        #expect(label("Contre la privatisation des stations") == .unsatisfied)
        #expect(label("Manifestation anti hausse") == .unsatisfied)
        #expect(label("J'adhère complètement à cette idée") == .satisfied)
        // `par contre` is still a contrast, not a stance.
        #expect(label("Le café est bon, par contre le pain était excellent") == .satisfied)
    }

    @Test func evidenceShowsTheFlip() {
        let a = analyzer.assess(text: "réduire la pollution", rating: nil, service: nil)
        #expect(a.evidence.contains { $0.hasPrefix("↓") })
        #expect(a.model == "corridor-lex/3")
    }
}
