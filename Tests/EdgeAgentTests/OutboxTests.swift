import CorridorModel
import Dispatch
import Foundation
import SQLite
import Synchronization
import Testing
import TestServices
@testable import EdgeAgent

@Suite struct OutboxTests {
    func item(_ g: UUIDv7Generator, size: Int = 100) -> OutboxItem {
        OutboxItem(id: g.next(), kind: .review, capturedAt: .now(), body: Array(repeating: UInt8(ascii: "x"), count: size))
    }

    @Test func appendsInSendOrderAndMarksSent() throws {
        let d = TempDir(); defer { d.cleanup() }
        let o = try Outbox(directory: d.path, logger: .silent)
        defer { o.close() }
        let g = UUIDv7Generator()
        let items = (0..<10).map { _ in item(g) }
        try o.append(Array(items[0..<4]))
        try o.append(Array(items[4...]))
        let rows = try o.pending(limit: 100)
        #expect(rows.map(\.id) == items.map(\.id))
        #expect(rows.map(\.seq) == rows.map(\.seq).sorted())
        try o.markSent(rows.prefix(3).map(\.seq))
        let s = try o.status()
        #expect(s.pending == 7 && s.sent == 3)
        #expect(try o.pending(limit: 100).first?.id == items[3].id)
        #expect(try o.pending(after: rows[5].seq, limit: 2).map(\.id) == [items[6].id, items[7].id])
        try o.markRejected(rows[9].seq, reason: "400 schema")
        #expect(try o.status().rejected == 1)
    }

    @Test func aBatchIsAllOrNothing() throws {
        let d = TempDir(); defer { d.cleanup() }
        let o = try Outbox(directory: d.path, logger: .silent)
        defer { o.close() }
        let g = UUIDv7Generator()
        let first = item(g)
        try o.append([first])
        // The second batch repeats an id: nothing of it may stay.
        #expect(throws: OutboxError.self) { try o.append([item(g), item(g), first]) }
        #expect(try o.status().pending == 1)
    }

    @Test func concurrentAppendsShareCommits() throws {
        let d = TempDir(); defer { d.cleanup() }
        let o = try Outbox(directory: d.path, logger: .silent)
        defer { o.close() }
        let g = UUIDv7Generator()
        let before = o.commitCount
        DispatchQueue.concurrentPerform(iterations: 2000) { _ in
            try! o.append([OutboxItem(id: g.next(), kind: .review, capturedAt: .now(), body: Array("{}".utf8))])
        }
        #expect(try o.status().pending == 2000)
        let commits = o.commitCount - before
        #expect(commits <= 2000)
        print("group commit: 2000 appends in \(commits) commits")
    }

    @Test func budgetRefusesWithoutLosingAcceptedRows() throws {
        let d = TempDir(); defer { d.cleanup() }
        let o = try Outbox(directory: d.path, budgetBytes: 200 * 1024, logger: .silent)
        defer { o.close() }
        let g = UUIDv7Generator()
        var accepted: [String] = []
        var refused = 0
        for _ in 0..<2000 {
            let it = item(g, size: 1000)
            do {
                try o.append([it])
                accepted.append(it.id)
            } catch {
                guard case .budgetExceeded = error else { throw error }
                refused += 1
                if refused > 5 { break }
            }
        }
        #expect(refused > 0)
        #expect(accepted.count > 50)
        #expect(try o.allIDs() == accepted)
        // Delivered rows make room again (they are safe at central).
        try o.markSent(try o.pending(limit: 10_000).map(\.seq))
        try o.append([item(g, size: 1000)])
    }

    @Test func corruptFileIsQuarantinedAndAFreshOutboxStarts() throws {
        let d = TempDir(); defer { d.cleanup() }
        do {
            let o = try Outbox(directory: d.path, logger: .silent)
            try o.append([item(UUIDv7Generator())])
            o.close()
        }
        // Overwrite the header and some pages with garbage, as a dying SD card might.
        let path = d.path + "/outbox.db"
        var bytes = try Array(Data(contentsOf: URL(fileURLWithPath: path)))
        for i in 0..<min(bytes.count, 8192) { bytes[i] = UInt8(truncatingIfNeeded: i &* 31) }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        try? FileManager.default.removeItem(atPath: path + "-wal")

        let lines = Mutex<[String]>([])
        let logger = Logger(label: "t") { l in lines.withLock { $0.append(l) } }
        let o = try Outbox(directory: d.path, logger: logger)
        defer { o.close() }
        let q = try #require(o.quarantinedFile)
        #expect(FileManager.default.fileExists(atPath: q))
        #expect(lines.withLock { $0 }.contains { $0.contains("OUTBOX CORRUPT") })
        #expect(try o.status().pending == 0)
        try o.append([item(UUIDv7Generator())])
        #expect(try o.status().pending == 1)
        #expect(try o.status().quarantinedFile == q)
    }

    @Test func outOfOrderAndRejectedRowsMoveTheSentWatermarkCorrectly() throws {
        let d = TempDir(); defer { d.cleanup() }
        let g = UUIDv7Generator()
        let items = (0..<10).map { _ in item(g) }
        var seqs: [Int64] = []
        do {
            let o = try Outbox(directory: d.path, logger: .silent)
            try o.append(items)
            seqs = try o.pending(limit: 100).map(\.seq)
            // Reports for rows 5 and 6 arrive before rows 1–4: nothing counts as sent yet.
            try o.markSent([seqs[4], seqs[5]])
            #expect(try o.status().sent == 0)
            #expect(try o.pending(limit: 100).count == 10)
            try o.markSent(Array(seqs[0..<4]))
            #expect(try o.status().sent == 6)
            // Row 7 refused for good, row 8 delivered: the watermark passes over the refused row.
            try o.markRejected(seqs[6], reason: "400")
            try o.markSent([seqs[7]])
            let s = try o.status()
            #expect(s.sent == 7 && s.rejected == 1 && s.pending == 2)
            o.close()
        }
        // The watermark survives a restart; only rows 9 and 10 are still to send.
        let o = try Outbox(directory: d.path, logger: .silent)
        defer { o.close() }
        #expect(try o.pending(limit: 100).map(\.id) == [items[8].id, items[9].id])
        #expect(try o.pending(after: 0, limit: 100).count == 2)
        #expect(try Outbox.status(directory: d.path).pending == 2)
    }

    @Test func prunesOnlyOldSentRows() throws {
        let d = TempDir(); defer { d.cleanup() }
        let o = try Outbox(directory: d.path, logger: .silent)
        defer { o.close() }
        let g = UUIDv7Generator()
        try o.append((0..<5).map { _ in item(g) })
        try o.markSent(try o.pending(limit: 2).map(\.seq))
        #expect(try o.pruneSent(olderThanSeconds: 3600) == 0)
        #expect(try o.pruneSent(olderThanSeconds: -1) == 2)
        let s = try o.status()
        #expect(s.pending == 3 && s.sent == 0)
    }
}
