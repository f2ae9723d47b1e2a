import Foundation
import StepwiseEngine
import StepwiseServices
import Testing

@Suite struct QueueSemanticsTests {
    func send(_ h: ServicesHarness, _ queue: String, _ body: String, group: String? = nil, dedup: String? = nil,
              delay: Int? = nil) async throws -> SendMessageResult {
        try await h.queues.sendMessage(queue: queue, SendMessageRequest(
            queueUrl: h.url(queue), messageBody: body, delaySeconds: delay, messageDeduplicationId: dedup, messageGroupId: group))
    }

    func receive(_ h: ServicesHarness, _ queue: String, max: Int = 10, visibility: Int? = nil, wait: Int = 0) async throws -> [SQSMessage] {
        try await h.queues.receiveMessage(queue: queue, ReceiveMessageRequest(
            queueUrl: h.url(queue), maxNumberOfMessages: max, visibilityTimeout: visibility, waitTimeSeconds: wait,
            messageSystemAttributeNames: ["All"]))
    }

    func createQueue(_ h: ServicesHarness, _ name: String, _ attributes: [String: String] = [:]) async throws {
        try await h.queues.createQueue(try JSONDecoder().decode(CreateQueueRequest.self, from: JSONSerialization.data(
            withJSONObject: ["QueueName": name, "Attributes": attributes])))
    }

