import Foundation
import StatesLanguage
import StepwiseServices
import Synchronization
import Testing

@Suite struct TopicDeliveryTests {
    func createQueue(_ h: ServicesHarness, _ name: String) async throws -> String {
        try await h.queues.createQueue(try JSONDecoder().decode(CreateQueueRequest.self, from: Data(#"{"QueueName":"\#(name)"}"#.utf8)))
        return h.queues.arn(ofQueue: name)
    }

    func receiveBodies(_ h: ServicesHarness, _ queue: String) async throws -> [SQSMessage] {
        try await h.queues.receiveMessage(queue: queue, ReceiveMessageRequest(queueUrl: h.url(queue), maxNumberOfMessages: 10,
                                                                              messageAttributeNames: ["All"]))
    }

    @Test("a publish reaches an SQS subscription in SNS's JSON envelope")
    func envelope() async throws {
        let h = try ServicesHarness()
        defer { h.tearDown() }
        let topic = try await h.topics.createTopic(name: "events")
        let queueArn = try await createQueue(h, "inbox")
        let subscription = try await h.topics.subscribe(topicArn: topic, protocol: "sqs", endpoint: queueArn)
        let result = try await h.topics.publish(topicArn: topic, PublishRequest(
            message: "hello", subject: "greeting",
            messageAttributes: ["colour": MessageAttributeValue(dataType: "String", stringValue: "blue")]))
        let messages = try await receiveBodies(h, "inbox")
        let body = try JSON(parsing: try #require(messages.first).body)
        #expect(body.objectValue.map { Array($0.keys) } == [
            "Type", "MessageId", "TopicArn", "Subject", "Message", "Timestamp", "SignatureVersion", "Signature",
            "SigningCertURL", "UnsubscribeURL", "MessageAttributes",
        ])
        #expect(body["Type"] == "Notification")
        #expect(body["MessageId"]?.stringValue == result.messageId)
        #expect(body["TopicArn"]?.stringValue == topic)
        #expect(body["Message"] == "hello")
        #expect(body["Subject"] == "greeting")
        #expect(body["Timestamp"] == "2026-01-01T00:00:00.000Z")
        #expect(body["MessageAttributes"] == ["colour": ["Type": "String", "Value": "blue"]])
        #expect(body["UnsubscribeURL"]?.stringValue?.contains(subscription.replacingOccurrences(of: ":", with: "%3A")) == true)
    }

    @Test("a publish stores one delivery per confirmed subscription and message; none for a topic nobody subscribes to")
    func deliveriesCounted() async throws {
        let h = try ServicesHarness()
        defer { h.tearDown() }
        // The count is the publish's receipt (what an `sns:publish` step's commit reads to
        // decide whether to wake the deliverer).
        let lonely = try await h.topics.createTopic(name: "lonely")
        #expect(try await h.store.publish(topicArn: lonely, payloads: ["a", "b"], now: h.clock.now()) == 0)
        let topic = try await h.topics.createTopic(name: "fanout")
        for name in ["one", "two"] {
            _ = try await h.topics.subscribe(topicArn: topic, protocol: "sqs", endpoint: try await createQueue(h, name))
        }
        #expect(try await h.store.publish(topicArn: topic, payloads: ["a", "b", "c"], now: h.clock.now()) == 6)
        #expect(try await h.store.publish(topicArn: "arn:aws:sns:us-east-1:123456789012:none", payloads: ["a"], now: h.clock.now()) == nil)
        #expect(await h.topics.deliverDue() == 6)
    }

    @Test("RawMessageDelivery sends the message itself, its attributes as SQS message attributes")
    func raw() async throws {
        let h = try ServicesHarness()
        defer { h.tearDown() }
        let topic = try await h.topics.createTopic(name: "raw")
        let queueArn = try await createQueue(h, "raw-inbox")
        _ = try await h.topics.subscribe(topicArn: topic, protocol: "sqs", endpoint: queueArn, attributes: ["RawMessageDelivery": "true"])
        _ = try await h.topics.publish(topicArn: topic, PublishRequest(
            message: #"{"id":1}"#, messageAttributes: ["kind": MessageAttributeValue(dataType: "String", stringValue: "order")]))
        let message = try #require(try await receiveBodies(h, "raw-inbox").first)
        #expect(message.body == #"{"id":1}"#)
        #expect(message.messageAttributes?["kind"]?.stringValue == "order")
    }

    @Test("a lambda subscription gets Lambda's SNS event through the hook; a failing hook is retried until it succeeds")
    func lambda() async throws {
        let h = try ServicesHarness()
        defer { h.tearDown() }
        let calls = Mutex<[(String, String)]>([])
        let failures = Mutex(1)
        h.topics.setFunctionDelivery { arn, event in
            if failures.withLock({ f in defer { f -= 1 }; return f > 0 }) { throw CancellationError() }
            calls.withLock { $0.append((arn, event)) }
        }
        let topic = try await h.topics.createTopic(name: "to-fn")
        let function = "arn:aws:lambda:us-east-1:123456789012:function:logger"
        let subscription = try await h.topics.subscribe(topicArn: topic, protocol: "lambda", endpoint: function)
        _ = try await h.topics.publish(topicArn: topic, PublishRequest(message: "API Executed Successfully"))
        #expect(calls.withLock { $0.isEmpty })  // first attempt failed: kept in the outbox
        h.clock.advance(by: 1)
        #expect(await h.topics.deliverDue() == 1)
        let (arn, eventText) = try #require(calls.withLock { $0.first })
        #expect(arn == function)
        let event = try JSON(parsing: eventText)
        let record = try #require(event["Records"]?.arrayValue?.first)
        #expect(record["EventSource"] == "aws:sns")
        #expect(record["EventSubscriptionArn"]?.stringValue == subscription)
        #expect(record["Sns"]?["Message"] == "API Executed Successfully")
        #expect(record["Sns"]?["Subject"] == .null)
        #expect(record["Sns"]?["UnsubscribeUrl"] != nil)
        #expect(await h.topics.deliverDue() == 0)
    }

    @Test("an http subscription is pending until the endpoint confirms with the token it was sent")
    func httpHandshake() async throws {
        let h = try ServicesHarness()
        defer { h.tearDown() }
        let posts = Mutex<[HTTPDelivery]>([])
        h.topics.setHTTPDelivery { delivery in posts.withLock { $0.append(delivery) } }
        let topic = try await h.topics.createTopic(name: "web")
        let pending = try await h.topics.subscribe(topicArn: topic, protocol: "https", endpoint: "https://example.test/hook")
        #expect(pending == "pending confirmation")
        let confirmation = try #require(posts.withLock { $0.first })
        #expect(confirmation.headers["x-amz-sns-message-type"] == "SubscriptionConfirmation")
        let body = try JSON(parsing: confirmation.body)
        let token = try #require(body["Token"]?.stringValue)
        #expect(body["SubscribeURL"]?.stringValue?.hasPrefix("http://127.0.0.1:8083/?Action=ConfirmSubscription&TopicArn=") == true)

        _ = try await h.topics.publish(topicArn: topic, PublishRequest(message: "before"))
        #expect(posts.withLock { $0.count } == 1)  // not confirmed: nothing delivered
        let confirmed = await h.snsCall([("Action", "ConfirmSubscription"), ("TopicArn", topic), ("Token", token)])
        #expect(confirmed.status == 200)
        #expect(xmlValue(confirmed.xml, "SubscriptionArn")?.hasPrefix(topic + ":") == true)
        _ = try await h.topics.publish(topicArn: topic, PublishRequest(message: "after"))
        let notification = try #require(posts.withLock { $0.last })
        #expect(notification.headers["x-amz-sns-message-type"] == "Notification")
        #expect(try JSON(parsing: notification.body)["Message"] == "after")
    }

    @Test("deliveries survive a failing queue: a delivery to a missing queue waits in the outbox until the queue exists")
    func neverLost() async throws {
        let h = try ServicesHarness()
        defer { h.tearDown() }
        let topic = try await h.topics.createTopic(name: "durable")
        _ = try await h.topics.subscribe(topicArn: topic, protocol: "sqs", endpoint: h.queues.arn(ofQueue: "late"))
        _ = try await h.topics.publish(topicArn: topic, PublishRequest(message: "kept"))
        _ = try await createQueue(h, "late")
        h.clock.advance(by: 1)
        #expect(await h.topics.deliverDue() == 1)
        #expect(try await receiveBodies(h, "late").count == 1)
    }
}
