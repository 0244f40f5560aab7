import CorridorModel

/// What a set of events adds to one indicator document: counters to `$inc`, a maximum to `$max`.
///
/// Field names are the flat names of the central contract (`aspect_waiting_neg`, …).
public struct IndicatorDelta: Sendable, Equatable {
    public var satisfied: Int64 = 0
    public var neutral: Int64 = 0
    public var unsatisfied: Int64 = 0
    public var reviews: Int64 = 0
    public var scoreSum: Double = 0
    public var ratingSum: Int64 = 0
    public var ratingCount: Int64 = 0
    /// `aspect_<raw>_pos` / `aspect_<raw>_neg` → count.
    public var aspectCounts: [String: Int64] = [:]
    public var transactions: Int64 = 0
    public var revenueXOF: Int64 = 0
    public var waitSum: Int64 = 0
    public var waitCount: Int64 = 0
    public var waitMax: Int64?

    public init() {}

    public mutating func add(_ c: IndicatorInput.Contribution) {
        switch c {
        case .review(let label, let score, let rating, let aspects):
            reviews += 1
            switch label {
            case .satisfied: satisfied += 1
            case .neutral: neutral += 1
            case .unsatisfied: unsatisfied += 1
            }
            scoreSum += score
            if let rating { ratingSum += Int64(rating); ratingCount += 1 }
            // One count per aspect per review, even when the analyzer named it twice.
            var seen: Set<String> = []
            for a in aspects {
                let suffix: String
                switch a.label {
                case .satisfied: suffix = "pos"
                case .unsatisfied: suffix = "neg"
                case .neutral: continue
                }
                let field = "aspect_\(a.aspect.rawValue)_\(suffix)"
                if seen.insert(field).inserted { aspectCounts[field, default: 0] += 1 }
            }
        case .transaction(let amount, let wait):
            transactions += 1
            revenueXOF += amount
            if let wait {
                waitSum += wait
                waitCount += 1
                waitMax = max(waitMax ?? wait, wait)
            }
        }
    }

    /// The `$inc` fields, only the non-zero ones (a smaller update, and no field appears
    /// on a document until it means something; readers treat a missing counter as 0).
    public var increments: [(String, IncrementValue)] {
        var out: [(String, IncrementValue)] = []
        func int(_ name: String, _ v: Int64) { if v != 0 { out.append((name, .int(v))) } }
        int("reviews", reviews)
        int("satisfied", satisfied)
        int("neutral", neutral)
        int("unsatisfied", unsatisfied)
        if reviews != 0 { out.append(("score_sum", .double(scoreSum))) }
        int("rating_sum", ratingSum)
        int("rating_count", ratingCount)
        for (k, v) in aspectCounts.sorted(by: { $0.key < $1.key }) { int(k, v) }
        int("transactions", transactions)
        int("revenue_xof", revenueXOF)
        int("wait_sum", waitSum)
        int("wait_count", waitCount)
        return out
    }

    public enum IncrementValue: Sendable, Equatable {
        case int(Int64)
        case double(Double)
    }
}

/// Folds events into one delta per indicator key (5 min, 1 h, 1 day buckets): the pipeline
/// then writes one upsert per key per batch, however many events the batch holds.
public enum IndicatorAggregator {
    public static func deltas(_ inputs: some Sequence<IndicatorInput>,
                              buckets: [IndicatorBucket] = IndicatorBucket.allCases) -> [IndicatorKey: IndicatorDelta] {
        var out: [IndicatorKey: IndicatorDelta] = [:]
        for input in inputs {
            for b in buckets {
                let key = IndicatorKey(stationID: input.stationID, service: input.service, bucket: b,
                                       start: input.capturedAt.floor(toSeconds: b.seconds))
                out[key, default: IndicatorDelta()].add(input.contribution)
            }
        }
        return out
    }
}
