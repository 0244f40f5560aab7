import CorridorModel
import SQLite
import Synchronization

/// The edge's durable outbox: every accepted capture is a row here, fsynced before the capture
/// is answered, and stays until central has it (then it is marked sent and pruned later).
///
/// One writer thread commits (group commit); reads go through a second connection (WAL lets
/// them run beside the writer).
public final class Outbox: Sendable {
    public static let fileName = "outbox.db"
    public static let defaultBudget: Int64 = 512 << 20

    public let path: String
    public let budgetBytes: Int64
    /// Where a corrupt outbox was moved at start, if it was.
    public let quarantinedFile: String?
    /// The newest id stored when the outbox opened (seeds the id generator so ids keep rising).
    public let lastID: String?

    private let writer: OutboxWriter
    private let reader: Mutex<UncheckedBox<Database>>
    private let logger: Logger

    /// Opens or creates `directory/outbox.db`. A file that fails `PRAGMA quick_check` is moved
    /// aside (kept for forensics) and a fresh outbox starts; the caller is told through
    /// `quarantinedFile` and the log says so loudly.
    public init(directory: String, budgetBytes: Int64 = Outbox.defaultBudget, sync: OutboxSync = .full, logger: Logger) throws(OutboxError) {
        self.logger = logger
        self.budgetBytes = budgetBytes
        if let e = FilePaths.makeDirectories(directory) {
            throw .storage(SQLiteError(code: 14, message: "cannot create data directory: \(e)"))
        }
        let path = FilePaths.join(directory, Outbox.fileName)
        self.path = path
        var quarantined: String? = nil
        let db: Database
        do {
            do {
                db = try Outbox.openChecked(path: path, sync: sync)
            } catch let e as OutboxCorrupt {
                quarantined = try Outbox.quarantine(path: path)
                logger.error("OUTBOX CORRUPT: moved aside, starting a fresh outbox; the old file is kept for forensics",
                             [("reason", e.reason), ("kept_as", quarantined!)])
                db = try Outbox.openChecked(path: path, sync: sync)
                try db.run("INSERT OR REPLACE INTO meta(key, value) VALUES ('quarantined_file', ?)", [.text(quarantined!)])
            }
            if quarantined == nil, case .text(let q)? = try db.scalar("SELECT value FROM meta WHERE key = 'quarantined_file'") {
                quarantined = q
            }
            if case .text(let id)? = try db.scalar("SELECT id FROM outbox ORDER BY seq DESC LIMIT 1") { lastID = id } else { lastID = nil }
            try db.run("INSERT OR REPLACE INTO meta(key, value) VALUES ('budget_bytes', ?)", [.text(String(budgetBytes))])
            let ctx = try WriterContext(db: db, budget: budgetBytes)
            writer = OutboxWriter(context: ctx)
            let r = try Database(path: path)
            try r.execute("PRAGMA query_only = 1")
            r.setBusyTimeout(milliseconds: 5000)
            reader = Mutex(UncheckedBox(r))
        } catch {
            throw OutboxError.map(error)
        }
        quarantinedFile = quarantined
    }

    private struct OutboxCorrupt: Error { var reason: String }

    private static func openChecked(path: String, sync: OutboxSync) throws -> Database {
        let db: Database
        do {
            db = try Database(path: path)
            db.setBusyTimeout(milliseconds: 5000)
            try db.execute("PRAGMA journal_mode = WAL")
            let check = try db.query("PRAGMA quick_check")
            let verdict = check.compactMap { if case .text(let t) = $0.first { return t } else { return nil } }
            guard verdict == ["ok"] else { throw OutboxCorrupt(reason: verdict.prefix(3).joined(separator: "; ")) }
            try db.execute("PRAGMA synchronous = \(sync.rawValue)")
            try db.execute(Outbox.schema)
        } catch let e as SQLiteError where e.isCorrupt {
            throw OutboxCorrupt(reason: e.message)
        }
        return db
    }

    private static func quarantine(path: String) throws -> String {
        let stamp = String(Timestamp.now().rfc3339.filter { $0 != ":" })
        let target = "\(path).corrupt-\(stamp)"
        if let e = FilePaths.move(path, target) { throw SQLiteError(code: 14, message: e) }
        for suffix in ["-wal", "-shm"] where FilePaths.exists(path + suffix) {
            _ = FilePaths.move(path + suffix, target + suffix)
        }
        return target
    }

