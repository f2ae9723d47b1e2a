import Foundation
import StatesLanguage
import StepwiseStore
import Testing
@testable import StepwiseEngine

@Suite(.serialized) struct EngineCallbackTests {
    static let waitForToken = #"""
    {"StartAt":"Ask","States":{"Ask":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken",
     "Parameters":{"QueueUrl":"q","MessageBody":{"token.$":"$$.Task.Token","input.$":"$"}},
     "HeartbeatSeconds":60,"TimeoutSeconds":300,"End":true}}}
    """#

    static func registry(_ integration: RecordingIntegration) -> IntegrationRegistry {
        var registry = IntegrationRegistry()
        registry.register(service: "sqs", integration)
        return registry
    }

    static func token(_ integration: RecordingIntegration) -> String? {
        integration.invocations.last?.parameters["MessageBody"]?["token"]?.stringValue
    }

    /// Starts an execution of `waitForToken` and returns it with the token its message carried.
    static func startWaiting(_ h: EngineHarness, _ sqs: RecordingIntegration) async throws -> (ExecutionRecord, String) {
        let arn = try await h.createMachine(waitForToken)
        let execution = try await h.engine.startExecution(stateMachineArn: arn)
        try await h.eventually("the message") { token(sqs) != nil }
        return (execution, try #require(token(sqs)))
    }

    @Test("SendTaskSuccess resumes a waiting execution; a second completion is TaskTimedOut")
    func successOnce() async throws {
        let sqs = RecordingIntegration { _ in .submitted(["MessageId": "m-1"]) }
        try await EngineHarness.with(integrations: Self.registry(sqs)) { h in
            let arn = try await h.createMachine(Self.waitForToken)
            let execution = try await h.engine.startExecution(stateMachineArn: arn, input: #"{"n":1}"#)
            try await h.eventually("the message to be sent") { Self.token(sqs) != nil }
            let token = try #require(Self.token(sqs))
            try await h.eventually("TaskSubmitted") { try await h.historyTypes(execution.arn).contains("TaskSubmitted") }
            try await h.engine.sendTaskSuccess(token: token, output: #"{"status":200}"#)
            let ended = try await h.waitForEnd(execution.arn)
            #expect(ended.status == .succeeded)
            #expect(ended.output == #"{"status":200}"#)
            #expect(try await h.historyTypes(execution.arn) == [
                "ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskSubmitted",
                "TaskSucceeded", "TaskStateExited", "ExecutionSucceeded",
            ])
            await #expect(throws: EngineError.taskTimedOut) { try await h.engine.sendTaskSuccess(token: token, output: "{}") }
            // The token may arrive JSON-quoted, as the sample's callback function sends it.
            await #expect(throws: EngineError.taskTimedOut) { try await h.engine.sendTaskFailure(token: "\"\(token)\"", error: "E", cause: nil) }
        }
    }

    @Test("forged, mangled and unknown tokens are refused with AWS's errors")
    func badTokens() async throws {
        try await EngineHarness.with { h in
            await #expect(throws: EngineError.self) { try await h.engine.sendTaskSuccess(token: "not-a-token", output: "{}") }
            let genuineButUnknown = h.engine.signer.mint().token
            await #expect(throws: EngineError.taskDoesNotExist) { try await h.engine.sendTaskSuccess(token: genuineButUnknown, output: "{}") }
            var mangled = Array(genuineButUnknown)
            mangled[10] = mangled[10] == "A" ? "B" : "A"
            do {
                try await h.engine.sendTaskHeartbeat(token: String(mangled))
                Issue.record("a mangled token was accepted")
            } catch let error as EngineError {
                guard case .invalidToken = error else { Issue.record("expected InvalidToken, got \(error)"); return }
            }
        }
    }

    @Test("output that is not JSON is InvalidOutput and leaves the task open")
    func invalidOutput() async throws {
        let sqs = RecordingIntegration { _ in .submitted([:]) }
        try await EngineHarness.with(integrations: Self.registry(sqs)) { h in
            let (execution, token) = try await Self.startWaiting(h, sqs)
            await #expect(throws: EngineError.invalidOutput("Invalid Output: 'Output is not valid JSON'")) {
                try await h.engine.sendTaskSuccess(token: token, output: "{nope")
            }
            try await h.engine.sendTaskFailure(token: token, error: "Custom", cause: "told to")
            let ended = try await h.waitForEnd(execution.arn)
            #expect(ended.status == .failed)
            #expect(ended.error == "Custom")
            #expect(ended.cause == "told to")
        }
    }

    @Test("a missed heartbeat times the task out with States.Timeout on the virtual clock")
    func heartbeatTimeout() async throws {
        let sqs = RecordingIntegration { _ in .submitted([:]) }
        try await EngineHarness.with(integrations: Self.registry(sqs)) { h in
            let (execution, token) = try await Self.startWaiting(h, sqs)
            try await h.advance(by: 50)
            try await h.engine.sendTaskHeartbeat(token: token)
            try await h.advance(by: 50)  // 100 s since start, 50 since the heartbeat
            #expect(try await h.engine.describeExecution(arn: execution.arn).status == .running)
            try await h.advance(by: 11)
            let ended = try await h.waitForEnd(execution.arn)
            #expect(ended.status == .failed)
            #expect(ended.error == "States.Timeout")
            await #expect(throws: EngineError.taskTimedOut) { try await h.engine.sendTaskSuccess(token: token, output: "{}") }
        }
    }

    @Test("a token completed after its execution was stopped is TaskTimedOut")
    func afterStop() async throws {
        let sqs = RecordingIntegration { _ in .submitted([:]) }
        try await EngineHarness.with(integrations: Self.registry(sqs)) { h in
            let (execution, token) = try await Self.startWaiting(h, sqs)
            _ = try await h.engine.stopExecution(arn: execution.arn, error: "Operator", cause: "no longer needed")
            let ended = try await h.waitForEnd(execution.arn)
            #expect(ended.status == .aborted)
            #expect(ended.error == "Operator")
            await #expect(throws: EngineError.taskTimedOut) { try await h.engine.sendTaskSuccess(token: token, output: "{}") }
        }
    }

    @Test("many concurrent completions of one token: exactly one wins")
    func completionRace() async throws {
        let sqs = RecordingIntegration { _ in .submitted([:]) }
        try await EngineHarness.with(integrations: Self.registry(sqs)) { h in
            let (execution, token) = try await Self.startWaiting(h, sqs)
            let wins = try await withThrowingTaskGroup(of: Bool.self) { group in
                for i in 0..<20 {
                    group.addTask {
                        do {
                            try await h.engine.sendTaskSuccess(token: token, output: "{\"winner\":\(i)}")
                            return true
                        } catch EngineError.taskTimedOut { return false }
                    }
                }
                return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            #expect(wins == 1)
            #expect(try await h.waitForEnd(execution.arn).status == .succeeded)
        }
    }
}
