import CorridorModel

/// Central's sentiment model, the second pass over reviews (wired to `Sentiment.SentimentAnalyzer`
/// by the executable; tests pass a fixed one).
public protocol Rescorer: Sendable {
    /// `family/version`, e.g. `corridor-lex/1`.
    var model: String { get }
    func assess(text: String?, rating: Int?, service: ServicePole?) -> SentimentAssessment
}

/// A `Rescorer` from a closure (how the executable adapts `SentimentAnalyzer`).
public struct ClosureRescorer: Rescorer {
    public let model: String
    private let body: @Sendable (String?, Int?, ServicePole?) -> SentimentAssessment

    public init(model: String, _ body: @escaping @Sendable (String?, Int?, ServicePole?) -> SentimentAssessment) {
        self.model = model; self.body = body
    }

    public func assess(text: String?, rating: Int?, service: ServicePole?) -> SentimentAssessment {
        body(text, rating, service)
    }
}

/// The fallback when no analyzer is wired: the star rating alone (neutral without one).
/// Its version is 0, so it never overrides an edge's score; it only fills a missing one.
public struct RatingOnlyRescorer: Rescorer {
    public init() {}
    public var model: String { "rating-only/0" }
    public func assess(text: String?, rating: Int?, service: ServicePole?) -> SentimentAssessment {
        guard let rating else { return SentimentAssessment(label: .neutral, score: 0, model: model) }
        return SentimentAssessment(label: SentimentLabel(rating: rating), score: Double(rating - 3) / 2, model: model)
    }
}

extension Rescorer {
    /// Whether `event` must be scored again before it counts: no sentiment, or one from
    /// another model family, or an older version of ours.
    public func needsRescore(_ event: Event) -> Bool {
        guard event.kind == .review else { return false }
        guard let s = event.sentiment else { return true }
        if ModelName.family(of: s.model) != ModelName.family(of: model) {
            // A zero-version fallback never overrides a real model's score.
            return ModelName.version(of: model) > 0
        }
        return s.modelVersion < ModelName.version(of: model)
    }

    /// The event as it will be stored and counted (re-scored when needed).
    public func rescored(_ event: Event) -> (event: Event, rescored: Bool) {
        guard needsRescore(event) else { return (event, false) }
        var e = event
        e.sentiment = assess(text: event.text, rating: event.rating, service: event.service)
        return (e, true)
    }
}
