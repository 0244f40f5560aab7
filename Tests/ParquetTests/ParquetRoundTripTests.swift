import Foundation
import Testing
@testable import Parquet
import Compression

/// A small seeded generator so a failing case can be replayed.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Random columns of every supported type, with nulls, extremes and awkward strings.
struct RandomTable {
    var schema: ParquetSchema
    var columns: [ColumnValues]
    var rows: Int

    static let samples: [String] = [
        "", " ", "a", "ML-BKO-014", "Très bien, merci !", "a ka di 👍", "ɛ ɔ ŋ ɲ", "日本語テキスト", "🙂🙃😡",
        "line\nbreak\ttab\"quote\\", "\u{0}nul", String(repeating: "é", count: 2500),
        String(repeating: "x", count: 5000), "zzzz", "ÿ",
    ]

    static func randomString(_ rng: inout SplitMix64) -> String {
        switch Int.random(in: 0..<4, using: &rng) {
        case 0: return samples.randomElement(using: &rng)!
        case 1: return "v\(Int.random(in: 0..<5, using: &rng))"  // low cardinality
        case 2:
            let scalars = (0..<Int.random(in: 0..<40, using: &rng)).map { _ -> Character in
                let pool: [UInt32] = [0x41, 0x7A, 0xE9, 0x25B, 0x254, 0x65E5, 0x1F600, 0x20, 0x10FFFD]
                let base = pool.randomElement(using: &rng)!
                return Character(Unicode.Scalar(base + (base < 0x10FF00 ? UInt32.random(in: 0..<3, using: &rng) : 0))!)
            }
            return String(scalars)
        default: return UUID().uuidString.lowercased()
        }
    }

    static func make(rows: Int, seed: UInt64) -> RandomTable {
        var rng = SplitMix64(seed: seed)
        var cols: [ParquetColumn] = []
        var values: [ColumnValues] = []
        func nullRate() -> Double { [0, 0.1, 0.5, 1.0].randomElement(using: &rng)! }
        func encoding() -> ParquetColumn.Encoding { [.automatic, .plain, .dictionary].randomElement(using: &rng)! }

        for k in 0..<2 {
            let opt = k == 1
            let rate = opt ? nullRate() : 0
            cols.append(.string("s\(k)", optional: opt, encoding: encoding()))
            values.append(.string((0..<rows).map { _ in
                Double.random(in: 0..<1, using: &rng) < rate ? nil : randomString(&rng)
            }))
        }
        let i32x: [Int32] = [.min, .max, 0, -1, 1]
        for k in 0..<2 {
            let opt = k == 1, rate = opt ? nullRate() : 0
            cols.append(.int32("i32_\(k)", optional: opt, encoding: encoding()))
            values.append(.int32((0..<rows).map { _ in
                if Double.random(in: 0..<1, using: &rng) < rate { return nil }
                return Bool.random(using: &rng) ? i32x.randomElement(using: &rng)! : Int32.random(in: -5...5, using: &rng)
            }))
        }
        let i64x: [Int64] = [.min, .max, 0, -1, 1_000_000_000_000]
        for k in 0..<2 {
            let opt = k == 1, rate = opt ? nullRate() : 0
            cols.append(.int64("i64_\(k)", optional: opt, encoding: encoding()))
            values.append(.int64((0..<rows).map { _ in
                if Double.random(in: 0..<1, using: &rng) < rate { return nil }
                return Bool.random(using: &rng) ? i64x.randomElement(using: &rng)! : Int64.random(in: .min ... .max, using: &rng)
            }))
        }
        let dx: [Double] = [.infinity, -.infinity, .nan, 0, -0.0, .greatestFiniteMagnitude, -.greatestFiniteMagnitude,
                            .leastNonzeroMagnitude, 0.1, 1e-300]
        for k in 0..<2 {
            let opt = k == 1, rate = opt ? nullRate() : 0
            cols.append(.double("f64_\(k)", optional: opt, encoding: encoding()))
            values.append(.double((0..<rows).map { _ in
                if Double.random(in: 0..<1, using: &rng) < rate { return nil }
                return Bool.random(using: &rng) ? dx.randomElement(using: &rng)! : Double.random(in: -1e6...1e6, using: &rng)
            }))
        }
        for k in 0..<2 {
            let opt = k == 1, rate = opt ? nullRate() : 0
            cols.append(.boolean("b\(k)", optional: opt))
            values.append(.boolean((0..<rows).map { _ in
                Double.random(in: 0..<1, using: &rng) < rate ? nil : Bool.random(using: &rng)
            }))
        }
        for k in 0..<2 {
            let opt = k == 1, rate = opt ? nullRate() : 0
            cols.append(.timestampMillis("t\(k)", optional: opt, encoding: encoding()))
            // 1900 … 2200, plus the epoch itself.
            values.append(.int64((0..<rows).map { _ in
                if Double.random(in: 0..<1, using: &rng) < rate { return nil }
                return Bool.random(using: &rng) ? 0 : Int64.random(in: -2_208_988_800_000...7_258_118_400_000, using: &rng)
            }))
        }
        return RandomTable(schema: ParquetSchema(cols), columns: values, rows: rows)
    }

