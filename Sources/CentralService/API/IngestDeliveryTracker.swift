import Dispatch
import Kafka
import Synchronization

/// Matches Kafka delivery reports to the ingest requests waiting for them.
///
/// `KafkaProducer` takes its delivery callback when it is created, so the runtime creates the
/// tracker first and passes `onDelivery` to the producer:
/// ```swift
/// let deliveries = IngestDeliveryTracker()
/// let producer = try KafkaProducer(config: cfg, onDelivery: deliveries.onDelivery)
/// ```
/// Each ingest request takes one opaque tag for all of its messages and blocks its own
/// (per-connection) thread until every message is acknowledged, one fails, or time runs out.
/// Reports for tags nobody waits for (a request that gave up, another user of the producer)
/// are ignored.
public final class IngestDeliveryTracker: Sendable {
    private let nextTag = Atomic<UInt64>(1)
    private let waiting = Mutex<[UInt64: PendingBatch]>([:])

    public init() {}

    /// The producer's delivery callback. Runs on the producer's poll queue: quick, never blocks.
    public func onDelivery(_ report: DeliveryReport) {
        guard let batch = waiting.withLock({ $0[report.opaque] }) else { return }
        batch.record(report)
    }

    /// Requests currently waiting for acknowledgements.
    public var waitingRequests: Int { waiting.withLock { $0.count } }

    /// Registers a batch that will produce `expected` messages tagged with `batch.tag`.
    func begin(expected: Int) -> PendingBatch {
        let tag = nextTag.add(1, ordering: .relaxed).oldValue
        let batch = PendingBatch(tag: tag, expected: expected)
        waiting.withLock { $0[tag] = batch }
        return batch
    }

    /// Stops tracking a batch (after its outcome is known or the request gave up).
    func end(_ batch: PendingBatch) {
        _ = waiting.withLock { $0.removeValue(forKey: batch.tag) }
    }
}

/// One request's messages in flight: counts reports and wakes the waiting thread once the
/// outcome is decided (all delivered, or the first failure).
final class PendingBatch: Sendable {
    enum Outcome: Sendable, Equatable {
        case delivered
        /// The first failure's text; the other messages' fate does not change the answer.
        case failed(String)
        case timedOut(delivered: Int, expected: Int)
    }

    private struct State {
        var expected: Int
        var delivered = 0
        var failure: String?
        var signalled = false
    }

    let tag: UInt64
    private let state: Mutex<State>
    private let done = DispatchSemaphore(value: 0)

    init(tag: UInt64, expected: Int) {
        self.tag = tag
        self.state = Mutex(State(expected: expected))
    }

    /// Lowers the expected count when producing stopped early (only the enqueued ones report).
    func expect(_ count: Int) {
        let fire = state.withLock { s -> Bool in
            s.expected = count
            return decide(&s)
        }
        if fire { done.signal() }
    }

    func record(_ report: DeliveryReport) {
        let fire = state.withLock { s -> Bool in
            if let error = report.error {
                if s.failure == nil { s.failure = "\(error)" }
            } else {
                s.delivered += 1
            }
            return decide(&s)
        }
        if fire { done.signal() }
    }

    /// True exactly once: when the outcome becomes known.
    private func decide(_ s: inout State) -> Bool {
        guard !s.signalled, s.failure != nil || s.delivered >= s.expected else { return false }
        s.signalled = true
        return true
    }

    /// Blocks until the outcome is known or `timeout` passes.
    func wait(timeout: Duration) -> Outcome {
        let nanos = max(0, timeout.components.seconds) * 1_000_000_000 + timeout.components.attoseconds / 1_000_000_000
        let finished = done.wait(timeout: .now() + .nanoseconds(Int(clamping: nanos))) == .success
        return state.withLock { s in
            if let failure = s.failure { return .failed(failure) }
            if finished || s.delivered >= s.expected { return .delivered }
            return .timedOut(delivered: s.delivered, expected: s.expected)
        }
    }
}
