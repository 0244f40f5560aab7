import CSQLite

/// A prepared statement; finalized when released.
public final class Statement {
    let handle: OpaquePointer
    unowned let database: Database
    public let sql: String

    init(database: Database, sql: String) throws(SQLiteError) {
        var h: OpaquePointer?
        let rc = sqlite3_prepare_v2(database.handle, sql, -1, &h, nil)
        guard rc == SQLITE_OK, let h else { throw SQLiteError.from(database.handle, rc, sql: sql) }
        handle = h
        self.database = database
        self.sql = sql
    }

    deinit { sqlite3_finalize(handle) }

    /// Binds `values` to parameters 1…n (after resetting the statement).
    public func bind(_ values: [SQLiteValue]) throws(SQLiteError) {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        for (i, v) in values.enumerated() { try bind(v, at: Int32(i + 1)) }
    }

    public func bind(_ v: SQLiteValue, at i: Int32) throws(SQLiteError) {
        let rc: Int32
        switch v {
        case .null: rc = sqlite3_bind_null(handle, i)
        case .integer(let x): rc = sqlite3_bind_int64(handle, i, x)
        case .real(let x): rc = sqlite3_bind_double(handle, i, x)
        case .text(let s):
            rc = s.utf8.withContiguousStorageIfAvailable { p in
                corridor_sqlite3_bind_text_transient(handle, i, UnsafeRawPointer(p.baseAddress!).assumingMemoryBound(to: CChar.self), Int32(p.count))
            } ?? corridor_sqlite3_bind_text_transient(handle, i, s, -1)
        case .blob(let b):
            rc = b.withUnsafeBytes { p in corridor_sqlite3_bind_blob_transient(handle, i, p.baseAddress ?? UnsafeRawPointer(bitPattern: 1), Int32(p.count)) }
        }
        guard rc == SQLITE_OK else { throw SQLiteError.from(database.handle, rc, sql: sql) }
    }

    /// Advances; true when a row is ready, false when done.
    @discardableResult
    public func step() throws(SQLiteError) -> Bool {
        let rc = sqlite3_step(handle)
        if rc == SQLITE_ROW { return true }
        if rc == SQLITE_DONE { return false }
        let e = SQLiteError.from(database.handle, rc, sql: sql)
        sqlite3_reset(handle)
        throw e
    }

    public func reset() { sqlite3_reset(handle) }

    public var columnCount: Int32 { sqlite3_column_count(handle) }

    public func int64(_ i: Int32) -> Int64 { sqlite3_column_int64(handle, i) }
    public func double(_ i: Int32) -> Double { sqlite3_column_double(handle, i) }
    public func isNull(_ i: Int32) -> Bool { sqlite3_column_type(handle, i) == SQLITE_NULL }
    public func text(_ i: Int32) -> String? {
        guard let p = sqlite3_column_text(handle, i) else { return nil }
        let n = Int(sqlite3_column_bytes(handle, i))
        return String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self)
    }
    public func blob(_ i: Int32) -> [UInt8] {
        let n = Int(sqlite3_column_bytes(handle, i))
        guard n > 0, let p = sqlite3_column_blob(handle, i) else { return [] }
        return Array(UnsafeRawBufferPointer(start: p, count: n))
    }

    /// The column's bytes (text or blob) without a copy; valid only inside `body`.
    public func withBytes<R>(_ i: Int32, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        let p = sqlite3_column_blob(handle, i)
        let n = Int(sqlite3_column_bytes(handle, i))
        return try body(UnsafeRawBufferPointer(start: n > 0 ? p : nil, count: n > 0 ? n : 0))
    }

    public func value(_ i: Int32) -> SQLiteValue {
        switch sqlite3_column_type(handle, i) {
        case SQLITE_INTEGER: return .integer(int64(i))
        case SQLITE_FLOAT: return .real(double(i))
        case SQLITE_TEXT: return .text(text(i) ?? "")
        case SQLITE_BLOB: return .blob(blob(i))
        default: return .null
        }
    }

    public func row() -> [SQLiteValue] { (0..<columnCount).map { value($0) } }
}

@available(*, unavailable)
extension Statement: Sendable {}
