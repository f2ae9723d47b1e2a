import Foundation
import StatesLanguage
import StepwiseEngine
import StepwiseStore
import Testing
@testable import StepwiseServices

/// Deploying again, removing resources, partial failures and the API's errors.
@Suite struct StackUpdateTests {
    static let template = """
        AWSTemplateFormatVersion: '2010-09-09'
        Transform: AWS::Serverless-2016-10-31
        Parameters:
          Visibility:
            Type: Number
            Default: 30
        Resources:
          Jobs:
            Type: AWS::SQS::Queue
            Properties:
              QueueName: jobs
              VisibilityTimeout: !Ref Visibility
          Flow:
            Type: AWS::Serverless::StateMachine
            Properties:
              Name: flow
              Definition:
                StartAt: Send
                States:
                  Send:
                    Type: Pass
                    Result:
                      queue: !Ref Jobs
                      visibility: !Sub "${Visibility}"
                    End: true
          Workers:
            Type: AWS::StepFunctions::Activity
            Properties:
              Name: workers
        Outputs:
          FlowArn:
            Value: !Ref Flow
        """

    @Test("a changed parameter updates the queue and the state machine in place")
    func parameterChange() async throws {
        try await StackFixture.with { f in
            let path = try f.template(Self.template)
            let first = try await f.stacks.deploy(templateAt: path, stackName: "app")
            #expect(first.status == "CREATE_COMPLETE")
            #expect(try await f.services.queues.queueAttributes("jobs", names: ["VisibilityTimeout"])["VisibilityTimeout"] == "30")
            let before = try await f.stateMachine(named: "flow")
            #expect(try JSON(parsing: before.definition)["States"]?["Send"]?["Result"]?["visibility"] == "30")

            let second = try await f.stacks.deploy(templateAt: path, stackName: "app", parameters: ["Visibility": "60"])
            #expect(second.status == "UPDATE_COMPLETE")
            #expect(second.resources.map(\.physicalId) == first.resources.map(\.physicalId))
            #expect(try await f.services.queues.queueAttributes("jobs", names: ["VisibilityTimeout"])["VisibilityTimeout"] == "60")
            let after = try await f.stateMachine(named: "flow")
            #expect(after.arn == before.arn)
            #expect(after.createdAt == before.createdAt)
            #expect(after.revisionID != before.revisionID)
            #expect(try JSON(parsing: after.definition)["States"]?["Send"]?["Result"]?["visibility"] == "60")
            #expect(second.parameters == ["Visibility": "60"])
            #expect(second.outputs.first?.value == after.arn)
        }
    }

    @Test("a queue property removed from the template goes back to SQS's default on the next deploy")
    func removedQueueProperty() async throws {
        try await StackFixture.with { f in
            let queue = """
                Resources:
                  Jobs:
                    Type: AWS::SQS::Queue
                    Properties:
                      QueueName: jobs
                      VisibilityTimeout: 60
                """
            _ = try await f.stacks.deploy(templateAt: try f.template(queue + "\n      DelaySeconds: 5\n"), stackName: "q")
            let names = ["VisibilityTimeout", "DelaySeconds"]
            #expect(try await f.services.queues.queueAttributes("jobs", names: names) == ["VisibilityTimeout": "60", "DelaySeconds": "5"])
            let second = try await f.stacks.deploy(templateAt: try f.template(queue), stackName: "q")
            #expect(second.status == "UPDATE_COMPLETE")
            #expect(try await f.services.queues.queueAttributes("jobs", names: names) == ["VisibilityTimeout": "60", "DelaySeconds": "0"])
        }
    }

