import Foundation
import StatesLanguage
import StepwiseStore
import Testing
@testable import StepwiseServices

/// Queue → function event source mappings: Lambda's API checks and the pollers, with a real
/// Python consumer process and the queues on a virtual clock.
@Suite struct EventSourceMappingTests {
    static let account = "arn:aws:sqs:us-east-1:123456789012:"

    @Test("a batch the function handles is deleted, and the event has Lambda's SQS shape; mappings read at start")
    func deleteOnSuccess() async throws {
        try await EventSourceFixture.with(polling: false) { f in
            try await f.createQueue("orders")
            try await f.createConsumer()
            // Created before the pollers run: they find it in the store, as after a restart.
            let mapping = try await f.mappings.createEventSourceMapping(EventSourceMappingRequest(
                functionName: "consumer", eventSourceArn: Self.account + "orders"))
            #expect(mapping.batchSize == 10)
            #expect(mapping.functionArn == "arn:aws:lambda:us-east-1:123456789012:function:consumer")
            try await f.send("orders", "one", "two")
            await withTaskGroup(of: Void.self) { group in
                group.addTask { await f.mappings.run() }
                try? await ServicesHarness.eventually("the batch to be deleted", seconds: 15) {
                    try await f.counts("orders") == QueueCounts(visible: 0, notVisible: 0, delayed: 0)
                }
                group.cancelAll()
            }
            let events = try f.events()
            let records = events.flatMap { $0["Records"]?.arrayValue ?? [] }
            #expect(records.compactMap { $0["body"]?.stringValue }.sorted() == ["one", "two"])
            let record = try #require(records.first)
            #expect(record.objectValue.map { Array($0.keys) } == [
                "messageId", "receiptHandle", "body", "attributes", "messageAttributes", "md5OfBody",
                "md5OfMessageAttributes", "eventSource", "eventSourceARN", "awsRegion",
            ])
            #expect(record["eventSource"] == "aws:sqs")
            #expect(record["eventSourceARN"] == .string(Self.account + "orders"))
            #expect(record["awsRegion"] == "us-east-1")
            #expect(record["attributes"]?["ApproximateReceiveCount"] == "1")
            #expect(record["attributes"]?["SenderId"] == "123456789012")
            #expect(record["attributes"]?["SentTimestamp"]?.stringValue.flatMap(Int.init) != nil)
            #expect(record["attributes"]?["ApproximateFirstReceiveTimestamp"] != nil)
            #expect(record["messageAttributes"] == ["kind": ["stringValue": "test", "stringListValues": [], "binaryListValues": [], "dataType": "String"]])
            #expect(record["md5OfBody"]?.stringValue?.count == 32)
        }
    }

    @Test("a consumer that throws: with maxReceiveCount 1 the message is in the dead-letter queue after one receive")
    func throwingConsumerRedrives() async throws {
        try await EventSourceFixture.with { f in
            try await f.createQueue("dlq")
            try await f.createQueue("work", ["RedrivePolicy": #"{"deadLetterTargetArn":"\#(Self.account)dlq","maxReceiveCount":"1"}"#])
            try await f.createConsumer()
            try await f.mappings.createEventSourceMapping(EventSourceMappingRequest(functionName: "consumer", eventSourceArn: Self.account + "work"))
            try await f.send("work", "fail")
            try await ServicesHarness.eventually("the consumer to fail once", seconds: 15) {
                try f.events().count == 1
            }
            #expect(try await f.counts("work").notVisible == 1)
            f.clock.advance(by: 31)
            try await ServicesHarness.eventually("the message to reach the dead-letter queue", seconds: 10) {
                try await f.counts("dlq").visible == 1
            }
            #expect(try await f.counts("work") == QueueCounts(visible: 0, notVisible: 0, delayed: 0))
            #expect(try f.events().count == 1)
        }
    }

    @Test("ReportBatchItemFailures: only the reported items stay in the queue")
    func partialBatchFailure() async throws {
        try await EventSourceFixture.with { f in
            try await f.createQueue("items")
            try await f.createConsumer()
            try await f.mappings.createEventSourceMapping(EventSourceMappingRequest(
                functionName: "consumer", eventSourceArn: Self.account + "items", functionResponseTypes: ["ReportBatchItemFailures"]))
            try await f.send("items", "good-1", "bad-1", "good-2")
            try await ServicesHarness.eventually("the good items to be deleted", seconds: 15) {
                try await f.counts("items") == QueueCounts(visible: 0, notVisible: 1, delayed: 0)
            }
            #expect(try f.events().count == 1)
            #expect(try f.events().first?["Records"]?.arrayValue?.count == 3)
        }
    }

    @Test("the batching window gathers messages sent apart into one invocation")
    func batchingWindow() async throws {
        try await EventSourceFixture.with { f in
            try await f.createQueue("window")
            try await f.createConsumer()
            try await f.mappings.createEventSourceMapping(EventSourceMappingRequest(
                functionName: "consumer", eventSourceArn: Self.account + "window", batchSize: 5, maximumBatchingWindowInSeconds: 10))
            for body in ["a", "b", "c"] {
                try await f.send("window", body)
                try await ServicesHarness.eventually("the poller to take \(body)") {
                    try await f.counts("window").visible == 0
                }
            }
            try await Task.sleep(for: .milliseconds(100))
            #expect(try f.events().isEmpty, "the window has not passed on the clock")
            f.clock.advance(by: 10)
            try await ServicesHarness.eventually("one invocation with the three messages", seconds: 15) {
                try await f.counts("window") == QueueCounts(visible: 0, notVisible: 0, delayed: 0)
            }
            #expect(try f.events().map { $0["Records"]?.arrayValue?.count } == [3])
        }
    }

    @Test("disabling or deleting a mapping stops its polling; enabling starts it again")
    func disableStops() async throws {
        try await EventSourceFixture.with { f in
            try await f.createQueue("toggle")
            try await f.createConsumer()
            let mapping = try await f.mappings.createEventSourceMapping(EventSourceMappingRequest(
                functionName: "consumer", eventSourceArn: Self.account + "toggle"))
            try await f.polling(mapping.uuid, true)
            let disabled = try await f.mappings.updateEventSourceMapping(uuid: mapping.uuid, EventSourceMappingUpdate(enabled: false))
            #expect(disabled.enabled == false)
            try await f.polling(mapping.uuid, false)
            try await f.send("toggle", "while disabled")
            try await Task.sleep(for: .milliseconds(200))
            #expect(try await f.counts("toggle").visible == 1)
            #expect(try f.events().isEmpty)

            try await f.mappings.updateEventSourceMapping(uuid: mapping.uuid, EventSourceMappingUpdate(enabled: true))
            try await ServicesHarness.eventually("the message to be consumed once enabled", seconds: 15) {
                try await f.counts("toggle") == QueueCounts(visible: 0, notVisible: 0, delayed: 0)
            }
            try await f.mappings.deleteEventSourceMapping(uuid: mapping.uuid)
            try await f.polling(mapping.uuid, false)
            try await f.send("toggle", "after delete")
            try await Task.sleep(for: .milliseconds(200))
            #expect(try await f.counts("toggle").visible == 1)
        }
    }

    @Test("Lambda's checks: unknown function, queue and UUID, bad sizes, FIFO limits, visibility timeout, duplicates")
    func validation() async throws {
        try await EventSourceFixture.with(polling: false) { f in
            try await f.createQueue("q")
            try await f.createQueue("short", ["VisibilityTimeout": "2"])
            try await f.createQueue("q.fifo", ["FifoQueue": "true"])
            try await f.createConsumer()
            func code(_ request: EventSourceMappingRequest) async -> String? {
                do throws(LambdaError) {
                    _ = try await f.mappings.createEventSourceMapping(request)
                    return nil
                } catch {
                    return error.code.rawValue
                }
            }
            let q = Self.account + "q"
            #expect(await code(EventSourceMappingRequest(functionName: "nope", eventSourceArn: q)) == "ResourceNotFoundException")
            #expect(await code(EventSourceMappingRequest(functionName: "consumer", eventSourceArn: Self.account + "none")) == "InvalidParameterValueException")
            #expect(await code(EventSourceMappingRequest(functionName: "consumer", eventSourceArn: "arn:aws:kinesis:us-east-1:123456789012:stream/s")) == "InvalidParameterValueException")
            #expect(await code(EventSourceMappingRequest(functionName: "consumer", eventSourceArn: q, batchSize: 0)) == "InvalidParameterValueException")
            #expect(await code(EventSourceMappingRequest(functionName: "consumer", eventSourceArn: q, batchSize: 100)) == "InvalidParameterValueException")
            #expect(await code(EventSourceMappingRequest(functionName: "consumer", eventSourceArn: q, maximumBatchingWindowInSeconds: 301)) == "InvalidParameterValueException")
            #expect(await code(EventSourceMappingRequest(functionName: "consumer", eventSourceArn: q, functionResponseTypes: ["Other"])) == "InvalidParameterValueException")
            #expect(await code(EventSourceMappingRequest(functionName: "consumer", eventSourceArn: Self.account + "q.fifo", batchSize: 11, maximumBatchingWindowInSeconds: 1)) == "InvalidParameterValueException")
            #expect(await code(EventSourceMappingRequest(functionName: "consumer", eventSourceArn: Self.account + "short")) == "InvalidParameterValueException")
            #expect(await code(EventSourceMappingRequest(functionName: "consumer", eventSourceArn: q, batchSize: 100, maximumBatchingWindowInSeconds: 1)) == nil)
            #expect(await code(EventSourceMappingRequest(functionName: "consumer", eventSourceArn: q)) == "ResourceConflictException")
            await #expect(throws: LambdaError(.resourceNotFound, "The resource you requested does not exist.")) {
                try await f.mappings.deleteEventSourceMapping(uuid: "00000000-0000-0000-0000-000000000000")
            }
            let listed = try await f.mappings.listEventSourceMappings(functionName: "arn:aws:lambda:us-east-1:123456789012:function:consumer")
            #expect(listed.items.map(\.batchSize) == [100])
            let again = try await f.mappings.putEventSourceMapping(EventSourceMappingRequest(functionName: "consumer", eventSourceArn: q, batchSize: 7))
            #expect(again.uuid == listed.items.first?.uuid)
            #expect(again.batchSize == 7)
        }
    }

    @Test("batchItemFailures answers are read as Lambda documents them", arguments: [
        ("", [String]?.some([])), ("null", []), ("{}", []), (#"{"batchItemFailures":null}"#, []), (#"{"batchItemFailures":[]}"#, []),
        (#"{"batchItemFailures":[{"itemIdentifier":"b"}]}"#, ["b"]), (#"{"batchItemFailures":[{"itemIdentifier":""}]}"#, nil),
        (#"{"batchItemFailures":[{"itemIdentifier":"zzz"}]}"#, nil), (#"{"batchItemFailures":[{"id":"b"}]}"#, nil),
        ("not json", nil), (#"{"batchItemFailures":"b"}"#, nil),
    ] as [(String, [String]?)])
    func batchItemFailures(_ answer: String, _ expected: [String]?) {
        #expect(SQSEvent.failedItems(Array(answer.utf8), batch: ["a", "b"]) == expected.map(Set.init))
    }
    @Test("FilterCriteria patterns match SQS records as Lambda's event filtering does", arguments: [
        (#"{"body":{"kind":["order"]}}"#, #"{"kind":"order"}"#, true),
        (#"{"body":{"kind":["order"]}}"#, #"{"kind":"refund"}"#, false),
        (#"{"body":{"kind":["order"]}}"#, "not json", false),
        (#"{"body":{"kind":[{"prefix":"ord"}]}}"#, #"{"kind":"order"}"#, true),
        (#"{"body":{"kind":[{"suffix":"der"}]}}"#, #"{"kind":"order"}"#, true),
        (#"{"body":{"kind":[{"equals-ignore-case":"ORDER"}]}}"#, #"{"kind":"order"}"#, true),
        (#"{"body":{"total":[{"numeric":[">",10,"<=",20]}]}}"#, #"{"total":15}"#, true),
        (#"{"body":{"total":[{"numeric":[">",10,"<=",20]}]}}"#, #"{"total":25}"#, false),
        (#"{"body":{"note":[{"exists":false}]}}"#, #"{"total":1}"#, true),
        (#"{"body":{"note":[{"exists":true}]}}"#, #"{"total":1}"#, false),
        (#"{"body":{"kind":[{"anything-but":["refund","void"]}]}}"#, #"{"kind":"order"}"#, true),
        (#"{"body":{"tags":["b"]}}"#, #"{"tags":["a","b"]}"#, true),
        (#"{"body":{"a":{"b":[1]}}}"#, #"{"a":{"b":1}}"#, true),
        (#"{"attributes":{"ApproximateReceiveCount":["1"]}}"#, "x", true),
    ] as [(String, String, Bool)])
    func filtering(_ pattern: String, _ body: String, _ passes: Bool) throws {
        let criteria: JSON = ["Filters": [["Pattern": .string(pattern)]]]
        let filter = try #require(EventFilter(criteria: criteria.serialized))
        let record: JSON = ["messageId": "m", "body": .string(body), "attributes": ["ApproximateReceiveCount": "1"]]
        #expect(filter.passes(record) == passes)
    }

    @Test("messages no filter lets through are deleted without invoking the function")
    func filteredOut() async throws {
        try await EventSourceFixture.with { f in
            try await f.createQueue("filtered")
            try await f.createConsumer()
            try await f.mappings.createEventSourceMapping(EventSourceMappingRequest(
                functionName: "consumer", eventSourceArn: Self.account + "filtered",
                filterCriteria: #"{"Filters":[{"Pattern":"{\"body\":{\"kind\":[\"order\"]}}"}]}"#))
            try await f.send("filtered", #"{"kind":"order","n":1}"#, #"{"kind":"other"}"#, "plain")
            try await ServicesHarness.eventually("every message to be handled or dropped", seconds: 15) {
                try await f.counts("filtered") == QueueCounts(visible: 0, notVisible: 0, delayed: 0)
            }
            let bodies = try f.events().flatMap { $0["Records"]?.arrayValue ?? [] }.compactMap { $0["body"]?.stringValue }
            #expect(bodies == [#"{"kind":"order","n":1}"#])
        }
    }
}
