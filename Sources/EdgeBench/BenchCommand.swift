import CorridorModel
import EdgeAgent
import Dispatch
import Foundation
import HTTPServer
import Options
import SQLite
import Synchronization

/// `corridor-edge bench ingest`: capture throughput over HTTP (single and batch) next to the raw
/// SQLite insert rate measured in the same run, plus idle and peak RSS.
public enum BenchCommand {
    static let spec = CommandSpec(
        name: "bench ingest",
        summary: "Measure capture throughput: single-review HTTP captures/s (group commit), NDJSON batch events/s, the raw SQLite insert rate as baseline, and RSS.",
        usage: "corridor-edge bench ingest [--seconds N] [--connections N] [--batch-lines N] [--dir DIR]",
        options: [
            OptionSpec("seconds", "N", "Duration of each HTTP phase", default: "5", commandLineOnly: true),
            OptionSpec("connections", "N", "Concurrent keep-alive connections for single captures", default: "64", commandLineOnly: true),
            OptionSpec("batch-lines", "N", "Events per NDJSON batch", default: "1000", commandLineOnly: true),
            OptionSpec("dir", "DIR", "Scratch directory (default: a new temp dir, removed after)", commandLineOnly: true),
        ])

    static let sampleTexts = [
        "Très bon accueil, merci au pompiste", "Attente trop longue à la pompe", "a ka di kosɛbɛ",
        "Prix trop cher pour le gasoil", "Lavage rapide et propre", "Rupture de gaz encore une fois",
        "Service correct", "The shop was clean and staff friendly",
    ]

    public static func run(_ args: [String]) throws -> Int32 {
        if args.first == "forward" { return try ForwardBench.run(Array(args.dropFirst())) }
        guard args.first == "ingest" else {
            if args.first == "--help" || args.first == "-h" { Console.out(spec.helpText); return 0 }
            throw UsageError("say what to measure: 'bench ingest' (see --help)")
        }
        let o = try spec.parse(Array(args.dropFirst()))
        if o.helpRequested { Console.out(spec.helpText); return 0 }
        let seconds = Double(try o.int("seconds") ?? 5)
        let conns = try o.int("connections") ?? 64
        let batchLines = try o.int("batch-lines") ?? 1000
        let base = o.string("dir") ?? (NSTemporaryDirectory() + "corridor-bench-\(getpid())")
        defer { if o.string("dir") == nil { try? FileManager.default.removeItem(atPath: base) } }
        try FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)

        Console.err("bench: idle RSS of a fresh agent process…")
        let idleRSS = try measureIdleRSS(dir: base + "/idle")

        Console.err("bench: raw SQLite insert baseline (WAL, synchronous=FULL, 1000 rows per transaction)…")
        let body = sampleReview(0)
        let raw = try rawSQLiteRate(path: base + "/raw.db", body: body, seconds: min(seconds, 3))

        let outbox = try Outbox(directory: base + "/agent", budgetBytes: 8 << 30, logger: .silent)
        let capture = CaptureService(stationID: "ML-BENCH-001", outbox: outbox, scorer: SentimentWiring.scorer)
        let api = EdgeAPI(capture: capture, token: nil, version: EdgeCLI.version)
        let server = try HTTPServer(host: "127.0.0.1", port: 0, maxBodyBytes: EdgeAPI.maxBatchBody) { api.handle($0) }
        defer { server.stop(); outbox.close() }

        Console.err("bench: \(conns) connections posting single reviews for \(Int(seconds)) s…")
        let commits0 = outbox.commitCount
        let single = try load(port: server.port, connections: conns, seconds: seconds) { n in
            ("/v1/reviews", sampleReview(n))
        }
        let commits = outbox.commitCount - commits0

        Console.err("bench: batches of \(batchLines) lines for \(Int(seconds)) s…")
        let batchBody: [UInt8] = (0..<batchLines).flatMap { n -> [UInt8] in
            var l = Array("{\"kind\":\"review\",".utf8)
            l.append(contentsOf: sampleReview(n).dropFirst())
            l.append(UInt8(ascii: "\n"))
            return l
        }
        let batch = try load(port: server.port, connections: 4, seconds: seconds) { _ in ("/v1/events", batchBody) }
        let batchRate = batch.rate * Double(batchLines)

