import CorridorModel
import Foundation
import TestServices
import Testing
@testable import EdgeAgent

/// `corridor-edge run` (the real binary) killed with SIGKILL in the middle of a drain.
@Suite(.serialized, .timeLimit(.minutes(4)))
struct AgentCrashTests {
    func startAgent(_ dir: String, broker: String, topics: [EventKind: String]) throws -> (ChildProcess, Int) {
        let port = try freeTCPPort()
        let child = try ChildProcess(
            executable: edgeBinary(),
            arguments: ["run", "--data-dir", dir, "--station-id", station, "--listen", "127.0.0.1:\(port)",
                        "--transport", "kafka", "--kafka-brokers", broker, "--backoff-max", "2s",
                        "--topic-reviews", topics[.review]!, "--topic-transactions", topics[.transaction]!,
                        "--topic-heartbeats", topics[.heartbeat]!, "--set", "kafka.message.timeout.ms=5000"],
            logPath: dir + "-agent.log")
        try waitForTCP(port: port, timeout: .seconds(20), process: child)
        return (child, port)
    }

    /// A Tansu broker, an agent data dir holding `events` captured reviews, and the real agent
    /// forwarding them, returned once a fifth of the backlog is delivered: mid-drain.
    struct MidDrain {
        let broker: TansuBroker
        let dir: TempDir
        let topics: [EventKind: String]
        /// The ids in capture order.
        let expected: [String]
        let agent: ChildProcess

        func cleanup() {
            agent.kill9()
            dir.cleanup()
            try? FileManager.default.removeItem(atPath: dir.path + "-agent.log")
            broker.stop()
        }
    }

    func startMidDrain(_ label: String, events n: Int, test: String = #function) throws -> MidDrain {
        let broker = try TansuBroker.start()
        let dir = TempDir(label)
        var started = false
        defer { if !started { broker.stop(); dir.cleanup() } }
        let topics = freshTopics(test)
        let outbox = try Outbox(directory: dir.path, logger: .silent)
        try outbox.setMeta("station_id", station)
        let expected = try captureReviews(outbox, n)
        outbox.close()
        let (agent, _) = try startAgent(dir.path, broker: broker.bootstrap, topics: topics)
        let scene = MidDrain(broker: broker, dir: dir, topics: topics, expected: expected, agent: agent)
        started = true
        do {
            try waitFor(.seconds(60), "some delivered") { try Outbox.status(directory: dir.path).sent >= Int64(n / 5) }
        } catch {
            scene.cleanup()
            throw error
        }
        return scene
    }

    @Test func killNineDuringDrainLosesNothingAndResendsOnlyInFlightRows() async throws {
        let n = 60_000
        let scene = try startMidDrain("crash", events: n)
        defer { scene.cleanup() }
        let (broker, dir, topics, expected, first) = (scene.broker, scene.dir, scene.topics, scene.expected, scene.agent)
        first.kill9()
        let sentAtKill = try idsInState(dir.path, .sent)
        #expect(sentAtKill.count < n, "the kill must land mid-drain")

        let (second, _) = try startAgent(dir.path, broker: broker.bootstrap, topics: topics)
        try waitFor(.seconds(120), "drained after restart") { try Outbox.status(directory: dir.path).pending == 0 }
        // SIGTERM: drains and exits 0.
        second.terminate(grace: .seconds(20))
        let status = second.exitStatus()
        #expect(status == 0, "clean exit on SIGTERM, wait status \(String(describing: status))")

        let messages = try await consumeAll(broker.bootstrap, topic: topics[.review]!, atLeast: n)
        let got = ids(of: messages)
        let unique = Set(got)
        #expect(Set(expected).subtracting(unique).count == 0, "nothing lost")
        #expect(unique.subtracting(Set(expected)).count == 0)
        var counts: [String: Int] = [:]
        for id in got { counts[id, default: 0] += 1 }
        let duplicated = Set(counts.filter { $0.value > 1 }.keys)
        // Only rows that were in flight (delivered, not yet marked) are sent twice: never a row
        // already marked sent, and no more than the unmarked bound (window + marks in progress).
        #expect(duplicated.intersection(sentAtKill).count == 0)
        #expect(duplicated.count <= ForwarderConfig(stationID: station, dataDir: "", transport: .kafka, kafka: nil, version: "").maxUnmarked)
        var seen = Set<String>()
        let firstSeen = got.filter { seen.insert($0).inserted }
        #expect(firstSeen.count == expected.count && firstSeen == expected, "per-station order")
        let statusFile = ForwarderStatusFile.read(dataDir: dir.path)
        #expect(statusFile["link"] == "up")
        #expect(statusFile["transport"] == "kafka")
        print("agent kill -9: sent at kill \(sentAtKill.count) of \(n), messages \(got.count), duplicates \(duplicated.count)")
    }

    /// SIGTERM in the middle of a drain: the agent stops producing, waits for the reports of
    /// what is in flight, marks those rows, and exits 0 within the drain timeout. So every row
    /// at the broker is marked sent (nothing is sent twice after a clean stop), and a restart
    /// sends exactly the rest.
    @Test func sigtermMidDrainMarksEveryDeliveredRowAndExitsInTime() async throws {
        let n = 60_000
        let scene = try startMidDrain("sigterm-drain", events: n)
        defer { scene.cleanup() }
        let (broker, dir, topics, expected, first) = (scene.broker, scene.dir, scene.topics, scene.expected, scene.agent)
        let t0 = ContinuousClock.now
        kill(first.pid, SIGTERM)
        let raw = first.wait(timeout: .seconds(20))
        let took = ContinuousClock.now - t0
        #expect(raw == 0, "clean exit on SIGTERM, wait status \(String(describing: raw))")
        // Default drain timeout 10 s, systemd's TimeoutStopSec 30 s.
        #expect(took < .seconds(12), "stopped in \(took)")
        let sentAtStop = try idsInState(dir.path, .sent)
        #expect(sentAtStop.count < n, "the stop must land mid-drain")

        let before = Set(ids(of: try await consumeAll(broker.bootstrap, topic: topics[.review]!, atLeast: sentAtStop.count)))
        #expect(before == sentAtStop, "at the broker but not marked: \(before.subtracting(sentAtStop).count); marked but not at the broker: \(sentAtStop.subtracting(before).count)")

        let (second, _) = try startAgent(dir.path, broker: broker.bootstrap, topics: topics)
        try waitFor(.seconds(120), "drained after restart") { try Outbox.status(directory: dir.path).pending == 0 }
        second.terminate(grace: .seconds(20))
        #expect(second.exitStatus() == 0)
        let got = ids(of: try await consumeAll(broker.bootstrap, topic: topics[.review]!, atLeast: n))
        #expect(got.count == n, "no duplicates after a clean stop: \(got.count) messages for \(n) events")
        #expect(got == expected, "everything, once, in order")
        print("agent SIGTERM mid-drain: marked at stop \(sentAtStop.count) of \(n), stop took \(took), messages \(got.count)")
    }
}