    @Test("a received message is invisible until its visibility timeout passes, then comes back with a higher receive count")
    func visibilityTimeout() async throws {
        let h = try ServicesHarness()
        defer { h.tearDown() }
        try await createQueue(h, "jobs", ["VisibilityTimeout": "30"])
        _ = try await send(h, "jobs", "hello")
        let first = try await receive(h, "jobs")
        #expect(first.map(\.body) == ["hello"])
        #expect(first.first?.attributes?["ApproximateReceiveCount"] == "1")
        #expect(try await receive(h, "jobs").isEmpty)
        h.clock.advance(by: 29)
        #expect(try await receive(h, "jobs").isEmpty)
        h.clock.advance(by: 1)
        let again = try await receive(h, "jobs")
        #expect(again.first?.attributes?["ApproximateReceiveCount"] == "2")
        #expect(again.first?.receiptHandle != first.first?.receiptHandle)
        // The old handle no longer deletes; the new one does.
        try await h.queues.deleteMessage(queue: "jobs", receiptHandle: try #require(first.first).receiptHandle)
        let counts = try await h.queues.queueAttributes("jobs", names: ["ApproximateNumberOfMessagesNotVisible"])
        #expect(counts["ApproximateNumberOfMessagesNotVisible"] == "1")
        try await h.queues.deleteMessage(queue: "jobs", receiptHandle: try #require(again.first).receiptHandle)
        h.clock.advance(by: 60)
        #expect(try await receive(h, "jobs").isEmpty)
    }

    @Test("DelaySeconds hides a message until the delay passes, and counts it as delayed")
    func delay() async throws {
        let h = try ServicesHarness()
        defer { h.tearDown() }
        try await createQueue(h, "later")
        _ = try await send(h, "later", "soon", delay: 10)
        #expect(try await receive(h, "later").isEmpty)
        let attributes = try await h.queues.queueAttributes("later", names: ["All"])
        #expect(attributes["ApproximateNumberOfMessagesDelayed"] == "1")
        #expect(attributes["ApproximateNumberOfMessages"] == "0")
        #expect(attributes["QueueArn"] == "arn:aws:sqs:us-east-1:123456789012:later")
        h.clock.advance(by: 10)
        #expect(try await receive(h, "later").map(\.body) == ["soon"])
    }

    @Test("a long poll is woken by a send, without the clock moving")
    func longPollWokenBySend() async throws {
        let h = try ServicesHarness()
        defer { h.tearDown() }
        try await createQueue(h, "poll")
        let messages = try await withThrowingTaskGroup(of: [SQSMessage].self) { group in
            group.addTask { try await self.receive(h, "poll", wait: 20) }
            try await ServicesHarness.eventually("the poll to sleep") { h.clock.nextDeadline != nil }
            _ = try await send(h, "poll", "wake up")
            let received = try await group.next() ?? []
            return received
        }
        #expect(messages.map(\.body) == ["wake up"])
    }

    @Test("a long poll returns empty when its wait time passes, and gets a delayed message once it is due")
    func longPollTimesOut() async throws {
        let h = try ServicesHarness()
        defer { h.tearDown() }
        try await createQueue(h, "quiet")
        let empty = try await withThrowingTaskGroup(of: [SQSMessage].self) { group in
            group.addTask { try await self.receive(h, "quiet", wait: 5) }
            try await ServicesHarness.eventually("the poll to sleep") { h.clock.nextDeadline != nil }
            h.clock.advance(by: 5)
            return try await group.next() ?? []
        }
        #expect(empty.isEmpty)
        _ = try await send(h, "quiet", "delayed", delay: 3)
        let delayed = try await withThrowingTaskGroup(of: [SQSMessage].self) { group in
            group.addTask { try await self.receive(h, "quiet", wait: 20) }
            try await ServicesHarness.eventually("the poll to sleep until the message is due") {
                h.clock.nextDeadline == h.clock.now().addingTimeInterval(3)
            }
            h.clock.advance(by: 3)
            return try await group.next() ?? []
        }
        #expect(delayed.map(\.body) == ["delayed"])
    }

    @Test("a consumer that throws: with maxReceiveCount 1 its message lands in the dead-letter queue after one receive")
    func redrive() async throws {
        let h = try ServicesHarness()
        defer { h.tearDown() }
        try await createQueue(h, "dlq")
        try await createQueue(h, "work", [
            "VisibilityTimeout": "5",
            "RedrivePolicy": #"{"deadLetterTargetArn":"arn:aws:sqs:us-east-1:123456789012:dlq","maxReceiveCount":"1"}"#,
        ])
        let sent = try await send(h, "work", "poison")
        #expect(try await receive(h, "work").map(\.body) == ["poison"])  // the consumer throws; nothing deletes it
        h.clock.advance(by: 5)
        #expect(try await receive(h, "work").isEmpty)
        let dead = try await receive(h, "dlq")
        #expect(dead.map(\.messageId) == [sent.messageId])
        #expect(dead.first?.attributes?["DeadLetterQueueSourceArn"] == "arn:aws:sqs:us-east-1:123456789012:work")
        let policy = try await h.queues.queueAttributes("work", names: ["RedrivePolicy"])["RedrivePolicy"]
        #expect(policy == #"{"deadLetterTargetArn":"arn:aws:sqs:us-east-1:123456789012:dlq","maxReceiveCount":1}"#)
    }

    @Test("a FIFO queue hands out each group in order, one batch in flight per group, and drops duplicates for five minutes")
    func fifo() async throws {
        let h = try ServicesHarness()
        defer { h.tearDown() }
        try await createQueue(h, "orders.fifo", ["FifoQueue": "true", "ContentBasedDeduplication": "true"])
        let a1 = try await send(h, "orders.fifo", "a1", group: "a")
        _ = try await send(h, "orders.fifo", "b1", group: "b")
        _ = try await send(h, "orders.fifo", "a2", group: "a")
        let duplicate = try await send(h, "orders.fifo", "a1", group: "a")
        #expect(duplicate.messageId == a1.messageId)
        #expect(duplicate.sequenceNumber == a1.sequenceNumber)
        let explicit = try await send(h, "orders.fifo", "a1", group: "a", dedup: "other")
        #expect(explicit.messageId != a1.messageId)

        let first = try await receive(h, "orders.fifo", max: 1)
        #expect(first.map(\.body) == ["a1"])
        #expect(first.first?.attributes?["MessageGroupId"] == "a")
        // Group a is blocked while a1 is in flight; b is not.
        let second = try await receive(h, "orders.fifo", max: 10)
        #expect(second.map(\.body) == ["b1"])
        try await h.queues.deleteMessage(queue: "orders.fifo", receiptHandle: try #require(first.first).receiptHandle)
        #expect(try await receive(h, "orders.fifo", max: 10).map(\.body) == ["a2", "a1"])

        h.clock.advance(by: 301)
        let resent = try await send(h, "orders.fifo", "a1", group: "a")
        #expect(resent.messageId != a1.messageId)
    }

    @Test("FIFO sends need a group id, and a deduplication id unless content-based deduplication is on")
    func fifoRules() async throws {
        let h = try ServicesHarness()
        defer { h.tearDown() }
        try await createQueue(h, "strict.fifo", ["FifoQueue": "true"])
        await #expect(throws: SQSError(.missingParameter, "The request must contain the parameter MessageGroupId.")) {
            _ = try await send(h, "strict.fifo", "x")
        }
        await #expect(throws: SQSError.self) { _ = try await send(h, "strict.fifo", "x", group: "g") }
        await #expect(throws: SQSError.self) { _ = try await send(h, "strict.fifo", "x", group: "g", dedup: "d", delay: 5) }
        await #expect(throws: SQSError.self) { try await createQueue(h, "named.fifo") }
    }

    @Test("ChangeMessageVisibility makes an in-flight message visible again; a message not in flight is refused")
    func changeVisibility() async throws {
        let h = try ServicesHarness()
        defer { h.tearDown() }
        try await createQueue(h, "vis")
        _ = try await send(h, "vis", "m")
        let handle = try #require(try await receive(h, "vis").first).receiptHandle
        try await h.queues.changeMessageVisibility(queue: "vis", receiptHandle: handle, timeout: 0)
        let again = try #require(try await receive(h, "vis", visibility: 10).first)
        h.clock.advance(by: 10)
        await #expect(throws: SQSError.self) {
            try await h.queues.changeMessageVisibility(queue: "vis", receiptHandle: again.receiptHandle, timeout: 30)
        }
        await #expect(throws: SQSError.self) {
            try await h.queues.changeMessageVisibility(queue: "vis", receiptHandle: "bm90LWEtaGFuZGxl", timeout: 30)
        }
    }

