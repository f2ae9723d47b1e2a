import Foundation
import StatesLanguage

/// `arn:aws:states:::aws-sdk:sfn:<action>`: Step Functions' own API called from a Task
/// (request-response), with the AWS SDK integration's shapes and error names
/// (`Sfn.<Code>Exception`).
struct AWSSDKStepFunctionsIntegration: Integration {
    func invoke(_ call: IntegrationCall) async -> IntegrationOutcome {
        let invocation = call.invocation
        guard case .integration(_, let action) = invocation.resource.kind else {
            return .failed(Failure("Sfn.SdkClientException", cause: "Not an AWS SDK resource."))
        }
        let parameters = invocation.parameters
        let engine = call.engine
        do {
            switch action {
            case "startExecution":
                guard let arn = parameters["StateMachineArn"]?.stringValue else { throw EngineError.validation("StateMachineArn is required") }
                let child = try await engine.startExecution(
                    stateMachineArn: arn, name: parameters["Name"]?.stringValue, input: StepFunctionsIntegration.inputText(parameters["Input"]))
                return .succeeded(["ExecutionArn": .string(child.arn), "StartDate": .string(Timestamps.iso8601(child.startDate))])
            case "sendTaskSuccess":
                try await engine.sendTaskSuccess(token: parameters["TaskToken"]?.stringValue ?? "",
                                                 output: StepFunctionsIntegration.inputText(parameters["Output"]) ?? "{}")
                return .succeeded([:])
            case "sendTaskFailure":
                try await engine.sendTaskFailure(token: parameters["TaskToken"]?.stringValue ?? "",
                                                 error: parameters["Error"]?.stringValue, cause: parameters["Cause"]?.stringValue)
                return .succeeded([:])
            case "sendTaskHeartbeat":
                try await engine.sendTaskHeartbeat(token: parameters["TaskToken"]?.stringValue ?? "")
                return .succeeded([:])
            case "describeExecution":
                let record = try await engine.describeExecution(arn: parameters["ExecutionArn"]?.stringValue ?? "")
                var out: JSONObject = [
                    "ExecutionArn": .string(record.arn), "StateMachineArn": .string(record.stateMachineArn),
                    "Name": .string(record.name), "Status": .string(record.status.rawValue),
                    "StartDate": .string(Timestamps.iso8601(record.startDate)), "Input": .string(record.input),
                ]
                if let output = record.output { out["Output"] = .string(output) }
                if let stop = record.stopDate { out["StopDate"] = .string(Timestamps.iso8601(stop)) }
                return .succeeded(.object(out))
            default:
                return .failed(Failure("Sfn.SdkClientException", cause: "Stepwise does not support the AWS SDK action sfn:\(action) yet."))
            }
        } catch let error as EngineError {
            return .failed(Self.failure(error))
        } catch {
            return .failed(Failure("Sfn.SdkClientException", cause: "\(error)"))
        }
    }

    /// `Sfn.<Code>Exception` with the SDK v2's message form.
    static func failure(_ error: EngineError) -> Failure {
        let (code, message): (String, String) = switch error {
        case .invalidToken: ("InvalidToken", "Invalid token")
        case .taskDoesNotExist: ("TaskDoesNotExist", "Task does not exist")
        case .taskTimedOut: ("TaskTimedOut", "Task Timed Out")
        case .invalidOutput(let m): ("InvalidOutput", m)
        case .stateMachineDoesNotExist(let arn): ("StateMachineDoesNotExist", "State Machine Does Not Exist: '\(arn)'")
        case .executionDoesNotExist(let arn): ("ExecutionDoesNotExist", "Execution Does Not Exist: '\(arn)'")
        case .executionAlreadyExists(let arn): ("ExecutionAlreadyExists", "Execution Already Exists: '\(arn)'")
        case .invalidExecutionInput(let m): ("InvalidExecutionInput", m)
        case .invalidName(let m): ("InvalidName", m)
        case .invalidLoggingConfiguration(let m): ("InvalidLoggingConfiguration", m)
        default: ("Validation", "\(error)")
        }
        let displayed = code == "InvalidToken" ? "Invalid Token" : code
        return Failure(ErrorName("Sfn.\(code)Exception"),
                       cause: "\(displayed): '\(message)' (Service: Sfn, Status Code: 400, Request ID: \(RandomBytes.uuidString())) (SDK Attempt Count: 1)")
    }
}