    @Test("a topic property removed from the template goes back to SNS's default on the next deploy")
    func removedTopicProperty() async throws {
        try await StackFixture.with { f in
            let topic = """
                Resources:
                  Alerts:
                    Type: AWS::SNS::Topic
                    Properties:
                      TopicName: alerts
                """
            let first = try await f.stacks.deploy(templateAt: try f.template(topic + "\n      DisplayName: Alerts\n"), stackName: "t")
            let arn = try #require(first.resources.first?.physicalId)
            #expect(try await f.services.topics.topicAttributes(arn: arn)["DisplayName"] == "Alerts")
            let second = try await f.stacks.deploy(templateAt: try f.template(topic), stackName: "t")
            #expect(second.status == "UPDATE_COMPLETE")
            #expect(second.resources.first?.physicalId == arn)
            #expect(try await f.services.topics.topicAttributes(arn: arn)["DisplayName"] == "")
        }
    }

    @Test("a resource that leaves the template is deleted; a type change replaces the state machine")
    func removedResource() async throws {
        try await StackFixture.with { f in
            let path = try f.template(Self.template)
            try await f.stacks.deploy(templateAt: path, stackName: "app")
            let workers = f.engine.arns.activity("workers")
            #expect((try? await f.engine.describeActivity(arn: workers)) != nil)

            let trimmed = Self.template
                .replacingOccurrences(of: "  Workers:\n    Type: AWS::StepFunctions::Activity\n    Properties:\n      Name: workers\n", with: "")
                .replacingOccurrences(of: "      Name: flow\n", with: "      Name: flow\n      Type: EXPRESS\n")
            try f.template(trimmed)
            let stack = try await f.stacks.deploy(templateAt: path, stackName: "app")
            #expect(stack.status == "UPDATE_COMPLETE")
            #expect(stack.resource("Workers") == nil)
            #expect((try? await f.engine.describeActivity(arn: workers)) == nil)
            #expect(try await f.stateMachine(named: "flow").type == .express)
            #expect(stack.resource("Flow")?.statusReason?.contains("replaced") == true)
        }
    }

    @Test("a failing resource stops the deploy; what was created stays recorded and delete removes it")
    func partialFailure() async throws {
        try await StackFixture.with { f in
            let broken = """
                Resources:
                  First:
                    Type: AWS::SQS::Queue
                    Properties:
                      QueueName: first
                  Broken:
                    Type: AWS::SQS::Queue
                    DependsOn: First
                    Properties:
                      QueueName: broken
                      MessageRetentionPeriod: 10
                """
            let path = try f.template(broken)
            let stack = try await f.stacks.deploy(templateAt: path, stackName: "app")
            #expect(stack.status == "CREATE_FAILED")
            #expect(stack.statusReason == "The following resource(s) failed to create: [Broken].")
            #expect(stack.resource("First")?.status == "CREATE_COMPLETE")
            #expect(stack.resource("Broken")?.status == "CREATE_FAILED")
            // SQS, not the planner, refuses a retention period under 60 s.
            #expect(stack.resource("Broken")?.statusReason?.contains("MessageRetentionPeriod") == true, "\(stack.resource("Broken")?.statusReason ?? "")")
            #expect(await f.queueExists("first"))
            #expect(try await f.stacks.describe(stackName: "app").resources.count == 2)

            let deleted = try await f.stacks.delete(stackName: "app")
            #expect(deleted.status == "DELETE_COMPLETE")
            #expect(await !f.queueExists("first"))
        }
    }

    @Test("a named resource that exists outside the stack is not taken over")
    func existingResource() async throws {
        try await StackFixture.with { f in
            try await f.services.queues.createQueue(CreateQueueRequest(queueName: "jobs"))
            let stack = try await f.stacks.deploy(templateAt: try f.template(Self.template), stackName: "app")
            #expect(stack.status == "CREATE_FAILED")
            #expect(stack.resource("Jobs")?.statusReason == "Resource of type 'AWS::SQS::Queue' with identifier 'jobs' already exists.")
            try await f.stacks.delete(stackName: "app")
            #expect(await f.queueExists("jobs"))
        }
    }