    @Test("messages expire after MessageRetentionPeriod; PurgeQueue empties a queue")
    func retentionAndPurge() async throws {
        let h = try ServicesHarness()
        defer { h.tearDown() }
        try await createQueue(h, "short", ["MessageRetentionPeriod": "60"])
        _ = try await send(h, "short", "old")
        h.clock.advance(by: 60)
        #expect(try await receive(h, "short").isEmpty)
        _ = try await send(h, "short", "new")
        try await h.queues.purgeQueue("short")
        #expect(try await receive(h, "short").isEmpty)
    }

    @Test("CreateQueue is idempotent for the same attributes and refuses different ones")
    func createIdempotent() async throws {
        let h = try ServicesHarness()
        defer { h.tearDown() }
        try await createQueue(h, "same", ["VisibilityTimeout": "10"])
        try await createQueue(h, "same", ["VisibilityTimeout": "10"])
        await #expect(throws: SQSError(.queueNameExists, "A queue already exists with the same name and a different value for attribute VisibilityTimeout")) {
            try await createQueue(h, "same", ["VisibilityTimeout": "20"])
        }
        await #expect(throws: SQSError(.invalidAttributeValue, "Invalid value for the parameter DelaySeconds.")) {
            try await createQueue(h, "bad", ["DelaySeconds": "901"])
        }
        await #expect(throws: SQSError(.invalidAttributeName, "Unknown Attribute Colour.")) {
            try await createQueue(h, "bad", ["Colour": "blue"])
        }
        #expect(try await h.queues.listQueues(prefix: "sa") == ["same"])
    }
}
