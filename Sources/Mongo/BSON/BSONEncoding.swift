import CMongoC

// Swift document model → bson_t, through libbson's bson_append_* (no intermediate copies:
// nested documents and arrays are written in place with *_begin/*_end). bson_t pointers are
// OpaquePointer here: see BSONDecoding.swift.

extension BSONDocument {
    /// Lends a `bson_t` holding this document for the duration of `body`, as the
    /// `OpaquePointer` libmongoc's functions take (they import `bson_t *` opaquely).
    ///
    /// The pointer must not escape the closure: the `bson_t` is destroyed when it returns.
    /// Throws `MongoError` (domain `.bson`) when the document cannot be encoded (a key with a
    /// NUL byte, or a document over libbson's size limit).
    func withBSONPointer<R>(_ body: (OpaquePointer) throws(MongoError) -> R) throws(MongoError) -> R {
        guard let bson = bson_new() else { fatalError("bson_new: out of memory") }
        defer { bson_destroy(bson) }
        try BSONEncoder.append(self, to: bson)
        return try body(bson)
    }

    /// The document's BSON bytes (what MongoDB stores and the wire carries).
    public func bsonBytes() throws(MongoError) -> [UInt8] {
        try withBSONPointer { (opaque) throws(MongoError) -> [UInt8] in
            let len = Int(UnsafePointer<bson_t>(opaque).pointee.len)
            guard let data = bson_get_data(opaque) else { return [] }
            return Array(UnsafeBufferPointer(start: data, count: len))
        }
    }
}

extension Array where Element == BSONDocument {
    /// Lends a `bson_t` holding these documents as a BSON array (`{"0": …, "1": …}`), as
    /// libmongoc wants for an aggregation pipeline. Must not escape `body`.
    func withBSONArrayPointer<R>(_ body: (OpaquePointer) throws(MongoError) -> R) throws(MongoError) -> R {
        guard let bson = bson_new() else { fatalError("bson_new: out of memory") }
        defer { bson_destroy(bson) }
        try BSONEncoder.appendArray(self.map(BSONValue.document), to: bson)
        return try body(bson)
    }
}

enum BSONEncoder {
    static func append(_ doc: BSONDocument, to bson: OpaquePointer) throws(MongoError) {
        for (key, value) in doc.elements {
            let ok = try withCString(key) { (k, n) throws(MongoError) -> Bool in
                // libbson stores keys as C strings: a NUL would silently cut the key.
                if memchr(k, 0, n) != nil { throw MongoError.bson("document key contains a NUL byte: \(key.debugDescription)") }
                return try appendValue(value, key: k, keyLength: Int32(n), to: bson)
            }
            if !ok { throw MongoError.bson("cannot append key \(key.debugDescription): document too large") }
        }
    }

    /// Lends a string's UTF-8 bytes as a (not NUL-terminated) C pointer and a length.
    static func withCString<R>(_ string: String, _ body: (UnsafePointer<CChar>, Int) throws(MongoError) -> R) throws(MongoError) -> R {
        var string = string
        // withUTF8 only rethrows untyped errors: carry the typed one out in a Result.
        var result: Result<R, MongoError>? = nil
        string.withUTF8 { utf8 in
            utf8.withMemoryRebound(to: CChar.self) { c in
                if let base = c.baseAddress {
                    result = Result { () throws(MongoError) -> R in try body(base, c.count) }
                } else {
                    var empty: CChar = 0  // an empty string may have no storage; libbson wants a pointer
                    result = Result { () throws(MongoError) -> R in try body(&empty, 0) }
                }
            }
        }
        return try result!.get()
    }

    static func appendArray(_ values: [BSONValue], to bson: OpaquePointer) throws(MongoError) {
        // Array keys are "0", "1", …; bson_uint32_to_string reuses a static table for small indexes.
        var buffer = (0 as UInt64, 0 as UInt64)
        for (i, value) in values.enumerated() {
            let ok = try withUnsafeMutableBytes(of: &buffer) { (raw) throws(MongoError) -> Bool in
                let buf = raw.baseAddress!.assumingMemoryBound(to: CChar.self)
                var key: UnsafePointer<CChar>? = nil
                let len = bson_uint32_to_string(UInt32(i), &key, buf, raw.count)
                return try appendValue(value, key: key!, keyLength: Int32(len), to: bson)
            }
            if !ok { throw MongoError.bson("cannot append array element \(i): document too large") }
        }
    }

    /// Appends one value; returns libbson's verdict (false means the document would be too big).
    static func appendValue(
        _ value: BSONValue, key: UnsafePointer<CChar>, keyLength: Int32, to bson: OpaquePointer
    ) throws(MongoError) -> Bool {
        switch value {
        case .double(let d):
            return bson_append_double(bson, key, keyLength, d)
        case .string(let s):
            return try withCString(s) { (p, n) throws(MongoError) -> Bool in
                guard n <= Int(Int32.max) else { return false }
                return bson_append_utf8(bson, key, keyLength, p, Int32(n))
            }
        case .document(let doc):
            return try withUnsafeTemporaryAllocation(of: bson_t.self, capacity: 1) { (child) throws(MongoError) -> Bool in
                let c = OpaquePointer(child.baseAddress!)
                guard bson_append_document_begin(bson, key, keyLength, c) else { return false }
                try append(doc, to: c)
                return bson_append_document_end(bson, c)
            }
        case .array(let values):
            return try withUnsafeTemporaryAllocation(of: bson_t.self, capacity: 1) { (child) throws(MongoError) -> Bool in
                let c = OpaquePointer(child.baseAddress!)
                guard bson_append_array_begin(bson, key, keyLength, c) else { return false }
                try appendArray(values, to: c)
                return bson_append_array_end(bson, c)
            }
        case .binary(let subtype, let bytes):
            return bytes.withUnsafeBufferPointer { b in
                bson_append_binary(bson, key, keyLength, bson_subtype_t(UInt32(subtype)), b.baseAddress, UInt32(b.count))
            }
        case .objectID(let oid):
            var c = oid.cValue
            return bson_append_oid(bson, key, keyLength, &c)
        case .bool(let b):
            return bson_append_bool(bson, key, keyLength, b)
        case .datetime(let ms):
            return bson_append_date_time(bson, key, keyLength, ms)
        case .null, .unsupported:
            return bson_append_null(bson, key, keyLength)
        case .int32(let i):
            return bson_append_int32(bson, key, keyLength, i)
        case .timestamp(let seconds, let increment):
            return bson_append_timestamp(bson, key, keyLength, seconds, increment)
        case .int64(let i):
            return bson_append_int64(bson, key, keyLength, i)
        }
    }
}
