import CorridorModel
import Dispatch
import Parquet

/// What one compaction run did.
public struct CompactionSummary: Sendable, Equatable, CustomStringConvertible {
    public var datesCompacted = 0
    public var datesUpToDate = 0
    /// Dates whose day (plus the grace period) is not over yet.
    public var datesOpen = 0
    /// Dates where a commit interrupted by a crash was finished.
    public var datesRecovered = 0
    /// Valid events read from new raw bytes (duplicates included).
    public var rowsIn = 0
    public var badLines = 0
    public var duplicatesDropped = 0
    public var rowsWritten = 0
    public var filesWritten = 0
    public var parquetBytes: Int64 = 0
    /// Raw JSONL bytes compacted in this run.
    public var rawBytes: Int64 = 0

    public init() {}

    /// Parquet bytes per raw JSON byte (0 when nothing was compacted).
    public var ratio: Double { rawBytes > 0 ? Double(parquetBytes) / Double(rawBytes) : 0 }

    public var description: String {
        let r = (ratio * 1000).rounded() / 10
        return "compacted \(datesCompacted) date(s) (\(datesUpToDate) up to date, \(datesOpen) still open, \(datesRecovered) recovered): "
            + "\(rowsIn) rows in, \(duplicatesDropped) duplicates dropped, \(badLines) bad lines, \(rowsWritten) rows written, "
            + "\(filesWritten) files, \(parquetBytes) bytes (\(r)% of \(rawBytes) raw JSON bytes)"
    }
}

/// Turns closed raw partitions (`raw/date=…/*.jsonl`) into Parquet files per kind and date.
///
/// Crash-safe and idempotent: Parquet files are written under hidden temp names and fsynced,
/// then a journal states the commit, then files get their final names, then the per-date
/// manifest is replaced atomically. A run interrupted anywhere is finished (journal present)
/// or undone (temp files only) by the next run. A date is compacted again only when its raw
/// files changed (the manifest records their sizes); rows already compacted are not repeated.
public struct Compactor: Sendable {
    public var lakeDir: String
    public var now: Timestamp
    public var graceHours: Int
    public var rowGroupSize: Int
    public var closeAll: Bool
    /// At most this many rows per Parquet file.
    public var maxRowsPerFile = 2_000_000

    public init(lakeDir: String, now: Timestamp, graceHours: Int = 6, rowGroupSize: Int = 128 * 1024, closeAll: Bool = false) {
        self.lakeDir = lakeDir
        self.now = now
        self.graceHours = graceHours
        self.rowGroupSize = rowGroupSize
        self.closeAll = closeAll
    }

    var rawRoot: String { lakeDir + "/raw" }
    var parquetRoot: String { lakeDir + "/parquet" }
    var manifestDir: String { parquetRoot + "/_manifests" }
    func manifestPath(_ date: String) -> String { manifestDir + "/date=\(date).json" }
    func journalPath(_ date: String) -> String { manifestDir + "/date=\(date).pending.json" }
    static func partitionDir(_ kind: EventKind, _ date: String) -> String { "kind=\(kind.rawValue)/date=\(date)" }

    /// Whether the day is over plus the grace period (or `closeAll`).
    public func isClosed(_ date: String) -> Bool {
        if closeAll { return true }
        guard let start = Timestamp(rfc3339: date + "T00:00:00Z") else { return false }
        return now.millis >= start.millis + 86_400_000 + Int64(graceHours) * 3_600_000
    }

    public func run(progress: (String) -> Void) throws -> CompactionSummary {
        var summary = CompactionSummary()
        let dates = LakeFiles.list(rawRoot).filter { $0.hasPrefix("date=") && LakeFiles.isDirectory(rawRoot + "/" + $0) }
            .map { String($0.dropFirst(5)) }
        for date in dates {
            guard isClosed(date) else { summary.datesOpen += 1; continue }
            if try recover(date) { summary.datesRecovered += 1; progress("date=\(date): finished an interrupted commit") }
            try compact(date, &summary, progress)
        }
        return summary
    }

    // MARK: recovery

