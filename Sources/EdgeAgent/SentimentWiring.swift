import CorridorModel

/// The sentiment model capture uses (wired to the `Sentiment` target's analyzer).
enum SentimentWiring {
    static let scorer: SentimentScorer? = nil
}
