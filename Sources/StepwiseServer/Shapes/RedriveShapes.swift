import Foundation

// RedriveExecution.

struct RedriveExecutionInput: ValidatedRequest {
    var executionArn: String?
    var clientToken: String?

    func validate(_ v: inout FieldValidator) {
        v.arn("executionArn", executionArn)
        v.length("clientToken", clientToken, min: 1, max: 64)
    }
}

struct RedriveExecutionOutput: Encodable {
    var redriveDate: Date
}
