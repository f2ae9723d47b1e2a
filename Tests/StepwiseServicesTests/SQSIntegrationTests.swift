import Foundation
import StatesLanguage
import StepwiseEngine
import StepwiseServices
import StepwiseStore
import StepwiseStoreSQLite
import Testing

/// Engine, queues and topics on one SQLite file and one virtual clock.
struct IntegrationHarness {
    let services: ServicesHarness
    let engine: Engine

    /// An engine whose `sqs` and `sns` Tasks reach these services (its loops not started).
    static func engine(_ services: ServicesHarness) async throws -> Engine {
        var registry = IntegrationRegistry()
        registry.register(service: "sqs", SQSIntegration(queues: services.queues))
        registry.register(service: "sns", SNSIntegration(topics: services.topics))
        return try await Engine.open(store: services.store, clock: services.clock, integrations: registry)
    }

    static func with(_ body: (IntegrationHarness) async throws -> Void) async throws {
        let services = try ServicesHarness()
        defer { services.tearDown() }
        let engine = try await engine(services)
        let harness = IntegrationHarness(services: services, engine: engine)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await engine.run() }
            defer { engine.stop() }
            try await body(harness)
            engine.stop()
            group.cancelAll()
        }
    }

    func run(_ definition: String, input: String) async throws -> ExecutionRecord {
        let machine = try await engine.createStateMachine(
            name: "m-\(UUID().uuidString.prefix(8))", definition: definition, roleArn: "arn:aws:iam::123456789012:role/r", type: .standard)
        let execution = try await engine.startExecution(stateMachineArn: machine.arn, input: input)
        return try await waitForEnd(execution.arn)
    }

    func waitForEnd(_ arn: String) async throws -> ExecutionRecord {
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            let record = try await engine.describeExecution(arn: arn)
            if record.status != .running { return record }
            _ = await engine.waitForEnd(arn, atMost: .milliseconds(50))
        }
        return try await engine.describeExecution(arn: arn)
    }

    func createQueue(_ name: String) async throws -> String {
        try await services.queues.createQueue(try JSONDecoder().decode(CreateQueueRequest.self, from: Data(#"{"QueueName":"\#(name)"}"#.utf8)))
        return services.url(name)
    }
}

@Suite struct SQSIntegrationTests {
    @Test("sqs:sendMessage and sns:publish are written with the step that starts their Task: StartExecution runs them with no loop running")
    func inlineCalls() async throws {
        let services = try ServicesHarness()
        defer { services.tearDown() }
        // The engine's loops never run: no worker, no dispatcher, no topic deliverer.
        let engine = try await IntegrationHarness.engine(services)
        _ = try await services.queues.createQueue(try JSONDecoder().decode(CreateQueueRequest.self, from: Data(#"{"QueueName":"direct"}"#.utf8)))
        _ = try await services.queues.createQueue(try JSONDecoder().decode(CreateQueueRequest.self, from: Data(#"{"QueueName":"fanout"}"#.utf8)))
        let topic = try await services.topics.createTopic(name: "note")
        _ = try await services.topics.subscribe(topicArn: topic, protocol: "sqs", endpoint: services.queues.arn(ofQueue: "fanout"),
                                                attributes: ["RawMessageDelivery": "true"])
        let machine = try await engine.createStateMachine(name: "inline", definition: """
            {"StartAt":"Send","States":{
             "Send":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage","Parameters":{"QueueUrl":"\(services.url("direct"))","MessageBody.$":"$.text"},"ResultPath":"$.sent","Next":"Publish"},
             "Publish":{"Type":"Task","Resource":"arn:aws:states:::sns:publish","Parameters":{"TopicArn":"\(topic)","Message.$":"$.text"},"ResultPath":"$.published","End":true}}}
            """, roleArn: "arn:aws:iam::123456789012:role/r", type: .standard)
        let execution = try await engine.startExecution(stateMachineArn: machine.arn, input: #"{"text":"hello"}"#)
        let ended = try await engine.describeExecution(arn: execution.arn)
        #expect(ended.status == .succeeded)
        let output = try JSON(parsing: try #require(ended.output))
        #expect(output["sent"]?["MessageId"]?.stringValue != nil)
        #expect(output["published"]?["MessageId"]?.stringValue != nil)
        #expect(try await services.queues.receiveMessage(queue: "direct", ReceiveMessageRequest(queueUrl: services.url("direct"))).map(\.body) == ["hello"])
        // The deliverer is not running, so the publish's commit delivered the outbox itself.
        try await ServicesHarness.eventually("the notification in the subscribed queue") {
            try await services.queues.receiveMessage(queue: "fanout", ReceiveMessageRequest(queueUrl: services.url("fanout"))).map(\.body) == ["hello"]
        }
    }

    @Test("sqs:sendMessage.waitForTaskToken puts the token on a queue; the receiver completes it with SendTaskSuccess")
    func waitForTaskToken() async throws {
        try await IntegrationHarness.with { h in
            let url = try await h.createQueue("callbacks")
            let machine = try await h.engine.createStateMachine(name: "ask", definition: """
                {"StartAt":"Ask","States":{"Ask":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                 "Parameters":{"QueueUrl.$":"$.queue","MessageBody":{"token.$":"$$.Task.Token","n.$":"$.n"}},"End":true}}}
                """, roleArn: "arn:aws:iam::123456789012:role/r", type: .standard)
            let execution = try await h.engine.startExecution(stateMachineArn: machine.arn, input: #"{"queue":"\#(url)","n":7}"#)
            let messages = try await h.services.queues.receiveMessage(queue: "callbacks", ReceiveMessageRequest(queueUrl: url, waitTimeSeconds: 20))
            let body = try JSON(parsing: try #require(messages.first).body)
            #expect(body["n"] == 7)
            let token = try #require(body["token"]?.stringValue)
            try await h.engine.sendTaskSuccess(token: token, output: #"{"done":true}"#)
            let ended = try await h.waitForEnd(execution.arn)
            #expect(ended.status == .succeeded)
            #expect(ended.output == #"{"done":true}"#)
        }
    }

    @Test("sqs:sendMessage returns SendMessage's result; a non-string MessageBody is sent as its JSON text")
    func requestResponse() async throws {
        try await IntegrationHarness.with { h in
            let url = try await h.createQueue("plain")
            let ended = try await h.run("""
                {"StartAt":"Send","States":{"Send":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage",
                 "Parameters":{"QueueUrl":"\(url)","MessageBody":{"a":[1,2]},
                   "MessageAttributes":{"k":{"DataType":"String","StringValue":"v"}}},"End":true}}}
                """, input: "{}")
            #expect(ended.status == .succeeded)
            let output = try JSON(parsing: try #require(ended.output))
            #expect(output.objectValue.map { Array($0.keys) } == ["MD5OfMessageAttributes", "MD5OfMessageBody", "MessageId"])
            #expect(output["MD5OfMessageBody"]?.stringValue == "ca16230f6b96fc0b51c574066abedaed")
            let received = try await h.services.queues.receiveMessage(queue: "plain", ReceiveMessageRequest(queueUrl: url))
            #expect(received.first?.body == #"{"a":[1,2]}"#)
        }
    }

    @Test("sqs:sendMessage errors are named as AWS names them", arguments: [
        (#"{"QueueUrl":"http://127.0.0.1:8083/123456789012/absent","MessageBody":"x"}"#, "SQS.QueueDoesNotExistException",
         "The specified queue does not exist for this wsdl version. (Service: AmazonSQS; Status Code: 400; Error Code: AWS.SimpleQueueService.NonExistentQueue; Request ID: "),
        (#"{"QueueUrl":"http://127.0.0.1:8083/123456789012/present","MessageBody":null}"#, "SQS.AmazonSQSException",
         "The request must contain the parameter MessageBody. (Service: AmazonSQS; Status Code: 400; Error Code: MissingParameter; Request ID: "),
    ])
    func errors(parameters: String, error: String, cause: String) async throws {
        try await IntegrationHarness.with { h in
            _ = try await h.createQueue("present")
            let ended = try await h.run("""
                {"StartAt":"Send","States":{"Send":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage",
                 "Parameters":\(parameters),"End":true}}}
                """, input: "{}")
            #expect(ended.status == .failed)
            #expect(ended.error == error)
            #expect(ended.cause?.hasPrefix(cause) == true)
            #expect(ended.cause?.hasSuffix("; Proxy: null)") == true)
        }
    }

    @Test("sns:publish publishes a non-string Message as JSON text and returns its MessageId; FIFO topics want a group")
    func snsPublish() async throws {
        try await IntegrationHarness.with { h in
            let url = try await h.createQueue("fanout")
            let topic = try await h.services.topics.createTopic(name: "note")
            _ = try await h.services.topics.subscribe(topicArn: topic, protocol: "sqs", endpoint: h.services.queues.arn(ofQueue: "fanout"),
                                                      attributes: ["RawMessageDelivery": "true"])
            let ended = try await h.run("""
                {"StartAt":"Publish","States":{"Publish":{"Type":"Task","Resource":"arn:aws:states:::sns:publish",
                 "Parameters":{"TopicArn":"\(topic)","Message":{"Message":"HelloWorld!"}},"End":true}}}
                """, input: "{}")
            #expect(ended.status == .succeeded)
            let output = try JSON(parsing: try #require(ended.output))
            #expect(output.objectValue.map { Array($0.keys) } == ["MessageId"])
            // Delivered after the Task's step committed, as SNS delivers after Publish answers.
            try await ServicesHarness.eventually("the notification in the subscribed queue") {
                try await h.services.queues.receiveMessage(queue: "fanout", ReceiveMessageRequest(queueUrl: url)).first?.body
                    == #"{"Message":"HelloWorld!"}"#
            }

            let fifo = try await h.services.topics.createTopic(name: "ordered.fifo", attributes: ["FifoTopic": "true", "ContentBasedDeduplication": "true"])
            let failed = try await h.run("""
                {"StartAt":"Publish","States":{"Publish":{"Type":"Task","Resource":"arn:aws:states:::sns:publish",
                 "Parameters":{"TopicArn":"\(fifo)","Message":"m"},"End":true}}}
                """, input: "{}")
            #expect(failed.error == "SNS.InvalidParameterException")
            #expect(failed.cause?.hasPrefix("Invalid parameter: The MessageGroupId parameter is required for FIFO topics (Service: AmazonSNS; Status Code: 400; Error Code: InvalidParameter; Request ID: ") == true)
            let grouped = try await h.run("""
                {"StartAt":"Publish","States":{"Publish":{"Type":"Task","Resource":"arn:aws:states:::sns:publish",
                 "Parameters":{"TopicArn":"\(fifo)","Message":"m","MessageGroupId":"g"},"End":true}}}
                """, input: "{}")
            let groupedOutput = try JSON(parsing: try #require(grouped.output))
            #expect(groupedOutput.objectValue.map { Array($0.keys) } == ["MessageId", "SequenceNumber"])
        }
    }
}
