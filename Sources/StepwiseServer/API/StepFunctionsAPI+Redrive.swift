import Foundation
import StepwiseEngine

/// RedriveExecution.
extension StepFunctionsAPI {
    func redriveExecution(_ input: RedriveExecutionInput) async throws -> RedriveExecutionOutput {
        let arn = try requireArn(input.executionArn, "execution", "express")
        return RedriveExecutionOutput(redriveDate: try await engine.redriveExecution(arn: arn, clientToken: input.clientToken))
    }
}