    /// The expectation file the Python checker reads.
    func expectationJSON(rowGroups: Int) throws -> Data {
        var out: [[String: Any]] = []
        for (c, v) in zip(schema.columns, columns) {
            var type: String
            let vals: [Any]
            switch v {
            case .string(let a): type = "string"; vals = a.map { $0.map { $0 as Any } ?? NSNull() }
            case .bytes: type = "bytes"; vals = []
            case .int32(let a): type = "int32"; vals = a.map { $0.map { NSNumber(value: $0) } ?? NSNull() }
            case .int64(let a): type = "int64"; vals = a.map { $0.map { NSNumber(value: $0) } ?? NSNull() }
            case .boolean(let a): type = "bool"; vals = a.map { $0.map { NSNumber(value: $0) } ?? NSNull() }
            case .double(let a):
                type = "double"
                vals = a.map { d -> Any in
                    guard let d else { return NSNull() }
                    if d.isNaN { return "nan" }
                    if d.isInfinite { return d > 0 ? "inf" : "-inf" }
                    if d == 0 && d.sign == .minus { return "-0" }  // JSONSerialization drops the sign
                    return NSNumber(value: d)
                }
            }
            if c.logicalType == .timestampMillisUTC { type = "timestamp" }
            out.append(["name": c.name, "type": type, "optional": c.isOptional, "values": vals])
        }
        return try JSONSerialization.data(withJSONObject: ["columns": out, "rows": rows, "row_groups": rowGroups])
    }
}

func temporaryDirectory(_ tag: String) throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("corridor-\(tag)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir
}

@Suite struct ParquetRoundTripTests {
    /// Writes a random table and has pyarrow and DuckDB check every value.
    func roundTrip(rows: Int, rowGroupSize: Int, pageRowLimit: Int = 20_000, seed: UInt64, zstd: Bool = true) throws {
        let dir = try temporaryDirectory("pq")
        defer { try? FileManager.default.removeItem(at: dir) }
        let table = RandomTable.make(rows: rows, seed: seed)
        var options = ParquetWriterOptions()
        options.rowGroupSize = rowGroupSize
        options.pageRowLimit = pageRowLimit
        options.zstdLevel = zstd ? 3 : nil
        let path = dir.appendingPathComponent("t.parquet").path
        let writer = try ParquetWriter(path: path, schema: table.schema, options: options)
        // Feed in uneven batches so row groups straddle batch boundaries.
        var start = 0
        var rng = SplitMix64(seed: seed ^ 0xABCD)
        while start < rows {
            let n = min(rows - start, Int.random(in: 1...max(1, rows / 3 + 1), using: &rng))
            try writer.write(table.columns.map { slice($0, start..<(start + n)) })
            start += n
        }
        let summary = try writer.close()
        let groups = (rows + rowGroupSize - 1) / rowGroupSize
        #expect(summary.rows == rows)
        #expect(summary.rowGroups == groups)
        let expPath = dir.appendingPathComponent("expected.json")
        try table.expectationJSON(rowGroups: groups).write(to: expPath)
        let r = try PythonReaders.run(script: checkParquetScript, args: [path, expPath.path])
        #expect(r.status == 0, "seed \(seed) rows \(rows): \(r.stderr.suffix(3000))")
    }

    func slice(_ v: ColumnValues, _ r: Range<Int>) -> ColumnValues {
        switch v {
        case .boolean(let a): return .boolean(Array(a[r]))
        case .int32(let a): return .int32(Array(a[r]))
        case .int64(let a): return .int64(Array(a[r]))
        case .double(let a): return .double(Array(a[r]))
        case .string(let a): return .string(Array(a[r]))
        case .bytes(let a): return .bytes(Array(a[r]))
        }
    }