    public static let schema = """
        CREATE TABLE IF NOT EXISTS outbox(
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            id TEXT NOT NULL UNIQUE,
            kind TEXT NOT NULL,
            captured_at INTEGER NOT NULL,
            enqueued_at INTEGER NOT NULL,
            body BLOB NOT NULL,
            state INTEGER NOT NULL DEFAULT 0,
            attempts INTEGER NOT NULL DEFAULT 0,
            sent_at INTEGER,
            last_error TEXT
        );
        CREATE INDEX IF NOT EXISTS outbox_state_seq ON outbox(state, seq);
        CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT);
        CREATE TABLE IF NOT EXISTS sent_marks(seq INTEGER PRIMARY KEY, at INTEGER NOT NULL);
        """

    /// The sent watermark (rows at or below it are delivered, except rejected ones).
    public static let sentThroughSQL = "COALESCE((SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'sent_through'), 0)"
    /// Delivered rows: below the watermark, or marked one by one by an older version (state 1).
    public static let sentRowsSQL = "state = 1 OR (state = 0 AND seq <= \(sentThroughSQL))"
    /// Rows still to send.
    public static let pendingRowsSQL = "state = 0 AND seq > \(sentThroughSQL)"
    /// Rows still to send after the bound seq (`?`), for the reads that walk them in order: by
    /// seq from the watermark (`+state` keeps SQLite off the (state, seq) index, which would cost
    /// a second b-tree lookup per row); above the watermark nearly every row is pending.
    static let pendingAfterSQL = "seq > max(?, \(sentThroughSQL)) AND +state = 0"

    /// Stores `items` all-or-nothing and returns once they are durable.
    public func append(_ items: [OutboxItem]) throws(OutboxError) {
        guard !items.isEmpty else { return }
        let now = Timestamp.now()
        do {
            try writer.perform { ctx in try ctx.append(items, now: now) }
        } catch {
            throw OutboxError.map(error)
        }
    }

    /// Pending rows after `seq`, oldest first.
    public func pending(after seq: Int64 = 0, limit: Int) throws(OutboxError) -> [OutboxRow] {
        try read { db in
            let s = try db.prepare("SELECT seq, id, kind, captured_at, body, attempts FROM outbox WHERE \(Outbox.pendingAfterSQL) ORDER BY seq LIMIT ?")
            try s.bind([.integer(seq), .integer(Int64(limit))])
            var rows: [OutboxRow] = []
            while try s.step() {
                rows.append(OutboxRow(seq: s.int64(0), id: s.text(1) ?? "", kind: EventKind(rawValue: s.text(2) ?? "") ?? .review,
                                      capturedAt: Timestamp(millis: s.int64(3)), body: s.blob(4), attempts: Int(s.int64(5))))
            }
            return rows
        }
    }

    /// Pending rows after `seq`, oldest first, with only what a Kafka send needs (the id as its
    /// UTF-8 bytes: it goes out as a header), read straight into one buffer.
    public func pendingToSend(after seq: Int64, limit: Int) throws(OutboxError) -> OutboxSendChunk {
        try read { db in
            let s = try db.prepare("SELECT seq, kind, id, body FROM outbox WHERE \(Outbox.pendingAfterSQL) ORDER BY seq LIMIT ?")
            try s.bind([.integer(seq), .integer(Int64(limit))])
            var chunk = OutboxSendChunk()
            chunk.reserve(rows: limit, bytes: limit * 512)
            while try s.step() {
                let kind = s.withBytes(1) { EventKind(utf8: $0) } ?? .review
                s.withBytes(2) { id in s.withBytes(3) { body in chunk.append(seq: s.int64(0), kind: kind, id: id, body: body) } }
            }
            return chunk
        }
    }

    /// Marks rows delivered (only from a delivery report or a 2xx).
    public func markSent(_ seqs: [Int64]) throws(OutboxError) {
        guard !seqs.isEmpty else { return }
        let now = Timestamp.now()
        do { try writer.perform { ctx in try ctx.markSent(seqs, now: now) } } catch { throw OutboxError.map(error) }
    }

    /// Keeps a row aside with the reason central gave for refusing it for good.
    public func markRejected(_ seq: Int64, reason: String) throws(OutboxError) {
        do {
            try writer.perform { ctx in
                try ctx.db.run("UPDATE outbox SET state = 2, last_error = ?, attempts = attempts + 1 WHERE seq = ?", [.text(reason), .integer(seq)])
            }
        } catch { throw OutboxError.map(error) }
    }