        let peak = rss().peak
        let st = try outbox.status()
        var r = JSONObject()
        r["http_single_captures_per_s"] = .int(Int64(single.rate))
        r["http_single_p50_ms"] = .double(single.p50 * 1000)
        r["http_single_p99_ms"] = .double(single.p99 * 1000)
        r["captures_per_commit"] = .double(commits > 0 ? Double(single.count) / Double(commits) : 0)
        r["http_batch_events_per_s"] = .int(Int64(batchRate))
        r["raw_sqlite_inserts_per_s"] = .int(Int64(raw))
        r["batch_vs_raw_ratio"] = .double((batchRate / raw * 100).rounded() / 100)
        r["errors"] = .int(Int64(single.errors + batch.errors))
        r["idle_rss_mb"] = .double((Double(idleRSS) / 1024 / 1024 * 10).rounded() / 10)
        r["peak_rss_mb"] = .double((Double(peak) / 1024 / 1024 * 10).rounded() / 10)
        r["outbox_rows"] = .int(st.pending)
        Console.out("""
        corridor-edge bench ingest (\(ProcessInfo.processInfo.activeProcessorCount) cores, SQLite \(Database.libraryVersion), synchronous=FULL)
          HTTP single review captures : \(Int(single.rate)) /s  (target ≥ 5000; p50 \(fmt(single.p50 * 1000)) ms, p99 \(fmt(single.p99 * 1000)) ms, \(fmt(commits > 0 ? Double(single.count) / Double(commits) : 0)) captures per fsync)
          HTTP NDJSON batch events    : \(Int(batchRate)) /s
          raw SQLite inserts (baseline): \(Int(raw)) /s
          batch / raw                 : \(fmt(batchRate / raw))  (target ≥ 0.5)
          idle RSS                    : \(fmt(Double(idleRSS) / 1048576)) MB  (target ≤ 25)
          peak RSS (bench process)    : \(fmt(Double(peak) / 1048576)) MB
          errors                      : \(single.errors + batch.errors)
        """)
        Console.out(JSONWriter.string(.object(r)))
        return single.errors + batch.errors == 0 ? 0 : 1
    }

    static func fmt(_ d: Double) -> String { String(format: "%.2f", d) }

    static func sampleReview(_ n: Int) -> [UInt8] {
        let services = ["fuel", "shop", "wash", "gas"]
        return Array("{\"service\":\"\(services[n % 4])\",\"rating\":\(n % 5 + 1),\"text\":\"\(sampleTexts[n % sampleTexts.count])\",\"channel\":\"kiosk\"}".utf8)
    }

    struct LoadResult { var count: Int; var errors: Int; var rate: Double; var p50: Double; var p99: Double }

    /// `connections` threads each loop on one keep-alive connection until the time is up.
    static func load(port: UInt16, connections: Int, seconds: Double, request: @escaping @Sendable (Int) -> (String, [UInt8])) throws -> LoadResult {
        let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(seconds * 1e9)
        let results = Mutex<[(Int, Int, [Double])]>([])
        let group = DispatchGroup()
        let start = DispatchTime.now().uptimeNanoseconds
        for c in 0..<connections {
            group.enter()
            let t = Thread {
                var ok = 0, bad = 0
                var lat: [Double] = []
                if let client = try? LoadClient(port: port) {
                    var n = c
                    while DispatchTime.now().uptimeNanoseconds < deadline {
                        let (path, body) = request(n)
                        let t0 = DispatchTime.now().uptimeNanoseconds
                        if let (status, _) = try? client.request(method: "POST", path: path, body: body), status == 201 { ok += 1 } else { bad += 1; break }
                        lat.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9)
                        n += connections
                    }
                } else { bad += 1 }
                results.withLock { $0.append((ok, bad, lat)) }
                group.leave()
            }
            t.stackSize = 256 * 1024
            t.start()
        }
        group.wait()
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let all = results.withLock { $0 }
        let ok = all.reduce(0) { $0 + $1.0 }, bad = all.reduce(0) { $0 + $1.1 }
        let lat = all.flatMap { $0.2 }.sorted()
        func q(_ p: Double) -> Double { lat.isEmpty ? 0 : lat[min(lat.count - 1, Int(Double(lat.count) * p))] }
        return LoadResult(count: ok, errors: bad, rate: Double(ok) / elapsed, p50: q(0.5), p99: q(0.99))
    }

    /// Inserts the same row shape into a bare table, 1000 rows per transaction.
    static func rawSQLiteRate(path: String, body: [UInt8], seconds: Double) throws -> Double {
        let db = try Database(path: path)
        try db.execute("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;")
        try db.execute(Outbox.schema)
        let ins = try db.prepare("INSERT INTO outbox(id, kind, captured_at, enqueued_at, body) VALUES (?, ?, ?, ?, ?)")
        let ids = UUIDv7Generator()
        let start = DispatchTime.now().uptimeNanoseconds
        var n = 0
        while Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 < seconds {
            try db.execute("BEGIN")
            for _ in 0..<1000 {
                try ins.bind([.text(ids.next()), .text("review"), .integer(0), .integer(0), .blob(body)])
                try ins.step()
                n += 1
            }
            try db.execute("COMMIT")
        }
        return Double(n) / (Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }

    /// Starts `corridor-edge run` on a scratch dir, waits for it to serve, reads its VmRSS.
    /// With `brokers`, the agent forwards to them: one review is captured and the RSS is read
    /// once `/healthz` says the link is up (the producer connected and delivered).
    static func measureIdleRSS(dir: String, brokers: String? = nil) throws -> Int {
        let me = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        let exe = (me as NSString).deletingLastPathComponent + "/corridor-edge"
        let p = Process()
        p.executableURL = URL(fileURLWithPath: exe)
        let port = 20000 + Int(getpid() % 20000) + (brokers == nil ? 0 : 1)
        p.arguments = ["run", "--data-dir", dir, "--station-id", "ML-BENCH-IDLE", "--listen", "127.0.0.1:\(port)", "--log-level", "error"]
            + (brokers.map { ["--transport", "kafka", "--kafka-brokers", $0] } ?? ["--transport", "none"])
        try p.run()
        defer { p.terminate(); p.waitUntilExit() }
        for _ in 0..<100 {
            if let c = try? LoadClient(port: UInt16(port)), (try? c.request(method: "GET", path: "/healthz", body: []))?.0 == 200 { break }
            usleep(50_000)
        }
        if brokers != nil {
            let c = try LoadClient(port: UInt16(port))
            _ = try c.request(method: "POST", path: "/v1/reviews", body: sampleReview(0))
            var up = false
            for _ in 0..<300 where !up {
                if let (_, body) = try? c.request(method: "GET", path: "/healthz", body: []),
                   (try? JSONParser.parse(body))?["link"]?.stringValue == "up" { up = true } else { usleep(50_000) }
            }
            guard up else { throw UsageError("the agent's Kafka link did not come up within 15 s") }
            usleep(1_000_000)  // let the first statistics and metadata settle
        }
        usleep(300_000)
        return rss(pid: p.processIdentifier).current
    }

    /// (VmRSS, VmHWM) in bytes for a process (default: this one).
    static func rss(pid: Int32? = nil) -> (current: Int, peak: Int) {
        let path = pid.map { "/proc/\($0)/status" } ?? "/proc/self/status"
        guard let bytes = FileBytes.read(path) else { return (0, 0) }
        var cur = 0, peak = 0
        for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n") {
            let parts = line.split(separator: " ", omittingEmptySubsequences: true)
            guard parts.count >= 2, let kb = Int(parts[1]) else { continue }
            if line.hasPrefix("VmRSS:") { cur = kb * 1024 }
            if line.hasPrefix("VmHWM:") { peak = kb * 1024 }
        }
        return (cur, peak)
    }
}
