import Foundation
import StatesLanguage
import StepwiseEngine
import StepwiseServices
import StepwiseStore
import Testing

@Suite struct AWSSDKIntegrationTests {
    static func sdk(_ service: String, _ action: String) -> String { "arn:aws:states:::aws-sdk:\(service):\(action)" }

    func output(_ record: ExecutionRecord) throws -> JSON {
        #expect(record.status == .succeeded, "\(record.error ?? ""): \(record.cause ?? "")")
        return try JSON(parsing: try #require(record.output))
    }

    @Test("aws-sdk:sqs: createQueue, sendMessage, getQueueAttributes, receiveMessage and deleteMessage with the SDK's shapes")
    func sqsRoundTrip() async throws {
        try await LocalIntegrationHarness.with { h in
            let created = try output(try await h.run(LocalIntegrationHarness.task(Self.sdk("sqs", "createQueue"), #"{"QueueName":"jobs"}"#)))
            let url = try #require(created["QueueUrl"]?.stringValue)
            #expect(url.hasSuffix("/123456789012/jobs"))
            let sent = try output(try await h.run(LocalIntegrationHarness.task(Self.sdk("sqs", "sendMessage"), #"{"QueueUrl":"\#(url)","MessageBody":"hi"}"#)))
            #expect(sent["MessageId"]?.stringValue != nil)
            #expect(sent["MD5OfMessageBody"] == "49f68a5c8493ec2c0bf489821c21fc3b")
            let attributes = try output(try await h.run(LocalIntegrationHarness.task(
                Self.sdk("sqs", "getQueueAttributes"), #"{"QueueUrl":"\#(url)","AttributeNames":["ApproximateNumberOfMessages"]}"#)))
            #expect(attributes["Attributes"]?["ApproximateNumberOfMessages"] == "1")
            let received = try output(try await h.run(LocalIntegrationHarness.task(Self.sdk("sqs", "receiveMessage"), #"{"QueueUrl":"\#(url)"}"#)))
            let message = try #require(received["Messages"]?.arrayValue?.first)
            #expect(message["Body"] == "hi")
            let handle = try #require(message["ReceiptHandle"]?.stringValue)
            let deleted = try output(try await h.run(LocalIntegrationHarness.task(
                Self.sdk("sqs", "deleteMessage"), #"{"QueueUrl":"\#(url)","ReceiptHandle":"\#(handle)"}"#)))
            #expect(deleted == [:])
            let listed = try output(try await h.run(LocalIntegrationHarness.task(Self.sdk("sqs", "listQueues"), "{}")))
            #expect(listed["QueueUrls"] == [.string(url)])
        }
    }

    @Test("aws-sdk:sqs errors are Sqs.<Name>Exception; an action Stepwise lacks fails as Sqs.SqsException")
    func sqsErrors() async throws {
        try await LocalIntegrationHarness.with { h in
            let missing = try await h.run(LocalIntegrationHarness.task(Self.sdk("sqs", "getQueueUrl"), #"{"QueueName":"nope"}"#))
            #expect(missing.status == .failed)
            #expect(missing.error == "Sqs.QueueDoesNotExistException")
            #expect(missing.cause?.contains("(Service: Sqs, Status Code: 400, Request ID: ") == true)
            let unknown = try await h.run(LocalIntegrationHarness.task(Self.sdk("sqs", "tagQueue"), #"{"QueueUrl":"x","Tags":{}}"#))
            #expect(unknown.error == "Sqs.SqsException")
        }
    }

    @Test("aws-sdk:sns: createTopic, publish, listTopics, getTopicAttributes; a missing topic is Sns.NotFoundException")
    func sns() async throws {
        try await LocalIntegrationHarness.with { h in
            let created = try output(try await h.run(LocalIntegrationHarness.task(Self.sdk("sns", "createTopic"), #"{"Name":"events"}"#)))
            let arn = try #require(created["TopicArn"]?.stringValue)
            #expect(arn == "arn:aws:sns:us-east-1:123456789012:events")
            let published = try output(try await h.run(LocalIntegrationHarness.task(Self.sdk("sns", "publish"), #"{"TopicArn":"\#(arn)","Message":"m"}"#)))
            #expect(published["MessageId"]?.stringValue != nil)
            let batch = try output(try await h.run(LocalIntegrationHarness.task(
                Self.sdk("sns", "publishBatch"), #"{"TopicArn":"\#(arn)","PublishBatchRequestEntries":[{"Id":"a","Message":"1"},{"Id":"b","Message":"2"}]}"#)))
            #expect(batch["Successful"]?.arrayValue?.count == 2)
            #expect(batch["Failed"] == [])
            let listed = try output(try await h.run(LocalIntegrationHarness.task(Self.sdk("sns", "listTopics"), "{}")))
            #expect(listed["Topics"] == [["TopicArn": .string(arn)]])
            let attributes = try output(try await h.run(LocalIntegrationHarness.task(Self.sdk("sns", "getTopicAttributes"), #"{"TopicArn":"\#(arn)"}"#)))
            #expect(attributes["Attributes"]?["TopicArn"] == .string(arn))
            let missing = try await h.run(LocalIntegrationHarness.task(
                Self.sdk("sns", "getTopicAttributes"), #"{"TopicArn":"arn:aws:sns:us-east-1:123456789012:none"}"#))
            #expect(missing.error == "Sns.NotFoundException")
        }
    }

    @Test("aws-sdk:lambda: a missing function is Lambda.ResourceNotFoundException; listFunctions answers the SDK's shape")
    func lambdaLookups() async throws {
        try await LocalIntegrationHarness.with { h in
            let missing = try await h.run(LocalIntegrationHarness.task(Self.sdk("lambda", "getFunction"), #"{"FunctionName":"nope"}"#))
            #expect(missing.error == "Lambda.ResourceNotFoundException")
            let listed = try output(try await h.run(LocalIntegrationHarness.task(Self.sdk("lambda", "listFunctions"), "{}")))
            #expect(listed["Functions"] == [])
        }
    }

    @Test("aws-sdk:lambda:invoke returns the bare Invoke response: a failing handler's result carries FunctionError")
    func lambdaInvoke() async throws {
        try await FunctionFixture.with { fixture in
            try fixture.write("h.py", "def ok(event, context):\n    return {'seen': event}\n\ndef bad(event, context):\n    raise ValueError('no')\n")
            try await fixture.create("ok", runtime: "python3.12", handler: "h.ok")
            try await fixture.create("bad", runtime: "python3.12", handler: "h.bad")
            var registry = IntegrationRegistry()
            registry.register(service: "aws-sdk:lambda", AWSSDKLambdaIntegration(functions: fixture.service))
            let engine = try await Engine.open(store: fixture.store, integrations: registry)
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await engine.run() }
                defer { engine.stop() }
                for (name, failing) in [("ok", false), ("bad", true)] {
                    let machine = try await engine.createStateMachine(
                        name: "m-\(name)", definition: LocalIntegrationHarness.task(Self.sdk("lambda", "invoke"), #"{"FunctionName":"\#(name)","Payload":{"n":1}}"#),
                        roleArn: "arn:aws:iam::123456789012:role/r")
                    let execution = try await engine.startExecution(stateMachineArn: machine.arn, input: "{}")
                    var record = try await engine.describeExecution(arn: execution.arn)
                    let deadline = Date().addingTimeInterval(20)
                    while record.status == .running, Date() < deadline {
                        _ = await engine.waitForEnd(execution.arn, atMost: .milliseconds(100))
                        record = try await engine.describeExecution(arn: execution.arn)
                    }
                    let result = try output(record)
                    #expect(result["StatusCode"] == 200)
                    #expect(result["ExecutedVersion"] == "$LATEST")
                    let payload = try JSON(parsing: try #require(result["Payload"]?.stringValue))
                    if failing {
                        #expect(result["FunctionError"] == "Unhandled")
                        #expect(payload["errorType"] == "ValueError")
                    } else {
                        #expect(result["FunctionError"]?.stringValue == nil)
                        #expect(payload == ["seen": ["n": 1]])
                    }
                }
                engine.stop()
                group.cancelAll()
            }
        }
    }
}
