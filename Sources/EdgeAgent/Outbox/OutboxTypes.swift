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

/// Pending rows as the Kafka lane sends them (`Outbox.pendingToSend`): every id and body lives
/// in one buffer, so a chunk of thousands of rows costs a handful of allocations, not two per row.
public struct OutboxSendChunk: Sendable, Equatable {
    public private(set) var seqs: [Int64] = []
    public private(set) var kinds: [EventKind] = []
    /// The ids (UTF-8) and bodies of every row, back to back.
    public private(set) var bytes: [UInt8] = []
    /// Row i's id is `bytes[bounds[2i]..<bounds[2i+1]]`, its body `bytes[bounds[2i+1]..<bounds[2i+2]]`.
    private var bounds: [Int] = [0]

    public init() {}

    public var count: Int { seqs.count }
    public var isEmpty: Bool { seqs.isEmpty }

    public func idRange(_ i: Int) -> Range<Int> { bounds[2 * i]..<bounds[2 * i + 1] }
    public func bodyRange(_ i: Int) -> Range<Int> { bounds[2 * i + 1]..<bounds[2 * i + 2] }

    mutating func reserve(rows: Int, bytes n: Int) {
        seqs.reserveCapacity(rows)
        kinds.reserveCapacity(rows)
        bounds.reserveCapacity(2 * rows + 1)
        bytes.reserveCapacity(n)
    }

    mutating func append(seq: Int64, kind: EventKind, id: UnsafeRawBufferPointer, body: UnsafeRawBufferPointer) {
        seqs.append(seq)
        kinds.append(kind)
        bytes.append(contentsOf: id)
        bounds.append(bytes.count)
        bytes.append(contentsOf: body)
        bounds.append(bytes.count)
    }
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
