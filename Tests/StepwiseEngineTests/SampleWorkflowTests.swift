import Foundation
import StatesLanguage
import StepwiseStore
import Testing
@testable import StepwiseEngine

/// The reference sample's main workflow (../shared/reference) on the durable engine, with
/// in-process stand-ins for SQS and SNS.
@Suite(.serialized) struct SampleWorkflowTests {
    static let referenceFile = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("shared/reference/calling-async-api-callback/statemachine/workflow_AsyncAPICallbackPattern.asl.json")
    static var present: Bool { FileManager.default.fileExists(atPath: referenceFile.path) }

    static func definition() throws -> String {
        let substitutions = [
            "${SQSSendMessageAction}": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
            "${SQSQueueURL}": "http://127.0.0.1:8083/123456789012/workflow_requestorQueue",
            "${SNSTopicARN}": "arn:aws:sns:us-east-1:123456789012:workflow_AsyncAPIResponseTopic",
            "${SNSTopicPublishAction}": "arn:aws:states:::sns:publish",
        ]
        return try substitutions.reduce(String(contentsOf: referenceFile, encoding: .utf8)) { $0.replacingOccurrences(of: $1.key, with: $1.value) }
    }

    enum Callback { case success, failure, none }

    /// Runs the workflow and returns the notification message it published.
    func run(_ callback: Callback) async throws -> (ExecutionRecord, String?) {
        let sqs = RecordingIntegration { _ in .submitted(["MessageId": "m"]) }
        let sns = RecordingIntegration { _ in .succeeded(["MessageId": "n"]) }
        var registry = IntegrationRegistry()
        registry.register(service: "sqs", sqs)
        registry.register(service: "sns", sns)
        var result: (ExecutionRecord, String?)?
        try await EngineHarness.with(integrations: registry) { h in
            let arn = try await h.createMachine(try Self.definition(), name: "WorkflowAsyncAPICallbackPattern")
            let execution = try await h.engine.startExecution(stateMachineArn: arn, input: #"{"waitTime":1,"status":"success"}"#)
            try await h.eventually("the request message") { !sqs.invocations.isEmpty }
            let body = try #require(sqs.invocations.first?.parameters["MessageBody"])
            let token = try #require(body["taskToken"]?.stringValue)
            #expect(body["payload"] == ["waitTime": 1, "status": "success"])
            switch callback {
            case .success:
                try await h.engine.sendTaskSuccess(token: "\"\(token)\"", output: #"{"status":200,"payload":{"body":"sample sucess message"}}"#)
            case .failure:
                try await h.engine.sendTaskFailure(token: "\"\(token)\"", error: "sample error message", cause: "sample error message")
            case .none:
                try await h.advance(by: 300)
            }
            let ended = try await h.waitForEnd(execution.arn)
            result = (ended, sns.invocations.first?.parameters["Message"]?["message"]?.stringValue)
        }
        return try #require(result)
    }

    @Test("success callback: the success notification is published", .enabled(if: present, "the shared reference folder is not beside this checkout"))
    func success() async throws {
        let (execution, message) = try await run(.success)
        #expect(execution.status == .succeeded)
        #expect(message == "API Executed Successfully")
    }

    @Test("failure callback: caught by States.TaskFailed, the error notification is published", .enabled(if: present, "the shared reference folder is not beside this checkout"))
    func failure() async throws {
        let (execution, message) = try await run(.failure)
        #expect(execution.status == .succeeded)
        #expect(message == "API Failed")
    }

    @Test("no callback: the 300 s timeout fires States.Timeout and the error notification is published", .enabled(if: present, "the shared reference folder is not beside this checkout"))
    func timeout() async throws {
        let (execution, message) = try await run(.none)
        #expect(execution.status == .succeeded)
        #expect(message == "API Failed")
    }
}
