import CorridorModel
import Foundation
import Kafka
import TestServices
import Testing
@testable import EdgeAgent

/// The forwarder against a real Kafka-protocol broker (Tansu, memory storage), one broker and
/// a fresh topic set per test.
@Suite(.serialized, .timeLimit(.minutes(4)))
struct KafkaForwardingTests {
    @Test func backlogCapturedWhileBrokerIsDownArrivesInOrder() async throws {
        let broker = try TansuBroker.start()
        defer { broker.stop() }
        broker.kill9()  // down from the start; restart() brings it back on the same port
        let dir = TempDir("down")
        defer { dir.cleanup() }
        let outbox = try Outbox(directory: dir.path, logger: .silent)
        let topics = freshTopics()
        let n = 3000
        let expected = try captureReviews(outbox, n)
        let fwd = Forwarder(config: forwarderConfig(dir: dir.path, broker: broker.bootstrap, topics: topics), outbox: outbox, logger: .silent)
        fwd.start()
        // Offline: nothing is marked sent, the link says down.
        try await Task.sleep(for: .seconds(7))
        #expect(try outbox.status().pending >= Int64(n))
        #expect(fwd.state.snapshot.link == "down")
        #expect(fwd.metrics().first { $0.name == "corridor_forwarder_link_down_seconds" }!.value >= 5)
        let file = ForwarderStatusFile.read(dataDir: dir.path)
        #expect(file["link"] == "down")
        #expect(file["link_down_since"]?.stringValue != nil)

        try broker.restart()
        try waitFor(.seconds(90), "backlog drained") { try outbox.status().pending == 0 }
        #expect(fwd.state.snapshot.link == "up")
        let messages = try await consumeAll(broker.bootstrap, topic: topics[.review]!, atLeast: n)
        var seen = Set<String>()
        let firstSeen = ids(of: messages).filter { seen.insert($0).inserted }
        #expect(firstSeen == expected, "per-station order (first occurrence) must be capture order")
        #expect(messages.allSatisfy { text($0.key) == station && text($0.header("schema")) == "corridor.review/1" && text($0.header("content-type")) == "application/json" })
        #expect(messages.allSatisfy { (try? Event(envelope: $0.value))?.id == text($0.header("id")) })
        fwd.stop()
        let s = fwd.state.snapshot
        print("broker down then up: \(n) events, \(messages.count) messages, retries \(s.retries), wire bytes \(s.wireBytes)")
        #expect(s.retries > 0)
        outbox.close()
    }

    @Test func brokerKilledMidDrainAndRestartedLosesNothing() async throws {
        let broker = try TansuBroker.start()
        defer { broker.stop() }
        let dir = TempDir("kill")
        defer { dir.cleanup() }
        let outbox = try Outbox(directory: dir.path, logger: .silent)
        let topics = freshTopics()
        let n = 30_000
        let expected = try captureReviews(outbox, n)
        var config = forwarderConfig(dir: dir.path, broker: broker.bootstrap, topics: topics)
        config.window = 5000
        config.chunk = 1000
        let fwd = Forwarder(config: config, outbox: outbox, logger: .silent)
        fwd.start()
        try waitFor(.seconds(60), "a quarter delivered") { try outbox.status().sent >= Int64(n / 4) }
        broker.kill9()
        // Reports for what the old broker acknowledged arrive at once; the rest time out later.
        try await Task.sleep(for: .milliseconds(1500))
        let ackedByOldBroker = try idsInState(dir.path, .sent)
        let pendingAtKill = try idsInState(dir.path, .pending)
        #expect(ackedByOldBroker.count < n)
        try broker.restart()  // memory storage: it comes back empty
        try waitFor(.seconds(120), "backlog drained after restart") { try outbox.status().pending == 0 }
        let messages = try await consumeAll(broker.bootstrap, topic: topics[.review]!, atLeast: pendingAtKill.count)
        let afterRestart = Set(ids(of: messages))
        // Every event reached a broker that acknowledged it; what the old broker acknowledged
        // died with its memory storage, everything else is on the new one.
        let all = Set(expected)
        let missing = all.subtracting(afterRestart.union(ackedByOldBroker))
        #expect(missing.isEmpty, "\(missing.count) events missing")
        #expect(afterRestart.subtracting(all).isEmpty)
        // Rows not acknowledged at the kill (reviews; heartbeats go to their own topic) all arrived.
        #expect(pendingAtKill.intersection(all).subtracting(afterRestart).count == 0)
        // Per-station order among the events the new broker received.
        var seen = Set<String>()
        let order = ids(of: messages).filter { seen.insert($0).inserted }
        #expect(order == expected.filter { afterRestart.contains($0) })
        let s = fwd.state.snapshot
        print("broker kill -9 mid-drain: acked before kill \(ackedByOldBroker.count), pending at kill \(pendingAtKill.count), messages after restart \(messages.count) (\(messages.count - afterRestart.count) duplicates), retries \(s.retries)")
        fwd.stop()
        outbox.close()
    }

