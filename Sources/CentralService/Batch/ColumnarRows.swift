import CorridorModel
import Dispatch
import Parquet

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Bytes that never move once parsing is done (so rows can point at them while sorting).
final class ByteArena: @unchecked Sendable {
    private(set) var base: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int) {
        self.capacity = max(64, capacity)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    /// Appends and returns the start offset.
    @inline(__always) func append(_ p: UnsafeRawPointer?, _ n: Int) -> Int32 {
        if count + n > capacity {
            var c = capacity * 2
            while c < count + n { c *= 2 }
            let nb = UnsafeMutablePointer<UInt8>.allocate(capacity: c)
            nb.update(from: base, count: count)
            base.deallocate()
            base = nb
            capacity = c
        }
        let at = count
        if n > 0, let p { (base + at).update(from: p.assumingMemoryBound(to: UInt8.self), count: n) }
        count += n
        return Int32(at)
    }

    func append(_ s: String) -> Int32 {
        var s = s
        return s.withUTF8 { append($0.baseAddress, $0.count) }
    }
}

/// A string value in a chunk's arena; `len < 0` is null.
struct Span { var start: Int32; var len: Int32 }

/// One parse chunk's rows of one kind, column by column (schema order), bytes in `arena`.
final class KindRows: @unchecked Sendable {
    let kind: EventKind
    let arena: ByteArena
    var count = 0
    /// Per schema column: string spans, integers (int32, int64, timestamps) or doubles.
    var strs: [[Span]]
    var ints: [[Int64?]]
    var dbls: [[Double?]]

    init(kind: EventKind, arena: ByteArena, columns: Int) {
        self.kind = kind
        self.arena = arena
        strs = Array(repeating: [], count: columns)
        ints = Array(repeating: [], count: columns)
        dbls = Array(repeating: [], count: columns)
    }

    @inline(__always) func str(_ c: Int, _ p: UnsafeBufferPointer<UInt8>) {
        strs[c].append(Span(start: arena.append(p.baseAddress, p.count), len: Int32(p.count)))
    }
    @inline(__always) func str(_ c: Int, _ s: String?) {
        guard let s else { strs[c].append(Span(start: 0, len: -1)); return }
        let n = s.utf8.count
        strs[c].append(Span(start: arena.append(s), len: Int32(n)))
    }
    @inline(__always) func null(_ c: Int) { strs[c].append(Span(start: 0, len: -1)) }
    @inline(__always) func int(_ c: Int, _ v: Int64?) { ints[c].append(v) }
    @inline(__always) func dbl(_ c: Int, _ v: Double?) { dbls[c].append(v) }

    /// Row values of an `Event` in the order of `EventColumns.schema`.
    func append(_ e: Event) {
        str(0, e.id); str(1, e.stationID); int(2, e.capturedAt.millis)
        switch kind {
        case .review:
            str(3, e.service?.rawValue)
            int(4, e.rating.map { Int64(Int32(clamping: $0)) })
            str(5, e.text)
            str(6, e.channel?.rawValue)
            str(7, e.sentiment?.label.rawValue)
            dbl(8, e.sentiment?.score)
            str(9, e.sentiment.map { JSONWriter.string($0.aspectsJSON) })
            str(10, e.sentiment?.model)
            str(11, JSONWriter.string(.object(e.attrs)))
        case .transaction:
            str(3, e.service?.rawValue)
            int(4, e.amountXOF)
            str(5, e.product)
            dbl(6, e.quantity)
            int(7, e.waitSeconds)
            str(8, e.payment?.rawValue)
            str(9, JSONWriter.string(.object(e.attrs)))
        case .heartbeat:
            str(3, e.heartbeat?.version)
            int(4, e.heartbeat?.pending)
            int(5, e.heartbeat?.oldestPendingAgeSeconds)
            int(6, e.heartbeat?.bytes)
            int(7, e.heartbeat?.lastSendAt?.millis)
            str(8, e.heartbeat?.link)
            int(9, e.heartbeat?.clockOffsetMillis)
            str(10, JSONWriter.string(.object(e.attrs)))
        }
        count += 1
    }

