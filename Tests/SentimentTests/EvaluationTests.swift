import CorridorModel
import Testing
import Sentiment

@Suite("SentimentEvaluation")
struct EvaluationTests {
    /// Rows: u→u ×2, u→n, n→n, n→s, s→s ×2, s→u.
    func sample() -> SentimentEvaluation {
        var e = SentimentEvaluation()
        let pairs: [(SentimentLabel, SentimentLabel)] = [
            (.unsatisfied, .unsatisfied), (.unsatisfied, .unsatisfied), (.unsatisfied, .neutral),
            (.neutral, .neutral), (.neutral, .satisfied),
            (.satisfied, .satisfied), (.satisfied, .satisfied), (.satisfied, .unsatisfied),
        ]
        for (g, p) in pairs { e.add(gold: g, predicted: p) }
        return e
    }

    @Test func confusionMatrix() {
        #expect(sample().confusion == [[2, 1, 0], [0, 1, 1], [1, 0, 2]])
        #expect(sample().count == 8)
    }

    @Test func accuracyAndThreeClassMacroF1() {
        let e = sample()
        #expect(abs(e.accuracy - 0.625) < 1e-9)
        #expect(abs(e.f1(.unsatisfied) - 2.0 / 3) < 1e-9)
        #expect(abs(e.f1(.neutral) - 0.5) < 1e-9)
        #expect(abs(e.macroF1 - (2.0 / 3 + 0.5 + 2.0 / 3) / 3) < 1e-9)
    }

    @Test func binaryMacroF1IgnoresNeutralGoldAndCountsNeutralPredictionsWrong() {
        // unsatisfied: tp 2, predicted 2+1 (a satisfied row), actual 3 → 2/3.
        // satisfied: tp 2, predicted 2 (the neutral-gold row is left out), actual 3 → 0.8.
        #expect(abs(sample().binaryMacroF1 - (2.0 / 3 + 0.8) / 2) < 1e-9)
    }

    @Test func emptyAndPerfect() {
        #expect(SentimentEvaluation().accuracy == 0 && SentimentEvaluation().macroF1 == 0)
        var e = SentimentEvaluation()
        for l in SentimentLabel.allCases { e.add(gold: l, predicted: l) }
        #expect(e.accuracy == 1 && e.macroF1 == 1 && e.binaryMacroF1 == 1)
    }

    @Test func reportShowsMetricsAndMatrix() {
        let r = sample().report
        #expect(r.contains("accuracy          0.625"))
        #expect(r.contains("macro-F1 binary   0.733"))
        #expect(r.contains("unsatisfied"))
    }
}
