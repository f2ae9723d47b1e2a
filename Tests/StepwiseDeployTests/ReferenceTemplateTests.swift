import Foundation
import StatesLanguage
import Testing
@testable import StepwiseDeploy

/// The reference sample's SAM template (../shared/reference), planned unchanged from disk.
@Suite struct ReferenceTemplateTests {
    static let templateFile = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("shared/reference/calling-async-api-callback/template.yaml")
    static var present: Bool { FileManager.default.fileExists(atPath: templateFile.path) }

    static func plan() throws -> DeploymentPlan {
        let planner = DeploymentPlanner(configuration: DeploymentConfiguration(stackName: "calling-async-api-callback"))
        return try planner.plan(templateAt: templateFile.path)
    }

    @Test("every resource is planned, in dependency order", .enabled(if: present, "the shared reference folder is not beside this checkout"))
    func everyResource() throws {
        let plan = try Self.plan()
        #expect(plan.skipped.isEmpty)
        let ids = plan.entries.map(\.logicalId)
        #expect(Set(ids) == [
            "DLQueue", "RequestorQueue", "WorkflowAsyncAPIResponseTopic", "WorkflowAsyncAPICallbackPattern",
            "WorkflowExternalAsyncAPISimulator", "WorkflowRequestorQueueConsumer", "WorkflowRequestorQueueConsumerSQS1",
            "WorkflowCallbackSimulator", "WorkflowResponseLogger", "WorkflowResponseLoggerSNS",
        ])
        func position(_ id: String) -> Int { ids.firstIndex(of: id) ?? -1 }
        #expect(position("DLQueue") < position("RequestorQueue"))
        #expect(position("WorkflowCallbackSimulator") < position("WorkflowExternalAsyncAPISimulator"))
        #expect(position("WorkflowExternalAsyncAPISimulator") < position("WorkflowRequestorQueueConsumer"))
        #expect(position("RequestorQueue") < position("WorkflowAsyncAPICallbackPattern"))
        #expect(position("WorkflowAsyncAPIResponseTopic") < position("WorkflowAsyncAPICallbackPattern"))
    }

    @Test("queues, the dead-letter redrive and the topic", .enabled(if: present, "the shared reference folder is not beside this checkout"))
    func messaging() throws {
        let plan = try Self.plan()
        #expect(plan.queues.map(\.queueName) == ["workflow_requestorDLQ", "workflow_requestorQueue"])
        #expect(plan.queues[1].redrivePolicy == RedrivePolicy(
            deadLetterTargetArn: "arn:aws:sqs:us-east-1:123456789012:workflow_requestorDLQ", maxReceiveCount: 1))
        #expect(plan.topics.map(\.topicName) == ["workflow_AsyncAPIResponseTopic"])
        #expect(plan.topics[0].attributes["DisplayName"] == "Workflow Async API Response Topic")
    }

    @Test("the main state machine's substitutions are filled", .enabled(if: present, "the shared reference folder is not beside this checkout"))
    func mainStateMachine() throws {
        let plan = try Self.plan()
        let main = try #require(plan.stateMachines.first { $0.logicalId == "WorkflowAsyncAPICallbackPattern" })
        #expect(main.type == .standard)
        #expect(main.name.hasPrefix("calling-async-api-callback-WorkflowAsyncAPICallbackPattern-"))
        #expect(main.unresolvedPlaceholders.isEmpty)
        #expect(main.definitionSource.hasSuffix("statemachine/workflow_AsyncAPICallbackPattern.asl.json"))
        let definition = try JSON(parsing: main.definition)
        let invoke = definition["States"]?["Invoke Async API & Wait For CallBack"]
        #expect(invoke?["Resource"] == "arn:aws:states:::sqs:sendMessage.waitForTaskToken")
        #expect(invoke?["Parameters"]?["QueueUrl"] == "http://127.0.0.1:8083/123456789012/workflow_requestorQueue")
        let publish = definition["States"]?["SNS Publish - Send Success Notification"]
        #expect(publish?["Resource"] == "arn:aws:states:::sns:publish")
        #expect(publish?["Parameters"]?["TopicArn"] == "arn:aws:sns:us-east-1:123456789012:workflow_AsyncAPIResponseTopic")
        #expect(!main.definition.contains("${"))
    }

    @Test("the simulator calls the callback function by its name", .enabled(if: present, "the shared reference folder is not beside this checkout"))
    func simulator() throws {
        let plan = try Self.plan()
        let simulator = try #require(plan.stateMachines.first { $0.logicalId == "WorkflowExternalAsyncAPISimulator" })
        let callback = try #require(plan.functions.first { $0.logicalId == "WorkflowCallbackSimulator" })
        let task = try JSON(parsing: simulator.definition)["States"]?["Callback the System"]
        #expect(task?["Resource"] == "arn:aws:states:::lambda:invoke")
        #expect(task?["Parameters"]?["FunctionName"] == .string(callback.functionName))
    }

    @Test("functions: SAM Globals, Environment, the SQS and SNS events; missing code is a warning", .enabled(if: present, "the shared reference folder is not beside this checkout"))
    func functions() throws {
        let plan = try Self.plan()
        #expect(plan.functions.count == 3)
        for function in plan.functions {
            #expect(function.runtime == "nodejs20.x")
            #expect(function.handler == "index.handler")
            #expect(function.timeout == 3)  // the function's own Timeout beats Globals' 30
            #expect(function.memorySize == 128)
            #expect(function.code.path?.contains("calling-async-api-callback/functions/workflow_") == true)
        }
        let consumer = try #require(plan.functions.first { $0.logicalId == "WorkflowRequestorQueueConsumer" })
        let simulator = try #require(plan.stateMachines.first { $0.logicalId == "WorkflowExternalAsyncAPISimulator" })
        #expect(consumer.environment == [
            "AWS_REGION_ID": "us-east-1",
            "STATE_MACHINE_ARN": "arn:aws:states:us-east-1:123456789012:stateMachine:\(simulator.name)",
        ])
        let mapping = try #require(plan.mappings.first)
        #expect(mapping.functionName == consumer.functionName)
        #expect(mapping.eventSourceArn == "arn:aws:sqs:us-east-1:123456789012:workflow_requestorQueue")
        #expect(mapping.batchSize == 10)
        let logger = try #require(plan.functions.first { $0.logicalId == "WorkflowResponseLogger" })
        #expect(logger.code.path?.hasSuffix("calling-async-api-callback/functions/workflow_responseLogger") == true)
        let subscription = try #require(plan.subscriptions.first)
        #expect(subscription.protocol == "lambda")
        #expect(subscription.topicArn == "arn:aws:sns:us-east-1:123456789012:workflow_AsyncAPIResponseTopic")
        #expect(subscription.endpoint == "arn:aws:lambda:us-east-1:123456789012:function:\(logger.functionName)")
        if FileManager.default.fileExists(atPath: logger.code.path ?? "") == false {
            #expect(plan.warnings.contains { $0.location == "Resources/WorkflowResponseLogger/Properties/CodeUri" })
        }
    }

    @Test("the Output resolves to the main state machine's ARN", .enabled(if: present, "the shared reference folder is not beside this checkout"))
    func output() throws {
        let plan = try Self.plan()
        let main = try #require(plan.stateMachines.first { $0.logicalId == "WorkflowAsyncAPICallbackPattern" })
        #expect(plan.outputs.map(\.name) == ["WorkflowAsyncAPICallbackPatternArn"])
        #expect(plan.output("WorkflowAsyncAPICallbackPatternArn") == "arn:aws:states:us-east-1:123456789012:stateMachine:\(main.name)")
        #expect(plan.outputs[0].description?.hasPrefix("workflow_AsyncAPICallbackPattern") == true)
    }
}