    @Test("inline code is written as the handler's module file")
    func inlineCode() async throws {
        try await StackFixture.with { f in
            let template = """
                Transform: AWS::Serverless-2016-10-31
                Resources:
                  Hello:
                    Type: AWS::Serverless::Function
                    Properties:
                      FunctionName: hello
                      Runtime: python3.12
                      Handler: app.handler
                      InlineCode: |
                        def handler(event, context):
                            return "hi"
                """
            let stack = try await f.stacks.deploy(templateAt: try f.template(template), stackName: "app")
            #expect(stack.status == "CREATE_COMPLETE")
            let function = try await f.services.functions.function(named: "hello")
            let source = try String(contentsOfFile: function.codeLocation + "/app.py", encoding: .utf8)
            #expect(source.contains("return \"hi\""))
            try await f.stacks.delete(stackName: "app")
            #expect(!FileManager.default.fileExists(atPath: function.codeLocation))
        }
    }

    @Test("template and parameter problems are ValidationErrors and change nothing")
    func validationErrors() async throws {
        try await StackFixture.with { f in
            let path = try f.template(Self.template)
            await #expect(throws: StackError.self) {
                try await f.stacks.deploy(templateAt: path, stackName: "app", parameters: ["Visibility": "not a number"])
            }
            await #expect(throws: StackError.self) {
                try await f.stacks.deploy(templateAt: path, stackName: "1-bad-name")
            }
            await #expect(throws: StackError.self) {
                try await f.stacks.deploy(StackService.Deployment(stackName: "app", templateBody: "Resources: [", templateDirectory: "/tmp"))
            }
            #expect(try await f.stacks.list().isEmpty)
            #expect(await !f.queueExists("jobs"))
            #expect(StackService.stackName(forFolder: "my_app.v2") == "my-app-v2")
            #expect(StackService.stackName(forFolder: "calling-async-api-callback") == "calling-async-api-callback")
        }
    }

    @Test("the HTTP API deploys, lists, describes and deletes, with CloudFormation's error shape")
    func httpAPI() async throws {
        try await StackFixture.with { f in
            let api = StackAPI(service: f.stacks)
            let path = try f.template(Self.template)
            let body: JSON = [
                "StackName": "app", "TemplateBody": .string(Self.template),
                "TemplateDirectory": .string(URL(fileURLWithPath: path).deletingLastPathComponent().path),
                "Parameters": ["Visibility": "45"],
            ]
            func call(_ method: String, _ path: String, _ body: JSON? = nil) async throws -> (Int, JSON) {
                let response = await api.handle(ServiceRequest(method: method, path: path, body: Array((body?.serialized ?? "").utf8)))
                return (response.status, try JSON(parsing: String(decoding: response.body, as: UTF8.self)))
            }
            let (status, deployed) = try await call("POST", "/stepwise/stacks", body)
            #expect(status == 200)
            #expect(deployed["StackStatus"]?.stringValue == "CREATE_COMPLETE")
            #expect(deployed["Resources"]?.arrayValue?.first?["PhysicalResourceId"]?.stringValue == "\(StackFixture.endpoint)/123456789012/jobs")
            #expect(deployed["Outputs"]?.arrayValue?.first?["OutputKey"]?.stringValue == "FlowArn")

            let (_, list) = try await call("GET", "/stepwise/stacks")
            #expect(list["Stacks"]?.arrayValue?.map { $0["StackName"]?.stringValue } == ["app"])
            let (_, one) = try await call("GET", "/stepwise/stacks/app")
            #expect(one["Parameters"]?["Visibility"]?.stringValue == "45")

            let (missingStatus, missing) = try await call("GET", "/stepwise/stacks/nope")
            #expect(missingStatus == 400)
            #expect(missing["__type"]?.stringValue == "ValidationError")
            #expect(missing["message"]?.stringValue == "Stack with id nope does not exist")
            let (badStatus, bad) = try await call("POST", "/stepwise/stacks", ["StackName": "app"])
            #expect(badStatus == 400)
            #expect(bad["message"]?.stringValue == "TemplateBody is required")

            let (_, deleted) = try await call("DELETE", "/stepwise/stacks/app")
            #expect(deleted["StackStatus"]?.stringValue == "DELETE_COMPLETE")
            #expect(await !f.queueExists("jobs"))
        }
    }
}