    /// Finishes a journaled commit and removes temp files of an unfinished one; true if a journal was replayed.
    func recover(_ date: String) throws -> Bool {
        var replayed = false
        let jp = journalPath(date)
        if LakeFiles.exists(jp) {
            guard let j = try? JSONParser.parse(LakeFiles.read(jp)), let journal = CompactionJournal(json: j) else {
                throw LakeError("unreadable compaction journal", path: jp)
            }
            for m in journal.moves {
                let from = parquetRoot + "/" + m.from, to = parquetRoot + "/" + m.to
                if LakeFiles.exists(from) {
                    try LakeFiles.rename(from, to)
                } else if !LakeFiles.exists(to) {
                    throw LakeError("journal names a file that is neither written nor committed", path: from)
                }
            }
            for r in journal.removals { try LakeFiles.remove(parquetRoot + "/" + r) }
            for r in Set(journal.removals.map(LakeFiles.parent)) where LakeFiles.exists(parquetRoot + "/" + r) {
                try LakeFiles.syncDirectory(parquetRoot + "/" + r)
            }
            try LakeFiles.writeAtomically(JSONWriter.bytes(journal.manifest.json), to: manifestPath(date))
            try LakeFiles.remove(jp)
            try LakeFiles.syncDirectory(manifestDir)
            replayed = true
        }
        // Temp files without a journal belong to a run that died before committing: undo.
        for kind in EventKind.allCases {
            let dir = parquetRoot + "/" + Compactor.partitionDir(kind, date)
            for name in LakeFiles.list(dir) where name.hasPrefix(".") && name.hasSuffix(".tmp") {
                try LakeFiles.remove(dir + "/" + name)
            }
        }
        try? LakeFiles.remove(manifestPath(date) + ".tmp")
        try? LakeFiles.remove(jp + ".tmp")
        return replayed
    }

    // MARK: compaction of one date

    func loadManifest(_ date: String) throws -> CompactionManifest? {
        let p = manifestPath(date)
        guard LakeFiles.exists(p) else { return nil }
        guard let v = try? JSONParser.parse(LakeFiles.read(p)), let m = CompactionManifest(json: v) else {
            throw LakeError("unreadable compaction manifest (move it away to recompact the date from raw)", path: p)
        }
        return m
    }

    func compact(_ date: String, _ summary: inout CompactionSummary, _ progress: (String) -> Void) throws {
        let rawDir = rawRoot + "/date=\(date)"
        let names = LakeFiles.list(rawDir).filter { $0.hasSuffix(".jsonl") && !$0.hasPrefix(".") }
        let sizes = names.map { LakeFiles.size(rawDir + "/" + $0) ?? 0 }
        let old = try loadManifest(date)
        if let old, old.inputs.map(\.file) == names, old.inputs.map(\.size) == sizes {
            summary.datesUpToDate += 1
            return
        }
        // Full recompaction when an input vanished or shrank (not append-only any more).
        var previous: [String: Int64] = [:]
        for i in old?.inputs ?? [] { previous[i.file] = i.consumed }
        let full = old == nil || (old?.inputs ?? []).contains { i in
            guard let k = names.firstIndex(of: i.file) else { return true }
            return sizes[k] < i.consumed
        }

        // Read and parse every input; lines before the previous `consumed` mark are old rows.
        var files: [[UInt8]] = []
        var lines: [RawLine] = []
        var inputs: [CompactionManifest.Input] = []
        var newRawBytes: Int64 = 0
        for (k, name) in names.enumerated() {
            let bytes = try LakeFiles.read(rawDir + "/" + name)
            let prefix = full ? 0 : Int(previous[name] ?? 0)
            let consumed = RawLine.split(bytes, file: k, oldBelow: prefix, into: &lines)
            files.append(bytes)
            inputs.append(.init(file: name, size: Int64(bytes.count), consumed: Int64(consumed)))
            newRawBytes += Int64(max(0, consumed - prefix))
        }
        // Decode into column storage (no `Event` per row on the usual path), on all cores.
        let chunks = ColumnarRows.parse(lines, files: files)

        // Dedup by id, first occurrence in line order wins; old rows only mark their ids as seen.
        var seen = Set<IDKey>()
        seen.reserveCapacity(lines.count)
        for c in chunks {
            c.oldIDs.withUnsafeBytes { p in
                var k = 0
                while k + 36 <= p.count { seen.insert(IDKey(p.baseAddress! + k)); k += 36 }
            }
        }
        var byKind = [[RowRef]](repeating: [], count: EventKind.allCases.count)
        var rowsIn = 0, dups = 0, bad = 0
        for (ci, c) in chunks.enumerated() {
            bad += c.bad
            rowsIn += c.order.count
            for (k, row) in c.order {
                let rows = c.rows[Int(k)]
                let id = rows.strs[0][Int(row)]
                if seen.insert(IDKey(rows.arena.base + Int(id.start))).inserted {
                    byKind[Int(k)].append(RowRef(chunk: Int32(ci), row: row))
                } else {
                    dups += 1
                }
            }
        }

        // Write new Parquet files under temp names.
        try LakeFiles.makeDirectories(manifestDir)
        var keptOutputs = full ? [] : (old?.outputs ?? [])
        var moves: [CompactionJournal.Move] = []
        var written = 0, bytesOut: Int64 = 0, files_ = 0
        for kind in EventKind.allCases {
            let ki = ParsedChunk.kindIndex(kind)
            guard !byKind[ki].isEmpty else { continue }
            let events = ColumnarRows.sorted(byKind[ki], kind: ki, chunks: chunks)
            let rel = Compactor.partitionDir(kind, date)
            let dir = parquetRoot + "/" + rel
            try LakeFiles.makeDirectories(dir)
            var next = nextPartNumber(dir: dir, outputs: old?.outputs ?? [])
            var start = 0
            while start < events.count {
                let end = min(events.count, start + maxRowsPerFile)
                let name = "part-" + String(repeating: "0", count: max(0, 4 - String(next).count)) + String(next) + ".parquet"
                let tmp = "." + name + ".tmp"
                var options = ParquetWriterOptions()
                options.rowGroupSize = rowGroupSize
                options.fsync = true
                options.metadata = [("corridor.kind", kind.rawValue), ("corridor.date", date)]
                let schema = EventColumns.schema(kind)
                let w = try ParquetWriter(path: dir + "/" + tmp, schema: schema, options: options)
                try w.write(batches: ColumnarRows.columns(schema, kind: ki, refs: events[start..<end], chunks: chunks))
                let s = try w.close()
                moves.append(.init(from: rel + "/" + tmp, to: rel + "/" + name))
                keptOutputs.append(.init(kind: kind, path: rel + "/" + name, rows: end - start, bytes: s.bytes))
                written += end - start; bytesOut += s.bytes; files_ += 1
                next += 1
                start = end
            }
            try LakeFiles.syncDirectory(dir)
        }

        // Commit: journal, final names, removals, manifest.
        let manifest = CompactionManifest(date: date, inputs: inputs, outputs: keptOutputs)
        let removals = full ? (old?.outputs ?? []).map(\.path) : []
        if moves.isEmpty && removals.isEmpty {
            try LakeFiles.writeAtomically(JSONWriter.bytes(manifest.json), to: manifestPath(date))
        } else {
            let journal = CompactionJournal(manifest: manifest, moves: moves, removals: removals)
            try LakeFiles.writeAtomically(JSONWriter.bytes(journal.json), to: journalPath(date))
            _ = try recover(date)
        }

        summary.datesCompacted += 1
        summary.rowsIn += rowsIn
        summary.badLines += bad
        summary.duplicatesDropped += dups
        summary.rowsWritten += written
        summary.filesWritten += files_
        summary.parquetBytes += bytesOut
        summary.rawBytes += newRawBytes
        let ratio = newRawBytes > 0 ? (Double(bytesOut) / Double(newRawBytes) * 1000).rounded() / 10 : 0
        progress("date=\(date): \(full ? "full" : "incremental"), \(rowsIn) rows in, \(dups) duplicates, \(bad) bad lines"
            + " -> \(written) rows in \(files_) file(s), \(bytesOut) bytes (\(ratio)% of \(newRawBytes) raw bytes)")
    }

