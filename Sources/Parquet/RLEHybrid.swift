/// The RLE / bit-packed hybrid encoding of definition levels and dictionary indices.
///
/// A run of 8 or more equal values becomes an RLE run; everything else is bit-packed in groups
/// of 8 (only the final group may be padded, since a reader stops at the page's value count).
enum RLEHybrid {
    /// Bits needed to store `maxValue`.
    static func bitWidth(_ maxValue: UInt32) -> Int {
        maxValue == 0 ? 0 : 32 - maxValue.leadingZeroBitCount
    }

    static func varint(_ v: Int, into out: inout [UInt8]) {
        var v = UInt64(v)
        while v >= 0x80 { out.append(UInt8(v & 0x7F) | 0x80); v >>= 7 }
        out.append(UInt8(v))
    }

    /// Appends the encoding of `values` (each < 2^bitWidth) to `out`.
    static func encode(_ values: UnsafeBufferPointer<UInt32>, bitWidth: Int, into out: inout [UInt8]) {
        let n = values.count
        let valueBytes = (bitWidth + 7) / 8
        var i = 0
        @inline(__always) func runLength(at start: Int) -> Int {
            let v = values[start]
            var j = start + 1
            while j < n && values[j] == v { j += 1 }
            return j - start
        }
        while i < n {
            let run = runLength(at: i)
            if run >= 8 {
                varint(run << 1, into: &out)
                var v = values[i]
                for _ in 0..<valueBytes { out.append(UInt8(v & 0xFF)); v >>= 8 }
                i += run
                continue
            }
            // Bit-packed groups until the next long run starts on a group boundary.
            let headerAt = out.count
            out.append(0)  // placeholder: one byte covers up to 63 groups
            var groups = 0
            repeat {
                packGroup(values, from: i, count: min(8, n - i), bitWidth: bitWidth, into: &out)
                i += 8
                groups += 1
            } while i < n && groups < 63 && runLength(at: i) < 8
            out[headerAt] = UInt8(groups << 1 | 1)
        }
    }

    /// Packs up to 8 values LSB-first into exactly `bitWidth` bytes (missing values are zero).
    private static func packGroup(_ values: UnsafeBufferPointer<UInt32>, from start: Int, count: Int,
                                  bitWidth: Int, into out: inout [UInt8]) {
        var acc: UInt64 = 0
        var bits = 0
        for k in 0..<8 {
            let v = k < count ? UInt64(values[start + k]) : 0
            acc |= v << UInt64(bits)
            bits += bitWidth
            while bits >= 8 {
                out.append(UInt8(truncatingIfNeeded: acc))
                acc >>= 8
                bits -= 8
            }
        }
        // 8 values × bitWidth bits is always a whole number of bytes.
    }
}
