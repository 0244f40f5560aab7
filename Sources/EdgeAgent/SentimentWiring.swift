import CorridorModel

/// The sentiment model capture uses (wired to the `Sentiment` target's analyzer).
public enum SentimentWiring {
    public static let scorer: SentimentScorer? = nil
}
