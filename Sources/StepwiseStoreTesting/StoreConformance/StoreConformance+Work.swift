import Foundation
import StepwiseStore
import Testing

// The engine's loop: claims, commits, deliveries.
extension StoreConformance {
    public static func claimLeases(_ makeStore: StoreFactory) async throws {
        let store = try await makeStore()
        for index in 0..<5 { try await start(store, "e\(index)") }

        let first = try await store.claimRunnable(node: "a", limit: 3, now: at(0), leaseUntil: at(30))
        #expect(first.count == 3)
        // A live lease keeps everyone out, its own node included.
        let second = try await store.claimRunnable(node: "b", limit: 10, now: at(10), leaseUntil: at(40))
        #expect(second.count == 2)
        #expect(Set(first.map(\.execution.arn)).isDisjoint(with: second.map(\.execution.arn)))
        #expect(try await store.claimRunnable(node: "a", limit: 10, now: at(29), leaseUntil: at(60)).isEmpty)

        // Node a died: at 30 its leases have expired and node c takes its executions.
        let third = try await store.claimRunnable(node: "c", limit: 10, now: at(30), leaseUntil: at(90))
        #expect(Set(third.map(\.execution.arn)) == Set(first.map(\.execution.arn)))
        #expect(try await store.claimRunnable(node: "a", limit: 0, now: at(1000), leaseUntil: at(2000)).isEmpty)
    }

    public static func concurrentClaims(_ makeStore: StoreFactory) async throws {
        let store = try await makeStore()
        let count = 60
        for index in 0..<count { try await start(store, "e\(index)") }
        let claims = try await withThrowingTaskGroup(of: [String].self) { group in
            for node in 0..<6 {
                group.addTask {
                    var mine: [String] = []
                    for _ in 0..<20 {
                        let batch = try await store.claimRunnable(node: "node-\(node)", limit: 3, now: at(0), leaseUntil: at(60))
                        mine += batch.map(\.execution.name)
                    }
                    return mine
                }
            }
            var all: [String] = []
            for try await mine in group { all += mine }
            return all
        }
        #expect(claims.count == count)
        #expect(Set(claims).count == count)
    }

    public static func commitConsumesInbox(_ makeStore: StoreFactory) async throws {
        let store = try await makeStore()
        let record = try await start(store, "inbox")
        var claimed = try #require(try await claimAll(store)["inbox"])
        #expect(claimed.inbox.isEmpty)
        try await store.commit([ExecutionStep(executionArn: record.arn, events: [event(1, "ExecutionStarted")],
                                              snapshot: "waiting")], node: "node-a")
        // Nothing left to feed: not runnable.
        #expect(try await claimAll(store, now: at(1)).isEmpty)

        #expect(try await store.deliver(executionArn: record.arn, payload: "p1", now: at(2)))
        #expect(try await store.deliver(executionArn: record.arn, payload: "p2", now: at(2)))
        claimed = try #require(try await claimAll(store, now: at(3))["inbox"])
        #expect(claimed.snapshot == "waiting")
        #expect(claimed.inbox.map(\.payload) == ["p1", "p2"])
        #expect(claimed.inbox[0].id < claimed.inbox[1].id)
        #expect(claimed.execution == record)

        // Delivered while claimed: the step consumed p1 only, so it stays runnable.
        #expect(try await store.deliver(executionArn: record.arn, payload: "p3", now: at(4)))
        try await store.commit([ExecutionStep(executionArn: record.arn, consumedThrough: claimed.inbox[0].id,
                                              events: [event(2)], snapshot: "after-p1")], node: "node-a")
        claimed = try #require(try await claimAll(store, node: "node-b", now: at(5))["inbox"])
        #expect(claimed.snapshot == "after-p1")
        #expect(claimed.inbox.map(\.payload) == ["p2", "p3"])

        // A step without a snapshot keeps the previous one.
        try await store.commit([ExecutionStep(executionArn: record.arn, consumedThrough: claimed.inbox[1].id)], node: "node-b")
        #expect(try await claimAll(store, now: at(6)).isEmpty)
        #expect(try await store.deliver(executionArn: record.arn, payload: "p4", now: at(7)))
        claimed = try #require(try await claimAll(store, now: at(8))["inbox"])
        #expect(claimed.snapshot == "after-p1")
        #expect(claimed.inbox.map(\.payload) == ["p4"])
        #expect(try await store.history(executionArn: record.arn, after: nil, limit: 10, reverse: false).map(\.eventID) == [1, 2])
    }