    @Test func zeroRows() throws { try roundTrip(rows: 0, rowGroupSize: 10, seed: 1) }
    @Test func singleRow() throws { try roundTrip(rows: 1, rowGroupSize: 10, seed: 2) }
    @Test func manyRowGroupsSmallPages() throws { try roundTrip(rows: 1_000, rowGroupSize: 7, pageRowLimit: 3, seed: 3) }
    @Test func uncompressed() throws { try roundTrip(rows: 500, rowGroupSize: 128, seed: 4, zstd: false) }
    @Test(arguments: [11, 12, 13, 14] as [UInt64])
    func randomTables(seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)
        let rows = Int.random(in: 1...6_000, using: &rng)
        try roundTrip(rows: rows, rowGroupSize: Int.random(in: 1...rows, using: &rng),
                      pageRowLimit: Int.random(in: 1...3_000, using: &rng), seed: seed)
    }
    @Test func largeChunk() throws { try roundTrip(rows: 40_000, rowGroupSize: 30_000, seed: 5) }

    @Test func rejectsNullInRequiredColumn() throws {
        let dir = try temporaryDirectory("pq")
        defer { try? FileManager.default.removeItem(at: dir) }
        let w = try ParquetWriter(path: dir.appendingPathComponent("x.parquet").path, schema: ParquetSchema([.int32("a")]))
        #expect(throws: ParquetError.self) { try w.write([.int32([1, nil])]) }
        #expect(throws: ParquetError.self) { try w.write([.string(["x"])]) }
    }

    @Test func rleHybridRoundTrip() {
        // Decode what the encoder wrote and compare (runs, bit-packed groups, tail padding).
        var rng = SplitMix64(seed: 99)
        for width in [1, 2, 3, 7, 8, 13, 20, 32] {
            let maxV = width == 32 ? UInt32.max : (UInt32(1) << width) - 1
            var values: [UInt32] = []
            for _ in 0..<200 {
                let v = UInt32.random(in: 0...maxV, using: &rng)
                values.append(contentsOf: repeatElement(v, count: Int.random(in: 1...20, using: &rng)))
            }
            var out: [UInt8] = []
            values.withUnsafeBufferPointer { RLEHybrid.encode($0, bitWidth: width, into: &out) }
            #expect(decodeHybrid(out, width: width, count: values.count) == values, "width \(width)")
        }
    }

    func decodeHybrid(_ b: [UInt8], width: Int, count: Int) -> [UInt32] {
        var i = 0, res: [UInt32] = []
        func varint() -> Int { var s = 0, v = 0; while true { let c = b[i]; i += 1; v |= Int(c & 0x7F) << s; if c < 0x80 { return v }; s += 7 } }
        while res.count < count {
            let h = varint()
            if h & 1 == 0 {
                var v: UInt32 = 0
                for k in 0..<((width + 7) / 8) { v |= UInt32(b[i]) << (8 * k); i += 1 }
                res.append(contentsOf: repeatElement(v, count: h >> 1))
            } else {
                let n = (h >> 1) * 8
                var acc: UInt64 = 0, bits = 0
                for _ in 0..<n {
                    while bits < width { acc |= UInt64(b[i]) << bits; i += 1; bits += 8 }
                    res.append(UInt32(acc & ((1 << width) - 1)))
                    acc >>= UInt64(width); bits -= width
                }
            }
        }
        return Array(res.prefix(count))
    }

    @Test func zstdRoundTrip() throws {
        var rng = SplitMix64(seed: 7)
        let data = (0..<100_000).map { _ in UInt8.random(in: 0...3, using: &rng) }
        let c = try Zstd.compress(data)
        #expect(c.count < data.count)
        #expect(try Zstd.decompress(c, maxSize: 100_000) == data)
        #expect(throws: ZstdError.self) { try Zstd.decompress(c, maxSize: 99_999) }
        #expect(throws: ZstdError.self) { try Zstd.decompress(Array(c.prefix(c.count / 2)), maxSize: 1 << 20) }
        #expect(throws: ZstdError.self) { try Zstd.decompress([1, 2, 3, 4, 5], maxSize: 1 << 20) }
        // Streaming: feed a byte at a time.
        let d = ZstdDecompressor(maxSize: 1 << 20)
        var out: [UInt8] = []
        for b in c { out += try d.feed([b]) }
        try d.finish()
        #expect(out == data)
        #expect(try Zstd.decompress(try Zstd.compress([UInt8]()), maxSize: 10) == [])
    }
}
