import Foundation
import GRDB
import StepwiseStore

/// The embedded ``Store``: one SQLite file in WAL mode, behind one GRDB `DatabasePool`.
///
/// Durability: the pool runs with `PRAGMA synchronous = FULL`, so every method that returns
/// has fsynced its transaction to the write-ahead log: a power loss after the return
/// loses nothing. Concurrent writes share transactions (``GroupCommit``: one fsync for
/// all the writes that queued behind a commit). Writers are serialized by the pool (and,
/// across processes sharing the file, by SQLite's lock with a busy timeout); readers run
/// concurrently on snapshots.
///
/// Beyond the protocol's wording, this store:
/// - when a step *ends* an execution, closes its open tokens, deletes its timers and its
///   unconsumed inbox (nothing can be fed to an ended execution);
/// - skips, in ``commit(_:node:)``, the step of an execution that is no longer RUNNING or
///   whose claim another node now holds (its lease expired and was taken: that node redoes
///   the step from the snapshot, so the stale one must not land);
/// - replaces a timer armed again with the same (execution, ticket, kind);
/// - closes a token's other timeout timers when one of them fires;
/// - deletes a state machine's or an activity's tags with it.
public final class SQLiteStore: Store {
    let pool: DatabasePool
    let groupCommit: GroupCommit
    /// The database file.
    public let path: String

    /// Opens (creating it if needed) the database at `path` and migrates it to the latest
    /// schema.
    public convenience init(path: String) throws {
        try self.init(path: path, observingStatements: nil)
    }

    /// `observingStatements` sees the SQL of every statement run, on every connection (the
    /// tests check their query plans).
    init(path: String, observingStatements observer: (@Sendable (String) -> Void)?) throws {
        var configuration = Configuration()
        // Another process writing the same file waits for its lock instead of failing.
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            // FULL: a commit that answers an API call survives a power loss (WAL + NORMAL
            // would only survive a crash of the process).
            try db.execute(sql: "PRAGMA synchronous = FULL")
            if let observer {
                db.trace(options: .statement) { event in
                    if case .statement(let statement) = event { observer(statement.sql) }
                }
            }
        }
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            // The pool turns its writer to NORMAL after `prepareDatabase` when it enables
            // WAL; only the writer's setting matters, and its connection lives as long as
            // the pool.
            try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
            try Self.migrator.migrate(pool)
        } catch {
            throw StoreError.wrapping(error)
        }
        groupCommit = GroupCommit(pool: pool)
        self.path = path
    }

    /// A store in a new file of a new temporary directory, for tests and `stepwise run`.
    /// Delete ``path``'s directory when done (see ``removeFiles()``).
    public static func temporary() throws -> SQLiteStore {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("stepwise-\(UUID().uuidString)", isDirectory: true)
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw StoreError.backend("cannot create \(directory.path): \(error)")
        }
        return try SQLiteStore(path: directory.appendingPathComponent("stepwise.sqlite").path)
    }

    /// Closes the pool; later calls fail with ``StoreError/backend(_:)``.
    public func close() throws {
        do { try pool.close() } catch { throw StoreError.wrapping(error) }
    }

    /// Closes the pool and deletes the directory of a ``temporary()`` store.
    public func removeFiles() throws {
        try close()
        try? FileManager.default.removeItem(at: URL(fileURLWithPath: path).deletingLastPathComponent())
    }

    /// The journal mode in force (`wal`).
    public func journalMode() async throws -> String {
        try await reading { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "" }
    }

    // MARK: Transactions

    /// One write, committed with the writes that queued alongside it (``GroupCommit``); a
    /// thrown error rolls back this write's changes only. Errors come out as ``StoreError``.
    /// `durable: false` for writes a power cut may lose harmlessly (see ``GroupCommit``).
    func writing<T: Sendable>(durable: Bool = true, _ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await groupCommit.write(durable: durable, body)
        } catch {
            throw StoreError.wrapping(error)
        }
    }

    /// One read transaction on a snapshot, on one of GRDB's reader queues.
    ///
    /// Not on the calling thread, though that saves two thread switches per read (about a
    /// fifth of the server's CPU at 100 callbacks/s): a read blocked on a busy database, or
    /// a pool already short of threads, would stall Swift's cooperative pool (2 threads
    /// here) — the full test suite saw a child process's replies starve.
    func reading<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await pool.read(body)
        } catch {
            throw StoreError.wrapping(error)
        }
    }

}

extension StoreError {
    /// The one place errors become the store's. Cancellation stays what it is.
    static func wrapping(_ error: any Error) -> any Error {
        switch error {
        case let error as StoreError: error
        case let error as DatabaseError: StoreError(error)
        case is CancellationError: error
        default: StoreError.backend("\(error)")
        }
    }

    init(_ error: DatabaseError) {
        switch error.extendedResultCode {
        case .SQLITE_CONSTRAINT_UNIQUE, .SQLITE_CONSTRAINT_PRIMARYKEY:
            self = .alreadyExists(error.message ?? "\(error)")
        default:
            self = .backend("\(error)")
        }
    }
}
