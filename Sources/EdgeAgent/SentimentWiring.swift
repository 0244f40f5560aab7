import CorridorModel
import Sentiment

/// The sentiment model capture uses: the on-device lexicon analyzer (`corridor-lex/N`).
public enum SentimentWiring {
    public static let analyzer = SentimentAnalyzer()
    public static let scorer: SentimentScorer? = { text, rating, service in
        analyzer.assess(text: text, rating: rating, service: service)
    }
}