    /// Deletes rows delivered more than `age` seconds ago; returns how many.
    @discardableResult
    public func pruneSent(olderThanSeconds age: Int64) throws(OutboxError) -> Int {
        let cutoff = Timestamp.now().millis - age * 1000
        let n = Mutex(0)
        do {
            try writer.perform { ctx in
                try ctx.db.run("DELETE FROM outbox WHERE state = 1 AND sent_at < ?", [.integer(cutoff)])
                var c = ctx.db.changes
                // Rows at or below the newest watermark reached before the cutoff.
                let through = "(SELECT max(seq) FROM sent_marks WHERE at < ?)"
                try ctx.db.run("DELETE FROM outbox WHERE state = 0 AND seq <= \(through)", [.integer(cutoff)])
                c += ctx.db.changes
                try ctx.db.run("DELETE FROM sent_marks WHERE seq < \(through)", [.integer(cutoff)])
                n.withLock { $0 = c }
            }
        } catch { throw OutboxError.map(error) }
        return n.withLock { $0 }
    }

    /// Counts, ages and bytes.
    public func status() throws(OutboxError) -> OutboxStatus {
        try read { db in try Outbox.status(db, budget: budgetBytes, quarantined: quarantinedFile) }
    }

    /// Status of the outbox in `directory` through a read-only connection (no writer, no check),
    /// so `corridor-edge status` works beside a running agent.
    public static func status(directory: String, budgetBytes: Int64 = Outbox.defaultBudget) throws(OutboxError) -> OutboxStatus {
        let path = FilePaths.join(directory, Outbox.fileName)
        guard FilePaths.exists(path) else {
            throw .storage(SQLiteError(code: 14, message: "no outbox at \(path)"))
        }
        do {
            let db = try Database(path: path, readOnly: true)
            db.setBusyTimeout(milliseconds: 5000)
            var budget = budgetBytes
            if case .text(let b)? = try db.scalar("SELECT value FROM meta WHERE key = 'budget_bytes'"), let v = Int64(b) { budget = v }
            var q: String? = nil
            if case .text(let t)? = try db.scalar("SELECT value FROM meta WHERE key = 'quarantined_file'") { q = t }
            return try Outbox.status(db, budget: budget, quarantined: q)
        } catch {
            throw OutboxError.map(error)
        }
    }

    static func status(_ db: Database, budget: Int64, quarantined: String?) throws -> OutboxStatus {
        let now = Timestamp.now().millis
        var counts: [Int64: Int64] = [:]
        for (n, where_) in [(Int64(0), pendingRowsSQL), (1, sentRowsSQL), (2, "state = 2")] {
            if case .integer(let c)? = try db.scalar("SELECT count(*) FROM outbox WHERE \(where_)") { counts[n] = c }
        }
        var oldest: Int64? = nil
        if case .integer(let ms)? = try db.scalar("SELECT enqueued_at FROM outbox WHERE \(pendingRowsSQL) ORDER BY seq LIMIT 1") {
            oldest = max(0, (now - ms) / 1000)
        }
        var bytes: Int64 = 0
        if let r = try db.query("SELECT (SELECT page_count FROM pragma_page_count()) - (SELECT freelist_count FROM pragma_freelist_count()), (SELECT page_size FROM pragma_page_size())").first,
           case .integer(let pages) = r[0], case .integer(let size) = r[1] {
            bytes = pages * size
        }
        return OutboxStatus(pending: counts[0] ?? 0, sent: counts[1] ?? 0, rejected: counts[2] ?? 0,
                            oldestPendingAgeSeconds: oldest, bytes: bytes, budgetBytes: budget, quarantinedFile: quarantined)
    }

    /// A value from the outbox's `meta` table (station id, budget, forwarder state).
    public func meta(_ key: String) -> String? {
        try? read { db in
            if case .text(let t)? = try db.scalar("SELECT value FROM meta WHERE key = ?", [.text(key)]) { return t }
            return nil
        }
    }

    public func setMeta(_ key: String, _ value: String) throws(OutboxError) {
        do {
            try writer.perform { ctx in try ctx.db.run("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", [.text(key), .text(value)]) }
        } catch { throw OutboxError.map(error) }
    }

    /// Every id stored (tests and forensics).
    public func allIDs() throws(OutboxError) -> [String] {
        try read { db in try db.query("SELECT id FROM outbox ORDER BY seq").compactMap { if case .text(let t) = $0[0] { return t } else { return nil } } }
    }

    /// Transactions committed so far by the writer (group-commit efficiency = captures / commits).
    public var commitCount: Int64 { writer.commitCount }

    /// Finishes queued writes and stops the writer.
    public func close() {
        writer.close()
        reader.withLock { $0.value.close() }
    }

    deinit { writer.close() }

    private func read<T>(_ body: (Database) throws -> T) throws(OutboxError) -> T {
        do {
            return try reader.withLock { box in try body(box.value) }
        } catch {
            throw OutboxError.map(error)
        }
    }
}
