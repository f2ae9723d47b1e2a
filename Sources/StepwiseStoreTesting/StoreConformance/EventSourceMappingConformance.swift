import Foundation
import StepwiseStore
import Testing

/// The behaviour every ``EventSourceMappingStore`` must have, run from each backend's tests
/// like ``StoreConformance``.
public enum EventSourceMappingConformance {
    /// Makes a new, empty store.
    public typealias StoreFactory = @Sendable () async throws -> any EventSourceMappingStore

    public struct Behaviour: Sendable, CustomStringConvertible {
        public var name: String
        public var run: @Sendable (_ makeStore: StoreFactory) async throws -> Void

        public var description: String { name }
    }

    public static let behaviours: [Behaviour] = [
        Behaviour(name: "event source mappings: create, read, update, delete", run: lifecycle),
        Behaviour(name: "event source mappings: one per function and source", run: uniquePairs),
        Behaviour(name: "event source mappings: listed in creation order, filtered, with cursors", run: listing),
    ]

    static let function = "arn:aws:lambda:us-east-1:123456789012:function:"
    static let queue = "arn:aws:sqs:us-east-1:123456789012:"

    static func mapping(_ uuid: String, function name: String = "f", queue source: String = "q") -> EventSourceMappingRecord {
        EventSourceMappingRecord(uuid: uuid, functionArn: function + name, eventSourceArn: queue + source, batchSize: 25,
                                 maximumBatchingWindowInSeconds: 5, enabled: true, functionResponseTypes: ["ReportBatchItemFailures"],
                                 filterCriteria: #"{"Filters":[{"Pattern":"{\"body\":{\"k\":[\"v\"]}}"}]}"#,
                                 lastModified: StoreConformance.at(1))
    }

    public static func lifecycle(_ makeStore: StoreFactory) async throws {
        let store = try await makeStore()
        var record = mapping("u-1")
        try await store.createEventSourceMapping(record)
        #expect(try await store.eventSourceMapping(uuid: "u-1") == record)
        #expect(try await store.eventSourceMapping(uuid: "u-2") == nil)

        record.enabled = false
        record.batchSize = 1
        record.functionResponseTypes = []
        record.filterCriteria = nil
        record.lastModified = StoreConformance.at(2)
        try await store.updateEventSourceMapping(record)
        #expect(try await store.eventSourceMapping(uuid: "u-1") == record)
        await #expect(throws: StoreError.self) { try await store.updateEventSourceMapping(mapping("u-2")) }

        #expect(try await store.deleteEventSourceMapping(uuid: "u-1"))
        #expect(try await !store.deleteEventSourceMapping(uuid: "u-1"))
        #expect(try await store.eventSourceMapping(uuid: "u-1") == nil)
    }

    public static func uniquePairs(_ makeStore: StoreFactory) async throws {
        let store = try await makeStore()
        try await store.createEventSourceMapping(mapping("u-1"))
        await #expect(throws: StoreError.self) { try await store.createEventSourceMapping(mapping("u-1", queue: "other")) }
        await #expect(throws: StoreError.self) { try await store.createEventSourceMapping(mapping("u-2")) }
        try await store.createEventSourceMapping(mapping("u-3", queue: "other"))
        #expect(try await store.eventSourceMapping(uuid: "u-2") == nil)
    }

    public static func listing(_ makeStore: StoreFactory) async throws {
        let store = try await makeStore()
        let records = [mapping("u-c", function: "a", queue: "q1"), mapping("u-a", function: "b", queue: "q1"),
                       mapping("u-b", function: "a", queue: "q2")]
        for record in records { try await store.createEventSourceMapping(record) }

        var seen: [String] = []
        var cursor: String?
        repeat {
            let page = try await store.listEventSourceMappings(functionArn: nil, eventSourceArn: nil, limit: 2, cursor: cursor)
            #expect(page.items.count <= 2)
            seen += page.items.map(\.uuid)
            cursor = page.nextCursor
        } while cursor != nil
        #expect(seen == ["u-c", "u-a", "u-b"])

        let ofA = try await store.listEventSourceMappings(functionArn: function + "a", eventSourceArn: nil, limit: 10, cursor: nil)
        #expect(ofA.items.map(\.uuid) == ["u-c", "u-b"])
        let ofQ1 = try await store.listEventSourceMappings(functionArn: nil, eventSourceArn: queue + "q1", limit: 10, cursor: nil)
        #expect(ofQ1.items.map(\.uuid) == ["u-c", "u-a"])
        let pair = try await store.listEventSourceMappings(functionArn: function + "b", eventSourceArn: queue + "q1", limit: 10, cursor: nil)
        #expect(pair.items.map(\.uuid) == ["u-a"])
        await #expect(throws: StoreError.self) {
            _ = try await store.listEventSourceMappings(functionArn: nil, eventSourceArn: nil, limit: 10, cursor: "garbage")
        }
    }
}
