import CSQLite

/// An SQLite failure: extended result code, message, and the SQL that failed.
public struct SQLiteError: Error, Sendable, CustomStringConvertible {
    /// Extended result code (`sqlite3_extended_errcode`).
    public var code: Int32
    public var message: String
    public var sql: String?

    public init(code: Int32, message: String, sql: String? = nil) {
        self.code = code; self.message = message; self.sql = sql
    }

    /// The primary result code (low byte of the extended one).
    public var primaryCode: Int32 { code & 0xFF }
    /// Another writer holds the lock; trying again later can succeed.
    public var isRetriable: Bool { primaryCode == SQLITE_BUSY || primaryCode == SQLITE_LOCKED }
    /// The file is damaged or not a database: quarantine it.
    public var isCorrupt: Bool { primaryCode == SQLITE_CORRUPT || primaryCode == SQLITE_NOTADB }
    /// The disk (or the quota) is full.
    public var isDiskFull: Bool { primaryCode == SQLITE_FULL }
    public var isConstraint: Bool { primaryCode == SQLITE_CONSTRAINT }
    public var isIOError: Bool { primaryCode == SQLITE_IOERR }

    public var description: String {
        "SQLite error \(code): \(message)" + (sql.map { " [\($0)]" } ?? "")
    }

    /// Lets `catch let e as SQLiteError where e ~= SQLiteError.constraint` read naturally.
    public static let constraint = SQLITE_CONSTRAINT
}

extension SQLiteError {
    static func from(_ db: OpaquePointer?, _ rc: Int32, sql: String? = nil) -> SQLiteError {
        let code = db.map { sqlite3_extended_errcode($0) } ?? rc
        let msg = db.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) } ?? String(cString: sqlite3_errstr(rc))
        return SQLiteError(code: code == 0 ? rc : code, message: msg, sql: sql)
    }
}
