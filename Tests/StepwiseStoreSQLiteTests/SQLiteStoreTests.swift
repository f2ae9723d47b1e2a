import Foundation
import GRDB
import StepwiseStore
@testable import StepwiseStoreSQLite
import Testing

/// What only the SQLite backend has: its file, its schema versions, its durability
/// settings, and sharing one file between several stores (processes).
@Suite struct SQLiteStoreTests {
    @Test("a new file runs in WAL mode with synchronous FULL")
    func walAndDurability() async throws {
        let store = try SQLiteStore.temporary()
        defer { try? store.removeFiles() }
        #expect(try await store.journalMode() == "wal")
        // 2 is FULL, on the writer and on readers alike.
        #expect(try await store.pool.write { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") } == 2)
        #expect(try await store.pool.read { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") } == 2)
        #expect(FileManager.default.fileExists(atPath: store.path))
    }

    @Test("migrations are recorded once and reopening does not run them again")
    func migrations() async throws {
        let store = try SQLiteStore.temporary()
        defer { try? store.removeFiles() }
        let applied = try await store.pool.read { db in try SQLiteStore.migrator.appliedIdentifiers(db) }
        // Each services area appends its own migration after v1 (GRDB reports them as a set).
        #expect(applied.contains("v1: state machines, executions, work, activities, tags"))
        #expect(applied.contains("v2: queues and topics"))
        #expect(applied.contains("v3: functions and logs"))
        #expect(applied.contains("v4: versions, aliases, redrive"))
        let tables = try await store.pool.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        }
        #expect(Set(tables).isSuperset(of: ["activity", "definition", "dispatch", "execution", "grdb_migrations", "historyEvent",
                                            "inbox", "secret", "stateMachine", "tag", "timer", "token", "queue", "queueMessage",
                                            "queueDeduplication", "topic", "subscription", "topicDelivery", "function", "logGroup",
                                            "logStream", "logEvent", "stateMachineVersion", "stateMachineAlias", "aliasRoute",
                                            "redriveRequest"]))
        #expect(try await store.pool.read { db in try SQLiteStore.migrator.hasCompletedMigrations(db) })
        try store.close()

        let reopened = try SQLiteStore(path: store.path)
        defer { try? reopened.close() }
        #expect(try await reopened.pool.read { db in try SQLiteStore.migrator.appliedIdentifiers(db) } == applied)
    }

    @Test("reopening a closed file keeps everything committed")
    func reopenKeepsData() async throws {
        let store = try SQLiteStore.temporary()
        defer { try? FileManager.default.removeItem(atPath: URL(fileURLWithPath: store.path).deletingLastPathComponent().path) }
        let machine = Fixture.stateMachine()
        try await store.createStateMachine(machine)
        let execution = Fixture.execution("kept")
        #expect(try await store.insertExecution(execution) == .created)
        try await store.commit([ExecutionStep(
            executionArn: execution.arn, events: [Fixture.event(1), Fixture.event(2)], snapshot: "snap",
            openTokens: [Fixture.token("tok", of: execution)],
            timers: [TimerRecord(executionArn: execution.arn, ticket: 9, kind: .interpreter, dueAt: Fixture.at(30), payload: "w")])],
            node: "n")
        try await store.setTags(resourceArn: machine.arn, ["k": "v"])
        try store.close()
        await #expect(throws: StoreError.self) { _ = try await store.stateMachine(arn: machine.arn) }

        let reopened = try SQLiteStore(path: store.path)
        defer { try? reopened.close() }
        #expect(try await reopened.stateMachine(arn: machine.arn) == machine)
        #expect(try await reopened.execution(arn: execution.arn) == execution)
        #expect(try await reopened.history(executionArn: execution.arn, after: nil, limit: 10, reverse: false).count == 2)
        #expect(try await reopened.token(id: "tok") == Fixture.token("tok", of: execution))
        #expect(try await reopened.nextTimerDue() == Fixture.at(30))
        #expect(try await reopened.tags(resourceArn: machine.arn) == ["k": "v"])
    }

    @Test("two stores on one file (two processes) complete a token once")
    func twoStoresOneFile() async throws {
        let first = try SQLiteStore.temporary()
        defer { try? first.removeFiles() }
        let second = try SQLiteStore(path: first.path)
        defer { try? second.close() }
        let execution = Fixture.execution("shared")
        #expect(try await first.insertExecution(execution) == .created)
        let tokens = (0..<20).map { Fixture.token("t\($0)", of: execution, ticket: $0) }
        try await first.commit([ExecutionStep(executionArn: execution.arn, openTokens: tokens)], node: "n")

        let outcomes = try await withThrowingTaskGroup(of: TokenCompletion.self) { group in
            for token in tokens {
                for store in [first, second] {
                    group.addTask { try await store.completeToken(tokenID: token.tokenID, payload: "p", now: Fixture.at(1)) }
                }
            }
            var outcomes: [TokenCompletion] = []
            for try await outcome in group { outcomes.append(outcome) }
            return outcomes
        }
        #expect(outcomes.count { $0 == .completed(executionArn: execution.arn) } == tokens.count)
        #expect(outcomes.count { $0 == .closed } == tokens.count)
        let claimed = try await second.claimRunnable(node: "n", limit: 1, now: Fixture.at(2), leaseUntil: Fixture.at(3))
        #expect(claimed.first?.inbox.count == tokens.count)
    }

    @Test("an ending deletes the execution's timers and unconsumed inbox")
    func endingCleansUp() async throws {
        let store = try SQLiteStore.temporary()
        defer { try? store.removeFiles() }
        let execution = Fixture.execution("ending")
        _ = try await store.insertExecution(execution)
        try await store.commit([ExecutionStep(executionArn: execution.arn, timers: [
            TimerRecord(executionArn: execution.arn, ticket: 1, kind: .interpreter, dueAt: Fixture.at(10), payload: "w"),
        ])], node: "n")
        #expect(try await store.deliver(executionArn: execution.arn, payload: "x", now: Fixture.at(1)))
        try await store.commit([ExecutionStep(executionArn: execution.arn,
                                              ending: .init(status: .aborted, stopDate: Fixture.at(2)))], node: "n")
        #expect(try await store.nextTimerDue() == nil)
        #expect(try await store.pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM inbox") } == 0)
    }

    @Test("deleting a state machine or an activity deletes its tags")
    func deletingDropsTags() async throws {
        let store = try SQLiteStore.temporary()
        defer { try? store.removeFiles() }
        let machine = Fixture.stateMachine()
        try await store.createStateMachine(machine)
        try await store.setTags(resourceArn: machine.arn, ["a": "1"])
        #expect(try await store.deleteStateMachine(arn: machine.arn))
        #expect(try await store.tags(resourceArn: machine.arn).isEmpty)
    }

    @Test("committing a step of an unknown execution fails and writes nothing of the batch")
    func commitUnknownExecution() async throws {
        let store = try SQLiteStore.temporary()
        defer { try? store.removeFiles() }
        let execution = Fixture.execution("real")
        _ = try await store.insertExecution(execution)
        let error = await #expect(throws: StoreError.self) {
            try await store.commit([
                ExecutionStep(executionArn: execution.arn, events: [Fixture.event(1)]),
                ExecutionStep(executionArn: execution.arn + "-ghost", events: [Fixture.event(1)]),
            ], node: "n")
        }
        #expect(error == .notFound(execution.arn + "-ghost"))
        #expect(try await store.history(executionArn: execution.arn, after: nil, limit: 10, reverse: false).isEmpty)
    }

    @Test("history events keep every column as written, and a repeated event id fails the commit whole")
    func historyColumns() async throws {
        let store = try SQLiteStore.temporary()
        defer { try? store.removeFiles() }
        let execution = Fixture.execution("history")
        _ = try await store.insertExecution(execution)
        let written = [
            Fixture.event(1),
            HistoryRecord(eventID: 2, previousEventID: 1, timestamp: Fixture.at(2.125), type: "ExecutionSucceeded",
                          detailsKey: "executionSucceededEventDetails", details: #"{"output":"{\"é\":\"✓ 𝄞\"}"}"#),
            HistoryRecord(eventID: 3, previousEventID: 2, timestamp: Fixture.at(3), type: "WaitStateExited",
                          detailsKey: nil, details: nil),
        ]
        try await store.commit([ExecutionStep(executionArn: execution.arn, events: written)], node: "n")
        #expect(try await store.history(executionArn: execution.arn, after: nil, limit: 10, reverse: false) == written)

        await #expect(throws: (any Error).self) {
            try await store.commit([ExecutionStep(executionArn: execution.arn, events: [Fixture.event(4), Fixture.event(2)])],
                                   node: "n")
        }
        #expect(try await store.history(executionArn: execution.arn, after: nil, limit: 10, reverse: false) == written)
    }

    @Test("a file that cannot be opened fails with a backend error")
    func unopenableFile() {
        #expect(throws: StoreError.self) { try SQLiteStore(path: "/nonexistent-directory/for/sure/stepwise.sqlite") }
    }
}

