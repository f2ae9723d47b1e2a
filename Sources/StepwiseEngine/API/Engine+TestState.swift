import Foundation
import StatesLanguage

/// TestState: one state run on its own, outside any execution.
extension Engine {
    /// AWS: "The TestState API can run for up to five minutes. If the execution of a state
    /// exceeds this duration, it fails with the States.Timeout error."
    public static let testStateTimeLimit: TimeInterval = 300

    /// Runs `test` on `request`. A Task without a mock calls its resource through the
    /// integration an execution's Task calls (Stepwise's local Lambda functions, SQS, SNS,
    /// `aws-sdk:*`, Step Functions itself); the call is given the Task's `TimeoutSeconds`,
    /// at most AWS's five minutes, before it fails with `States.Timeout`.
    public func testState(_ test: StateTest, _ request: StateTestRequest) async -> StateTestResult {
        let environment = InterpreterEnvironment(entropy: entropy, region: configuration.region) { _ in
            RandomBytes.uuidString()
        }
        switch test.start(request, now: clock.now(), environment: environment) {
        case .finished(let result):
            return result
        case .call(let call):
            let outcome = await testStateCall(call, executionArn: request.context.execution.id)
            return test.finish(call, outcome: outcome, now: clock.now(), environment: environment)
        }
    }

    /// The context object a test's state sees: an EXPRESS execution of a state machine
    /// named after the test (as AWS shows it), started now with the test's input.
    public func testStateContext(input: JSON, roleArn: String?) -> ContextObject {
        let name = RandomBytes.uuidString()
        let machine = "TestState-" + name.prefix(8)
        let machineArn = arns.stateMachine(machine)
        // AWS: `arn:aws:states:REGION:ACCOUNT:express:MACHINE:NAME`.
        let executionArn = machineArn.replacingOccurrences(of: ":stateMachine:", with: ":express:") + ":" + name
        let execution = ContextObject.Execution(
            id: executionArn, name: name, input: input, roleArn: roleArn ?? "",
            startTime: Timestamps.iso8601(clock.now()), redriveCount: nil)
        return ContextObject(execution: execution, stateMachineId: machineArn, stateMachineName: machine)
    }

    /// One call of a tested Task, made as ``perform(_:)`` makes an execution's.
    func testStateCall(_ call: StateTestCall, executionArn: String) async -> Result<JSON, Failure> {
        let invocation = call.invocation
        guard let integration = integrations.integration(for: invocation.resource) else {
            return .failure(Failure(.runtime, cause: "No integration serves the resource '\(invocation.resource.arn)' (state '\(invocation.stateName)')."))
        }
        let limit = min(TimeInterval(invocation.timeoutSeconds ?? Int.max), Self.testStateTimeLimit)
        let deadline = clock.now().addingTimeInterval(limit)
        let clock = self.clock
        let outcome: IntegrationOutcome? = await withTaskGroup(of: IntegrationOutcome?.self) { group in
            group.addTask { await integration.invoke(IntegrationCall(executionArn: executionArn, invocation: invocation, engine: self)) }
            group.addTask {
                try? await clock.sleep(until: deadline)
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
        switch outcome {
        case .succeeded(let result)?: return .success(result)
        case .failed(let failure)?: return .failure(failure)
        case nil: return .failure(Failure(.timeout, cause: "The state did not finish within \(Int(limit)) seconds."))
        case .submitted?, .started?:
            // Refused before the call (`.waitForTaskToken` and `.sync` need a mock); an
            // integration that answers so anyway cannot be waited for here.
            return .failure(Failure(.runtime, cause: "TestState cannot wait for the resource '\(invocation.resource.arn)'."))
        }
    }
}
