/// Writes the Thrift compact protocol, the encoding of Parquet page headers and the file footer.
///
/// Only what Parquet's metadata needs: structs (and unions, which are structs with one field),
/// i32, i64, bool, binary and lists. Field ids are delta-encoded against the previous field of
/// the same struct, hence the stack.
struct ThriftCompactWriter {
    var out: [UInt8] = []
    private var lastFieldID: [Int16] = [0]

    enum WireType: UInt8 {
        case boolTrue = 1, boolFalse = 2, byte = 3, i16 = 4, i32 = 5, i64 = 6, double = 7, binary = 8
        case list = 9, set = 10, map = 11, structure = 12
    }

    init() { out.reserveCapacity(256) }

    mutating func varint(_ v: UInt64) {
        var v = v
        while v >= 0x80 {
            out.append(UInt8(v & 0x7F) | 0x80)
            v >>= 7
        }
        out.append(UInt8(v))
    }

    mutating func zigzag(_ v: Int64) { varint(UInt64(bitPattern: (v << 1) ^ (v >> 63))) }

    private mutating func fieldHeader(_ id: Int16, _ type: WireType) {
        let last = lastFieldID[lastFieldID.count - 1]
        let delta = Int(id) - Int(last)
        if delta > 0 && delta <= 15 {
            out.append(UInt8(delta) << 4 | type.rawValue)
        } else {
            out.append(type.rawValue)
            zigzag(Int64(id))
        }
        lastFieldID[lastFieldID.count - 1] = id
    }

    mutating func i32(_ id: Int16, _ v: Int32) { fieldHeader(id, .i32); zigzag(Int64(v)) }
    mutating func i32(_ id: Int16, _ v: Int) { i32(id, Int32(v)) }
    mutating func i64(_ id: Int16, _ v: Int64) { fieldHeader(id, .i64); zigzag(v) }
    mutating func i64(_ id: Int16, _ v: Int) { i64(id, Int64(v)) }
    mutating func i16(_ id: Int16, _ v: Int16) { fieldHeader(id, .i16); zigzag(Int64(v)) }
    mutating func byte(_ id: Int16, _ v: Int8) { fieldHeader(id, .byte); out.append(UInt8(bitPattern: v)) }
    mutating func bool(_ id: Int16, _ v: Bool) { fieldHeader(id, v ? .boolTrue : .boolFalse) }

    mutating func binary(_ id: Int16, _ b: [UInt8]) {
        fieldHeader(id, .binary)
        varint(UInt64(b.count))
        out.append(contentsOf: b)
    }

    mutating func string(_ id: Int16, _ s: String) {
        fieldHeader(id, .binary)
        varint(UInt64(s.utf8.count))
        out.append(contentsOf: s.utf8)
    }

    /// A nested struct (or union) field.
    mutating func structure(_ id: Int16, _ body: (inout ThriftCompactWriter) -> Void) {
        fieldHeader(id, .structure)
        beginStruct()
        body(&self)
        endStruct()
    }

    /// An empty struct field, as used by union members such as `StringType` or `MilliSeconds`.
    mutating func emptyStructure(_ id: Int16) { structure(id) { _ in } }

    mutating func beginStruct() { lastFieldID.append(0) }

    mutating func endStruct() {
        out.append(0)  // STOP
        lastFieldID.removeLast()
    }

    private mutating func listHeader(_ id: Int16, _ element: WireType, _ count: Int) {
        fieldHeader(id, .list)
        if count < 15 {
            out.append(UInt8(count) << 4 | element.rawValue)
        } else {
            out.append(0xF0 | element.rawValue)
            varint(UInt64(count))
        }
    }

    mutating func listI32(_ id: Int16, _ values: [Int32]) {
        listHeader(id, .i32, values.count)
        for v in values { zigzag(Int64(v)) }
    }

    mutating func listString(_ id: Int16, _ values: [String]) {
        listHeader(id, .binary, values.count)
        for s in values {
            varint(UInt64(s.utf8.count))
            out.append(contentsOf: s.utf8)
        }
    }

    mutating func listStruct(_ id: Int16, count: Int, _ body: (inout ThriftCompactWriter, Int) -> Void) {
        listHeader(id, .structure, count)
        for i in 0..<count {
            beginStruct()
            body(&self, i)
            endStruct()
        }
    }
}
