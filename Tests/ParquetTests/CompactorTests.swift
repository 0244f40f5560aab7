import Foundation
import Testing
import CorridorModel
@testable import CentralService

/// Builds raw lake partitions from generated events (as `Event.jsonBytes` writes them).
struct LakeFixture {
    let root: URL
    var uniqueByKind: [EventKind: Int] = [:]
    var allIDs: Set<String> = []

    init(tag: String) throws { root = try temporaryDirectory(tag) }

    static func event(_ rng: inout SplitMix64, day: String, kind: EventKind) -> Event {
        let dayStart = Timestamp(rfc3339: day + "T00:00:00Z")!.millis
        let at = Timestamp(millis: dayStart + Int64.random(in: 0..<86_400_000, using: &rng))
        var bytes = [UInt8](repeating: 0, count: 16)
        for k in 0..<16 { bytes[k] = UInt8.random(in: 0...255, using: &rng) }
        bytes[6] = 0x70 | (bytes[6] & 0x0F); bytes[8] = 0x80 | (bytes[8] & 0x3F)
        let hex = bytes.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
        let id = [hex.prefix(8), hex.dropFirst(8).prefix(4), hex.dropFirst(12).prefix(4), hex.dropFirst(16).prefix(4), hex.dropFirst(20)]
            .map(String.init).joined(separator: "-")
        var e = Event(kind: kind, id: id, stationID: "ML-BKO-\(Int.random(in: 10...30, using: &rng))", capturedAt: at,
                      service: ServicePole.allCases.randomElement(using: &rng))
        switch kind {
        case .review:
            e.rating = Bool.random(using: &rng) ? Int.random(in: 1...5, using: &rng) : nil
            e.text = ["Très bien 👍", "a man di", "", "attente trop longue"].randomElement(using: &rng)
            if e.rating == nil { e.text = "ok" }
            e.channel = ReviewChannel.allCases.randomElement(using: &rng)
            e.sentiment = SentimentAssessment(label: .neutral, score: 0.25, aspects: [AspectSentiment(aspect: .waiting, label: .unsatisfied, score: -0.5)], model: "fr-lex/3")
        case .transaction:
            e.amountXOF = Int64.random(in: 0...500_000, using: &rng)
            e.product = ["gazole", "super", "bouteille 12 kg"].randomElement(using: &rng)
            e.quantity = Bool.random(using: &rng) ? Double(Int.random(in: 1...600, using: &rng)) / 10 : nil
            e.waitSeconds = Int64.random(in: 0...3600, using: &rng)
            e.payment = PaymentMethod.allCases.randomElement(using: &rng)
        case .heartbeat:
            e.heartbeat = Heartbeat(version: "1.0.\(Int.random(in: 0...3, using: &rng))", pending: Int64.random(in: 0...100, using: &rng),
                                    oldestPendingAgeSeconds: nil, bytes: 4096, lastSendAt: Bool.random(using: &rng) ? at : nil, link: "3g")
        }
        e.attrs = JSONObject([("pump", .int(Int64.random(in: 1...8, using: &rng)))])
        return e
    }

