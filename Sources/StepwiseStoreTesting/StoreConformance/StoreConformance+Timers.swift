import Foundation
import StepwiseStore
import Testing

// Durable timers and dispatches.
extension StoreConformance {
    public static func timersFireInOrder(_ makeStore: StoreFactory) async throws {
        let store = try await makeStore()
        #expect(try await store.nextTimerDue() == nil)
        #expect(try await store.fireDueTimers(now: at(1000), limit: 10) == 0)
        let dues: [(ticket: Int, second: Double)] = [(1, 40), (2, 10), (3, 30), (4, 20), (5, 50), (6, 10.5)]
        let record = try await waiting(store, "sleeper", tokens: { _ in [] }, timers: { execution in
            dues.map { TimerRecord(executionArn: execution.arn, ticket: $0.ticket, kind: .interpreter, dueAt: at($0.second),
                                   payload: "wake-\($0.ticket)") }
        })
        #expect(try await store.nextTimerDue() == at(10))
        #expect(try await store.fireDueTimers(now: at(9.875), limit: 10) == 0)

        // Due at 35: four timers, but the limit lets three fire, the earliest ones.
        #expect(try await store.fireDueTimers(now: at(35), limit: 3) == 3)
        #expect(try await store.nextTimerDue() == at(30))
        #expect(try await store.fireDueTimers(now: at(35), limit: 3) == 1)
        #expect(try await store.nextTimerDue() == at(40))
        let claimed = try #require(try await claimAll(store, now: at(36))["sleeper"])
        #expect(claimed.inbox.map(\.payload) == ["wake-2", "wake-6", "wake-4", "wake-3"])
        try await store.commit([ExecutionStep(executionArn: record.arn, consumedThrough: claimed.inbox.last?.id)], node: "node-a")

        #expect(try await store.fireDueTimers(now: at(1000), limit: 10) == 2)
        #expect(try await store.nextTimerDue() == nil)
        #expect(try await claimAll(store, now: at(1000))["sleeper"]?.inbox.map(\.payload) == ["wake-1", "wake-5"])
    }

    public static func timerCancellation(_ makeStore: StoreFactory) async throws {
        let store = try await makeStore()
        let record = try await waiting(store, "timers", tokens: { [token("task", of: $0, ticket: 2)] }, timers: { execution in [
            TimerRecord(executionArn: execution.arn, ticket: 1, kind: .interpreter, dueAt: at(10), payload: "wait-1"),
            TimerRecord(executionArn: execution.arn, ticket: 2, kind: .taskTimeout, dueAt: at(20), payload: "timeout-2",
                        tokenID: "task"),
            TimerRecord(executionArn: execution.arn, ticket: 3, kind: .interpreter, dueAt: at(30), payload: "wait-3"),
        ] })
        // The Wait of ticket 1 is cancelled (its branch failed); ticket 3's is armed again,
        // later: the new one replaces the old.
        try await store.commit([ExecutionStep(executionArn: record.arn, timers: [
            TimerRecord(executionArn: record.arn, ticket: 3, kind: .interpreter, dueAt: at(35), payload: "wait-3-again"),
            TimerRecord(executionArn: record.arn, ticket: 4, kind: .interpreter, dueAt: at(40), payload: "wait-4"),
        ], cancelTimerTickets: [1])], node: "n")
        #expect(try await store.nextTimerDue() == at(20))

        // The task timeout fires: its token closes with it.
        #expect(try await store.fireDueTimers(now: at(25), limit: 10) == 1)
        #expect(try await store.completeToken(tokenID: "task", payload: "too late", now: at(26)) == .closed)
        #expect(try await store.nextTimerDue() == at(35))
        let claimed = try #require(try await claimAll(store, now: at(26))["timers"])
        #expect(claimed.inbox.map(\.payload) == ["timeout-2"])
        try await store.commit([ExecutionStep(executionArn: record.arn, consumedThrough: claimed.inbox.last?.id,
                                              ending: .init(status: .timedOut, error: "States.Timeout", stopDate: at(27)))],
                               node: "node-a")
        // The ended execution receives nothing more from its timers (wait-3-again, wait-4).
        _ = try await store.fireDueTimers(now: at(1000), limit: 10)
        #expect(try await claimAll(store, now: at(1000)).isEmpty)
        #expect(try await store.execution(arn: record.arn)?.status == .timedOut)
    }

    public static func dispatches(_ makeStore: StoreFactory) async throws {
        let store = try await makeStore()
        #expect(try await store.claimDispatches(node: "a", limit: 10, now: at(0), leaseUntil: at(30)).isEmpty)
        let record = try await start(store, "caller")
        try await store.commit([ExecutionStep(executionArn: record.arn, snapshot: "s", dispatches: [
            DispatchRecord(executionArn: record.arn, ticket: 1, payload: "lambda-1"),
            DispatchRecord(executionArn: record.arn, ticket: 2, payload: "sqs-2"),
            DispatchRecord(executionArn: record.arn, ticket: 3, payload: "sns-3"),
        ])], node: "n")

        let first = try await store.claimDispatches(node: "a", limit: 2, now: at(0), leaseUntil: at(30))
        #expect(first.map(\.payload) == ["lambda-1", "sqs-2"])
        #expect(first.allSatisfy { $0.executionArn == record.arn })
        #expect(first.map(\.ticket) == [1, 2])
        #expect(first[0].id < first[1].id)
        let second = try await store.claimDispatches(node: "b", limit: 10, now: at(10), leaseUntil: at(40))
        #expect(second.map(\.payload) == ["sns-3"])
        #expect(try await store.claimDispatches(node: "c", limit: 10, now: at(20), leaseUntil: at(50)).isEmpty)

        // Node a finishes one and dies; after its lease the other is claimed again (at least once).
        try await store.finishDispatch(id: first[0].id)
        let retaken = try await store.claimDispatches(node: "c", limit: 10, now: at(30), leaseUntil: at(60))
        #expect(retaken == [first[1]])
        for dispatch in second + retaken { try await store.finishDispatch(id: dispatch.id) }
        try await store.finishDispatch(id: first[0].id)
        #expect(try await store.claimDispatches(node: "c", limit: 10, now: at(1000), leaseUntil: at(2000)).isEmpty)
    }
}
