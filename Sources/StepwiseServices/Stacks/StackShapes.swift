import Foundation
import StepwiseStore

/// `POST /stepwise/stacks`: CloudFormation's `CreateStack` / `UpdateStack` as a local server
/// takes them (the template is read where the server runs: Stepwise is a local product).
struct DeployStackInput: Decodable {
    var stackName: String?
    var templateBody: String?
    /// Absolute: `DefinitionUri` and `CodeUri` are read relative to it.
    var templateDirectory: String?
    var parameters: [String: String]?

    enum CodingKeys: String, CodingKey {
        case stackName = "StackName", templateBody = "TemplateBody", templateDirectory = "TemplateDirectory"
        case parameters = "Parameters"
    }
}

/// A stack as the API shows it, in the words of CloudFormation's `Stack`, `StackResource`
/// and `Output` shapes.
struct StackDescription: Encodable {
    var stackName: String
    var stackId: String
    var stackStatus: String
    var stackStatusReason: String?
    var description: String?
    var creationTime: Double
    var lastUpdatedTime: Double
    var templateDirectory: String
    var parameters: [String: String]
    var resources: [Resource]
    var outputs: [Output]
    var skipped: [Skipped]
    var warnings: [String]

    struct Resource: Encodable {
        var logicalResourceId: String
        var resourceType: String
        var physicalResourceId: String?
        var arn: String?
        var resourceStatus: String
        var resourceStatusReason: String?

        enum CodingKeys: String, CodingKey {
            case logicalResourceId = "LogicalResourceId", resourceType = "ResourceType"
            case physicalResourceId = "PhysicalResourceId", arn = "Arn", resourceStatus = "ResourceStatus"
            case resourceStatusReason = "ResourceStatusReason"
        }
    }

    struct Output: Encodable {
        var outputKey: String
        var outputValue: String
        var description: String?
        var exportName: String?

        enum CodingKeys: String, CodingKey {
            case outputKey = "OutputKey", outputValue = "OutputValue", description = "Description", exportName = "ExportName"
        }
    }

    struct Skipped: Encodable {
        var logicalResourceId: String
        var resourceType: String
        var reason: String

        enum CodingKeys: String, CodingKey {
            case logicalResourceId = "LogicalResourceId", resourceType = "ResourceType", reason = "Reason"
        }
    }

    enum CodingKeys: String, CodingKey {
        case stackName = "StackName", stackId = "StackId", stackStatus = "StackStatus"
        case stackStatusReason = "StackStatusReason", description = "Description", creationTime = "CreationTime"
        case lastUpdatedTime = "LastUpdatedTime", templateDirectory = "TemplateDirectory", parameters = "Parameters"
        case resources = "Resources", outputs = "Outputs", skipped = "Skipped", warnings = "Warnings"
    }

    init(_ stack: StackRecord) {
        stackName = stack.name
        stackId = stack.stackId
        stackStatus = stack.status
        stackStatusReason = stack.statusReason
        description = stack.description
        creationTime = stack.createdAt.timeIntervalSince1970
        lastUpdatedTime = stack.updatedAt.timeIntervalSince1970
        templateDirectory = stack.templateDirectory
        parameters = stack.parameters
        resources = stack.resources.map {
            Resource(logicalResourceId: $0.logicalId, resourceType: $0.type, physicalResourceId: $0.physicalId, arn: $0.arn,
                     resourceStatus: $0.status, resourceStatusReason: $0.statusReason)
        }
        outputs = stack.outputs.map { Output(outputKey: $0.key, outputValue: $0.value, description: $0.description, exportName: $0.exportName) }
        skipped = stack.skipped.map { Skipped(logicalResourceId: $0.logicalId, resourceType: $0.type, reason: $0.reason) }
        warnings = stack.warnings
    }
}

/// `GET /stepwise/stacks`: every stack (CloudFormation's `DescribeStacks` without a name).
struct StackList: Encodable {
    var stacks: [StackDescription]
    enum CodingKeys: String, CodingKey { case stacks = "Stacks" }
}
