import Foundation
import StepwiseStore
import Testing

// Task tokens, heartbeats and activity tasks.
extension StoreConformance {
    /// An execution that stepped once and now waits on the given tokens and timers.
    static func waiting(_ store: any Store, _ name: String, tokens: (ExecutionRecord) -> [TokenRecord],
                        timers: (ExecutionRecord) -> [TimerRecord] = { _ in [] }) async throws -> ExecutionRecord {
        let record = try await start(store, name)
        _ = try await store.claimRunnable(node: "setup", limit: 100, now: at(0), leaseUntil: at(1))
        try await store.commit([ExecutionStep(executionArn: record.arn, events: [event(1, "ExecutionStarted")],
                                              snapshot: "waiting", openTokens: tokens(record), timers: timers(record))],
                               node: "setup")
        return record
    }

    public static func tokenCompletion(_ makeStore: StoreFactory) async throws {
        let store = try await makeStore()
        let record = try await waiting(store, "callback", tokens: { [token("t1", of: $0, ticket: 3, heartbeatSeconds: 30)] },
                                       timers: { execution in [
                                           TimerRecord(executionArn: execution.arn, ticket: 3, kind: .taskTimeout, dueAt: at(100),
                                                       payload: "timeout", tokenID: "t1"),
                                           TimerRecord(executionArn: execution.arn, ticket: 3, kind: .heartbeat, dueAt: at(30),
                                                       payload: "heartbeat", tokenID: "t1"),
                                           TimerRecord(executionArn: execution.arn, ticket: 1, kind: .interpreter, dueAt: at(500),
                                                       payload: "execution-timeout"),
                                       ] })
        #expect(try await store.token(id: "t1") == token("t1", of: record, ticket: 3, heartbeatSeconds: 30))
        #expect(try await store.token(id: "nope") == nil)
        #expect(try await store.completeToken(tokenID: "nope", payload: "x", now: at(1)) == .unknown)
        #expect(try await claimAll(store, now: at(1)).isEmpty)

        #expect(try await store.completeToken(tokenID: "t1", payload: "success", now: at(2)) == .completed(executionArn: record.arn))
        #expect(try await store.completeToken(tokenID: "t1", payload: "again", now: at(3)) == .closed)
        #expect(try await store.heartbeat(tokenID: "t1", now: at(3)) == .closed)
        let claimed = try #require(try await claimAll(store, now: at(4))["callback"])
        #expect(claimed.inbox.map(\.payload) == ["success"])
        // The task's timeout and heartbeat timers went with the token; the execution's own stays.
        #expect(try await store.nextTimerDue() == at(500))
    }

    public static func tokenCompletionRace(_ makeStore: StoreFactory) async throws {
        let store = try await makeStore()
        let record = try await waiting(store, "race", tokens: { [token("contended", of: $0, ticket: 1)] })
        let outcomes = try await withThrowingTaskGroup(of: TokenCompletion.self) { group in
            for attempt in 0..<40 {
                group.addTask { try await store.completeToken(tokenID: "contended", payload: "p\(attempt)", now: at(1)) }
            }
            var outcomes: [TokenCompletion] = []
            for try await outcome in group { outcomes.append(outcome) }
            return outcomes
        }
        #expect(outcomes.count { $0 == .completed(executionArn: record.arn) } == 1)
        #expect(outcomes.count { $0 == .closed } == 39)
        #expect(try await claimAll(store, now: at(2))["race"]?.inbox.count == 1)
    }

    public static func tokenClosing(_ makeStore: StoreFactory) async throws {
        let store = try await makeStore()
        let record = try await waiting(store, "closing", tokens: { [
            token("a", of: $0, ticket: 1), token("b", of: $0, ticket: 2, activity: "\(region):activity:work"),
        ] })
        #expect(try await store.openWork() == OpenWork(executions: 1, tokens: 2))
        // The interpreter stopped waiting on ticket 1 (a Parallel branch failed, say).
        try await store.commit([ExecutionStep(executionArn: record.arn, closeTickets: [1])], node: "n")
        #expect(try await store.openWork() == OpenWork(executions: 1, tokens: 1))
        #expect(try await store.completeToken(tokenID: "a", payload: "late", now: at(1)) == .closed)
        #expect(try await store.heartbeat(tokenID: "a", now: at(1)) == .closed)
        #expect(try await store.token(id: "a") != nil)

        // The execution ends: its other token counts as closed too, and no worker gets its task.
        try await store.commit([ExecutionStep(executionArn: record.arn,
                                              ending: .init(status: .aborted, stopDate: at(2)))], node: "n")
        #expect(try await store.completeToken(tokenID: "b", payload: "late", now: at(3)) == .closed)
        #expect(try await store.heartbeat(tokenID: "b", now: at(3)) == .closed)
        #expect(try await store.takeActivityTask(activityArn: "\(region):activity:work", worker: "w", now: at(3)) == nil)
        #expect(try await claimAll(store, now: at(3)).isEmpty)
        #expect(try await store.openWork() == OpenWork(executions: 0, tokens: 0))
    }

