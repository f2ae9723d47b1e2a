import Foundation
import StepwiseStore
import Testing

extension StoreConformance {
    public static func definitionsAndSecrets(_ makeStore: StoreFactory) async throws {
        let store = try await makeStore()
        #expect(try await store.definition(id: "d1") == nil)
        try await store.saveDefinition(id: "d1", text: "{\"StartAt\":\"A\"}")
        try await store.saveDefinition(id: "d1", text: "{\"StartAt\":\"A\"}")  // idempotent
        #expect(try await store.definition(id: "d1") == "{\"StartAt\":\"A\"}")
        let first = try await store.secret(named: "key", proposed: Data([1, 2, 3]))
        let second = try await store.secret(named: "key", proposed: Data([9, 9, 9]))
        #expect(first == Data([1, 2, 3]))
        #expect(second == first)  // the first proposal decides
        var record = execution("with-definition")
        record.definitionID = "d1"
        #expect(try await store.insertExecution(record) == .created)
        #expect(try await store.execution(arn: record.arn)?.definitionID == "d1")
    }

    public static func deliveriesInCommit(_ makeStore: StoreFactory) async throws {
        let store = try await makeStore()
        try await start(store, "parent")
        try await start(store, "child")
        try await start(store, "ended-parent")
        _ = try await claimAll(store)
        try await store.commit([
            ExecutionStep(executionArn: execution("ended-parent").arn, ending: .init(status: .aborted, stopDate: at(1))),
            ExecutionStep(executionArn: execution("parent").arn, snapshot: "waiting"),
        ], node: "node-a")
        _ = try await claimAll(store, now: at(1))
        try await store.commit([
            ExecutionStep(executionArn: execution("child").arn, ending: .init(status: .succeeded, output: "{}", stopDate: at(2)),
                          deliveries: [InboxDelivery(executionArn: execution("parent").arn, payload: "child-done"),
                                       InboxDelivery(executionArn: execution("ended-parent").arn, payload: "lost")]),
        ], node: "node-a")
        let claimed = try await claimAll(store, node: "node-b", now: at(3))
        #expect(claimed.keys.sorted() == ["parent"])  // keyed by name
        #expect(claimed["parent"]?.inbox.map(\.payload) == ["child-done"])
    }
}
