import Foundation

// CreateStateMachine, DescribeStateMachine, UpdateStateMachine, DeleteStateMachine,
// ListStateMachines, DescribeStateMachineForExecution, ValidateStateMachineDefinition.

struct CreateStateMachineInput: ValidatedRequest {
    var name: String?
    var definition: String?
    var roleArn: String?
    var type: String?
    var loggingConfiguration: LoggingConfiguration?
    var tags: [Tag]?
    var tracingConfiguration: TracingConfiguration?
    var publish: Bool?
    var versionDescription: String?
    var encryptionConfiguration: EncryptionConfiguration?

    func validate(_ v: inout FieldValidator) {
        v.name("name", name, required: true)
        v.length("definition", definition, min: 1, max: 1_048_576, required: true)
        v.arn("roleArn", roleArn)
        v.oneOf("type", type, FieldValidator.stateMachineTypes)
        v.logging(loggingConfiguration)
        v.tags("tags", tags)
        v.length("versionDescription", versionDescription, max: 256)
        v.encryption(encryptionConfiguration)
    }
}

struct CreateStateMachineOutput: Encodable {
    var stateMachineArn: String
    var creationDate: Date
    /// With `publish: true`: the version published.
    var stateMachineVersionArn: String?
}

struct DescribeStateMachineInput: ValidatedRequest {
    var stateMachineArn: String?
    var includedData: String?

    func validate(_ v: inout FieldValidator) {
        v.arn("stateMachineArn", stateMachineArn)
        v.oneOf("includedData", includedData, FieldValidator.includedData)
    }
}

struct DescribeStateMachineOutput: Encodable {
    var stateMachineArn: String
    var name: String
    var status: String
    var definition: String
    var roleArn: String
    var type: String
    var creationDate: Date
    var loggingConfiguration: LoggingConfiguration
    var tracingConfiguration: TracingConfiguration
    var revisionId: String?
    var description: String?
}

struct UpdateStateMachineInput: ValidatedRequest {
    var stateMachineArn: String?
    var definition: String?
    var roleArn: String?
    var loggingConfiguration: LoggingConfiguration?
    var tracingConfiguration: TracingConfiguration?
    var publish: Bool?
    var versionDescription: String?
    var encryptionConfiguration: EncryptionConfiguration?

    func validate(_ v: inout FieldValidator) {
        v.arn("stateMachineArn", stateMachineArn)
        v.length("definition", definition, min: 1, max: 1_048_576)
        v.arn("roleArn", roleArn, required: false)
        v.logging(loggingConfiguration)
        v.length("versionDescription", versionDescription, max: 256)
        v.encryption(encryptionConfiguration)
    }
}

struct UpdateStateMachineOutput: Encodable {
    var updateDate: Date
    var revisionId: String?
    /// With `publish: true`: the version published.
    var stateMachineVersionArn: String?
}

struct DeleteStateMachineInput: ValidatedRequest {
    var stateMachineArn: String?
    func validate(_ v: inout FieldValidator) { v.arn("stateMachineArn", stateMachineArn) }
}

struct ListStateMachinesInput: ValidatedRequest {
    var maxResults: Int?
    var nextToken: String?
    func validate(_ v: inout FieldValidator) { v.pageSize(maxResults, nextToken: nextToken) }
}

struct ListStateMachinesOutput: Encodable {
    struct Item: Encodable {
        var stateMachineArn: String
        var name: String
        var type: String
        var creationDate: Date
    }

    var stateMachines: [Item]
    var nextToken: String?
}

struct DescribeStateMachineForExecutionInput: ValidatedRequest {
    var executionArn: String?
    var includedData: String?

    func validate(_ v: inout FieldValidator) {
        v.arn("executionArn", executionArn)
        v.oneOf("includedData", includedData, FieldValidator.includedData)
    }
}

struct DescribeStateMachineForExecutionOutput: Encodable {
    var stateMachineArn: String
    var name: String
    var definition: String
    var roleArn: String
    var updateDate: Date
    var loggingConfiguration: LoggingConfiguration
    var tracingConfiguration: TracingConfiguration
    var revisionId: String?
}

struct ValidateStateMachineDefinitionInput: ValidatedRequest {
    var definition: String?
    var type: String?
    var severity: String?
    var maxResults: Int?

    func validate(_ v: inout FieldValidator) {
        v.length("definition", definition, min: 1, max: 1_048_576, required: true)
        v.oneOf("type", type, FieldValidator.stateMachineTypes)
        v.oneOf("severity", severity, ["ERROR", "WARNING"])
        v.range("maxResults", maxResults, min: 0, max: 100)
    }
}

struct ValidateStateMachineDefinitionOutput: Encodable {
    struct Diagnostic: Encodable {
        var severity: String
        var code: String
        var message: String
        var location: String?
    }

    var result: String
    var diagnostics: [Diagnostic]
    var truncated: Bool
}
