import CorridorModel

/// The alert rules and their thresholds (configurable; the defaults are the product's).
public struct AlertRules: Sendable, Equatable {
    /// Unsatisfied share above which a pole alerts (0.40 = 40 %).
    public var unsatisfiedShare: Double = 0.40
    /// Reviews needed in the window before the share means anything.
    public var minReviews: Int64 = 5
    /// Mean wait (seconds) above which a pole alerts.
    public var waitSeconds: Double = 900
    /// Transactions with a wait time needed in the window.
    public var minWaitCount: Int64 = 1
    /// The sliding window for both pole rules, in seconds (a multiple of 5 min).
    public var windowSeconds: Int64 = 1800
    /// A station silent this long (seconds) is offline and alerts.
    public var silenceSeconds: Int64 = 7200

    public init() {}
}

/// The kinds of alert (the `rule` field of `alerts`).
public enum AlertRule: String, Sendable, CaseIterable {
    case unsatisfiedShare = "unsatisfied_share"
    case waitTime = "wait_time"
    case stationSilent = "station_silent"
}

/// Identifies the one open alert a rule may have per station and pole.
public struct AlertSubject: Sendable, Hashable {
    public var rule: AlertRule
    public var stationID: String
    /// nil for `station_silent`.
    public var service: ServicePole?

    public init(rule: AlertRule, stationID: String, service: ServicePole?) {
        self.rule = rule; self.stationID = stationID; self.service = service
    }
}

/// What a rule says about a subject right now.
public enum AlertVerdict: Sendable, Equatable {
    case firing(value: Double, threshold: Double, message: String)
    case clear
}

/// Sums of the 5-minute indicator buckets of one pole over the alert window.
public struct PoleWindow: Sendable, Equatable {
    public var reviews: Int64 = 0
    public var unsatisfied: Int64 = 0
    public var waitSum: Int64 = 0
    public var waitCount: Int64 = 0
    public init() {}
    public init(reviews: Int64, unsatisfied: Int64, waitSum: Int64, waitCount: Int64) {
        self.reviews = reviews; self.unsatisfied = unsatisfied; self.waitSum = waitSum; self.waitCount = waitCount
    }
}

extension AlertRules {
    /// The first 5-minute bucket start inside the window ending at `now` (the window holds
    /// `windowSeconds / 300` buckets, the current one included).
    public func windowStart(now: Timestamp) -> Timestamp {
        let current = now.floor(toSeconds: IndicatorBucket.fiveMinutes.seconds)
        let buckets = max(1, windowSeconds / 300)
        return Timestamp(millis: current.millis - (buckets - 1) * 300_000)
    }

    /// Verdicts of the two pole rules for one station's pole.
    public func evaluate(station: String, service: ServicePole, window w: PoleWindow) -> [(AlertSubject, AlertVerdict)] {
        let minutes = windowSeconds / 60
        var out: [(AlertSubject, AlertVerdict)] = []
        let shareSubject = AlertSubject(rule: .unsatisfiedShare, stationID: station, service: service)
        if w.reviews >= minReviews, w.reviews > 0 {
            let share = Double(w.unsatisfied) / Double(w.reviews)
            if share > unsatisfiedShare {
                let msg = "Pôle \(service.frenchName) de la station \(station) : \(Self.percent(share)) de clients insatisfaits "
                    + "sur les \(minutes) dernières minutes (\(w.unsatisfied) avis sur \(w.reviews)), seuil \(Self.percent(unsatisfiedShare))."
                out.append((shareSubject, .firing(value: share, threshold: unsatisfiedShare, message: msg)))
            } else {
                out.append((shareSubject, .clear))
            }
        } else {
            out.append((shareSubject, .clear))
        }
        let waitSubject = AlertSubject(rule: .waitTime, stationID: station, service: service)
        if w.waitCount >= max(1, minWaitCount) {
            let mean = Double(w.waitSum) / Double(w.waitCount)
            if mean > waitSeconds {
                let msg = "Pôle \(service.frenchName) de la station \(station) : attente moyenne de \(Self.duration(mean)) "
                    + "sur les \(minutes) dernières minutes (\(w.waitCount) transactions), seuil \(Self.duration(waitSeconds))."
                out.append((waitSubject, .firing(value: mean, threshold: waitSeconds, message: msg)))
            } else {
                out.append((waitSubject, .clear))
            }
        } else {
            out.append((waitSubject, .clear))
        }
        return out
    }

    /// The silence rule for one station, from its last sign of life.
    public func evaluateSilence(station: String, lastSeen: Timestamp, now: Timestamp) -> AlertVerdict {
        let silent = Double(now.millis - lastSeen.millis) / 1000
        guard silent > Double(silenceSeconds) else { return .clear }
        let msg = "Station \(station) silencieuse depuis \(Self.duration(silent)) (dernier signe de vie : \(lastSeen.rfc3339)), "
            + "seuil \(Self.duration(Double(silenceSeconds)))."
        return .firing(value: silent, threshold: Double(silenceSeconds), message: msg)
    }

    /// `55 %` (French typography: a space before %).
    static func percent(_ x: Double) -> String { "\(Int((x * 100).rounded())) %" }

    /// `18 min`, `2 h 05 min`, `45 s`.
    static func duration(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        if s < 60 { return "\(s) s" }
        let m = s / 60
        if m < 60 { return "\(m) min" }
        let h = m / 60, r = m % 60
        return r == 0 ? "\(h) h" : "\(h) h \(r < 10 ? "0" : "")\(r) min"
    }
}
