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
    private var markSent: Statement!
    private var usage: Statement!

    init(db: Database, budget: Int64) throws(SQLiteError) {
        self.db = db
        self.budget = budget
        insert = try db.prepare("INSERT INTO outbox(id, kind, captured_at, enqueued_at, body) VALUES (?, ?, ?, ?, ?)")
        markSent = try db.prepare("UPDATE outbox SET state = 1, sent_at = ?, attempts = attempts + 1 WHERE seq BETWEEN ? AND ? AND state = 0")
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
            try db.run("DELETE FROM outbox WHERE state = 1")
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

    /// Marks the given rows sent, one statement per run of consecutive seqs (delivery reports
    /// come back in send order, so a whole window is usually one range).
    func markSent(_ seqs: [Int64], now: Timestamp) throws {
        let sorted = seqs.sorted()
        var i = 0
        while i < sorted.count {
            var j = i
            while j + 1 < sorted.count, sorted[j + 1] <= sorted[j] + 1 { j += 1 }
            try markSent.bind([.integer(now.millis), .integer(sorted[i]), .integer(sorted[j])])
            try markSent.step()
            i = j + 1
        }
    }

    func close() {
        insert = nil
        markSent = nil
        usage = nil
        db.close()
    }
}
