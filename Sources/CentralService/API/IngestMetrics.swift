import Synchronization

/// Counters of the HTTPS ingest, for the runtime's `/metrics` (Prometheus text format).
public final class IngestMetrics: Sendable {
    /// How an ingest request ended.
    public enum Outcome: String, Sendable, CaseIterable {
        case accepted, unauthorized, forbidden, invalid, tooLarge = "too_large"
        case unsupportedEncoding = "unsupported_encoding", unavailable
    }

    private let batches = Mutex<[Outcome: Int]>([:])
    private let events = Atomic<Int>(0)

    public init() {}

    func record(_ outcome: Outcome) {
        batches.withLock { $0[outcome, default: 0] += 1 }
    }

    func addEvents(_ n: Int) {
        events.add(n, ordering: .relaxed)
    }

    /// Requests so far by outcome.
    public func count(_ outcome: Outcome) -> Int { batches.withLock { $0[outcome] ?? 0 } }

    /// Events acknowledged by Kafka so far.
    public var acceptedEvents: Int { events.load(ordering: .relaxed) }

    /// `corridor_ingest_requests_total{outcome=…}` and `corridor_ingest_events_total`.
    public func prometheus() -> String {
        var s = "# HELP corridor_ingest_requests_total HTTPS ingest requests by outcome.\n"
        s += "# TYPE corridor_ingest_requests_total counter\n"
        for o in Outcome.allCases { s += "corridor_ingest_requests_total{outcome=\"\(o.rawValue)\"} \(count(o))\n" }
        s += "# HELP corridor_ingest_events_total Events produced through HTTPS ingest and acknowledged by Kafka.\n"
        s += "# TYPE corridor_ingest_events_total counter\n"
        s += "corridor_ingest_events_total \(acceptedEvents)\n"
        return s
    }
}
