/// A column chunk's dictionary: distinct values in first-seen order, and one index per value.
struct DictionaryEncoding {
    var dictionary: ColumnBuffer
    var indices: [UInt32]
    var bitWidth: Int { max(1, RLEHybrid.bitWidth(UInt32(max(0, dictionary.valueCount - 1)))) }
}

extension ColumnBuffer {
    /// Builds the dictionary of this chunk, or nil when it would not pay off.
    ///
    /// Gives up early (so unique ids or free text cost little) when the dictionary page would
    /// pass `limitBytes`, or, unless `force`, when more than half the values seen are distinct or
    /// the dictionary plus indices would not be smaller than PLAIN.
    func buildDictionary(limitBytes: Int, force: Bool) -> DictionaryEncoding? {
        let n = valueCount
        guard column.physicalType != .boolean, n > 0 else { return nil }
        var dict = ColumnBuffer(column: ParquetColumn(name: column.name, physicalType: column.physicalType))
        var indices = [UInt32]()
        indices.reserveCapacity(n)
        var dictBytes = 0

        @inline(__always) func tooDiverse(_ processed: Int, _ distinct: Int) -> Bool {
            !force && processed >= 4096 && distinct * 2 > processed
        }

        if column.physicalType == .byteArray {
            var capacity = 1024
            var table = [Int32](repeating: -1, count: capacity)
            var hashes: [Int] = []
            let ok: Bool = data.withUnsafeBufferPointer { p in
                for k in 0..<n {
                    let r = byteRange(k)
                    let bytes = UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(p)[r])
                    var hasher = Hasher()
                    hasher.combine(bytes: bytes)
                    let h = hasher.finalize()
                    var slot = h & (capacity - 1)
                    var found: Int32 = -1
                    while table[slot] >= 0 {
                        let e = Int(table[slot])
                        if hashes[e] == h {
                            let er = dict.byteRange(e)
                            if er.count == r.count && dict.data.withUnsafeBytes({ d in
                                memEqual(UnsafeRawBufferPointer(rebasing: d[er]), bytes)
                            }) { found = Int32(e); break }
                        }
                        slot = (slot + 1) & (capacity - 1)
                    }
                    if found < 0 {
                        found = Int32(hashes.count)
                        table[slot] = found
                        hashes.append(h)
                        dict.data.append(contentsOf: bytes)
                        dict.offsets.append(dict.data.count)
                        dict.rows += 1
                        dictBytes += r.count + 4
                        if dictBytes > limitBytes || tooDiverse(k + 1, hashes.count) { return false }
                        if hashes.count * 2 > capacity {
                            capacity *= 2
                            table = [Int32](repeating: -1, count: capacity)
                            for (e, eh) in hashes.enumerated() {
                                var s = eh & (capacity - 1)
                                while table[s] >= 0 { s = (s + 1) & (capacity - 1) }
                                table[s] = Int32(e)
                            }
                        }
                    }
                    indices.append(UInt32(found))
                }
                return true
            }
            guard ok else { return nil }
        } else {
            var seen: [UInt64: UInt32] = [:]
            let width = column.physicalType == .int32 ? 4 : 8
            for k in 0..<n {
                let key: UInt64
                switch column.physicalType {
                case .int32: key = UInt64(UInt32(bitPattern: i32[k]))
                case .int64: key = UInt64(bitPattern: i64[k])
                default: key = f64[k].bitPattern
                }
                if let e = seen[key] {
                    indices.append(e)
                    continue
                }
                let e = UInt32(seen.count)
                seen[key] = e
                switch column.physicalType {
                case .int32: dict.i32.append(i32[k])
                case .int64: dict.i64.append(i64[k])
                default: dict.f64.append(f64[k])
                }
                dict.rows += 1
                dictBytes += width
                indices.append(e)
                if dictBytes > limitBytes || tooDiverse(k + 1, seen.count) { return nil }
            }
        }
        let result = DictionaryEncoding(dictionary: dict, indices: indices)
        if !force {
            let indexBytes = (n * result.bitWidth + 7) / 8
            if dictBytes + indexBytes >= plainSize(0..<n) { return nil }
        }
        return result
    }
}

@inline(__always)
func memEqual(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
    guard a.count == b.count else { return false }
    if a.count == 0 { return true }
    return memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
