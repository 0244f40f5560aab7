import CSQLite

/// A value to bind or read.
public enum SQLiteValue: Sendable, Equatable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])
}

/// One SQLite connection. It belongs to one owner at a time (a dedicated thread or a lock).
public final class Database {
    let handle: OpaquePointer
    public let path: String

    /// Opens (creating if needed) the database at `path`.
    public init(path: String, readOnly: Bool = false) throws(SQLiteError) {
        var h: OpaquePointer?
        let flags = (readOnly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)) | SQLITE_OPEN_NOMUTEX
        let rc = sqlite3_open_v2(path, &h, flags, nil)
        guard rc == SQLITE_OK, let h else {
            let e = SQLiteError.from(h, rc)
            sqlite3_close_v2(h)
            throw e
        }
        sqlite3_extended_result_codes(h, 1)
        handle = h
        self.path = path
    }

    private var isClosed = false

    /// Closes the connection now (statements still alive are finalized when released).
    public func close() {
        guard !isClosed else { return }
        isClosed = true
        sqlite3_close_v2(handle)
    }

    deinit { close() }

    /// Runs one or more statements that return no rows.
    public func execute(_ sql: String) throws(SQLiteError) {
        var err: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(handle, sql, nil, nil, &err)
        if rc != SQLITE_OK {
            let msg = err.map { String(cString: $0) } ?? String(cString: sqlite3_errstr(rc))
            sqlite3_free(err)
            throw SQLiteError(code: sqlite3_extended_errcode(handle), message: msg, sql: sql)
        }
    }

    public func prepare(_ sql: String) throws(SQLiteError) -> Statement {
        try Statement(database: self, sql: sql)
    }

    /// Runs `sql` with `arguments` and returns every row.
    public func query(_ sql: String, _ arguments: [SQLiteValue] = []) throws(SQLiteError) -> [[SQLiteValue]] {
        let s = try prepare(sql)
        try s.bind(arguments)
        var rows: [[SQLiteValue]] = []
        while try s.step() { rows.append(s.row()) }
        return rows
    }

    /// The first column of the first row, if any.
    public func scalar(_ sql: String, _ arguments: [SQLiteValue] = []) throws(SQLiteError) -> SQLiteValue? {
        try query(sql, arguments).first?.first
    }

    public func run(_ sql: String, _ arguments: [SQLiteValue] = []) throws(SQLiteError) {
        let s = try prepare(sql)
        try s.bind(arguments)
        while try s.step() {}
    }

    public var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }
    public var changes: Int { Int(sqlite3_changes(handle)) }
    public var isInTransaction: Bool { sqlite3_get_autocommit(handle) == 0 }

    /// Runs `body` in a transaction: commits when it returns, rolls back and rethrows when it throws.
    public func inTransaction<T>(_ kind: String = "IMMEDIATE", _ body: () throws -> T) throws -> T {
        try execute("BEGIN \(kind)")
        do {
            let v = try body()
            try execute("COMMIT")
            return v
        } catch {
            if isInTransaction { try? execute("ROLLBACK") }
            throw error
        }
    }

    /// Runs `body` in a savepoint, so a failure undoes only its own writes inside a larger transaction.
    public func inSavepoint<T>(_ body: () throws -> T) throws -> T {
        try execute("SAVEPOINT sp")
        do {
            let v = try body()
            try execute("RELEASE sp")
            return v
        } catch {
            try? execute("ROLLBACK TO sp")
            try? execute("RELEASE sp")
            throw error
        }
    }

    /// Sets how long a statement waits for another connection's lock.
    public func setBusyTimeout(milliseconds: Int32) { sqlite3_busy_timeout(handle, milliseconds) }

    public static var libraryVersion: String { String(cString: sqlite3_libversion()) }
}

// Explicit non-conformance: a connection is used by one owner (a serial thread or under a lock).
@available(*, unavailable)
extension Database: Sendable {}
