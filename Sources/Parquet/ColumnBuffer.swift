/// The buffered values of one column for the current row group, stored flat by physical type.
///
/// Non-null values only; nulls are recorded in `defLevels` (1 = present), which an optional
/// column keeps and a required one leaves empty. Byte arrays live back to back in `data`, with
/// `offsets` (count + 1 entries) marking each value.
struct ColumnBuffer {
    let column: ParquetColumn
    var rows = 0
    var defLevels: [UInt32] = []
    var bools: [Bool] = []
    var i32: [Int32] = []
    var i64: [Int64] = []
    var f64: [Double] = []
    var data: [UInt8] = []
    var offsets: [Int] = [0]

    init(column: ParquetColumn) { self.column = column }

    var valueCount: Int {
        switch column.physicalType {
        case .boolean: return bools.count
        case .int32: return i32.count
        case .int64: return i64.count
        case .double: return f64.count
        case .byteArray: return offsets.count - 1
        }
    }

    var nullCount: Int { rows - valueCount }

    mutating func removeAll() {
        rows = 0
        defLevels.removeAll(keepingCapacity: true)
        bools.removeAll(keepingCapacity: true)
        i32.removeAll(keepingCapacity: true)
        i64.removeAll(keepingCapacity: true)
        f64.removeAll(keepingCapacity: true)
        data.removeAll(keepingCapacity: true)
        offsets.removeAll(keepingCapacity: true)
        offsets.append(0)
    }

    mutating func append(_ batch: ColumnBatch, range: Range<Int>) throws {
        switch batch {
        case .values(let v): try append(v, range: range)
        case .byteArrays(let v): try append(v, range: range)
        }
    }

    /// Appends rows `range` of `values` with one copy of their bytes.
    mutating func append(_ values: ByteArrayColumn, range: Range<Int>) throws {
        guard column.physicalType == .byteArray else {
            throw ParquetError("column \(column.name) holds \(column.physicalType) values; the batch has byte arrays")
        }
        guard !range.isEmpty else { return }
        let lo = values.offsets[range.lowerBound], hi = values.offsets[range.upperBound]
        values.data.withUnsafeBufferPointer { p in data.append(contentsOf: UnsafeBufferPointer(rebasing: p[lo..<hi])) }
        let shift = data.count - hi
        offsets.reserveCapacity(offsets.count + range.count)
        if values.isNull.isEmpty {
            for k in range { offsets.append(values.offsets[k + 1] + shift) }
            if column.isOptional { defLevels.append(contentsOf: repeatElement(1, count: range.count)) }
        } else {
            for k in range {
                if values.isNull[k] {
                    guard column.isOptional else { throw ParquetError("null in required column \(column.name)") }
                    defLevels.append(0)
                } else {
                    offsets.append(values.offsets[k + 1] + shift)
                    if column.isOptional { defLevels.append(1) }
                }
            }
        }
        rows += range.count
    }

    /// Appends rows `range` of `values`; checks the type and that required columns have no nulls.
    mutating func append(_ values: ColumnValues, range: Range<Int>) throws {
        let optional = column.isOptional
        func null() throws {
            guard optional else { throw ParquetError("null in required column \(column.name)") }
        }
        func mismatch() -> ParquetError {
            ParquetError("column \(column.name) is \(column.physicalType), got \(values)".prefix(200).description)
        }
        switch (column.physicalType, values) {
        case (.boolean, .boolean(let v)):
            for k in range { if let x = v[k] { bools.append(x); level(1) } else { try null(); level(0) } }
        case (.int32, .int32(let v)):
            for k in range { if let x = v[k] { i32.append(x); level(1) } else { try null(); level(0) } }
        case (.int64, .int64(let v)):
            for k in range { if let x = v[k] { i64.append(x); level(1) } else { try null(); level(0) } }
        case (.double, .double(let v)):
            for k in range { if let x = v[k] { f64.append(x); level(1) } else { try null(); level(0) } }
        case (.byteArray, .string(let v)):
            for k in range {
                if let s = v[k] {
                    if s.utf8.withContiguousStorageIfAvailable({ data.append(contentsOf: $0) }) == nil {
                        data.append(contentsOf: s.utf8)
                    }
                    offsets.append(data.count); level(1)
                } else { try null(); level(0) }
            }
        case (.byteArray, .bytes(let v)):
            for k in range {
                if let b = v[k] { data.append(contentsOf: b); offsets.append(data.count); level(1) } else { try null(); level(0) }
            }
        default:
            throw ParquetError("column \(column.name) holds \(column.physicalType) values; the batch has another type")
        }
        rows += range.count
    }

