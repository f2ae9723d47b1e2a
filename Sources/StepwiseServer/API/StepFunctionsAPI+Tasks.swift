import Foundation
import StepwiseEngine

/// SendTaskSuccess, SendTaskFailure, SendTaskHeartbeat — also what the plain-HTTP
/// callbacks call, so both answer the same errors.
extension StepFunctionsAPI {
    func sendTaskSuccess(_ input: SendTaskSuccessInput) async throws -> EmptyOutput {
        try await timed { try await engine.sendTaskSuccess(token: input.taskToken ?? "", output: input.output ?? "") }
        return EmptyOutput()
    }

    func sendTaskFailure(_ input: SendTaskFailureInput) async throws -> EmptyOutput {
        try await timed { try await engine.sendTaskFailure(token: input.taskToken ?? "", error: input.error, cause: input.cause) }
        return EmptyOutput()
    }

    func sendTaskHeartbeat(_ input: SendTaskHeartbeatInput) async throws -> EmptyOutput {
        try await engine.sendTaskHeartbeat(token: input.taskToken ?? "")
        return EmptyOutput()
    }

    /// Records how long handing the outcome to the execution took (when it was accepted).
    private func timed(_ body: () async throws -> Void) async throws {
        let start = ContinuousClock.now
        try await body()
        metrics.callbackResumed(after: ContinuousClock.now - start)
    }
}
