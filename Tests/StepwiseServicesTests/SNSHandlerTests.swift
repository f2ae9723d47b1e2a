import Foundation
import StepwiseServices
import Testing

@Suite struct SNSHandlerTests {
    @Test("CreateTopic, ListTopics, GetTopicAttributes, Subscribe, ListSubscriptionsByTopic, Publish and DeleteTopic over the query protocol")
    func roundTrip() async throws {
        let h = try ServicesHarness()
        defer { h.tearDown() }
        let created = await h.snsCall([("Action", "CreateTopic"), ("Name", "orders"), ("Version", "2010-03-31")])
        #expect(created.status == 200)
        #expect(created.xml.contains(#"<CreateTopicResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><CreateTopicResult><TopicArn>arn:aws:sns:us-east-1:123456789012:orders</TopicArn></CreateTopicResult><ResponseMetadata><RequestId>"#))
        let topic = try #require(xmlValue(created.xml, "TopicArn"))
        let listed = await h.snsCall([("Action", "ListTopics")])
        #expect(listed.xml.contains("<Topics><member><TopicArn>\(topic)</TopicArn></member></Topics>"))

        let attributes = await h.snsCall([("Action", "GetTopicAttributes"), ("TopicArn", topic)])
        #expect(attributes.xml.contains("<entry><key>TopicArn</key><value>\(topic)</value></entry>"))
        #expect(attributes.xml.contains("<entry><key>SubscriptionsConfirmed</key><value>0</value></entry>"))

        _ = try await h.queues.createQueue(try JSONDecoder().decode(CreateQueueRequest.self, from: Data(#"{"QueueName":"sink"}"#.utf8)))
        let subscribed = await h.snsCall([
            ("Action", "Subscribe"), ("TopicArn", topic), ("Protocol", "sqs"), ("Endpoint", h.queues.arn(ofQueue: "sink")),
            ("Attributes.entry.1.key", "RawMessageDelivery"), ("Attributes.entry.1.value", "true"),
        ])
        let subscription = try #require(xmlValue(subscribed.xml, "SubscriptionArn"))
        #expect(subscription.hasPrefix(topic + ":"))
        let subscriptions = await h.snsCall([("Action", "ListSubscriptionsByTopic"), ("TopicArn", topic)])
        #expect(subscriptions.xml.contains("<Protocol>sqs</Protocol>"))
        let subscriptionAttributes = await h.snsCall([("Action", "GetSubscriptionAttributes"), ("SubscriptionArn", subscription)])
        #expect(subscriptionAttributes.xml.contains("<entry><key>RawMessageDelivery</key><value>true</value></entry>"))

        let published = await h.snsCall([
            ("Action", "Publish"), ("TopicArn", topic), ("Message", "a & b"),
            ("MessageAttributes.entry.1.Name", "n"), ("MessageAttributes.entry.1.Value.DataType", "Number"),
            ("MessageAttributes.entry.1.Value.StringValue", "7"),
        ])
        #expect(published.status == 200)
        #expect(xmlValue(published.xml, "MessageId") != nil)
        let received = try await h.queues.receiveMessage(queue: "sink", ReceiveMessageRequest(
            queueUrl: h.url("sink"), messageAttributeNames: ["All"]))
        #expect(received.first?.body == "a & b")
        #expect(received.first?.messageAttributes?["n"] == MessageAttributeValue(dataType: "Number", stringValue: "7"))

        let batch = await h.snsCall([
            ("Action", "PublishBatch"), ("TopicArn", topic),
            ("PublishBatchRequestEntries.member.1.Id", "one"), ("PublishBatchRequestEntries.member.1.Message", "first"),
            ("PublishBatchRequestEntries.member.2.Id", "two"), ("PublishBatchRequestEntries.member.2.Message", ""),
        ])
        #expect(batch.xml.contains("<Successful><member><Id>one</Id><MessageId>"))
        #expect(batch.xml.contains("<Failed><member><Id>two</Id><Code>InvalidParameter</Code>"))

        #expect(await h.snsCall([("Action", "Unsubscribe"), ("SubscriptionArn", subscription)]).status == 200)
        let deleted = await h.snsCall([("Action", "DeleteTopic"), ("TopicArn", topic)])
        #expect(deleted.xml.contains("<DeleteTopicResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><ResponseMetadata>"))
        #expect(await h.snsCall([("Action", "ListTopics")]).xml.contains("<Topics></Topics>"))
    }

    @Test("SetTopicAttributes and DeleteTopic are seen by the very next Publish, though topic records are cached")
    func attributeChangesSeenAtOnce() async throws {
        let h = try ServicesHarness()
        defer { h.tearDown() }
        let topic = try await h.topics.createTopic(name: "cached.fifo", attributes: ["FifoTopic": "true"])
        let request = PublishRequest(message: "m", messageGroupId: "g")
        await #expect(throws: SNSError.self) { try await h.topics.publish(topicArn: topic, request) }
        try await h.topics.setTopicAttribute(arn: topic, name: "ContentBasedDeduplication", value: "true")
        #expect(try await h.topics.publish(topicArn: topic, request).sequenceNumber != nil)
        try await h.topics.deleteTopic(arn: topic)
        do {
            _ = try await h.topics.publish(topicArn: topic, request)
            Issue.record("a deleted topic took a publish")
        } catch {
            #expect(error.code.shape == "NotFoundException")
        }
    }

    @Test("errors are ErrorResponse documents with SNS's codes and statuses", arguments: [
        ([("Action", "GetTopicAttributes"), ("TopicArn", "arn:aws:sns:us-east-1:123456789012:missing")], 404, "NotFound", "Topic does not exist"),
        ([("Action", "Publish"), ("TopicArn", "arn:aws:sns:us-east-1:123456789012:missing"), ("Message", "x")], 404, "NotFound", "Topic does not exist"),
        ([("Action", "CreateTopic"), ("Name", "bad name")], 400, "InvalidParameter", "Invalid parameter: Topic Name"),
        ([("Action", "Publish"), ("TopicArn", "arn:aws:sns:us-east-1:123456789012:t.fifo"), ("Message", "x")], 400, "InvalidParameter",
         "Invalid parameter: The MessageGroupId parameter is required for FIFO topics"),
        ([("Action", "Subscribe"), ("TopicArn", "arn:aws:sns:us-east-1:123456789012:t.fifo"), ("Protocol", "carrier-pigeon"), ("Endpoint", "x")],
         400, "InvalidParameter", "Invalid parameter: Amazon SNS does not support this protocol string: carrier-pigeon"),
    ])
    func errors(parameters: [(String, String)], status: Int, code: String, message: String) async throws {
        let h = try ServicesHarness()
        defer { h.tearDown() }
        _ = await h.snsCall([("Action", "CreateTopic"), ("Name", "t.fifo"), ("Attributes.entry.1.key", "FifoTopic"), ("Attributes.entry.1.value", "true")])
        let response = await h.snsCall(parameters)
        #expect(response.status == status)
        #expect(response.xml.contains("<ErrorResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><Error><Type>Sender</Type><Code>\(code)</Code><Message>\(message)</Message></Error><RequestId>"))
    }
}
