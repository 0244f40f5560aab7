import Synchronization

/// Counters and the batch-latency histogram behind `/metrics` (Prometheus text format).
public final class CentralMetrics: Sendable {
    public struct Snapshot: Sendable, Equatable {
        public var consumed: Int64 = 0
        public var inserted: Int64 = 0
        public var duplicates: Int64 = 0
        public var deadLettered: Int64 = 0
        public var rescored: Int64 = 0
        public var recoveredBatches: Int64 = 0
        public var batches: Int64 = 0
        public var batchFailures: Int64 = 0
        public var commits: Int64 = 0
        public var rebalances: Int64 = 0
        public var alertsOpened: Int64 = 0
        public var alertsResolved: Int64 = 0
        public var lag: Int64 = -1
        public var lastBatchAtMillis: Int64 = 0
        /// Batch processing time histogram (seconds): bucket upper bounds → cumulative counts.
        public var batchSecondsBuckets: [Int64] = Array(repeating: 0, count: CentralMetrics.bounds.count)
        public var batchSecondsSum: Double = 0
        /// Capture → indicator-visible latency histogram (seconds).
        public var visibleSecondsBuckets: [Int64] = Array(repeating: 0, count: CentralMetrics.bounds.count)
        public var visibleSecondsSum: Double = 0
        public var visibleCount: Int64 = 0
    }

    static let bounds: [Double] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300]

    private let state = Mutex(Snapshot())
    public init() {}

    public var snapshot: Snapshot { state.withLock { $0 } }

    public func update(_ body: (inout Snapshot) -> Void) { state.withLock { body(&$0) } }

    func observeBatch(seconds: Double) {
        state.withLock { s in
            s.batchSecondsSum += seconds
            for (i, b) in Self.bounds.enumerated() where seconds <= b { s.batchSecondsBuckets[i] += 1 }
        }
    }

    func observeVisible(seconds: [Double]) {
        state.withLock { s in
            for v in seconds {
                s.visibleSecondsSum += v
                s.visibleCount += 1
                for (i, b) in Self.bounds.enumerated() where v <= b { s.visibleSecondsBuckets[i] += 1 }
            }
        }
    }

    /// The Prometheus exposition text.
    public func prometheus() -> String {
        let s = snapshot
        var out = ""
        func counter(_ name: String, _ help: String, _ v: Int64) {
            out += "# HELP \(name) \(help)\n# TYPE \(name) counter\n\(name) \(v)\n"
        }
        counter("corridor_central_consumed_total", "Kafka messages consumed", s.consumed)
        counter("corridor_central_inserted_total", "Events newly stored (counted once)", s.inserted)
        counter("corridor_central_duplicates_total", "Events already stored (redelivery, replay, duplicate send)", s.duplicates)
        counter("corridor_central_dead_lettered_total", "Messages sent to dead_letters", s.deadLettered)
        counter("corridor_central_rescored_total", "Reviews re-scored by central's model", s.rescored)
        counter("corridor_central_recovered_batches_total", "Interrupted batches finished by recovery", s.recoveredBatches)
        counter("corridor_central_batches_total", "Batches processed", s.batches)
        counter("corridor_central_batch_failures_total", "Batch attempts that failed and were retried", s.batchFailures)
        counter("corridor_central_commits_total", "Offset commits", s.commits)
        counter("corridor_central_rebalances_total", "Consumer group rebalances", s.rebalances)
        counter("corridor_central_alerts_opened_total", "Alerts opened", s.alertsOpened)
        counter("corridor_central_alerts_resolved_total", "Alerts resolved", s.alertsResolved)
        out += "# HELP corridor_central_lag Messages behind the partition ends (-1 unknown)\n# TYPE corridor_central_lag gauge\ncorridor_central_lag \(s.lag)\n"
        out += "# HELP corridor_central_last_batch_timestamp_seconds When the last batch finished\n# TYPE corridor_central_last_batch_timestamp_seconds gauge\n"
        out += "corridor_central_last_batch_timestamp_seconds \(Double(s.lastBatchAtMillis) / 1000)\n"
        func histogram(_ name: String, _ help: String, _ buckets: [Int64], _ sum: Double, _ count: Int64) {
            out += "# HELP \(name) \(help)\n# TYPE \(name) histogram\n"
            for (i, b) in Self.bounds.enumerated() { out += "\(name)_bucket{le=\"\(b)\"} \(buckets[i])\n" }
            out += "\(name)_bucket{le=\"+Inf\"} \(count)\n\(name)_sum \(sum)\n\(name)_count \(count)\n"
        }
        histogram("corridor_central_batch_seconds", "Time to make a batch durable and applied", s.batchSecondsBuckets, s.batchSecondsSum, s.batches)
        histogram("corridor_central_visible_seconds", "Capture to indicator-visible latency", s.visibleSecondsBuckets, s.visibleSecondsSum, s.visibleCount)
        return out
    }
}
