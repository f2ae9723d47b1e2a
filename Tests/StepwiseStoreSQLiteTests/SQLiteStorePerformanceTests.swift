import Foundation
import GRDB
import StepwiseStore
@testable import StepwiseStoreSQLite
import Synchronization
import Testing

/// Every statement the store runs is an index lookup or range, and group commits are fast.
@Suite struct SQLiteStorePerformanceTests {
    @Test("no statement of any operation scans a table or sorts")
    func queryPlans() async throws {
        let seen = Mutex<Set<String>>([])
        let store = try Fixture.observedStore { sql in seen.withLock { _ = $0.insert(sql) } }
        defer { try? store.removeFiles() }
        try await exerciseEveryOperation(store)

        let statements = seen.withLock { $0 }.filter { sql in
            ["SELECT", "INSERT", "UPDATE", "DELETE"].contains { sql.uppercased().hasPrefix($0) }
                && !sql.contains("sqlite_master") && !sql.contains("grdb_migrations") && !sql.hasPrefix("SELECT * FROM ")
        }
        #expect(statements.count > 40)
        for sql in statements {
            let plan = try await store.pool.read { db in
                let statement = try db.makeStatement(sql: "EXPLAIN QUERY PLAN " + sql)
                statement.setUncheckedArguments([])
                return try Row.fetchAll(statement).map { $0["detail"] as String }
            }
            let scans = plan.filter { detail in
                let words = detail.split(separator: " ")
                // "SCAN t" alone reads the whole table; "SCAN t USING … INDEX" walks an index in order.
                return (words.first == "SCAN" && words.count == 2) || detail.contains("TEMP B-TREE")
            }
            #expect(scans.isEmpty, "\(sql)\n\(plan.joined(separator: "\n"))")
        }
    }