    /// One past the highest part number in the manifest or on disk, so no name is ever reused.
    func nextPartNumber(dir: String, outputs: [CompactionManifest.Output]) -> Int {
        func number(_ name: Substring) -> Int? {
            guard name.hasPrefix("part-"), name.hasSuffix(".parquet") else { return nil }
            return Int(name.dropFirst(5).dropLast(8))
        }
        var n = -1
        for o in outputs { if let v = number(o.path.split(separator: "/").last ?? "") { n = max(n, v) } }
        for f in LakeFiles.list(dir) { if let v = number(Substring(f)) { n = max(n, v) } }
        return n + 1
    }
}

/// One line of a raw JSONL file.
struct RawLine: Sendable {
    var file: Int
    var start: Int
    var end: Int
    /// Entirely below the previous run's `consumed` mark: compacted already.
    var old: Bool

    /// Appends the non-blank lines of `bytes`; returns how many bytes count as consumed: up to
    /// the last newline, plus an unterminated tail only when it is a complete envelope (a line
    /// still being appended is left for the next run).
    static func split(_ bytes: [UInt8], file: Int, oldBelow prefix: Int, into out: inout [RawLine]) -> Int {
        var start = 0
        var consumed = 0
        bytes.withUnsafeBufferPointer { p in
            var i = 0
            while i < p.count {
                if p[i] == 0x0A {
                    if hasContent(p, start, i) { out.append(RawLine(file: file, start: start, end: i, old: i < prefix)) }
                    start = i + 1
                    consumed = start
                }
                i += 1
            }
            if start < p.count && hasContent(p, start, p.count),
               (try? Event(envelope: UnsafeBufferPointer(rebasing: p[start..<p.count]))) != nil {
                out.append(RawLine(file: file, start: start, end: p.count, old: p.count <= prefix))
                consumed = p.count
            }
        }
        return consumed
    }

    private static func hasContent(_ p: UnsafeBufferPointer<UInt8>, _ a: Int, _ b: Int) -> Bool {
        for k in a..<b where p[k] != 0x20 && p[k] != 0x09 && p[k] != 0x0D { return true }
        return false
    }
}
