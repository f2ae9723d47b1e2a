import Foundation
import StatesLanguage
import Testing
@testable import StepwiseEngine

@Suite struct EngineTestStateTests {
    /// Answers with the call's parameters.
    struct Echo: Integration {
        func invoke(_ call: IntegrationCall) async -> IntegrationOutcome { .succeeded(call.invocation.parameters) }
    }

    /// Never answers on its own: only cancellation ends the call.
    struct Hanging: Integration {
        func invoke(_ call: IntegrationCall) async -> IntegrationOutcome {
            try? await Task.sleep(for: .seconds(3600))
            return .failed(Failure("Hanging.Cancelled"))
        }
    }

    static func request(_ engine: Engine) -> StateTestRequest {
        StateTestRequest(input: ["n": 1], context: engine.testStateContext(input: ["n": 1], roleArn: "arn:aws:iam::1:role/r"))
    }

    @Test("a tested Task without a mock is called through the integration an execution's Task would use")
    func realCall() async throws {
        var integrations = IntegrationRegistry()
        integrations.register(service: "sqs", Echo())
        let harness = try await EngineHarness.make(integrations: integrations)
        defer { harness.removeFiles() }
        let test = try StateTest(definition: #"""
            {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage", "Parameters": {"MessageBody.$": "$.n"},
             "ResultPath": "$.sent", "Next": "After"}
            """#, stateName: nil)
        let result = await harness.engine.testState(test, Self.request(harness.engine))
        #expect(result.status == .succeeded)
        #expect(result.output == ["n": 1, "sent": ["MessageBody": 1]])
        #expect(result.nextState == "After")
        #expect(Self.request(harness.engine).context.execution.id.contains(":express:TestState-"))
    }

    @Test("a tested Task's call gets its TimeoutSeconds, at most AWS's five minutes, then fails with States.Timeout",
          arguments: [(#", "TimeoutSeconds": 5"#, 5.0), ("", Engine.testStateTimeLimit)])
    func timeLimit(_ field: String, _ seconds: TimeInterval) async throws {
        var integrations = IntegrationRegistry()
        integrations.registerFallback(Hanging())
        let harness = try await EngineHarness.make(integrations: integrations)
        defer { harness.removeFiles() }
        let test = try StateTest(definition: #"{"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage", "End": true"#
                                 + field + "}", stateName: nil)
        let start = harness.clock.now()
        let engine = harness.engine
        let request = Self.request(engine)
        let running = Task { await engine.testState(test, request) }
        try await harness.eventually("the call's deadline to be set") { harness.clock.nextDeadline != nil }
        #expect(harness.clock.nextDeadline == start.addingTimeInterval(seconds))
        harness.clock.advance(by: seconds)
        let result = await running.value
        #expect(result.status == .failed)
        #expect(result.error == "States.Timeout")
    }
}