    @Test("a commit of 1000 steps is one transaction (prints steps per second)")
    func batchCommitThroughput() async throws {
        let store = try SQLiteStore.temporary()
        defer { try? store.removeFiles() }
        let count = 1000
        for index in 0..<count {
            #expect(try await store.insertExecution(Fixture.execution("e\(index)")) == .created)
        }
        let claimed = try await store.claimRunnable(node: "n", limit: count, now: Fixture.at(0), leaseUntil: Fixture.at(60))
        #expect(claimed.count == count)
        // A typical step: two events, a snapshot, a timer and a dispatch.
        let steps = (0..<count).map { index in
            let arn = Fixture.execution("e\(index)").arn
            return ExecutionStep(
                executionArn: arn, events: [Fixture.event(1), Fixture.event(2)], snapshot: String(repeating: "s", count: 300),
                timers: [TimerRecord(executionArn: arn, ticket: 1, kind: .interpreter, dueAt: Fixture.at(30), payload: "wake")],
                dispatches: [DispatchRecord(executionArn: arn, ticket: 2, payload: #"{"FunctionName":"f"}"#)])
        }
        let started = ContinuousClock.now
        try await store.commit(steps, node: "n")
        let elapsed = ContinuousClock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        print(String(format: "SQLite group commit: %d steps in %.1f ms, %.0f steps/s", count, seconds * 1000,
                     Double(count) / seconds))
        #expect(try await store.history(executionArn: Fixture.execution("e999").arn, after: nil, limit: 5, reverse: false).count == 2)
        #expect(try await store.claimDispatches(node: "n", limit: 2000, now: Fixture.at(0), leaseUntil: Fixture.at(9)).count == count)
    }

    /// Calls every method of the store at least once, through every branch of its SQL.
    private func exerciseEveryOperation(_ store: SQLiteStore) async throws {
        let machine = Fixture.stateMachine()
        try await store.createStateMachine(machine)
        _ = try await store.stateMachine(arn: machine.arn)
        try await store.updateStateMachine(machine)
        let machines = try await store.listStateMachines(limit: 1, cursor: nil)
        _ = try await store.listStateMachines(limit: 1, cursor: machines.nextCursor)
        let activity = ActivityRecord(arn: "arn:aws:states:us-east-1:123456789012:activity:a", name: "a", createdAt: Fixture.at(0))
        _ = try await store.createActivity(activity)
        _ = try await store.createActivity(activity)
        _ = try await store.activity(arn: activity.arn)
        _ = try await store.listActivities(limit: 1, cursor: nil)
        try await store.setTags(resourceArn: machine.arn, ["a": "1"])
        _ = try await store.tags(resourceArn: machine.arn)
        try await store.removeTags(resourceArn: machine.arn, keys: ["a"])

        let executions = (0..<3).map { Fixture.execution("e\($0)") }
        for execution in executions { _ = try await store.insertExecution(execution) }
        _ = try await store.insertExecution(executions[0])
        _ = try await store.execution(arn: executions[0].arn)
        for status in [nil, ExecutionStatus.running] {
            let page = try await store.listExecutions(stateMachineArn: machine.arn, status: status, limit: 1, cursor: nil)
            _ = try await store.listExecutions(stateMachineArn: machine.arn, status: status, limit: 1, cursor: page.nextCursor)
        }
        let claimed = try await store.claimRunnable(node: "n", limit: 10, now: Fixture.at(0), leaseUntil: Fixture.at(60))
        let arn = executions[0].arn
        try await store.commit([ExecutionStep(
            executionArn: arn, consumedThrough: 0, events: [Fixture.event(1), Fixture.event(2)], snapshot: "s",
            openTokens: [Fixture.token("t1", of: executions[0], ticket: 1, activity: activity.arn),
                         Fixture.token("t2", of: executions[0], ticket: 2), Fixture.token("t3", of: executions[0], ticket: 3)],
            closeTickets: [3],
            timers: [TimerRecord(executionArn: arn, ticket: 2, kind: .heartbeat, dueAt: Fixture.at(10), payload: "h", tokenID: "t2"),
                     TimerRecord(executionArn: arn, ticket: 4, kind: .interpreter, dueAt: Fixture.at(5), payload: "w"),
                     TimerRecord(executionArn: executions[1].arn, ticket: 1, kind: .interpreter, dueAt: Fixture.at(5), payload: "w")],
            cancelTimerTickets: [7],
            dispatches: [DispatchRecord(executionArn: arn, ticket: 5, payload: "d")])], node: "n")
        #expect(claimed.count == 3)
        _ = try await store.history(executionArn: arn, after: 1, limit: 5, reverse: false)
        _ = try await store.history(executionArn: arn, after: nil, limit: 5, reverse: true)
        _ = try await store.token(id: "t1")
        _ = try await store.takeActivityTask(activityArn: activity.arn, worker: "w", now: Fixture.at(1))
        _ = try await store.heartbeat(tokenID: "t2", now: Fixture.at(1))
        _ = try await store.completeToken(tokenID: "t1", payload: "ok", now: Fixture.at(2))
        _ = try await store.deliver(executionArn: arn, payload: "x", now: Fixture.at(2))
        _ = try await store.nextTimerDue()
        _ = try await store.fireDueTimers(now: Fixture.at(20), limit: 10)
        let dispatches = try await store.claimDispatches(node: "n", limit: 10, now: Fixture.at(0), leaseUntil: Fixture.at(1))
        _ = try await store.claimDispatches(node: "m", limit: 10, now: Fixture.at(2), leaseUntil: Fixture.at(3))
        for dispatch in dispatches { try await store.finishDispatch(id: dispatch.id) }
        try await store.commit([ExecutionStep(executionArn: executions[2].arn,
                                              ending: .init(status: .succeeded, output: "{}", stopDate: Fixture.at(3)))], node: "n")
        _ = try await store.deleteActivity(arn: activity.arn)
        _ = try await store.deleteStateMachine(arn: machine.arn)
    }
}
