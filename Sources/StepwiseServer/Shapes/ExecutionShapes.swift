import Foundation

// StartExecution, StartSyncExecution, StopExecution, DescribeExecution, ListExecutions.

struct StartExecutionInput: ValidatedRequest {
    var stateMachineArn: String?
    var name: String?
    var input: String?
    var traceHeader: String?

    func validate(_ v: inout FieldValidator) {
        v.arn("stateMachineArn", stateMachineArn)
        v.name("name", name)
        v.payload("input", input)
        v.length("traceHeader", traceHeader, min: 0, max: 256)
    }
}

struct StartExecutionOutput: Encodable {
    var executionArn: String
    var startDate: Date
}

struct StartSyncExecutionInput: ValidatedRequest {
    var stateMachineArn: String?
    var name: String?
    var input: String?
    var traceHeader: String?
    var includedData: String?

    func validate(_ v: inout FieldValidator) {
        v.arn("stateMachineArn", stateMachineArn)
        v.name("name", name)
        v.payload("input", input)
        v.length("traceHeader", traceHeader, min: 0, max: 256)
        v.oneOf("includedData", includedData, FieldValidator.includedData)
    }
}

struct StartSyncExecutionOutput: Encodable {
    var executionArn: String
    var stateMachineArn: String
    var name: String
    var startDate: Date
    var stopDate: Date
    var status: String
    var error: String?
    var cause: String?
    var input: String?
    var inputDetails: ExecutionDataDetails?
    var output: String?
    var outputDetails: ExecutionDataDetails?
}

struct StopExecutionInput: ValidatedRequest {
    var executionArn: String?
    var error: String?
    var cause: String?

    func validate(_ v: inout FieldValidator) {
        v.arn("executionArn", executionArn)
        v.error(error, cause: cause)
    }
}

struct StopExecutionOutput: Encodable {
    var stopDate: Date
}

struct DescribeExecutionInput: ValidatedRequest {
    var executionArn: String?
    var includedData: String?

    func validate(_ v: inout FieldValidator) {
        v.arn("executionArn", executionArn)
        v.oneOf("includedData", includedData, FieldValidator.includedData)
    }
}

struct DescribeExecutionOutput: Encodable {
    var executionArn: String
    var stateMachineArn: String
    var name: String
    var status: String
    var startDate: Date
    var stopDate: Date?
    var input: String?
    var inputDetails: ExecutionDataDetails?
    var output: String?
    var outputDetails: ExecutionDataDetails?
    var error: String?
    var cause: String?
    var redriveCount: Int?
    var redriveDate: Date?
    var redriveStatus: String?
    var redriveStatusReason: String?
    var stateMachineVersionArn: String?
    var stateMachineAliasArn: String?
}

struct ListExecutionsInput: ValidatedRequest {
    var stateMachineArn: String?
    var statusFilter: String?
    var maxResults: Int?
    var nextToken: String?
    var mapRunArn: String?
    var redriveFilter: String?

    func validate(_ v: inout FieldValidator) {
        v.arn("stateMachineArn", stateMachineArn, required: false)
        v.oneOf("statusFilter", statusFilter, FieldValidator.executionStatuses)
        v.pageSize(maxResults, nextToken: nextToken, tokenMax: 3096)
        v.length("mapRunArn", mapRunArn, min: 1, max: 2000)
        v.oneOf("redriveFilter", redriveFilter, ["REDRIVEN", "NOT_REDRIVEN"])
    }
}

struct ListExecutionsOutput: Encodable {
    struct Item: Encodable {
        var executionArn: String
        var stateMachineArn: String
        var name: String
        var status: String
        var startDate: Date
        var stopDate: Date?
        var redriveCount: Int?
        var redriveDate: Date?
        var stateMachineVersionArn: String?
        var stateMachineAliasArn: String?
    }

    var executions: [Item]
    var nextToken: String?
}
