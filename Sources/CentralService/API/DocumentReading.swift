import CorridorModel
import Mongo

// Reading contract documents into JSON. nx-27017 narrows an int64 that fits in 32 bits to
// int32 and some pipelines write counters as doubles, so numbers are always read through
// `intValue`/`doubleValue`, never by matching one BSON case.

extension BSONDocument {
    /// A counter; 0 when absent or not a number.
    func count(_ key: String) -> Int64 {
        guard let v = self[key] else { return 0 }
        if let i = v.intValue { return Int64(i) }
        if let d = v.doubleValue, d.isFinite { return Int64(d.rounded()) }
        return 0
    }

    func number(_ key: String) -> Double? { self[key]?.doubleValue }

    func text(_ key: String) -> String? { self[key]?.stringValue }

    /// A BSON datetime as milliseconds (a string in RFC 3339 is accepted too, for hand-made data).
    func millis(_ key: String) -> Int64? {
        guard let v = self[key] else { return nil }
        if let ms = v.datetimeValue { return ms }
        if let s = v.stringValue { return Timestamp(rfc3339: s)?.millis }
        return nil
    }

    /// The datetime as an RFC 3339 JSON string, or JSON null.
    func timeJSON(_ key: String) -> JSONValue {
        millis(key).map { .string(Timestamp(millis: $0).rfc3339) } ?? .null
    }

    func stringJSON(_ key: String) -> JSONValue { text(key).map { .string($0) } ?? .null }

    func intJSON(_ key: String) -> JSONValue {
        guard let v = self[key], !v.isNull else { return .null }
        if let i = v.intValue { return .int(Int64(i)) }
        if let d = v.doubleValue { return .double(d) }
        return .null
    }

    func doubleJSON(_ key: String) -> JSONValue { number(key).map { .double($0) } ?? .null }
}

/// Rounds for display and keeps the JSON free of NaN/Infinity (which JSON cannot carry).
func rounded(_ x: Double?, places: Double = 1000) -> JSONValue {
    guard let x, x.isFinite else { return .null }
    return .double((x * places).rounded() / places)
}

/// Sums of `indicators` documents: one bucket, or several added up (the overview's 24 h).
struct IndicatorTotals {
    var satisfied: Int64 = 0
    var neutral: Int64 = 0
    var unsatisfied: Int64 = 0
    var reviews: Int64 = 0
    var scoreSum: Double = 0
    var ratingSum: Double = 0
    var ratingCount: Int64 = 0
    var aspectPositive: [String: Int64] = [:]
    var aspectNegative: [String: Int64] = [:]
    var transactions: Int64 = 0
    var revenueXOF: Int64 = 0
    var waitSum: Double = 0
    var waitCount: Int64 = 0
    var waitMax: Int64?

    mutating func add(_ d: BSONDocument) {
        let s = d.count("satisfied"), n = d.count("neutral"), u = d.count("unsatisfied")
        satisfied += s
        neutral += n
        unsatisfied += u
        // `reviews` is the pipeline's own count; older or hand-made documents may lack it.
        reviews += d["reviews"] != nil ? d.count("reviews") : s + n + u
        scoreSum += d.number("score_sum") ?? 0
        ratingSum += d.number("rating_sum") ?? 0
        ratingCount += d.count("rating_count")
        transactions += d.count("transactions")
        revenueXOF += d.count("revenue_xof")
        waitSum += d.number("wait_sum") ?? 0
        waitCount += d.count("wait_count")
        if d["wait_max"] != nil, d.count("wait_count") > 0 || d.count("wait_max") > 0 {
            waitMax = max(waitMax ?? 0, d.count("wait_max"))
        }
        for (key, value) in d where key.hasPrefix("aspect_") {
            guard let n = value.doubleValue, n.isFinite else { continue }
            let body = key.dropFirst("aspect_".count)
            if body.hasSuffix("_pos") {
                aspectPositive[String(body.dropLast(4)), default: 0] += Int64(n.rounded())
            } else if body.hasSuffix("_neg") {
                aspectNegative[String(body.dropLast(4)), default: 0] += Int64(n.rounded())
            }
        }
    }

    var total: Int64 { reviews }
    var scoreMean: Double? { reviews > 0 ? scoreSum / Double(reviews) : nil }
    var ratingMean: Double? { ratingCount > 0 ? ratingSum / Double(ratingCount) : nil }
    var waitMean: Double? { waitCount > 0 ? waitSum / Double(waitCount) : nil }

    func share(_ n: Int64) -> JSONValue {
        total > 0 ? rounded(Double(n) / Double(total), places: 10_000) : .null
    }

    /// `{waiting: {pos, neg}, …}` for every aspect that has a count.
    var aspectsJSON: JSONValue {
        let names = Set(aspectPositive.keys).union(aspectNegative.keys).sorted()
        var o = JSONObject()
        for name in names {
            o[name] = .object(JSONObject([("pos", .int(aspectPositive[name] ?? 0)), ("neg", .int(aspectNegative[name] ?? 0))]))
        }
        return .object(o)
    }

    /// Aspects with negative mentions, most first (ties by name), at most `limit`.
    func topNegative(_ limit: Int) -> [(aspect: String, count: Int64)] {
        aspectNegative.filter { $0.value > 0 }
            .sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .prefix(limit).map { ($0.key, $0.value) }
    }

    /// The review and transaction figures, in the API's field names.
    func fields(into o: inout JSONObject) {
        o["satisfied"] = .int(satisfied)
        o["neutral"] = .int(neutral)
        o["unsatisfied"] = .int(unsatisfied)
        o["total"] = .int(total)
        o["score_mean"] = rounded(scoreMean)
        o["rating_mean"] = rounded(ratingMean, places: 100)
        o["aspects"] = aspectsJSON
        o["transactions"] = .int(transactions)
        o["revenue_xof"] = .int(revenueXOF)
        o["wait_mean_seconds"] = rounded(waitMean, places: 10)
        o["wait_max_seconds"] = waitMax.map { .int($0) } ?? .null
    }
}

/// The French name of an aspect's raw value (the raw value itself when unknown).
func frenchAspectName(_ raw: String) -> String {
    Aspect(rawValue: raw)?.frenchName ?? raw
}
