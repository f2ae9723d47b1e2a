import Foundation
import GRDB
import StepwiseStore
@testable import StepwiseStoreSQLite
import Synchronization
import Testing

/// Group commit: writes queued behind a commit share the next transaction, yet each
/// caller sees only its own outcome and a failing write is rolled back alone.
@Suite struct GroupCommitTests {
    struct Refused: Error, Equatable { let value: Int }

    final class Counter: Sendable {
        let count = Mutex(0)
        func withLock(_ body: (inout Int) -> Int) -> Int { count.withLock { body(&$0) } }
    }

    /// A store whose COMMITs are counted, with a table `t` made by `schema`.
    static func store(_ schema: String) async throws -> (SQLiteStore, Counter) {
        let commits = Counter()
        let store = try Fixture.observedStore { sql in
            if sql.hasPrefix("COMMIT") { _ = commits.withLock { $0 += 1; return $0 } }
        }
        try await store.writing { db in try db.execute(sql: schema) }
        return (store, commits)
    }

    @Test("writes that queue behind a commit share one transaction; a failing one is rolled back alone")
    func batches() async throws {
        let (store, commits) = try await Self.store("CREATE TABLE t (x INTEGER)")
        defer { try? store.removeFiles() }
        let before = commits.withLock { $0 }

        // Hold the writer inside a first transaction until 40 writes have queued.
        let gate = DispatchSemaphore(value: 0)
        let entered = Mutex(false)
        let blocker = Task {
            try await store.writing { db in
                entered.withLock { $0 = true }
                gate.wait()
                try db.execute(sql: "INSERT INTO t VALUES (-1)")
            }
        }
        try await waitUntil { entered.withLock { $0 } }
        let outcomes = try await withThrowingTaskGroup(of: (Int, Bool).self) { group in
            for value in 0..<40 {
                group.addTask {
                    do {
                        let written: Int = try await store.groupCommit.write { db in
                            try db.execute(sql: "INSERT INTO t VALUES (?)", arguments: [value])
                            if value % 5 == 0 { throw Refused(value: value) }
                            return value
                        }
                        return (written, true)
                    } catch let refused as Refused {
                        return (refused.value, false)
                    }
                }
            }
            try await waitUntil { store.groupCommit.waiting == 40 }
            gate.signal()
            return try await group.reduce(into: [Int: Bool]()) { $0[$1.0] = $1.1 }
        }
        try await blocker.value
        let transactions = commits.withLock { $0 } - before

        #expect(outcomes.count == 40)
        #expect(outcomes.filter { !$0.value }.keys.sorted() == Array(stride(from: 0, to: 40, by: 5)))
        let stored = try await store.reading { db in try Int.fetchAll(db, sql: "SELECT x FROM t ORDER BY x") }
        #expect(stored == [-1] + (0..<40).filter { $0 % 5 != 0 })
        // The blocker's transaction, then one for the 40 that queued behind it.
        #expect(transactions == 2)
    }

    @Test("a lone write that throws leaves nothing behind and its caller gets the error")
    func loneFailure() async throws {
        let (store, _) = try await Self.store("CREATE TABLE t (x INTEGER)")
        defer { try? store.removeFiles() }
        await #expect(throws: Refused(value: 1)) {
            try await store.groupCommit.write { db in
                try db.execute(sql: "INSERT INTO t VALUES (1)")
                throw Refused(value: 1)
            }
        }
        let count = try await store.reading { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM t") }
        #expect(count == 0)
    }

    @Test("a store error inside a batch reaches only its caller, as the store's error")
    func constraintInBatch() async throws {
        let (store, _) = try await Self.store("CREATE TABLE t (x INTEGER PRIMARY KEY)")
        defer { try? store.removeFiles() }
        let results = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<20 {
                group.addTask { (try? await store.writing { db in try db.execute(sql: "INSERT INTO t VALUES (7)") }) != nil }
            }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(results.filter { $0 }.count == 1)
        await #expect(throws: StoreError.self) {
            try await store.writing { db in try db.execute(sql: "INSERT INTO t VALUES (7)") }
        }
    }

    /// Polls a condition the test cannot await (a bound, not a sleep: it returns as soon as
    /// the condition holds).
    func waitUntil(_ condition: @Sendable () -> Bool) async throws {
        let deadline = Date().addingTimeInterval(10)
        while !condition() {
            guard Date() < deadline else { throw Refused(value: -99) }
            try await Task.sleep(for: .milliseconds(1))
        }
    }

    @Test("a transaction of claims only commits without an fsync; any other write keeps synchronous = FULL")
    func claimsSkipTheFsync() async throws {
        let statements = Mutex<[String]>([])
        let store = try Fixture.observedStore { sql in statements.withLock { $0.append(sql) } }
        defer { try? store.removeFiles() }
        let opened = statements.withLock { $0.count }  // opening sets its own pragmas
        #expect(try await store.insertExecution(Fixture.execution("e")) == .created)
        let afterInsert = statements.withLock { $0 }
        #expect(!afterInsert.dropFirst(opened).contains("PRAGMA synchronous = NORMAL"))
        #expect(try await store.claimRunnable(node: "n", limit: 1, now: Fixture.at(0), leaseUntil: Fixture.at(30)).count == 1)
        let claim = statements.withLock { Array($0.dropFirst(afterInsert.count)) }
        let relaxed = try #require(claim.firstIndex(of: "PRAGMA synchronous = NORMAL"))
        let commit = try #require(claim.firstIndex { $0.hasPrefix("COMMIT") })
        let restored = try #require(claim.lastIndex(of: "PRAGMA synchronous = FULL"))
        #expect(relaxed < commit && commit < restored)
        let durable = try await store.pool.writeWithoutTransaction { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") }
        #expect(durable == 2)  // FULL again for every later commit
    }
}