    /// The same row values from what `EnvelopeScanner` read (review or transaction).
    func append(_ s: ScannedEnvelope, line b: UnsafeBufferPointer<UInt8>, aspects: UnsafeBufferPointer<UInt8>) {
        @inline(__always) func sub(_ r: Range<Int>) -> UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: b[r]) }
        str(0, sub(s.id)); str(1, sub(s.stationID)); int(2, s.capturedAt.millis)
        let attrsC: Int
        switch kind {
        case .review:
            str(3, s.service?.rawValue)
            int(4, s.rating.map { Int64($0) })
            if let t = s.text { str(5, sub(t)) } else { null(5) }
            str(6, s.channel?.rawValue)
            if s.hasSentiment {
                str(7, s.label.rawValue)
                dbl(8, s.score)
                str(9, UnsafeBufferPointer(rebasing: aspects[s.aspectsJSON]))
                if let m = s.model { str(10, sub(m)) } else { str(10, "unknown/0") }
            } else {
                null(7); dbl(8, nil); null(9); null(10)
            }
            attrsC = 11
        case .transaction:
            str(3, s.service?.rawValue)
            int(4, s.amountXOF)
            if let p = s.product { str(5, sub(p)) } else { null(5) }
            dbl(6, s.quantity)
            int(7, s.waitSeconds)
            str(8, s.payment?.rawValue)
            attrsC = 9
        case .heartbeat:
            preconditionFailure("the scanner does not read heartbeats")
        }
        if let a = s.attrs { str(attrsC, sub(a)) } else { str(attrsC, "{}") }
        count += 1
    }

    @inline(__always) func bytes(_ c: Int, _ row: Int) -> UnsafeBufferPointer<UInt8>? {
        let s = strs[c][row]
        return s.len < 0 ? nil : UnsafeBufferPointer(start: arena.base + Int(s.start), count: Int(s.len))
    }
}

/// The rows of one parse chunk, by kind, plus what the merge needs in line order.
final class ParsedChunk: @unchecked Sendable {
    let arena: ByteArena
    var rows: [KindRows] = []
    /// New lines that decoded, in line order: kind index and row within that kind.
    var order: [(kind: UInt8, row: Int32)] = []
    /// Ids of valid lines already compacted by an earlier run (36-byte UUIDs, back to back).
    var oldIDs: [UInt8] = []
    var bad = 0

    init(lines: Int, bytes: Int) {
        arena = ByteArena(capacity: bytes + 64 * lines)
        rows = EventKind.allCases.map { KindRows(kind: $0, arena: arena, columns: EventColumns.schema($0).columns.count) }
        order.reserveCapacity(lines)
    }

    static func kindIndex(_ k: EventKind) -> Int { EventKind.allCases.firstIndex(of: k)! }

    /// Decodes `lines`: the scanner for the usual shape, `Event(envelope:)` for the rest.
    func parse(_ lines: ArraySlice<RawLine>, files: [[UInt8]]) {
        var scanned = ScannedEnvelope()
        var aspects: [UInt8] = []
        aspects.reserveCapacity(4096)
        for l in lines {
            files[l.file].withUnsafeBufferPointer { p in
                let line = UnsafeBufferPointer(rebasing: p[l.start..<l.end])
                aspects.removeAll(keepingCapacity: true)
                if EnvelopeScanner.scan(line, into: &scanned, aspects: &aspects) {
                    if l.old {
                        oldIDs.append(contentsOf: UnsafeBufferPointer(rebasing: line[scanned.id]))
                    } else {
                        let k = ParsedChunk.kindIndex(scanned.kind)
                        order.append((UInt8(k), Int32(rows[k].count)))
                        aspects.withUnsafeBufferPointer { a in rows[k].append(scanned, line: line, aspects: a) }
                    }
                } else if let e = try? Event(envelope: line) {
                    if l.old {
                        oldIDs.append(contentsOf: e.id.utf8)
                    } else {
                        let k = ParsedChunk.kindIndex(e.kind)
                        order.append((UInt8(k), Int32(rows[k].count)))
                        rows[k].append(e)
                    }
                } else if !l.old {
                    bad += 1
                }
            }
        }
    }
}

/// A 36-byte UUID string as a hashable value (ids are validated UUIDs on both decode paths).
struct IDKey: Hashable {
    var a: UInt64, b: UInt64, c: UInt64, d: UInt64, e: UInt32
    init(_ p: UnsafeRawPointer) {
        a = p.loadUnaligned(as: UInt64.self); b = p.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
        c = p.loadUnaligned(fromByteOffset: 16, as: UInt64.self); d = p.loadUnaligned(fromByteOffset: 24, as: UInt64.self)
        e = p.loadUnaligned(fromByteOffset: 32, as: UInt32.self)
    }
}

/// A kept row: its chunk, and its row in that chunk's rows of the kind.
struct RowRef { var chunk: Int32; var row: Int32 }

