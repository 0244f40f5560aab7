import CMongoC

// bson_t → Swift document model, through bson_iter_*.
//
// bson_t and bson_iter_t are 128-byte-aligned C structs, which Swift imports opaquely in
// function signatures: they travel as OpaquePointer, and their storage comes from
// withUnsafeTemporaryAllocation (stack memory with the type's alignment).

extension BSONDocument {
    /// Copies a borrowed `bson_t` into a Swift document (the pointer is not kept).
    init(copying bson: OpaquePointer) {
        self = BSONDecoder.withIterator { iter in
            bson_iter_init(iter, bson) ? BSONDecoder.document(iter) : BSONDocument()
        }
    }

    /// Decodes BSON bytes; throws `MongoError` (domain `.bson`) when they are not a valid
    /// BSON document. Strings may hold NUL; invalid UTF-8 that libbson 1.23's validator lets
    /// through (it misses e.g. a lone 0xFF) is repaired with U+FFFD, never trusted.
    public init(bsonBytes bytes: [UInt8]) throws(MongoError) {
        let decoded: BSONDocument? = bytes.withUnsafeBufferPointer { buf -> BSONDocument? in
            guard let base = buf.baseAddress else { return nil }
            return withUnsafeTemporaryAllocation(of: bson_t.self, capacity: 1) { storage -> BSONDocument? in
                let bson = OpaquePointer(storage.baseAddress!)
                guard bson_init_static(bson, base, buf.count) else { return nil }
                var offset = 0
                guard bson_validate(bson, bson_validate_flags_t(BSON_VALIDATE_UTF8.rawValue | BSON_VALIDATE_UTF8_ALLOW_NULL.rawValue), &offset) else { return nil }
                return BSONDocument(copying: bson)
            }
        }
        guard let decoded else { throw MongoError.bson("invalid BSON document (\(bytes.count) bytes)") }
        self = decoded
    }
}

enum BSONDecoder {
    static func withIterator<R>(_ body: (OpaquePointer) -> R) -> R {
        withUnsafeTemporaryAllocation(of: bson_iter_t.self, capacity: 1) { body(OpaquePointer($0.baseAddress!)) }
    }

    /// Reads the rest of an iterator positioned before its first element as a document.
    static func document(_ iter: OpaquePointer) -> BSONDocument {
        var doc = BSONDocument()
        while bson_iter_next(iter) {
            let len = Int(bson_iter_key_len(iter))
            let key = String(decoding: UnsafeRawBufferPointer(start: bson_iter_key(iter), count: len), as: UTF8.self)
            doc.append(key, value(iter))
        }
        return doc
    }

    static func array(_ iter: OpaquePointer) -> [BSONValue] {
        var values = [BSONValue]()
        while bson_iter_next(iter) { values.append(value(iter)) }
        return values
    }

    /// The value the iterator currently points at.
    static func value(_ iter: OpaquePointer) -> BSONValue {
        let type = bson_iter_type(iter)
        switch type {
        case BSON_TYPE_DOUBLE:
            return .double(bson_iter_double(iter))
        case BSON_TYPE_UTF8:
            var len: UInt32 = 0
            guard let p = bson_iter_utf8(iter, &len) else { return .string("") }
            return .string(String(decoding: UnsafeRawBufferPointer(start: p, count: Int(len)), as: UTF8.self))
        case BSON_TYPE_DOCUMENT:
            return withIterator { child in
                .document(bson_iter_recurse(iter, child) ? document(child) : BSONDocument())
            }
        case BSON_TYPE_ARRAY:
            return withIterator { child in
                .array(bson_iter_recurse(iter, child) ? array(child) : [])
            }
        case BSON_TYPE_BINARY:
            var subtype = bson_subtype_t(0)
            var len: UInt32 = 0
            var data: UnsafePointer<UInt8>? = nil
            bson_iter_binary(iter, &subtype, &len, &data)
            let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: Int(len))) } ?? []
            return .binary(subtype: UInt8(truncatingIfNeeded: subtype.rawValue), bytes: bytes)
        case BSON_TYPE_OID:
            guard let oid = bson_iter_oid(iter) else { return .null }
            return .objectID(BSONObjectID(oid.pointee))
        case BSON_TYPE_BOOL:
            return .bool(bson_iter_bool(iter))
        case BSON_TYPE_DATE_TIME:
            return .datetime(bson_iter_date_time(iter))
        case BSON_TYPE_NULL, BSON_TYPE_UNDEFINED:
            return .null
        case BSON_TYPE_INT32:
            return .int32(bson_iter_int32(iter))
        case BSON_TYPE_TIMESTAMP:
            var ts: UInt32 = 0
            var inc: UInt32 = 0
            bson_iter_timestamp(iter, &ts, &inc)
            return .timestamp(seconds: ts, increment: inc)
        case BSON_TYPE_INT64:
            return .int64(bson_iter_int64(iter))
        default:
            return .unsupported(UInt8(truncatingIfNeeded: type.rawValue))
        }
    }
}