    /// Writes `count` events per date spread over `files` files, with duplicates and bad lines.
    mutating func addRaw(dates: [String], count: Int, files: Int, seed: UInt64, fileTag: String = "f") throws {
        var rng = SplitMix64(seed: seed)
        for date in dates {
            let dir = root.appendingPathComponent("raw/date=\(date)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            var contents = [[UInt8]](repeating: [], count: files)
            var written: [Event] = []
            for _ in 0..<count {
                let kind: EventKind = [.review, .review, .transaction, .heartbeat].randomElement(using: &rng)!
                let e: Event
                if !written.isEmpty && Int.random(in: 0..<10, using: &rng) == 0 {
                    e = written.randomElement(using: &rng)!  // redelivery: same id, same bytes
                } else {
                    e = LakeFixture.event(&rng, day: date, kind: kind)
                    written.append(e)
                    if allIDs.insert(e.id).inserted { uniqueByKind[e.kind, default: 0] += 1 }
                }
                let f = Int.random(in: 0..<files, using: &rng)
                contents[f] += e.jsonBytes + [0x0A]
                if Int.random(in: 0..<200, using: &rng) == 0 { contents[f] += Array("{not json\n".utf8) }
            }
            for (k, c) in contents.enumerated() {
                let url = dir.appendingPathComponent("\(fileTag)\(k).jsonl")
                if let h = try? FileHandle(forWritingTo: url) {
                    h.seekToEndOfFile(); h.write(Data(c)); h.closeFile()
                } else {
                    try Data(c).write(to: url)
                }
            }
        }
    }

    /// (path, size, mtime) of every file under parquet/, to prove a run changed nothing.
    func parquetState() throws -> [String] {
        let base = root.appendingPathComponent("parquet")
        guard let e = FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil) else { return [] }
        var out: [String] = []
        for case let url as URL in e {
            var st = stat()
            guard stat(url.path, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { continue }
            out.append("\(url.path) \(st.st_size) \(st.st_mtim.tv_sec).\(st.st_mtim.tv_nsec)")
        }
        return out.sorted()
    }

    /// Counts rows per kind with DuckDB and checks ids are unique; returns stdout.
    func checkWithDuckDB() throws -> PythonReaders.Output {
        try PythonReaders.run(script: lakeCheckScript, args: [root.path, "\(uniqueByKind[.review] ?? 0)",
                                                              "\(uniqueByKind[.transaction] ?? 0)", "\(uniqueByKind[.heartbeat] ?? 0)"])
    }
}

let lakeCheckScript = #"""
import sys, os, glob
import duckdb, pyarrow.parquet as pq
root, want = sys.argv[1], dict(zip(["review", "transaction", "heartbeat"], map(int, sys.argv[2:5])))
con = duckdb.connect()
for kind, n in want.items():
    files = glob.glob(f"{root}/parquet/kind={kind}/date=*/*.parquet")
    for f in files:
        pq.read_table(f)  # every visible file is complete and readable
    if n == 0:
        assert not files, files
        continue
    pattern = f"{root}/parquet/kind={kind}/*/*.parquet"
    cnt, ids = con.execute("SELECT count(*), count(DISTINCT id) FROM read_parquet(?, hive_partitioning=true)", [pattern]).fetchone()
    assert cnt == n and ids == n, f"{kind}: {cnt} rows, {ids} distinct ids, expected {n}"
    bad = con.execute("SELECT count(*) FROM read_parquet(?, hive_partitioning=true) WHERE strftime(captured_at AT TIME ZONE 'UTC', '%Y-%m-%d') <> CAST(date AS VARCHAR)", [pattern]).fetchone()[0]
    assert bad == 0, f"{kind}: {bad} rows in the wrong date partition"
leftovers = [p for p in glob.glob(f"{root}/parquet/**/.*", recursive=True)] + glob.glob(f"{root}/parquet/_manifests/*pending*")
assert not leftovers, leftovers
print("OK")
"""#

@Suite(.serialized) struct CompactorTests {
    let dates = ["2026-11-28", "2026-11-29", "2026-11-30"]

    @Test func compactsDedupsAndIsIdempotent() throws {
        var lake = try LakeFixture(tag: "lake")
        defer { try? FileManager.default.removeItem(at: lake.root) }
        try lake.addRaw(dates: dates, count: 3_000, files: 3, seed: 1)
        let c = Compactor(lakeDir: lake.root.path, now: .now(), rowGroupSize: 500, closeAll: true)
        var lines: [String] = []
        let s1 = try c.run { lines.append($0) }
        #expect(s1.datesCompacted == 3)
        #expect(s1.rowsWritten == lake.allIDs.count)
        #expect(s1.rowsIn == s1.rowsWritten + s1.duplicatesDropped)
        #expect(s1.duplicatesDropped > 0 && s1.badLines > 0)
        #expect(lines.count == 3)
        let r = try lake.checkWithDuckDB()
        #expect(r.status == 0, "\(r.stderr)")

        let before = try lake.parquetState()
        let s2 = try c.run { _ in }
        #expect(s2.datesUpToDate == 3 && s2.datesCompacted == 0 && s2.filesWritten == 0)
        #expect(try lake.parquetState() == before)

        // More raw data arrives for a closed day (including redeliveries of compacted ids).
        try lake.addRaw(dates: [dates[0]], count: 500, files: 2, seed: 2)
        let dir = lake.root.appendingPathComponent("raw/date=\(dates[0])/f0.jsonl")
        let old = try Data(contentsOf: dir)
        let firstLine = old.prefix(upTo: old.firstIndex(of: 0x0A)! + 1)
        let h = try FileHandle(forWritingTo: dir); h.seekToEndOfFile(); h.write(firstLine); h.closeFile()
        let s3 = try c.run { _ in }
        #expect(s3.datesCompacted == 1 && s3.datesUpToDate == 2)
        #expect(s3.duplicatesDropped >= 1)
        let r3 = try lake.checkWithDuckDB()
        #expect(r3.status == 0, "\(r3.stderr)")
        #expect(FileManager.default.fileExists(atPath: lake.root.appendingPathComponent("parquet/kind=review/date=\(dates[0])/part-0001.parquet").path))
    }

    @Test func leavesOpenDaysAlone() throws {
        var lake = try LakeFixture(tag: "lake")
        defer { try? FileManager.default.removeItem(at: lake.root) }
        try lake.addRaw(dates: ["2026-11-30"], count: 50, files: 1, seed: 3)
        let dayEnd = Timestamp(rfc3339: "2026-12-01T00:00:00Z")!
        let early = Compactor(lakeDir: lake.root.path, now: Timestamp(millis: dayEnd.millis + 5 * 3_600_000), graceHours: 6, rowGroupSize: 100, closeAll: false)
        #expect(try early.run { _ in }.datesOpen == 1)
        #expect(try lake.parquetState().isEmpty)
        let late = Compactor(lakeDir: lake.root.path, now: Timestamp(millis: dayEnd.millis + 6 * 3_600_000), graceHours: 6, rowGroupSize: 100, closeAll: false)
        #expect(try late.run { _ in }.datesCompacted == 1)
    }

    /// The built `corridor-central`, next to the test bundle (or CORRIDOR_CENTRAL_BIN).
    var centralBinary: String {
        if let p = ProcessInfo.processInfo.environment["CORRIDOR_CENTRAL_BIN"] { return p }
        return URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("corridor-central").path
    }

    /// A visible Parquet file is whole: magic at both ends and a footer length that fits.
    func isCompleteParquet(_ path: String) -> Bool {
        guard let d = FileManager.default.contents(atPath: path), d.count >= 12 else { return false }
        let b = [UInt8](d)
        guard Array(b[0..<4]) == Array("PAR1".utf8), Array(b[(b.count - 4)...]) == Array("PAR1".utf8) else { return false }
        let n = Int(b[b.count - 8]) | Int(b[b.count - 7]) << 8 | Int(b[b.count - 6]) << 16 | Int(b[b.count - 5]) << 24
        return n > 0 && n + 12 <= b.count
    }

    @Test func survivesKillNineAtRandomMoments() throws {
        guard FileManager.default.isExecutableFile(atPath: centralBinary) else {
            Issue.record("corridor-central not built at \(centralBinary): run `swift build --product corridor-central` (or set CORRIDOR_CENTRAL_BIN)")
            return
        }
        var lake = try LakeFixture(tag: "kill")
        defer { try? FileManager.default.removeItem(at: lake.root) }
        try lake.addRaw(dates: dates, count: 4_000, files: 2, seed: 9)
        // Measure one uninterrupted run, on a copy, to spread the kills over its duration.
        let probe = lake.root.deletingLastPathComponent().appendingPathComponent("probe-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: lake.root, to: probe)
        defer { try? FileManager.default.removeItem(at: probe) }
        let t0 = Date()
        let full = try PythonReaders.runProcess(centralBinary, ["compact", "--lake-dir", probe.path, "--now", "--row-group-size", "1000"])
        #expect(full.status == 0, "\(full.stderr)")
        let duration = Date().timeIntervalSince(t0)

        var rng = SplitMix64(seed: 77)
        var killedMidway = 0
        for iteration in 0..<8 {
            let lakeDir = lake.root.deletingLastPathComponent().appendingPathComponent("kill-\(iteration)-\(UUID().uuidString)")
            try FileManager.default.copyItem(at: lake.root, to: lakeDir)
            defer { try? FileManager.default.removeItem(at: lakeDir) }
            // Two kills in a row at random moments, then a clean run.
            for _ in 0..<2 {
                let p = Process()
                p.executableURL = URL(fileURLWithPath: centralBinary)
                p.arguments = ["compact", "--lake-dir", lakeDir.path, "--now", "--row-group-size", "1000"]
                p.standardOutput = FileHandle.nullDevice
                p.standardError = FileHandle.nullDevice
                try p.run()
                usleep(UInt32(Double.random(in: 0...duration, using: &rng) * 1_000_000))
                if p.isRunning { kill(p.processIdentifier, SIGKILL); killedMidway += 1 }
                p.waitUntilExit()
                // No reader may ever see a partial file under a final name.
                let visible = (FileManager.default.enumerator(atPath: lakeDir.appendingPathComponent("parquet").path)?.allObjects as? [String] ?? [])
                    .filter { $0.hasSuffix(".parquet") && !($0.split(separator: "/").last ?? "").hasPrefix(".") }
                for f in visible {
                    #expect(isCompleteParquet(lakeDir.appendingPathComponent("parquet/" + f).path), "partial file visible: \(f)")
                }
            }
            let r = try PythonReaders.runProcess(centralBinary, ["compact", "--lake-dir", lakeDir.path, "--now", "--row-group-size", "1000"])
            #expect(r.status == 0, "\(r.stderr)")
            let check = LakeFixture(copying: lake, root: lakeDir)
            let c = try check.checkWithDuckDB()
            #expect(c.status == 0, "iteration \(iteration): \(c.stderr)")
            // And once finished, another run changes nothing.
            let before = try check.parquetState()
            _ = try PythonReaders.runProcess(centralBinary, ["compact", "--lake-dir", lakeDir.path, "--now"])
            #expect(try check.parquetState() == before)
        }
        #expect(killedMidway >= 4, "most kills should land while compaction runs (\(killedMidway))")
    }
}

extension LakeFixture {
    init(copying other: LakeFixture, root: URL) {
        self.root = root
        self.uniqueByKind = other.uniqueByKind
        self.allIDs = other.allIDs
    }
}
