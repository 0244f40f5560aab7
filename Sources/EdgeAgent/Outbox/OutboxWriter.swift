import CorridorModel
import Dispatch
import SQLite
import Synchronization

/// The outbox's single writer: a dedicated thread that owns the write connection and commits
/// every job that arrived while the previous commit ran in one transaction (group commit),
/// so many concurrent captures share one fsync. A caller is woken only after the commit
/// that holds its job.
final class OutboxWriter: Sendable {
    typealias Work = @Sendable (WriterContext) throws -> Void

    final class Job: @unchecked Sendable {
        let work: Work
        let done = DispatchSemaphore(value: 0)
        // Written by the writer thread before `done` is signalled, read by the caller after.
        var error: (any Error)?
        init(_ w: @escaping Work) { work = w }
    }

    private struct Queue {
        var jobs: [Job] = []
        var closed = false
    }

    private let queue = Mutex(Queue())
    private let wake = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)
    private let commits = Atomic<Int64>(0)

    init(context: WriterContext) {
        let box = UncheckedBox(context)
        DedicatedThread.start(name: "outbox-writer") { [self] in self.loop(box.value) }
    }

    /// Number of transactions committed (each one fsync with `synchronous=FULL`).
    var commitCount: Int64 { commits.load(ordering: .relaxed) }

    /// Runs `work` in the next group transaction and returns after it is durable.
    func perform(_ work: @escaping Work) throws {
        let job = Job(work)
        let ok = queue.withLock { q -> Bool in
            guard !q.closed else { return false }
            q.jobs.append(job)
            return true
        }
        guard ok else { throw OutboxError.closed }
        wake.signal()
        job.done.wait()
        if let e = job.error { throw e }
    }

    /// Finishes the queued jobs, then stops the thread.
    func close() {
        let first = queue.withLock { q -> Bool in
            let f = !q.closed
            q.closed = true
            return f
        }
        guard first else { return }
        wake.signal()
        finished.wait()
    }

    private func loop(_ ctx: WriterContext) {
        while true {
            wake.wait()
            let (jobs, closed) = queue.withLock { q -> ([Job], Bool) in
                let j = q.jobs
                q.jobs = []
                return (j, q.closed)
            }
            if !jobs.isEmpty { commit(jobs, ctx) }
            if closed {
                // Anything queued after the last take is refused (close() ran concurrently).
                let late = queue.withLock { q -> [Job] in let j = q.jobs; q.jobs = []; return j }
                for j in late { j.error = OutboxError.closed; j.done.signal() }
                ctx.close()
                finished.signal()
                return
            }
        }
    }

    private func commit(_ jobs: [Job], _ ctx: WriterContext) {
        let db = ctx.db
        do {
            try db.execute("BEGIN IMMEDIATE")
            for job in jobs {
                do {
                    try db.inSavepoint { try job.work(ctx) }
                } catch {
                    job.error = error
                }
            }
            try db.execute("COMMIT")
            commits.add(1, ordering: .relaxed)
            ctx.afterCommit()
        } catch {
            if db.isInTransaction { try? db.execute("ROLLBACK") }
            ctx.afterCommit()
            for j in jobs where j.error == nil { j.error = OutboxError.map(error) }
        }
        for j in jobs { j.done.signal() }
    }
}

/// Lets a non-Sendable value cross into the thread that will own it from then on.
struct UncheckedBox<T>: @unchecked Sendable {
    let value: T
    init(_ v: T) { value = v }
}