    public static func tokenHeartbeat(_ makeStore: StoreFactory) async throws {
        let store = try await makeStore()
        _ = try await waiting(store, "beating", tokens: { [
            token("hb", of: $0, ticket: 4, heartbeatSeconds: 20), token("plain", of: $0, ticket: 5),
        ] }, timers: { execution in [
            TimerRecord(executionArn: execution.arn, ticket: 4, kind: .heartbeat, dueAt: at(20), payload: "hb-timeout",
                        tokenID: "hb"),
            TimerRecord(executionArn: execution.arn, ticket: 4, kind: .taskTimeout, dueAt: at(300), payload: "timeout",
                        tokenID: "hb"),
        ] })
        #expect(try await store.heartbeat(tokenID: "missing", now: at(1)) == .unknown)
        #expect(try await store.heartbeat(tokenID: "hb", now: at(15)) == .recorded)
        #expect(try await store.nextTimerDue() == at(35))
        // Not due any more at 20.
        #expect(try await store.fireDueTimers(now: at(20), limit: 10) == 0)
        #expect(try await store.heartbeat(tokenID: "hb", now: at(30)) == .recorded)
        #expect(try await store.nextTimerDue() == at(50))
        // A token without HeartbeatSeconds accepts heartbeats and changes nothing.
        #expect(try await store.heartbeat(tokenID: "plain", now: at(31)) == .recorded)
        #expect(try await store.nextTimerDue() == at(50))

        // Missed heartbeat: the timer fires, closes the token and delivers the timeout.
        #expect(try await store.fireDueTimers(now: at(50), limit: 10) == 1)
        #expect(try await store.heartbeat(tokenID: "hb", now: at(51)) == .closed)
        #expect(try await store.completeToken(tokenID: "hb", payload: "too late", now: at(51)) == .closed)
        #expect(try await claimAll(store, now: at(52))["beating"]?.inbox.map(\.payload) == ["hb-timeout"])
    }

    public static func activityTasks(_ makeStore: StoreFactory) async throws {
        let store = try await makeStore()
        let review = "\(region):activity:review"
        let record = try await waiting(store, "tasks", tokens: { [
            token("late", of: $0, ticket: 1, activity: review, createdAt: at(5)),
            token("early", of: $0, ticket: 2, activity: review, createdAt: at(1)),
            token("callback", of: $0, ticket: 3, createdAt: at(0)),
            token("elsewhere", of: $0, ticket: 4, activity: review + "-other", createdAt: at(0)),
        ] })
        let first = try #require(try await store.takeActivityTask(activityArn: review, worker: "w1", now: at(6)))
        #expect(first == token("early", of: record, ticket: 2, activity: review, createdAt: at(1)))
        #expect(first.token == "signed-early")
        #expect(first.input == #"{"task":"early"}"#)
        let second = try await store.takeActivityTask(activityArn: review, worker: nil, now: at(7))
        #expect(second?.tokenID == "late")
        #expect(try await store.takeActivityTask(activityArn: review, worker: "w1", now: at(8)) == nil)
        #expect(try await store.takeActivityTask(activityArn: review + "-missing", worker: "w1", now: at(8)) == nil)

        // Taken tasks are still open: the worker completes one.
        #expect(try await store.completeToken(tokenID: "early", payload: "done", now: at(9)) == .completed(executionArn: record.arn))
        #expect(try await store.takeActivityTask(activityArn: review + "-other", worker: "w2", now: at(9))?.tokenID == "elsewhere")
    }

    public static func activityTaskRace(_ makeStore: StoreFactory) async throws {
        let store = try await makeStore()
        let queue = "\(region):activity:queue"
        let count = 30
        _ = try await waiting(store, "many", tokens: { execution in
            (0..<count).map { token("task-\($0)", of: execution, ticket: $0, activity: queue, createdAt: at(Double($0) / 8)) }
        })
        let taken = try await withThrowingTaskGroup(of: [String].self) { group in
            for worker in 0..<6 {
                group.addTask {
                    var mine: [String] = []
                    while let task = try await store.takeActivityTask(activityArn: queue, worker: "w\(worker)", now: at(10)) {
                        mine.append(task.tokenID)
                    }
                    return mine
                }
            }
            var all: [String] = []
            for try await mine in group { all += mine }
            return all
        }
        #expect(taken.count == count)
        #expect(Set(taken).count == count)
    }
}
