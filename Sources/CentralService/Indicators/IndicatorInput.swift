import CorridorModel

/// What one event contributes to the indicators: the few fields the aggregation reads.
///
/// Built either from a decoded (and re-scored) `Event`, or from a stored `events` document
/// when a crashed batch is recovered; both paths must give the same value for the same event.
public struct IndicatorInput: Sendable, Equatable {
    public enum Contribution: Sendable, Equatable {
        case review(label: SentimentLabel, score: Double, rating: Int?, aspects: [AspectSentiment])
        case transaction(amountXOF: Int64, waitSeconds: Int64?)
    }

    public var stationID: String
    public var service: ServicePole
    public var capturedAt: Timestamp
    public var contribution: Contribution

    public init(stationID: String, service: ServicePole, capturedAt: Timestamp, contribution: Contribution) {
        self.stationID = stationID; self.service = service; self.capturedAt = capturedAt; self.contribution = contribution
    }

    /// The event's contribution, nil for heartbeats (and for a review without sentiment,
    /// which the pipeline never passes: it scores every review first).
    public init?(_ event: Event) {
        guard let service = event.service else { return nil }
        switch event.kind {
        case .review:
            guard let s = event.sentiment else { return nil }
            self.init(stationID: event.stationID, service: service, capturedAt: event.capturedAt,
                      contribution: .review(label: s.label, score: s.score, rating: event.rating, aspects: s.aspects))
        case .transaction:
            guard let amount = event.amountXOF else { return nil }
            self.init(stationID: event.stationID, service: service, capturedAt: event.capturedAt,
                      contribution: .transaction(amountXOF: amount, waitSeconds: event.waitSeconds))
        case .heartbeat:
            return nil
        }
    }
}