enum ColumnarRows {
    /// Parses every line in parallel chunks.
    static func parse(_ lines: [RawLine], files: [[UInt8]]) -> [ParsedChunk] {
        let chunk = 4096
        let n = (lines.count + chunk - 1) / chunk
        let out = UnsafeMutableBufferPointer<ParsedChunk?>.allocate(capacity: n)
        out.initialize(repeating: nil)
        defer { out.deinitialize(); out.deallocate() }
        let box = ChunkSlots(base: out)
        DispatchQueue.concurrentPerform(iterations: n) { c in
            let r = (c * chunk)..<min(lines.count, (c + 1) * chunk)
            var bytes = 0
            for k in r { bytes += lines[k].end - lines[k].start }
            let p = ParsedChunk(lines: r.count, bytes: bytes)
            p.parse(lines[r], files: files)
            box.base[c] = p
        }
        return out.map { $0! }
    }

    /// Sort order of the lake: (station_id, captured_at, id), byte-wise (both are ASCII).
    static func sorted(_ refs: [RowRef], kind: Int, chunks: [ParsedChunk]) -> [RowRef] {
        struct Key {
            var station: UnsafePointer<UInt8>; var stationLen: Int
            var millis: Int64
            var id: UnsafePointer<UInt8>; var idLen: Int
            var ref: RowRef
        }
        var keys: [Key] = []
        keys.reserveCapacity(refs.count)
        for r in refs {
            let rows = chunks[Int(r.chunk)].rows[kind]
            let s = rows.bytes(1, Int(r.row))!, i = rows.bytes(0, Int(r.row))!
            keys.append(Key(station: s.baseAddress!, stationLen: s.count, millis: rows.ints[2][Int(r.row)]!,
                            id: i.baseAddress!, idLen: i.count, ref: r))
        }
        @inline(__always) func cmp(_ a: UnsafePointer<UInt8>, _ an: Int, _ b: UnsafePointer<UInt8>, _ bn: Int) -> Int32 {
            let c = memcmp(a, b, min(an, bn))
            return c != 0 ? c : an < bn ? -1 : an > bn ? 1 : 0
        }
        keys.sort { x, y in
            let c = cmp(x.station, x.stationLen, y.station, y.stationLen)
            if c != 0 { return c < 0 }
            if x.millis != y.millis { return x.millis < y.millis }
            return cmp(x.id, x.idLen, y.id, y.idLen) < 0
        }
        return keys.map(\.ref)
    }

    /// Column batches of `refs` (in that order), one per schema column, built in parallel.
    static func columns(_ schema: ParquetSchema, kind: Int, refs: ArraySlice<RowRef>, chunks: [ParsedChunk]) -> [ColumnBatch] {
        let n = schema.columns.count
        let out = UnsafeMutableBufferPointer<ColumnBatch?>.allocate(capacity: n)
        out.initialize(repeating: nil)
        defer { out.deinitialize(); out.deallocate() }
        let box = BatchSlots(base: out)
        DispatchQueue.concurrentPerform(iterations: n) { c in
            let col = schema.columns[c]
            switch col.physicalType {
            case .byteArray:
                var b = ByteArrayColumn()
                var bytes = 0
                for r in refs { bytes += max(0, Int(chunks[Int(r.chunk)].rows[kind].strs[c][Int(r.row)].len)) }
                b.reserveCapacity(values: refs.count, bytes: bytes)
                for r in refs {
                    if let v = chunks[Int(r.chunk)].rows[kind].bytes(c, Int(r.row)) { b.append(v) } else { b.appendNull() }
                }
                box.base[c] = .byteArrays(b)
            case .int32:
                box.base[c] = .values(.int32(refs.map { r in chunks[Int(r.chunk)].rows[kind].ints[c][Int(r.row)].map { Int32(clamping: $0) } }))
            case .int64:
                box.base[c] = .values(.int64(refs.map { r in chunks[Int(r.chunk)].rows[kind].ints[c][Int(r.row)] }))
            case .double:
                box.base[c] = .values(.double(refs.map { r in chunks[Int(r.chunk)].rows[kind].dbls[c][Int(r.row)] }))
            case .boolean:
                preconditionFailure("no boolean columns in the lake schema")
            }
        }
        return out.map { $0! }
    }
}

private struct ChunkSlots: @unchecked Sendable { let base: UnsafeMutableBufferPointer<ParsedChunk?> }
private struct BatchSlots: @unchecked Sendable { let base: UnsafeMutableBufferPointer<ColumnBatch?> }
