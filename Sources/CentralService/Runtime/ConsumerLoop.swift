import CorridorModel
import Foundation
import Kafka
import Synchronization

/// The consumer-group member: poll a batch, make it durable and applied (retrying until it
/// is), then commit its offsets. Runs on its own thread: every call here blocks.
///
/// Rebalances need no draining: batches are processed between polls and the rebalance
/// callback runs inside a poll, so when partitions are revoked every batch taken from them
/// is finished. The callback commits what is done but not yet committed (a commit that failed
/// earlier) and forgets it; a `lost` assignment commits nothing (the new owner redelivers, and
/// redelivery is harmless).
public final class ConsumerLoop: Sendable {
    public struct State: Sendable {
        public var running = false
        public var assigned: [TopicPartition] = []
        public var lastError: String?
        public var stoppedWithFatal = false
    }

    private let settings: CentralSettings
    private let processor: BatchProcessor
    private let logger: Logger
    private let stopFlag = Atomic<Bool>(false)
    private let done = DispatchSemaphore(value: 0)
    public let state = Mutex(State())
    /// Offsets processed but whose commit failed: committed at the next chance or on revoke.
    private let uncommitted = Mutex<[TopicPartition: Int64]>([:])
    private let consumerBox = Mutex<KafkaConsumer?>(nil)

    public init(settings: CentralSettings, processor: BatchProcessor, logger: Logger) {
        self.settings = settings; self.processor = processor; self.logger = logger
    }

    /// Starts the loop on a new thread.
    public func start() {
        let t = Thread { [self] in
            run()
            done.signal()
        }
        t.name = "corridor-central.consumer"
        t.start()
    }

    /// Asks the loop to stop after the current step, leaves the group, and waits for it.
    public func stop(timeout: Double = 30) {
        stopFlag.store(true, ordering: .releasing)
        _ = done.wait(timeout: .now() + timeout)
    }

    private var stopping: Bool { stopFlag.load(ordering: .acquiring) }

    private func run() {
        var config = KafkaConsumer.reliableDefaults(bootstrapServers: settings.kafkaBrokers, groupID: settings.groupID)
        config["client.id"] = "corridor-central"
        for (k, v) in settings.kafkaProperties { config[k] = v }
        let consumer: KafkaConsumer
        do {
            consumer = try KafkaConsumer(config: config, onRebalance: { [self] e in rebalance(e) }, onError: { [logger] e in
                logger.warning("kafka", [("error", e.description)])
            })
            consumerBox.withLock { $0 = consumer }
            try consumer.subscribe(topics: settings.subscribe)
        } catch {
            logger.error("cannot start the consumer: \(error)")
            state.withLock { $0.lastError = "\(error)"; $0.stoppedWithFatal = true }
            return
        }
        state.withLock { $0.running = true }
        logger.info("consuming", [("group", settings.groupID), ("topics", settings.subscribe.joined(separator: ","))])
        var nextSilenceCheck = ContinuousClock.now
        while !stopping {
            let batch: [KafkaMessage]
            do {
                batch = try consumer.pollBatch(max: settings.batchSize, timeout: .milliseconds(500))
            } catch {
                logger.error("poll failed: \(error)")
                state.withLock { $0.lastError = "\(error)" }
                if error.isFatal { state.withLock { $0.stoppedWithFatal = true }; break }
                Thread.sleep(forTimeInterval: 1)
                continue
            }
            if batch.isEmpty {
                try? processor.flushPrunes()
            } else if !processWithRetry(batch) {
                break  // stopping: the batch is not committed, the next owner redelivers it
            } else {
                var offsets = uncommitted.withLock { $0 }
                for m in batch {
                    let tp = TopicPartition(topic: m.topic, partition: m.partition)
                    offsets[tp] = max(offsets[tp] ?? 0, m.offset + 1)
                }
                commit(consumer, offsets)
            }
            let lag = consumer.lag() ?? -1
            processor.metrics.update { $0.lag = lag }
            if ContinuousClock.now >= nextSilenceCheck {
                nextSilenceCheck = ContinuousClock.now + .milliseconds(Int64(settings.silenceCheckSeconds * 1000))
                if isSilenceLeader {
                    do { try processor.evaluateSilence() } catch { logger.warning("silence check failed: \(error)") }
                }
            }
        }
        logger.info("leaving the consumer group")
        do { try consumer.close() } catch { logger.warning("consumer close: \(error)") }
        consumerBox.withLock { $0 = nil }
        state.withLock { $0.running = false; $0.assigned = [] }
    }

    /// Retries the batch until it succeeds or the loop is stopping (false then).
    private func processWithRetry(_ batch: [KafkaMessage]) -> Bool {
        var delay = 0.2
        while true {
            do {
                try processor.process(batch)
                state.withLock { $0.lastError = nil }
                return true
            } catch {
                processor.metrics.update { $0.batchFailures += 1 }
                state.withLock { $0.lastError = "\(error)" }
                logger.warning("batch failed, retrying", [("error", "\(error)"), ("retry_in_s", String(delay))])
                if stopping { return false }
                Thread.sleep(forTimeInterval: delay)
                delay = min(delay * 2, 10)
                if stopping { return false }
            }
        }
    }

    private func commit(_ consumer: KafkaConsumer, _ offsets: [TopicPartition: Int64]) {
        let list = offsets.map { TopicPartitionOffset(topic: $0.key.topic, partition: $0.key.partition, offset: $0.value) }
        do {
            try consumer.commit(offsets: list)
            uncommitted.withLock { $0 = [:] }
            processor.metrics.update { $0.commits += 1 }
        } catch {
            // Not fatal: the batch is applied; a later commit (or the revoke) moves the offset,
            // and a redelivery in between is counted as duplicates.
            uncommitted.withLock { $0 = offsets }
            logger.warning("commit failed", [("error", "\(error)")])
        }
    }

    private func rebalance(_ event: RebalanceEvent) {
        processor.metrics.update { $0.rebalances += 1 }
        switch event {
        case .assigned(let parts):
            logger.info("partitions assigned", [("partitions", parts.map(\.description).joined(separator: ","))])
            state.withLock { $0.assigned = parts }
        case .revoked(let parts, let lost):
            logger.info("partitions revoked", [("partitions", parts.map(\.description).joined(separator: ",")), ("lost", String(lost))])
            let revoked = Set(parts)
            let pending = uncommitted.withLock { u in
                let p = u.filter { revoked.contains($0.key) }
                for k in p.keys { u[k] = nil }
                return p
            }
            if !lost, !pending.isEmpty, let consumer = consumerBox.withLock({ $0 }) {
                do {
                    try consumer.commit(offsets: pending.map { TopicPartitionOffset(topic: $0.key.topic, partition: $0.key.partition, offset: $0.value) })
                } catch {
                    logger.warning("commit on revoke failed", [("error", "\(error)")])
                }
            }
            state.withLock { s in s.assigned.removeAll { revoked.contains($0) } }
        }
    }

    /// The silence timer runs on one replica: the owner of the heartbeat topic's partition 0
    /// (or of the first subscribed topic's, when heartbeats are not consumed here).
    private var isSilenceLeader: Bool {
        let topic = settings.subscribe.contains(settings.topics[.heartbeat]!) ? settings.topics[.heartbeat]! : settings.subscribe.first ?? ""
        return state.withLock { $0.assigned.contains(TopicPartition(topic: topic, partition: 0)) }
    }
}
