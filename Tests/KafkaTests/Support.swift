import Foundation
import Kafka
import Synchronization

/// Collects delivery reports from the producer's poll queue for the test to inspect.
final class DeliveryCollector: Sendable {
    private let reports = Mutex<[DeliveryReport]>([])

    var callback: @Sendable (DeliveryReport) -> Void { { [self] report in reports.withLock { $0.append(report) } } }
    var all: [DeliveryReport] { reports.withLock { $0 } }

    /// Waits until `count` reports arrived (or `timeout` passed) and returns them.
    func wait(count: Int, timeout: Duration = .seconds(20)) async -> [DeliveryReport] {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline, all.count < count {
            try? await Task.sleep(for: .milliseconds(20))
        }
        return all
    }
}

/// Collects rebalance events and errors from a consumer.
final class EventLog<T: Sendable>: Sendable {
    private let items = Mutex<[T]>([])
    var callback: @Sendable (T) -> Void { { [self] item in items.withLock { $0.append(item) } } }
    var all: [T] { items.withLock { $0 } }
}

func uniqueTopic(_ label: String = #function) -> String {
    let clean = label.filter { $0.isLetter || $0.isNumber }
    return "t-\(clean.prefix(30))-\(UUID().uuidString.prefix(8).lowercased())"
}

func bytes(_ s: String) -> [UInt8] { Array(s.utf8) }
func string(_ b: [UInt8]?) -> String { b.map { String(decoding: $0, as: UTF8.self) } ?? "<nil>" }

/// Polls until `count` messages arrived or `timeout` passed.
func consume(_ consumer: KafkaConsumer, count: Int, timeout: Duration = .seconds(30)) async throws -> [KafkaMessage] {
    var got: [KafkaMessage] = []
    let deadline = ContinuousClock.now + timeout
    while got.count < count, ContinuousClock.now < deadline {
        got += try await consumer.pollBatch(max: 500, timeout: .milliseconds(200))
    }
    return got
}
