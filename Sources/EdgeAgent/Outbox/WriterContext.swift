import CorridorModel
import SQLite

/// State owned by the writer thread: the write connection, its prepared statements, and the
/// running figure of bytes used (checked against the budget before each append).
final class WriterContext {
    let db: Database
    let budget: Int64
    private(set) var usedBytes: Int64 = 0
    // Optional so close() can finalize them before closing the connection: SQLite defers the
    // real close (and its final checkpoint) while statements are alive.
    private var insert: Statement!
    private var usage: Statement!
    private var nextRow: Statement!
    private var readMark: Statement!
    private var writeMark: Statement!
    private var addCheckpoint: Statement!
    /// Delivered rows above the sent watermark (reports can arrive out of order across topics);
    /// lost on a crash, which only means those rows are sent again (central dedups by id).
    private var deliveredAbove = Set<Int64>()

    init(db: Database, budget: Int64) throws(SQLiteError) {
        self.db = db
        self.budget = budget
        insert = try db.prepare("INSERT INTO outbox(id, kind, captured_at, enqueued_at, body) VALUES (?, ?, ?, ?, ?)")
        nextRow = try db.prepare("SELECT seq, state FROM outbox WHERE seq > ? ORDER BY seq LIMIT 1")
        readMark = try db.prepare("SELECT \(Outbox.sentThroughSQL)")
        writeMark = try db.prepare("INSERT OR REPLACE INTO meta(key, value) VALUES ('sent_through', ?)")
        addCheckpoint = try db.prepare("INSERT OR REPLACE INTO sent_marks(seq, at) VALUES (?, ?)")
        usage = try db.prepare("SELECT (SELECT page_count FROM pragma_page_count()) - (SELECT freelist_count FROM pragma_freelist_count()), (SELECT page_size FROM pragma_page_size())")
        refreshUsage()
    }

    func refreshUsage() {
        usage.reset()
        if (try? usage.step()) == true { usedBytes = usage.int64(0) * usage.int64(1) }
        usage.reset()
    }

    func afterCommit() { refreshUsage() }

    /// Inserts `items`; refuses the whole set when it would pass the budget (sent rows are
    /// pruned first: they are safe at central, and the space is better spent on new captures).
    func append(_ items: [OutboxItem], now: Timestamp) throws {
        let incoming = items.reduce(Int64(0)) { $0 + Int64($1.body.count) + Int64($1.id.utf8.count) * 2 + 64 }
        if usedBytes + incoming > budget {
            try db.run("DELETE FROM outbox WHERE \(Outbox.sentRowsSQL)")
            refreshUsage()
            if usedBytes + incoming > budget { throw OutboxError.budgetExceeded(used: usedBytes, budget: budget) }
        }
        for it in items {
            try insert.bind([.text(it.id), .text(it.kind.rawValue), .integer(it.capturedAt.millis), .integer(now.millis), .blob(it.body)])
            do {
                try insert.step()
            } catch {
                if error.isConstraint { throw OutboxError.duplicateID(it.id) }
                throw error
            }
        }
        usedBytes += incoming
    }

    /// The sent watermark: every row at or below it is delivered (or rejected, state 2).
    func sentThrough() throws -> Int64 {
        readMark.reset()
        defer { readMark.reset() }
        return try readMark.step() ? readMark.int64(0) : 0
    }

    /// Marks rows delivered by moving the sent watermark over the contiguous run of delivered
    /// (or rejected) rows that follows it: one small write per batch instead of rewriting every
    /// row and its index entry. Seqs run without gaps above the watermark, so the run is found
    /// in the delivered set; the table is read only where the run stops, to step over rows
    /// already kept aside (rejected, or marked one by one by an older version) or a gap.
    /// A checkpoint (watermark, time) per move serves the retention.
    func markSent(_ seqs: [Int64], now: Timestamp) throws {
        var w = try sentThrough()
        for s in seqs where s > w { deliveredAbove.insert(s) }
        guard !deliveredAbove.isEmpty else { return }
        let start = w
        while true {
            if deliveredAbove.remove(w + 1) != nil { w += 1; continue }
            try nextRow.bind([.integer(w)])
            defer { nextRow.reset() }
            guard try nextRow.step() else { break }
            let seq = nextRow.int64(0)
            guard deliveredAbove.remove(seq) != nil || nextRow.int64(1) != 0 else { break }
            w = seq
        }
        guard w > start else { return }
        try writeMark.bind([.text(String(w))])
        try writeMark.step()
        try addCheckpoint.bind([.integer(w), .integer(now.millis)])
        try addCheckpoint.step()
        if deliveredAbove.contains(where: { $0 <= w }) { deliveredAbove = deliveredAbove.filter { $0 > w } }
    }

    func close() {
        insert = nil
        usage = nil
        nextRow = nil
        readMark = nil
        writeMark = nil
        addCheckpoint = nil
        db.close()
    }
}
