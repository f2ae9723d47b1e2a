import Foundation
import StepwiseStore
@testable import StepwiseStoreSQLite
import Testing

/// Stack records ("v6: stacks"): written whole, read back exactly, replaced, listed, deleted.
@Suite struct SQLiteStackStoreTests {
    static func stack(_ name: String, status: String = "CREATE_COMPLETE") -> StackRecord {
        StackRecord(
            name: name, stackId: "arn:aws:cloudformation:us-east-1:123456789012:stack/\(name)/id", status: status,
            description: "a stack", templateBody: "Resources: {}", templateDirectory: "/tmp/\(name)",
            parameters: ["Env": "dev"],
            resources: [StackResourceRecord(logicalId: "Queue", type: "AWS::SQS::Queue", physicalId: "http://x/1/q",
                                            arn: "arn:aws:sqs:us-east-1:123456789012:q", status: "CREATE_COMPLETE")],
            outputs: [StackOutputRecord(key: "Url", value: "http://x/1/q")],
            skipped: [StackSkippedResource(logicalId: "Role", type: "AWS::IAM::Role", reason: "IAM is not enforced locally")],
            warnings: ["warning: somewhere: something"],
            createdAt: Date(timeIntervalSinceReferenceDate: 123.456_789), updatedAt: Date(timeIntervalSinceReferenceDate: 789.5))
    }

    @Test("the v6 migration is applied and a stack reads back exactly as written")
    func roundTrip() async throws {
        let store = try SQLiteStore.temporary()
        defer { try? store.removeFiles() }
        let applied = try await store.pool.read { db in try SQLiteStore.migrator.appliedIdentifiers(db) }
        #expect(applied.contains("v6: stacks"))
        let record = Self.stack("orders")
        try await store.putStack(record)
        #expect(try await store.stack(named: "orders") == record)
        #expect(try await store.stack(named: "other") == nil)
    }

    @Test("putting a stack again replaces it; listing is by name; deleting reports whether it existed")
    func replaceListDelete() async throws {
        let store = try SQLiteStore.temporary()
        defer { try? store.removeFiles() }
        try await store.putStack(Self.stack("zeta"))
        try await store.putStack(Self.stack("alpha"))
        var updated = Self.stack("alpha", status: "UPDATE_FAILED")
        updated.resources = []
        try await store.putStack(updated)
        #expect(try await store.listStacks().map(\.name) == ["alpha", "zeta"])
        #expect(try await store.stack(named: "alpha") == updated)
        #expect(try await store.deleteStack(named: "alpha"))
        #expect(try await store.deleteStack(named: "alpha") == false)
        #expect(try await store.listStacks().map(\.name) == ["zeta"])
    }
}