    public static func groupCommit(_ makeStore: StoreFactory) async throws {
        let store = try await makeStore()
        let count = 50
        for index in 0..<count { try await start(store, "e\(index)") }
        let claimed = try await claimAll(store)
        #expect(claimed.count == count)
        let steps = (0..<count).map { index in
            ExecutionStep(executionArn: execution("e\(index)").arn,
                          events: [event(1, "ExecutionStarted"), event(2)], snapshot: "s\(index)",
                          ending: index.isMultiple(of: 2) ? .init(status: .succeeded, output: "\(index)", stopDate: at(1)) : nil)
        }
        try await store.commit(steps, node: "node-a")
        for index in 0..<count {
            let arn = execution("e\(index)").arn
            let record = try #require(try await store.execution(arn: arn))
            #expect(record.status == (index.isMultiple(of: 2) ? .succeeded : .running))
            #expect(try await store.history(executionArn: arn, after: nil, limit: 10, reverse: false).count == 2)
        }
        // Claims were released: a delivery makes the running ones claimable at once by anyone.
        for index in 0..<count { try await store.deliver(executionArn: execution("e\(index)").arn, payload: "x", now: at(2)) }
        let again = try await claimAll(store, node: "node-b", now: at(2))
        #expect(again.count == count / 2)
        #expect(again.values.allSatisfy { $0.snapshot == "s\($0.execution.name.dropFirst())" })
    }

    public static func commitEnding(_ makeStore: StoreFactory) async throws {
        let store = try await makeStore()
        var record = try await start(store, "ending")
        _ = try await claimAll(store)
        #expect(try await store.deliver(executionArn: record.arn, payload: "unconsumed", now: at(1)))
        try await store.commit([ExecutionStep(
            executionArn: record.arn, events: [event(1, "ExecutionStarted"), event(2, "ExecutionFailed")],
            snapshot: "final",
            ending: .init(status: .failed, output: nil, error: "States.TaskFailed", cause: "it broke", stopDate: at(2)))],
            node: "node-a")
        record.status = .failed
        record.error = "States.TaskFailed"
        record.cause = "it broke"
        record.stopDate = at(2)
        #expect(try await store.execution(arn: record.arn) == record)
        // Ended: never runnable again, even with an unconsumed inbox entry, and deliveries are refused.
        #expect(try await claimAll(store, now: at(100)).isEmpty)
        #expect(try await !store.deliver(executionArn: record.arn, payload: "late", now: at(3)))
        #expect(try await claimAll(store, now: at(100)).isEmpty)
    }

    public static func staleCommit(_ makeStore: StoreFactory) async throws {
        let store = try await makeStore()
        let record = try await start(store, "contended")
        _ = try await store.claimRunnable(node: "slow", limit: 1, now: at(0), leaseUntil: at(10))
        // The slow node's lease expires; another node claims and steps the execution.
        let taken = try await store.claimRunnable(node: "fast", limit: 1, now: at(11), leaseUntil: at(20))
        #expect(taken.map(\.execution.arn) == [record.arn])
        // The slow node's step lands now: it must not, or the history would hold two event 1s.
        try await store.commit([ExecutionStep(executionArn: record.arn, events: [event(1, "Stale")], snapshot: "stale")],
                               node: "slow")
        try await store.commit([ExecutionStep(executionArn: record.arn, events: [event(1, "ExecutionStarted")],
                                              snapshot: "fresh")], node: "fast")
        let history = try await store.history(executionArn: record.arn, after: nil, limit: 10, reverse: false)
        #expect(history.map(\.type) == ["ExecutionStarted"])
        #expect(try await store.deliver(executionArn: record.arn, payload: "next", now: at(12)))
        #expect(try await claimAll(store, now: at(12))["contended"]?.snapshot == "fresh")
    }

    public static func deliver(_ makeStore: StoreFactory) async throws {
        let store = try await makeStore()
        #expect(try await !store.deliver(executionArn: "\(region):execution:machine:nobody", payload: "p", now: at(0)))
        let record = try await start(store, "target")
        try await store.commit([ExecutionStep(executionArn: record.arn, snapshot: "s")], node: "n")
        #expect(try await claimAll(store).isEmpty)
        #expect(try await store.deliver(executionArn: record.arn, payload: #"{"stop":true}"#, now: at(1)))
        #expect(try await claimAll(store, now: at(1))["target"]?.inbox.map(\.payload) == [#"{"stop":true}"#])
    }
}