    @inline(__always) private mutating func level(_ l: UInt32) {
        if column.isOptional { defLevels.append(l) }
    }

    // MARK: value access

    @inline(__always) func byteRange(_ i: Int) -> Range<Int> { offsets[i]..<offsets[i + 1] }

    /// Strict weak order of values `a` and `b` under the column's sort order (signed for
    /// numbers, unsigned byte-wise for byte arrays). NaN is never asked about.
    func less(_ a: Int, _ b: Int) -> Bool {
        switch column.physicalType {
        case .boolean: return !bools[a] && bools[b]
        case .int32: return i32[a] < i32[b]
        case .int64: return i64[a] < i64[b]
        case .double: return f64[a] < f64[b]
        case .byteArray:
            let ra = byteRange(a), rb = byteRange(b)
            return data.withUnsafeBufferPointer { p in
                let n = min(ra.count, rb.count)
                for k in 0..<n {
                    let x = p[ra.lowerBound + k], y = p[rb.lowerBound + k]
                    if x != y { return x < y }
                }
                return ra.count < rb.count
            }
        }
    }

    /// Indices of the minimum and maximum among values `range` (nil when there is none, e.g.
    /// all NaN).
    func minMax(_ range: Range<Int>) -> (min: Int, max: Int)? {
        var lo = -1, hi = -1
        switch column.physicalType {
        case .double:
            for k in range where !f64[k].isNaN {
                if lo < 0 { lo = k; hi = k; continue }
                if f64[k] < f64[lo] { lo = k }
                if f64[k] > f64[hi] { hi = k }
            }
        case .int64:
            for k in range {
                if lo < 0 { lo = k; hi = k; continue }
                if i64[k] < i64[lo] { lo = k }
                if i64[k] > i64[hi] { hi = k }
            }
        default:
            for k in range {
                if lo < 0 { lo = k; hi = k; continue }
                if less(k, lo) { lo = k }
                if less(hi, k) { hi = k }
            }
        }
        return lo < 0 ? nil : (lo, hi)
    }

    /// The PLAIN bytes of one value as Statistics carry them (no length prefix for byte arrays).
    func statBytes(_ i: Int, isMin: Bool) -> [UInt8] {
        switch column.physicalType {
        case .boolean: return [bools[i] ? 1 : 0]
        case .int32: return withUnsafeBytes(of: i32[i].littleEndian) { Array($0) }
        case .int64: return withUnsafeBytes(of: i64[i].littleEndian) { Array($0) }
        case .double:
            // The spec asks for -0.0 as a min and +0.0 as a max when zero is the bound.
            var d = f64[i]
            if d == 0 { d = isMin ? -0.0 : 0.0 }
            return withUnsafeBytes(of: d.bitPattern.littleEndian) { Array($0) }
        case .byteArray: return Array(data[byteRange(i)])
        }
    }

    /// PLAIN encoding of values `range`.
    func plainEncode(_ range: Range<Int>, into out: inout [UInt8]) {
        switch column.physicalType {
        case .boolean:
            var acc: UInt8 = 0, bits: UInt8 = 0
            for k in range {
                if bools[k] { acc |= 1 << bits }
                bits += 1
                if bits == 8 { out.append(acc); acc = 0; bits = 0 }
            }
            if bits > 0 { out.append(acc) }
        case .int32: i32.withUnsafeBytes { out.append(contentsOf: $0[(range.lowerBound * 4)..<(range.upperBound * 4)]) }
        case .int64: i64.withUnsafeBytes { out.append(contentsOf: $0[(range.lowerBound * 8)..<(range.upperBound * 8)]) }
        case .double: f64.withUnsafeBytes { out.append(contentsOf: $0[(range.lowerBound * 8)..<(range.upperBound * 8)]) }
        case .byteArray:
            data.withUnsafeBufferPointer { p in
                for k in range {
                    let r = byteRange(k)
                    let n = UInt32(r.count)
                    out.append(UInt8(n & 0xFF)); out.append(UInt8((n >> 8) & 0xFF))
                    out.append(UInt8((n >> 16) & 0xFF)); out.append(UInt8(n >> 24))
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: p[r]))
                }
            }
        }
    }

    /// PLAIN size of values `range` in bytes.
    func plainSize(_ range: Range<Int>) -> Int {
        switch column.physicalType {
        case .boolean: return (range.count + 7) / 8
        case .int32: return range.count * 4
        case .int64, .double: return range.count * 8
        case .byteArray: return range.isEmpty ? 0 : offsets[range.upperBound] - offsets[range.lowerBound] + 4 * range.count
        }
    }
}
