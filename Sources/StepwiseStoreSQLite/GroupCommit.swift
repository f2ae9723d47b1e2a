import Dispatch
import GRDB
import Synchronization

/// Group commit: write transactions that arrive while one is being committed are run
/// together in the next SQLite transaction, so that they share one fsync.
///
/// With `synchronous = FULL` each commit waits for the disk (0.5–4 ms here), and writers
/// are serialised anyway; committing N callers' writes at once turns N fsyncs into one
/// without weakening anything a caller sees: each caller still resumes only after the
/// transaction holding its writes is durable, and each caller's writes run in a savepoint
/// of their own, so one that throws is rolled back alone while the others commit.
///
/// No write waits for company: a write that arrives while nothing is being committed
/// starts a transaction at once. Batches form only from the writes that queued behind a
/// commit in progress, so an idle store keeps its single-write latency.
///
/// Batches are committed from a serial dispatch queue of their own, with GRDB's
/// synchronous write: the transaction (and its fsync) runs on that queue's thread, never
/// blocking Swift's cooperative pool (two threads on a 2-core machine), and no task sits
/// between the callers and the writer.
final class GroupCommit: Sendable {
    /// One caller's write: runs its body, then learns whether its transaction committed.
    private struct Job: Sendable {
        let durable: Bool
        /// Runs the caller's body in the open transaction; returns false when the body threw
        /// (its changes are rolled back then).
        let run: @Sendable (Database, _ alone: Bool) -> Bool
        /// Resumes the caller: with the body's error, the commit's, or success.
        let finish: @Sendable ((any Error)?) -> Void
    }

    private struct Queue {
        var jobs: [Job] = []
        var committing = false
    }

    private let pool: DatabasePool
    private let queue = Mutex(Queue())
    private let committer = DispatchQueue(label: "stepwise.sqlite.group-commit")
    /// The most writes one transaction takes, so that one commit's latency stays bounded.
    private let maximumBatch: Int

    init(pool: DatabasePool, maximumBatch: Int = 512) {
        self.pool = pool
        self.maximumBatch = maximumBatch
    }

    /// Writes queued behind the commit in progress.
    var waiting: Int { queue.withLock { $0.jobs.count } }

    /// Runs `body` in a write transaction shared with the writes queued with it; returns
    /// once that transaction committed. A thrown error rolls back `body`'s writes only.
    ///
    /// `durable: false` is for writes whose loss at a power cut is harmless (a claim with a
    /// lease: lost, the work is simply claimable again). A transaction made only of those
    /// commits without an fsync (`synchronous = NORMAL`); the next durable commit's fsync
    /// covers its pages anyway, since the log is written in order.
    func write<T: Sendable>(durable: Bool = true, _ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        // As GRDB's own async writes do, a cancelled caller's write does not run (a
        // stopping engine must not record what it was doing when it was stopped).
        try Task.checkCancellation()
        let pending = PendingWrite<T>()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                enqueue(Job(
                    durable: durable,
                    run: { db, alone in pending.run(body, in: db, alone: alone) },
                    finish: { commitError in continuation.resume(with: pending.outcome(commitError)) }))
            }
        } onCancel: {
            pending.cancel()
        }
    }

    private func enqueue(_ job: Job) {
        let leads = queue.withLock { queue in
            queue.jobs.append(job)
            if queue.committing { return false }
            queue.committing = true
            return true
        }
        if leads { committer.async { self.drain() } }
    }

    /// Commits batches until no write is waiting.
    private func drain() {
        while true {
            let batch: [Job] = queue.withLock { queue in
                let taken = Array(queue.jobs.prefix(maximumBatch))
                queue.jobs.removeFirst(taken.count)
                if taken.isEmpty { queue.committing = false }
                return taken
            }
            if batch.isEmpty { return }
            commit(batch)
        }
    }

    private func commit(_ batch: [Job]) {
        let alone = batch.count == 1
        let durable = batch.contains { $0.durable }
        do {
            try pool.writeWithoutTransaction { db in
                if !durable { try db.execute(sql: "PRAGMA synchronous = NORMAL") }
                defer { if !durable { try? db.execute(sql: "PRAGMA synchronous = FULL") } }
                try db.inTransaction(.immediate) {
                    var succeeded = true
                    for job in batch { succeeded = job.run(db, alone) && succeeded }
                    // A lone write that threw rolls back the transaction it had to itself.
                    return alone && !succeeded ? .rollback : .commit
                }
            }
            // Each caller gets its own body's value or error.
            for job in batch { job.finish(nil) }
        } catch {
            // Nothing of the batch is durable: every caller learns why.
            for job in batch { job.finish(error) }
        }
    }
}

/// One caller's write while it waits in a batch: whether it was cancelled, and what its
/// body returned.
private final class PendingWrite<T: Sendable>: Sendable {
    private let result = Mutex<Result<T, any Error>?>(nil)
    private let cancelled = Mutex(false)

    func cancel() { cancelled.withLock { $0 = true } }

    /// Runs the body, in a savepoint unless it is its transaction's only write (the
    /// transaction is its rollback then). Returns false when it threw.
    func run(_ body: (Database) throws -> T, in db: Database, alone: Bool) -> Bool {
        do {
            if cancelled.withLock({ $0 }) { throw CancellationError() }
            if alone {
                let value = try body(db)
                result.withLock { $0 = .success(value) }
            } else {
                try db.inSavepoint {
                    let value = try body(db)
                    result.withLock { $0 = .success(value) }
                    return .commit
                }
            }
            return true
        } catch {
            result.withLock { $0 = .failure(error) }
            return false
        }
    }

    /// The caller's answer once its transaction ended: the commit's error, else its body's.
    func outcome(_ commitError: (any Error)?) -> Result<T, any Error> {
        if let commitError { return .failure(commitError) }
        return result.withLock { $0 } ?? .failure(CancellationError())
    }
}
