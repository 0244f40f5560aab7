import CorridorModel
import SQLite

/// An event ready to be stored: its id, kind and envelope bytes.
public struct OutboxItem: Sendable {
    public var id: String
    public var kind: EventKind
    public var capturedAt: Timestamp
    public var body: [UInt8]

    public init(id: String, kind: EventKind, capturedAt: Timestamp, body: [UInt8]) {
        self.id = id; self.kind = kind; self.capturedAt = capturedAt; self.body = body
    }

    public init(_ e: Event) {
        self.init(id: e.id, kind: e.kind, capturedAt: e.capturedAt, body: e.jsonBytes)
    }
}

/// A stored row, in send order (`seq`).
public struct OutboxRow: Sendable, Equatable {
    public var seq: Int64
    public var id: String
    public var kind: EventKind
    public var capturedAt: Timestamp
    public var body: [UInt8]
    public var attempts: Int
}

/// A pending row as the Kafka lane sends it (`Outbox.pendingToSend`).
public struct OutboxSendRow: Sendable, Equatable {
    public var seq: Int64
    public var kind: EventKind
    /// The event id's UTF-8 bytes.
    public var id: [UInt8]
    public var body: [UInt8]
}

/// Row states. Rejected rows are kept aside with their reason, never deleted silently.
public enum OutboxState: Int64, Sendable {
    case pending = 0
    case sent = 1
    case rejected = 2
}

/// What the outbox holds, for `status`, `/healthz` and `/metrics`.
public struct OutboxStatus: Sendable {
    public var pending: Int64
    public var sent: Int64
    public var rejected: Int64
    public var oldestPendingAgeSeconds: Int64?
    public var bytes: Int64
    public var budgetBytes: Int64
    public var quarantinedFile: String?
}

/// Why the outbox did not take or change something.
public enum OutboxError: Error, Sendable, CustomStringConvertible {
    /// The disk budget is used up: captures are refused until the backlog drains.
    case budgetExceeded(used: Int64, budget: Int64)
    /// The file system is full (SQLITE_FULL or ENOSPC).
    case diskFull(String)
    /// The same id is already stored.
    case duplicateID(String)
    case storage(SQLiteError)
    case closed

    public var description: String {
        switch self {
        case .budgetExceeded(let u, let b): return "outbox disk budget exhausted (\(u) of \(b) bytes used); captures resume when the backlog drains"
        case .diskFull(let m): return "disk full: \(m)"
        case .duplicateID(let id): return "event \(id) is already stored"
        case .storage(let e): return "outbox storage error: \(e)"
        case .closed: return "outbox is closed"
        }
    }

    static func map(_ e: any Error) -> OutboxError {
        if let o = e as? OutboxError { return o }
        if let s = e as? SQLiteError {
            if s.isDiskFull { return .diskFull(s.message) }
            return .storage(s)
        }
        return .storage(SQLiteError(code: 1, message: "\(e)"))
    }
}

/// How hard SQLite syncs: `full` (default) fsyncs the WAL on every commit.
public enum OutboxSync: String, Sendable, CaseIterable {
    case full = "FULL"
    case normal = "NORMAL"
    case off = "OFF"
}
