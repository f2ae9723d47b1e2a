import Foundation
import StepwiseStore
import Testing

// State machines, activities and tags.
extension StoreConformance {
    public static func stateMachineLifecycle(_ makeStore: StoreFactory) async throws {
        let store = try await makeStore()
        let record = stateMachine("orders", createdAt: at(1.125))
        try await store.createStateMachine(record)
        #expect(try await store.stateMachine(arn: record.arn) == record)
        #expect(try await store.stateMachine(arn: record.arn + "-missing") == nil)

        var duplicate = record
        duplicate.definition = "{}"
        let error = await #expect(throws: StoreError.self) { try await store.createStateMachine(duplicate) }
        #expect(isAlreadyExists(error))
        #expect(try await store.stateMachine(arn: record.arn)?.definition == record.definition)

        var updated = record
        updated.definition = #"{"StartAt":"Q","States":{"Q":{"Type":"Succeed"}}}"#
        updated.description = nil
        updated.updatedAt = at(2.5)
        updated.revisionID = "r-2"
        updated.tracingConfiguration = #"{"enabled":true}"#
        try await store.updateStateMachine(updated)
        #expect(try await store.stateMachine(arn: record.arn) == updated)

        let missing = await #expect(throws: StoreError.self) {
            try await store.updateStateMachine(stateMachine("nobody"))
        }
        #expect(isNotFound(missing))

        #expect(try await store.deleteStateMachine(arn: record.arn))
        #expect(try await store.stateMachine(arn: record.arn) == nil)
        #expect(try await !store.deleteStateMachine(arn: record.arn))
        // The name is free again.
        try await store.createStateMachine(record)
        #expect(try await store.stateMachine(arn: record.arn) == record)
    }

    public static func stateMachineListing(_ makeStore: StoreFactory) async throws {
        let store = try await makeStore()
        let empty = try await store.listStateMachines(limit: 10, cursor: nil)
        #expect(empty.items.isEmpty)
        #expect(empty.nextCursor == nil)

        // Creation order, not name or date order.
        let names = ["m3", "m1", "m5", "m2", "m4"]
        for (index, name) in names.enumerated() {
            try await store.createStateMachine(stateMachine(name, createdAt: at(Double(10 - index))))
        }
        var seen: [String] = []
        var cursor: String?
        var pages = 0
        repeat {
            let page = try await store.listStateMachines(limit: 2, cursor: cursor)
            #expect(page.items.count <= 2)
            seen += page.items.map(\.name)
            cursor = page.nextCursor
            pages += 1
        } while cursor != nil && pages < 10
        #expect(seen == names)
        #expect(pages == 3)

        let all = try await store.listStateMachines(limit: 5, cursor: nil)
        #expect(all.items.map(\.name) == names)
        #expect(all.nextCursor == nil)
        #expect(all.items.first == stateMachine("m3", createdAt: at(10)))

        for garbage in ["garbage", "", "!!!", "bm90IGEgY3Vyc29y"] {
            let error = await #expect(throws: StoreError.self) {
                _ = try await store.listStateMachines(limit: 2, cursor: garbage)
            }
            #expect(error == .invalidCursor)
        }
    }

    public static func activities(_ makeStore: StoreFactory) async throws {
        let store = try await makeStore()
        let first = ActivityRecord(arn: "\(region):activity:review", name: "review", createdAt: at(1))
        #expect(try await store.createActivity(first) == first)
        // CreateActivity is idempotent: the existing activity comes back unchanged.
        let again = ActivityRecord(arn: first.arn, name: "review", createdAt: at(9))
        #expect(try await store.createActivity(again) == first)
        #expect(try await store.activity(arn: first.arn) == first)
        #expect(try await store.activity(arn: first.arn + "-missing") == nil)

        let names = ["review", "approve", "ship", "bill"]
        for name in names.dropFirst() {
            _ = try await store.createActivity(ActivityRecord(arn: "\(region):activity:\(name)", name: name, createdAt: at(2)))
        }
        let firstPage = try await store.listActivities(limit: 3, cursor: nil)
        #expect(firstPage.items.map(\.name) == Array(names.prefix(3)))
        let cursor = try #require(firstPage.nextCursor)
        let secondPage = try await store.listActivities(limit: 3, cursor: cursor)
        #expect(secondPage.items.map(\.name) == ["bill"])
        #expect(secondPage.nextCursor == nil)
        let error = await #expect(throws: StoreError.self) { _ = try await store.listActivities(limit: 3, cursor: "%%") }
        #expect(error == .invalidCursor)

        #expect(try await store.deleteActivity(arn: first.arn))
        #expect(try await store.activity(arn: first.arn) == nil)
        #expect(try await !store.deleteActivity(arn: first.arn))
        #expect(try await store.listActivities(limit: 10, cursor: nil).items.map(\.name) == ["approve", "ship", "bill"])
    }

    public static func tags(_ makeStore: StoreFactory) async throws {
        let store = try await makeStore()
        let arn = "\(region):stateMachine:tagged"
        #expect(try await store.tags(resourceArn: arn).isEmpty)
        try await store.setTags(resourceArn: arn, ["team": "core", "env": "dev"])
        #expect(try await store.tags(resourceArn: arn) == ["team": "core", "env": "dev"])
        // TagResource adds and overwrites; it does not remove the others.
        try await store.setTags(resourceArn: arn, ["env": "prod", "cost": "42"])
        #expect(try await store.tags(resourceArn: arn) == ["team": "core", "env": "prod", "cost": "42"])
        try await store.removeTags(resourceArn: arn, keys: ["team", "absent"])
        #expect(try await store.tags(resourceArn: arn) == ["env": "prod", "cost": "42"])
        // Tags belong to one resource.
        #expect(try await store.tags(resourceArn: arn + "-other").isEmpty)
        try await store.removeTags(resourceArn: arn, keys: ["env", "cost"])
        #expect(try await store.tags(resourceArn: arn).isEmpty)
    }
}
