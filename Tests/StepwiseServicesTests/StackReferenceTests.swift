import Foundation
import StatesLanguage
import StepwiseEngine
import StepwiseStore
import Testing
@testable import StepwiseServices

/// The reference sample's template, deployed unchanged through the real services.
@Suite struct StackReferenceTests {
    static let stackName = "calling-async-api-callback"

    @Test("the reference template deploys unchanged: queues, topic, subscription, functions, state machines, outputs",
          .enabled(if: ReferenceSample.present, "the shared reference folder is not beside this checkout"))
    func deploysReference() async throws {
        try await StackFixture.with { f in
            let stack = try await f.stacks.deploy(templateAt: ReferenceSample.templateFile.path)
            #expect(stack.name == Self.stackName)
            #expect(stack.status == "CREATE_COMPLETE")
            #expect(stack.skipped.isEmpty)

            // Queues, with the redrive policy naming the dead-letter queue.
            #expect(try await f.services.queues.listQueues(prefix: nil).sorted() == ["workflow_requestorDLQ", "workflow_requestorQueue"])
            let attributes = try await f.services.queues.queueAttributes("workflow_requestorQueue", names: ["RedrivePolicy"])
            #expect(attributes["RedrivePolicy"]?.contains("arn:aws:sqs:us-east-1:123456789012:workflow_requestorDLQ") == true)

            // The topic and the logger's SNS subscription.
            let topicArn = "arn:aws:sns:us-east-1:123456789012:workflow_AsyncAPIResponseTopic"
            #expect(try await f.services.topics.listTopics() == [topicArn])
            let subscriptions = try await f.services.topics.listSubscriptions(topicArn: topicArn)
            #expect(subscriptions.count == 1)
            #expect(subscriptions.first?.protocol == "lambda")
            let logger = try #require(stack.resource("WorkflowResponseLogger")?.physicalId)
            #expect(subscriptions.first?.endpoint == f.services.functions.arn(logger))
            #expect(stack.resource("WorkflowResponseLoggerSNS")?.physicalId == subscriptions.first?.arn)

            // Functions, pointing at their (still missing) code folders, with their environment.
            let functions = try await f.services.functions.listFunctions().items
            #expect(functions.count == 3)
            let consumer = try await f.services.functions.function(named: try #require(stack.resource("WorkflowRequestorQueueConsumer")?.physicalId))
            #expect(consumer.runtime == "nodejs20.x")
            #expect(consumer.timeout == 3)
            #expect(consumer.codeLocation.hasSuffix("calling-async-api-callback/functions/workflow_requestorQueueConsumer"))
            let simulatorArn = try #require(stack.resource("WorkflowExternalAsyncAPISimulator")?.physicalId)
            #expect(consumer.environment["STATE_MACHINE_ARN"] == simulatorArn)
            #expect(stack.resource("WorkflowRequestorQueueConsumer")?.statusReason?.contains("does not exist yet") == true)

            // Both state machines, their substitutions resolving to the resources just created.
            let main = try await f.engine.describeStateMachine(arn: try #require(stack.resource("WorkflowAsyncAPICallbackPattern")?.physicalId))
            let definition = try JSON(parsing: main.definition)
            let send = try #require(definition["States"]?["Invoke Async API & Wait For CallBack"])
            #expect(send["Resource"]?.stringValue == "arn:aws:states:::sqs:sendMessage.waitForTaskToken")
            let queueURL = try #require(send["Parameters"]?["QueueUrl"]?.stringValue)
            #expect(queueURL == "\(StackFixture.endpoint)/123456789012/workflow_requestorQueue")
            #expect(await f.queueExists(try #require(QueueService.queueName(fromURL: queueURL))))
            let publish = try #require(definition["States"]?["SNS Publish - Send Success Notification"])
            let publishedTopic = try #require(publish["Parameters"]?["TopicArn"]?.stringValue)
            #expect(try await f.services.topics.listTopics().contains(publishedTopic))
            #expect(!main.definition.contains("${"))

            let simulator = try await f.engine.describeStateMachine(arn: simulatorArn)
            let callback = try #require(JSON(parsing: simulator.definition)["States"]?["Callback the System"])
            #expect(callback["Resource"]?.stringValue == "arn:aws:states:::lambda:invoke")
            let functionName = try #require(callback["Parameters"]?["FunctionName"]?.stringValue)
            #expect(try await f.services.functions.function(named: functionName).name == stack.resource("WorkflowCallbackSimulator")?.physicalId)

            // The SAM SQS event became Lambda's mapping of the requestor queue to the consumer.
            let mappingID = try #require(stack.resource("WorkflowRequestorQueueConsumerSQS1")?.physicalId)
            let mapping = try await f.services.eventSourceMappings.eventSourceMapping(uuid: mappingID)
            #expect(mapping.eventSourceArn == "arn:aws:sqs:us-east-1:123456789012:workflow_requestorQueue")
            #expect(mapping.batchSize == 10)
            #expect(try await f.services.functions.function(named: mapping.functionArn).name
                    == stack.resource("WorkflowRequestorQueueConsumer")?.physicalId)

            #expect(stack.outputs.map(\.key) == ["WorkflowAsyncAPICallbackPatternArn"])
            #expect(stack.outputs.first?.value == main.arn)
            #expect(try await f.stacks.list().map(\.name) == [Self.stackName])
        }
    }

    @Test("deploying the reference again updates the same resources in place",
          .enabled(if: ReferenceSample.present, "the shared reference folder is not beside this checkout"))
    func redeploysReference() async throws {
        try await StackFixture.with { f in
            let first = try await f.stacks.deploy(templateAt: ReferenceSample.templateFile.path)
            let main = try await f.engine.describeStateMachine(arn: try #require(first.resource("WorkflowAsyncAPICallbackPattern")?.physicalId))
            f.clock.advance(by: 60)
            let second = try await f.stacks.deploy(templateAt: ReferenceSample.templateFile.path)
            #expect(second.status == "UPDATE_COMPLETE")
            #expect(second.resources.map(\.physicalId) == first.resources.map(\.physicalId))
            #expect(second.resources.allSatisfy { $0.status == "UPDATE_COMPLETE" })
            #expect(second.createdAt == first.createdAt)
            #expect(second.updatedAt > first.updatedAt)
            let topicArn = "arn:aws:sns:us-east-1:123456789012:workflow_AsyncAPIResponseTopic"
            #expect(try await f.services.topics.listSubscriptions(topicArn: topicArn).count == 1)
            // Nothing changed: the state machine keeps its revision.
            #expect(try await f.engine.describeStateMachine(arn: main.arn).revisionID == main.revisionID)
        }
    }

    @Test("deleting the reference stack removes every resource it created",
          .enabled(if: ReferenceSample.present, "the shared reference folder is not beside this checkout"))
    func deletesReference() async throws {
        try await StackFixture.with { f in
            try await f.stacks.deploy(templateAt: ReferenceSample.templateFile.path)
            let deleted = try await f.stacks.delete(stackName: Self.stackName)
            #expect(deleted.status == "DELETE_COMPLETE")
            #expect(deleted.resources.allSatisfy { $0.status == "DELETE_COMPLETE" })
            #expect(try await f.services.queues.listQueues(prefix: nil).isEmpty)
            #expect(try await f.services.topics.listTopics().isEmpty)
            #expect(try await f.services.topics.listSubscriptions(topicArn: nil).isEmpty)
            #expect(try await f.services.functions.listFunctions().items.isEmpty)
            #expect(try await f.services.eventSourceMappings.listEventSourceMappings().items.isEmpty)
            #expect(try await f.engine.listStateMachines(limit: 10, cursor: nil).items.isEmpty)
            #expect(try await f.stacks.list().isEmpty)
            await #expect(throws: StackError(.validation, "Stack with id \(Self.stackName) does not exist")) {
                try await f.stacks.describe(stackName: Self.stackName)
            }
        }
    }
}