    @Test func heartbeatsAreStoredAndForwarded() async throws {
        let broker = try TansuBroker.start()
        defer { broker.stop() }
        let dir = TempDir("hb")
        defer { dir.cleanup() }
        let outbox = try Outbox(directory: dir.path, logger: .silent)
        let topics = freshTopics()
        var config = forwarderConfig(dir: dir.path, broker: broker.bootstrap, topics: topics)
        config.heartbeatIntervalSeconds = 1
        let fwd = Forwarder(config: config, outbox: outbox, logger: .silent)
        fwd.start()
        try await Task.sleep(for: .seconds(4))
        fwd.stop()
        let messages = try await consumeAll(broker.bootstrap, topic: topics[.heartbeat]!, atLeast: 2, timeout: .seconds(30))
        #expect(messages.count >= 2)
        let beats = messages.compactMap { try? Event(envelope: $0.value) }
        #expect(beats.count == messages.count)
        #expect(beats.allSatisfy { $0.kind == .heartbeat && $0.heartbeat?.version == "test" && $0.stationID == station })
        #expect(beats.last?.heartbeat?.link == "up")
        #expect(fwd.metrics().first { $0.name == "corridor_forwarder_sent_total" }!.value >= 2)
        outbox.close()
    }

    @Test func autoFallsBackToHTTPSWhenKafkaKeepsFailing() async throws {
        let central = try FakeCentral()
        defer { central.stop() }
        let dir = TempDir("auto")
        defer { dir.cleanup() }
        let outbox = try Outbox(directory: dir.path, logger: .silent)
        let expected = try captureReviews(outbox, 50)
        let deadPort = try freeTCPPort()
        var config = forwarderConfig(dir: dir.path, broker: "127.0.0.1:\(deadPort)", topics: freshTopics(), transport: .auto, url: central.url)
        config.kafka!["message.timeout.ms"] = "1000"
        config.fallbackAfterFailedRounds = 2
        let fwd = Forwarder(config: config, outbox: outbox, logger: .silent)
        fwd.start()
        try waitFor(.seconds(60), "drained over HTTPS") { try outbox.status().pending == 0 }
        #expect(fwd.state.snapshot.transport == "https-fallback")
        #expect(expected.allSatisfy { central.receivedIDs.contains($0) })
        fwd.stop()
        outbox.close()
    }

    @Test func autoReturnsToKafkaWhenTheBrokerComesBack() async throws {
        let central = try FakeCentral()
        defer { central.stop() }
        let broker = try TansuBroker.start()
        defer { broker.stop() }
        broker.kill9()  // the link to Kafka is down from the start
        let dir = TempDir("auto-return")
        defer { dir.cleanup() }
        let outbox = try Outbox(directory: dir.path, logger: .silent)
        let first = try captureReviews(outbox, 30)
        let topics = freshTopics()
        var config = forwarderConfig(dir: dir.path, broker: broker.bootstrap, topics: topics, transport: .auto, url: central.url)
        config.kafka!["message.timeout.ms"] = "1000"
        config.fallbackAfterFailedRounds = 2
        config.kafkaProbeIntervalSeconds = 1
        let fwd = Forwarder(config: config, outbox: outbox, logger: .silent)
        fwd.start()
        defer { fwd.stop(); outbox.close() }
        try waitFor(.seconds(60), "drained over HTTPS") { try outbox.status().pending == 0 }
        #expect(fwd.state.snapshot.transport == "https-fallback")
        #expect(first.allSatisfy { central.receivedIDs.contains($0) })

        // Kafka comes back: the probe notices, the forwarder leaves the fallback, new rows go to Kafka.
        try broker.restart()
        try waitFor(.seconds(60), "back on Kafka") { fwd.state.snapshot.transport == "kafka" }
        let second = try captureReviews(outbox, 20, from: 30)
        try waitFor(.seconds(60), "drained over Kafka") { try outbox.status().pending == 0 }
        let got = try await consumeAll(broker.bootstrap, topic: topics[.review]!, atLeast: second.count)
        let ids = Set(got.compactMap { $0.header("id").map { String(decoding: $0, as: UTF8.self) } })
        #expect(second.allSatisfy { ids.contains($0) })
        #expect(!second.contains { central.receivedIDs.contains($0) })
    }
}
