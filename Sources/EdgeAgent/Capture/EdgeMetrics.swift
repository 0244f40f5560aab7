import CorridorModel
import Synchronization

/// Counters the edge exposes on `/metrics` (Prometheus text format).
public final class EdgeMetrics: Sendable {
    private let captures = Mutex<[String: Int64]>([:])
    private let rejected = Mutex<[String: Int64]>([:])

    public init() {}

    public func captured(_ kind: EventKind, count: Int = 1) {
        captures.withLock { $0[kind.rawValue, default: 0] += Int64(count) }
    }

    public func rejected(reason: String) {
        rejected.withLock { $0[reason, default: 0] += 1 }
    }

    public var capturesByKind: [String: Int64] { captures.withLock { $0 } }
    public var rejectedByReason: [String: Int64] { rejected.withLock { $0 } }

    /// Reasons always listed (at 0) so dashboards and alerts see the series from the start.
    static let knownReasons = ["invalid", "too_large", "budget", "disk_full", "storage", "unauthorized"]

    /// Renders the counters plus the outbox gauges.
    public func prometheus(outbox s: OutboxStatus?, commits: Int64, extra: [PrometheusSample] = []) -> String {
        var out = ""
        func family(_ name: String, _ type: String, _ help: String, _ samples: [(String, Int64)]) {
            out += "# HELP \(name) \(help)\n# TYPE \(name) \(type)\n"
            for (labels, v) in samples { out += "\(name)\(labels) \(v)\n" }
        }
        if let s {
            family("corridor_outbox_pending", "gauge", "Events stored and not yet delivered.", [("", s.pending)])
            family("corridor_outbox_sent", "gauge", "Delivered events still kept (pruned after the retention time).", [("", s.sent)])
            family("corridor_outbox_rejected", "gauge", "Events central refused for good, kept aside with the reason.", [("", s.rejected)])
            family("corridor_outbox_bytes", "gauge", "Bytes the outbox uses on disk.", [("", s.bytes)])
            family("corridor_outbox_budget_bytes", "gauge", "Disk budget of the outbox; captures are refused past it.", [("", s.budgetBytes)])
            family("corridor_outbox_oldest_pending_age_seconds", "gauge", "Age of the oldest pending event.", [("", s.oldestPendingAgeSeconds ?? 0)])
            family("corridor_outbox_quarantined", "gauge", "1 when a corrupt outbox was moved aside at start.", [("", s.quarantinedFile == nil ? 0 : 1)])
        }
        family("corridor_outbox_commits_total", "counter", "Outbox transactions committed (group commit).", [("", commits)])
        let c = capturesByKind
        family("corridor_captures_total", "counter", "Events accepted (answered 201).",
               EventKind.allCases.map { ("{kind=\"\($0.rawValue)\"}", c[$0.rawValue] ?? 0) })
        let r = rejectedByReason
        let reasons = Set(EdgeMetrics.knownReasons).union(r.keys).sorted()
        family("corridor_captures_rejected_total", "counter", "Captures refused, by reason.",
               reasons.map { ("{reason=\"\($0)\"}", r[$0] ?? 0) })
        var seen = Set<String>()
        for s in extra {
            if seen.insert(s.name).inserted { out += "# HELP \(s.name) \(s.help)\n# TYPE \(s.name) \(s.type)\n" }
            out += "\(s.name)\(s.labels) \(s.value)\n"
        }
        return out
    }
}

/// One extra sample other parts (the forwarder) add to `/metrics`.
public struct PrometheusSample: Sendable {
    public var name: String
    public var type: String
    public var help: String
    public var labels: String
    public var value: Int64
    public init(_ name: String, _ type: String, _ help: String, labels: String = "", _ value: Int64) {
        self.name = name; self.type = type; self.help = help; self.labels = labels; self.value = value
    }
}
