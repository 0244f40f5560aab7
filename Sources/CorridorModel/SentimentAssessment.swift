/// The sentiment of one aspect a review talks about.
public struct AspectSentiment: Sendable, Equatable {
    public var aspect: Aspect
    public var label: SentimentLabel
    /// In [-1, 1].
    public var score: Double

    public init(aspect: Aspect, label: SentimentLabel, score: Double) {
        self.aspect = aspect; self.label = label; self.score = score
    }
}

/// A review's sentiment as the envelope carries it: `{label, score, aspects, model, evidence}`.
public struct SentimentAssessment: Sendable, Equatable {
    public var label: SentimentLabel
    /// In [-1, 1].
    public var score: Double
    public var aspects: [AspectSentiment]
    /// Model name and version, e.g. `corridor-lex/1`.
    public var model: String
    /// The words and rules that moved the score, for the dashboard.
    public var evidence: [String]

    public init(label: SentimentLabel, score: Double, aspects: [AspectSentiment] = [], model: String, evidence: [String] = []) {
        self.label = label; self.score = score; self.aspects = aspects; self.model = model; self.evidence = evidence
    }

    /// The model's version number (`corridor-lex/3` → 3); 0 when it has none.
    public var modelVersion: Int { ModelName.version(of: model) }

    /// `[{aspect, label, score}, …]` as the envelope writes it.
    public var aspectsJSON: JSONValue {
        .array(aspects.map { a in
            .object(JSONObject([("aspect", .string(a.aspect.rawValue)), ("label", .string(a.label.rawValue)),
                                ("score", .double((a.score * 1000).rounded() / 1000))]))
        })
    }

    public var json: JSONValue {
        var o = JSONObject()
        o.appendUnique("label", .string(label.rawValue))
        o.appendUnique("score", .double((score * 1000).rounded() / 1000))
        o.appendUnique("aspects", aspectsJSON)
        o.appendUnique("model", .string(model))
        if !evidence.isEmpty { o.appendUnique("evidence", .array(evidence.map { .string($0) })) }
        return .object(o)
    }

    /// Reads the envelope's `sentiment` object; unknown aspects are skipped, not fatal.
    public init(json: JSONValue) throws(ValidationError) {
        guard let o = json.objectValue else { throw ValidationError("sentiment must be an object", field: "sentiment") }
        guard let l = o["label"]?.stringValue, let label = SentimentLabel(rawValue: l) else {
            throw ValidationError("sentiment.label must be satisfied, neutral or unsatisfied", field: "sentiment.label")
        }
        guard let score = o["score"]?.doubleValue, (-1...1).contains(score) else {
            throw ValidationError("sentiment.score must be a number in [-1, 1]", field: "sentiment.score")
        }
        self.label = label
        self.score = score
        self.model = o["model"]?.stringValue ?? "unknown/0"
        self.aspects = (o["aspects"]?.arrayValue ?? []).compactMap { v in
            guard let a = v["aspect"]?.stringValue.flatMap(Aspect.init(rawValue:)) else { return nil }
            let s = v["score"]?.doubleValue ?? 0
            let l = v["label"]?.stringValue.flatMap(SentimentLabel.init(rawValue:)) ?? (s > 0 ? .satisfied : s < 0 ? .unsatisfied : .neutral)
            return AspectSentiment(aspect: a, label: l, score: s)
        }
        self.evidence = (o["evidence"]?.arrayValue ?? []).compactMap(\.stringValue)
    }
}

/// Model names are `name/version`.
public enum ModelName {
    public static func version(of model: String) -> Int {
        guard let slash = model.lastIndex(of: "/") else { return 0 }
        return Int(model[model.index(after: slash)...]) ?? 0
    }
    public static func family(of model: String) -> Substring {
        guard let slash = model.lastIndex(of: "/") else { return Substring(model) }
        return model[..<slash]
    }
}