/// Small records for the SQLite-only tests.
enum Fixture {
    /// A store in a new temporary directory whose every statement `observer` sees (remove
    /// it with `removeFiles()`).
    static func observedStore(_ observer: @escaping @Sendable (String) -> Void) throws -> SQLiteStore {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("stepwise-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return try SQLiteStore(path: directory.appendingPathComponent("stepwise.sqlite").path, observingStatements: observer)
    }

    static func at(_ seconds: Double) -> Date { Date(timeIntervalSinceReferenceDate: 760_000_000 + seconds) }

    static func stateMachine() -> StateMachineRecord {
        StateMachineRecord(arn: "arn:aws:states:us-east-1:123456789012:stateMachine:m", name: "m", type: .standard,
                           definition: "{}", roleArn: "arn:aws:iam::123456789012:role/r", createdAt: at(0), updatedAt: at(0),
                           revisionID: "r1")
    }

    static func execution(_ name: String) -> ExecutionRecord {
        ExecutionRecord(arn: "arn:aws:states:us-east-1:123456789012:execution:m:\(name)",
                        stateMachineArn: "arn:aws:states:us-east-1:123456789012:stateMachine:m", name: name,
                        input: "{}", startDate: at(0))
    }

    static func event(_ id: Int) -> HistoryRecord {
        HistoryRecord(eventID: id, previousEventID: id - 1, timestamp: at(Double(id)), type: "PassStateEntered",
                      detailsKey: "stateEnteredEventDetails", details: #"{"name":"P","input":"{}"}"#)
    }

    static func token(_ id: String, of execution: ExecutionRecord, ticket: Int = 1, activity: String? = nil) -> TokenRecord {
        TokenRecord(tokenID: id, token: "signed-\(id)", executionArn: execution.arn, ticket: ticket, createdAt: at(0),
                    activityArn: activity, heartbeatSeconds: 10)
    }
}
