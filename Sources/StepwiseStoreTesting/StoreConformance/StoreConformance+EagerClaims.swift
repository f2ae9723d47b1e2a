import Foundation
import StepwiseStore
import Testing

// Claims taken by the write that makes an execution runnable (the engine's eager steps).
extension StoreConformance {
    public static func eagerClaims(_ makeStore: StoreFactory) async throws {
        let store = try await makeStore()
        let record = execution("eager")
        let first = ExecutionStep(executionArn: record.arn, events: [event(1, "ExecutionStarted")],
                                  snapshot: "waiting", openTokens: [token("t", of: record, ticket: 2)])
        #expect(try await store.insertExecution(record, firstStep: first, node: "api") == .created)
        // Written with its first step: nothing for a worker.
        #expect(try await claimAll(store, node: "worker", now: at(1)).isEmpty)
        #expect(try await store.history(executionArn: record.arn, after: nil, limit: 10, reverse: false).map(\.type) == ["ExecutionStarted"])
        // A taken name writes neither the execution nor the step.
        let duplicate = ExecutionStep(executionArn: record.arn, events: [event(1, "ExecutionStarted"), event(2)], snapshot: "other")
        #expect(try await store.insertExecution(execution("eager", input: #"{"n":2}"#), firstStep: duplicate, node: "api") == .exists(record))
        #expect(try await store.history(executionArn: record.arn, after: nil, limit: 10, reverse: false).count == 1)

        let (completion, claimed) = try await store.completeToken(
            tokenID: "t", now: at(3), claimingFor: Lease(node: "api", until: at(40))) { ticket in "done-\(ticket)" }
        #expect(completion == .completed(executionArn: record.arn))
        let work = try #require(claimed)
        #expect(work.execution == record)
        #expect(work.snapshot == "waiting")
        #expect(work.inbox.map(\.payload) == ["done-2"])
        #expect(try await claimAll(store, node: "worker", now: at(4)).isEmpty)
        #expect(try await store.commit([ExecutionStep(executionArn: record.arn, consumedThrough: work.inbox.last?.id,
                                                      snapshot: "after")], node: "api") == 0)
        #expect(try await claimAll(store, node: "worker", now: at(5)).isEmpty)

        // Completed again, or unknown: nothing is claimed.
        let again = try await store.completeToken(tokenID: "t", now: at(6), claimingFor: Lease(node: "api", until: at(50))) { _ in "x" }
        #expect(again.0 == .closed)
        #expect(again.1 == nil)
        let unknown = try await store.completeToken(tokenID: "nope", now: at(6), claimingFor: Lease(node: "api", until: at(50))) { _ in "x" }
        #expect(unknown.0 == .unknown)
        #expect(unknown.1 == nil)

        // Without a first step the insert leaves the execution to the workers.
        let plain = execution("plain")
        #expect(try await store.insertExecution(plain, firstStep: nil, node: "api") == .created)
        #expect(try await claimAll(store, node: "worker", now: at(7))["plain"] != nil)
    }

    public static func eagerClaimOfHeldExecution(_ makeStore: StoreFactory) async throws {
        let store = try await makeStore()
        let record = try await waiting(store, "held", tokens: { execution in
            (1...3).map { token(["a", "b", "c"][$0 - 1], of: execution, ticket: $0) }
        })
        // Token a's completion claims the execution; token b's arrives while that step runs.
        let first = try await store.completeToken(tokenID: "a", now: at(1), claimingFor: Lease(node: "api", until: at(31))) { _ in "a-done" }
        let work = try #require(first.1)
        let second = try await store.completeToken(tokenID: "b", now: at(2), claimingFor: Lease(node: "api-2", until: at(32))) { _ in "b-done" }
        #expect(second.0 == .completed(executionArn: record.arn))
        #expect(second.1 == nil)
        // The holder's step consumed a's entry only: the commit says the execution stays runnable.
        #expect(try await store.commit([ExecutionStep(executionArn: record.arn, consumedThrough: work.inbox.last?.id,
                                                      snapshot: "after-a")], node: "api") == 1)
        let next = try #require(try await claimAll(store, node: "worker", now: at(3))["held"])
        #expect(next.inbox.map(\.payload) == ["b-done"])
        #expect(next.snapshot == "after-a")
        // The worker's lease (until 63) expired without a commit (the worker died): the next
        // completion claims the execution, with everything still unconsumed.
        let late = try await store.completeToken(tokenID: "c", now: at(100), claimingFor: Lease(node: "api", until: at(130))) { _ in "c-done" }
        #expect(late.0 == .completed(executionArn: record.arn))
        #expect(late.1?.inbox.map(\.payload) == ["b-done", "c-done"])
    }

    public static func steppedCompletion(_ makeStore: StoreFactory) async throws {
        let store = try await makeStore()
        let record = try await waiting(store, "stepped", tokens: { execution in
            (1...3).map { token(["a", "b", "c"][$0 - 1], of: execution, ticket: $0) }
        }, timers: { [TimerRecord(executionArn: $0.arn, ticket: 1, kind: .taskTimeout, dueAt: at(100), payload: "timeout", tokenID: "a")] })
        #expect(try await store.tokenWork(tokenID: "nope", now: at(1)) == nil)
        #expect(try await store.deliver(executionArn: record.arn, payload: "early", now: at(1)))
        let work = try #require(try await store.tokenWork(tokenID: "a", now: at(1)))
        #expect(work.ticket == 1)
        #expect(work.unclaimed)
        #expect(work.execution.snapshot == "waiting")
        #expect(work.execution.inbox.map(\.payload) == ["early"])

        // Unchanged since it was read: token closed, its timer gone, the step written, the
        // inbox it saw consumed; nothing left for a worker.
        let step = ExecutionStep(executionArn: record.arn, consumedThrough: work.execution.inbox.last?.id,
                                 events: [event(2)], snapshot: "after-a")
        let lease = Lease(node: "api", until: at(31))
        let done = try await store.completeToken(tokenID: "a", now: at(2), step: step, stepCount: work.stepCount, node: "api",
                                                 claimingFor: lease) { _ in "a-done" }
        #expect(done == SteppedCompletion(completion: .completed(executionArn: record.arn), stepped: true))
        #expect(try await store.nextTimerDue() == nil)
        #expect(try await claimAll(store, node: "worker", now: at(3)).isEmpty)
        #expect(try await store.history(executionArn: record.arn, after: nil, limit: 10, reverse: false).map(\.eventID) == [1, 2])
        let again = try await store.completeToken(tokenID: "a", now: at(3), step: step, stepCount: work.stepCount + 1, node: "api",
                                                  claimingFor: lease) { _ in "x" }
        #expect(again == SteppedCompletion(completion: .closed))

        // Stepped in between (b's read is stale once a's step committed): b's step is
        // discarded, its entry queued, and the execution claimed for the caller instead.
        let staleWork = try #require(try await store.tokenWork(tokenID: "b", now: at(3)))
        let c = try #require(try await store.tokenWork(tokenID: "c", now: at(3)))
        #expect(try await store.completeToken(tokenID: "c", now: at(4), step: ExecutionStep(executionArn: record.arn, snapshot: "after-c"),
                                              stepCount: c.stepCount, node: "api", claimingFor: lease) { _ in "c-done" }.stepped)
        let stale = try await store.completeToken(
            tokenID: "b", now: at(5), step: ExecutionStep(executionArn: record.arn, events: [event(3)], snapshot: "stale"),
            stepCount: staleWork.stepCount, node: "api", claimingFor: lease) { _ in "b-done" }
        #expect(!stale.stepped)
        #expect(stale.completion == .completed(executionArn: record.arn))
        #expect(stale.claimed?.snapshot == "after-c")
        #expect(stale.claimed?.inbox.map(\.payload) == ["b-done"])
        #expect(try await store.history(executionArn: record.arn, after: nil, limit: 10, reverse: false).map(\.eventID) == [1, 2])
    }
}
