import Compression
import CorridorModel
import Foundation
import HTTPServer
import Synchronization
import Testing
import TestServices
@testable import EdgeAgent

/// A stand-in for central's ingest endpoint: decodes zstd NDJSON, answers as scripted.
final class FakeCentral: Sendable {
    struct Log {
        var received: [String] = []
        var statuses: [Int] = []
        var headers: [[String: String]] = []
    }
    let log = Mutex(Log())
    /// Answers to give first (then 200, or 400 for an event whose text contains "REJECT").
    let script: Mutex<[Int]>
    private let server: Mutex<HTTPServer?> = Mutex(nil)
    let port: UInt16

    init(script: [Int] = []) throws {
        self.script = Mutex(script)
        let box = Mutex<FakeCentral?>(nil)
        let s = try HTTPServer(host: "127.0.0.1", port: 0, maxBodyBytes: 8 << 20) { req in
            box.withLock { $0 }!.handle(req)
        }
        port = s.port
        server.withLock { $0 = s }
        box.withLock { $0 = self }
    }

    var url: String { "http://127.0.0.1:\(port)/" }
    var receivedIDs: Set<String> { Set(log.withLock { $0.received }) }
    func stop() { server.withLock { $0?.stop(); $0 = nil } }

    func handle(_ req: HTTPRequest) -> HTTPResponse {
        guard req.method == "POST", req.path == "/ingest/v1/events" else { return .json(404, bytes: []) }
        guard req.header("authorization") == "Bearer secret-token", req.header("content-encoding") == "zstd",
              let body = ZstdFrame.decompress(req.body) else { return .json(415, bytes: []) }
        let events = body.split(separator: UInt8(ascii: "\n")).compactMap { try? Event(envelope: $0) }
        let status: Int = script.withLock { s in s.isEmpty ? nil : s.removeFirst() }
            ?? (events.contains { $0.text?.contains("REJECT") == true } ? 400 : 200)
        log.withLock { l in
            l.statuses.append(status)
            l.headers.append(req.headers)
            if status / 100 == 2 { l.received += events.map(\.id) }
        }
        return .json(status, bytes: Array(#"{"error":"scripted \#(status)"}"#.utf8))
    }
}

@Suite(.serialized, .timeLimit(.minutes(2)))
struct HTTPSForwardingTests {
    @Test func deliveredRetriedOn503AndRejectedKeptOn400() async throws {
        let central = try FakeCentral(script: [503, 503])
        defer { central.stop() }
        let dir = TempDir("https")
        defer { dir.cleanup() }
        let outbox = try Outbox(directory: dir.path, logger: .silent)
        var expected = try captureReviews(outbox, 1200)
        let capture = CaptureService(stationID: station, outbox: outbox, scorer: nil)
        guard case .success(let bad) = capture.capture(kind: .review, json: ["service": "shop", "text": "REJECT this one", "channel": "kiosk"]) else {
            Issue.record("capture failed"); return
        }
        expected += try captureReviews(outbox, 300, from: 1200)
        let fwd = Forwarder(config: forwarderConfig(dir: dir.path, broker: nil, topics: freshTopics(), transport: .https, url: central.url),
                            outbox: outbox, logger: .silent)
        fwd.start()
        try waitFor(.seconds(60), "drained over HTTPS") { try outbox.status().pending == 0 }
        fwd.stop()
        let st = try outbox.status()
        let s = fwd.state.snapshot
        let log = central.log.withLock { $0 }
        #expect(Set(expected).isSubset(of: Set(log.received)))
        #expect(!log.received.contains(bad))
        #expect(log.statuses.prefix(2) == [503, 503])
        #expect(log.statuses.contains(400))
        #expect(st.rejected == 1)
        #expect(s.rejected == 1)
        #expect(s.retries >= 2)
        #expect(s.link == "up")
        #expect(s.lastError?.contains("rejected") == true)
        #expect(try idsInState(dir.path, .rejected) == [bad])
        // Order: first delivery of each id follows capture order.
        var seen = Set<String>()
        #expect(log.received.filter { seen.insert($0).inserted }.filter { $0 != bad && expected.contains($0) } == expected)
        #expect(s.wireBytes > 0)
        print("https: \(log.statuses.count) requests (first \(log.statuses.prefix(6))), wire bytes \(s.wireBytes) for \(expected.count) events")
        outbox.close()
    }

    @Test func tokenRefusalIsRetriedNotRejected() async throws {
        let central = try FakeCentral(script: [401, 401, 401])
        defer { central.stop() }
        let dir = TempDir("auth")
        defer { dir.cleanup() }
        let outbox = try Outbox(directory: dir.path, logger: .silent)
        let expected = try captureReviews(outbox, 10)
        let fwd = Forwarder(config: forwarderConfig(dir: dir.path, broker: nil, topics: freshTopics(), transport: .https, url: central.url),
                            outbox: outbox, logger: .silent)
        fwd.start()
        try waitFor(.seconds(30), "drained") { try outbox.status().pending == 0 }
        fwd.stop()
        #expect(try outbox.status().rejected == 0)
        #expect(Set(expected).isSubset(of: central.receivedIDs))
        outbox.close()
    }
}

@Suite struct ForwarderUnitTests {
    func settings(_ args: [String]) throws -> EdgeSettings {
        try EdgeSettings(RunCommand.spec.parse(["--data-dir", "/tmp/x", "--station-id", station] + args))
    }

    @Test func autoResolvesFromWhatIsConfigured() throws {
        #expect(ForwarderConfig.resolve(try settings([]), version: "t").0.transport == .none)
        #expect(ForwarderConfig.resolve(try settings([]), version: "t").note?.contains("nothing is forwarded") == true)
        #expect(ForwarderConfig.resolve(try settings(["--kafka-brokers", "h:9092"]), version: "t").0.transport == .kafka)
        #expect(ForwarderConfig.resolve(try settings(["--central-url", "https://c"]), version: "t").0.transport == .https)
        #expect(ForwarderConfig.resolve(try settings(["--kafka-brokers", "h:9092", "--central-url", "https://c"]), version: "t").0.transport == .auto)
        let c = ForwarderConfig.resolve(try settings(["--kafka-brokers", "h:9092", "--set", "kafka.security.protocol=SSL", "--set", "kafka.linger.ms=5"]), version: "t").0
        #expect(c.kafka?["security.protocol"] == "SSL")
        #expect(c.kafka?["linger.ms"] == "5")
        #expect(c.kafka?["enable.idempotence"] == "true")
        #expect(c.kafka?["acks"] == "all")
        #expect(c.kafka?["compression.type"] == "zstd")
    }

    @Test func backoffGrowsWithJitterAndCaps() {
        let b = Backoff(base: 1, cap: 60)
        let waits = (0..<10).map { _ in b.next() }
        #expect(waits[0] >= 0.5 && waits[0] <= 1)
        #expect(waits[3] >= 4 && waits[3] <= 8)
        #expect(waits.allSatisfy { $0 <= 60 })
        #expect(waits[9] >= 30)
        b.reset()
        #expect(b.next() <= 1)
    }

    @Test func startPlaceholderErrorClearsOnFirstDeliveryButRealErrorsStay() {
        let state = ForwarderState(transport: .kafka)
        #expect(state.snapshot.link == "down" && state.snapshot.lastError == "no delivery yet")
        state.delivered(1)
        #expect(state.snapshot.link == "up" && state.snapshot.lastError == nil)
        state.failed("delivery: timed out", linkDown: true)
        state.delivered(1)
        #expect(state.snapshot.link == "up")
        #expect(state.snapshot.lastError == "delivery: timed out" && state.snapshot.lastErrorAt != nil, "the last real error stays, with its time")
    }

    @Test func statusSaysLinkDownSince() {
        let since = Timestamp(millis: 1_700_000_000_000)
        var s = ForwarderState.Snapshot(transport: "kafka", link: "down", linkDownSince: since)
        let o = ForwarderState.json(s, now: Timestamp(millis: since.millis + 42_000))
        #expect(o["link_summary"]?.stringValue == "link: down since \(since.rfc3339) (42 s)")
        #expect(ForwarderState.metrics(s, now: Timestamp(millis: since.millis + 42_000)).first { $0.name == "corridor_forwarder_link_down_seconds" }?.value == 42)
        s.link = "up"
        #expect(ForwarderState.metrics(s).first { $0.name == "corridor_forwarder_link_up" }?.value == 1)
    }
}
