import Foundation
import StatesLanguage
import StepwiseStore

/// Step Functions' own integration: `arn:aws:states:::states:startExecution` with the
/// request-response, `.sync`, `.sync:2` and `.waitForTaskToken` patterns.
///
/// `.sync` children report to the parent's Task through the store: TaskSubmitted in the
/// transaction that creates them, their end in the one that ends them (see
/// ``ExecutionRecord/parentExecutionArn``), so the parent's history has AWS's order.
struct StepFunctionsIntegration: Integration {
    func invoke(_ call: IntegrationCall) async -> IntegrationOutcome {
        let invocation = call.invocation
        guard case .integration(_, let action) = invocation.resource.kind, action == "startExecution" else {
            return .failed(Failure("StepFunctions.UnsupportedOperation", cause: "Stepwise does not support '\(invocation.resource.arn)' yet."))
        }
        let parameters = invocation.parameters
        guard let arn = parameters["StateMachineArn"]?.stringValue else {
            return .failed(Failure("StepFunctions.ValidationException", cause: "The field 'StateMachineArn' is required."))
        }
        let input = Self.inputText(parameters["Input"])
        let waits = invocation.resource.pattern == .sync || invocation.resource.pattern == .sync2
        do {
            let child = try await call.engine.startExecution(
                stateMachineArn: arn, name: parameters["Name"]?.stringValue, input: input,
                parent: waits ? (call.executionArn, invocation.ticket) : nil)
            switch invocation.resource.pattern {
            case .requestResponse: return .succeeded(Self.startedOutput(child))
            case .waitForTaskToken: return .submitted(Self.startedOutput(child))
            // TaskSubmitted went to this execution with the child's first commit (see `startExecution`).
            case .sync, .sync2: return .started
            }
        } catch let error as EngineError {
            return .failed(Self.failure(error))
        } catch {
            return .failed(Failure("StepFunctions.SdkClientException", cause: "\(error)"))
        }
    }

    /// StartExecution's answer as a Task sees it: the child's ARN and start date (epoch ms).
    static func startedOutput(_ child: ExecutionRecord) -> JSON {
        ["ExecutionArn": .string(child.arn), "StartDate": .number(.int(Int(child.startDate.timeIntervalSince1970 * 1000)))]
    }

    /// An `Input` parameter as execution input text: a string is used as it is, any other
    /// value is serialised; absent or null means none (`{}`).
    static func inputText(_ value: JSON?) -> String? {
        switch value {
        case .string(let text)?: text
        case nil, .null?: nil
        case let value?: value.serialized
        }
    }

    /// The error a failed StartExecution raises in the parent, as AWS names it
    /// (`StepFunctions.<Code>Exception`) with the SDK's message form.
    static func failure(_ error: EngineError) -> Failure {
        let (code, message): (String, String) = switch error {
        case .stateMachineDoesNotExist(let arn): ("StateMachineDoesNotExist", "State Machine Does Not Exist: '\(arn)'")
        case .executionAlreadyExists(let arn): ("ExecutionAlreadyExists", "Execution Already Exists: '\(arn)'")
        case .invalidExecutionInput(let m): ("InvalidExecutionInput", m)
        case .invalidName(let m): ("InvalidName", m)
        default: ("ValidationException", "\(error)")
        }
        return Failure(ErrorName("StepFunctions.\(code)Exception"),
                       cause: "\(message) (Service: AWSStepFunctions; Status Code: 400; Error Code: \(code); Request ID: \(RandomBytes.uuidString()); Proxy: null)")
    }

    /// The event a `.sync` parent receives when its child ends: the child's
    /// DescribeExecution as the result (`Output` as text for `.sync`), or `States.TaskFailed`
    /// with that description as the cause.
    static func childEnded(_ child: ExecutionRecord, _ outcome: ExecutionOutcome, ticket: Int, now: Date) -> ExecutionEvent {
        var description: JSONObject = [
            "ExecutionArn": .string(child.arn), "Input": .string(child.input), "InputDetails": ["Included": true],
            "Name": .string(child.name), "StartDate": .int(Int(child.startDate.timeIntervalSince1970 * 1000)),
            "StateMachineArn": .string(child.stateMachineArn), "Status": .string(outcome.status),
            "StopDate": .int(Int(now.timeIntervalSince1970 * 1000)),
        ]
        switch outcome {
        case .succeeded(let output):
            description["Output"] = .string(output.serialized)
            description["OutputDetails"] = ["Included": true]
            return .taskSucceeded(ticket, output: .object(description))
        case .failed(let f), .timedOut(let f?), .aborted(let f?):
            description["Error"] = .string(f.error.rawValue)
            if let cause = f.cause { description["Cause"] = .string(cause) }
            return .taskFailed(ticket, Failure(.taskFailed, cause: JSON.object(description).serialized))
        case .timedOut(nil), .aborted(nil):
            return .taskFailed(ticket, Failure(.taskFailed, cause: JSON.object(description).serialized))
        }
    }
}
