import Foundation

/// A deployed stack: what `stepwise deploy` applied from a template, and what `stepwise delete`
/// removes. Shaped like CloudFormation's `DescribeStacks` and `DescribeStackResources`.
public struct StackRecord: Sendable, Equatable, Codable {
    /// `StackName`, unique.
    public var name: String
    /// `StackId` (a CloudFormation stack ARN).
    public var stackId: String
    /// CloudFormation's `StackStatus`: `CREATE_COMPLETE`, `UPDATE_COMPLETE`, `CREATE_FAILED`,
    /// `UPDATE_FAILED`, `DELETE_FAILED`.
    public var status: String
    /// Why the stack is in its status (the resource that failed), when it failed.
    public var statusReason: String?
    /// The template's `Description`.
    public var description: String?
    /// The template text last applied (or attempted).
    public var templateBody: String
    /// The absolute directory the template's relative paths were read from.
    public var templateDirectory: String
    /// Parameter overrides as given (not defaults), so a later deploy can be compared.
    public var parameters: [String: String]
    /// The resources the stack owns, in creation order. Deleting the stack walks them back to front.
    public var resources: [StackResourceRecord]
    /// `Outputs`, evaluated, in template order.
    public var outputs: [StackOutputRecord]
    /// Template resources that were not created, and why.
    public var skipped: [StackSkippedResource]
    /// Warnings from planning and applying, for people.
    public var warnings: [String]
    public var createdAt: Date
    public var updatedAt: Date

    public init(name: String, stackId: String, status: String, statusReason: String? = nil, description: String? = nil,
                templateBody: String, templateDirectory: String, parameters: [String: String] = [:],
                resources: [StackResourceRecord] = [], outputs: [StackOutputRecord] = [],
                skipped: [StackSkippedResource] = [], warnings: [String] = [], createdAt: Date, updatedAt: Date) {
        self.name = name
        self.stackId = stackId
        self.status = status
        self.statusReason = statusReason
        self.description = description
        self.templateBody = templateBody
        self.templateDirectory = templateDirectory
        self.parameters = parameters
        self.resources = resources
        self.outputs = outputs
        self.skipped = skipped
        self.warnings = warnings
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// The resource recorded under a logical ID.
    public func resource(_ logicalId: String) -> StackResourceRecord? { resources.first { $0.logicalId == logicalId } }
}

/// One resource a stack owns (CloudFormation's `StackResource`).
public struct StackResourceRecord: Sendable, Equatable, Codable {
    /// `LogicalResourceId`.
    public var logicalId: String
    /// `ResourceType` (`AWS::SQS::Queue`…).
    public var type: String
    /// `PhysicalResourceId`: what CloudFormation shows for the type (a queue's URL, a topic's,
    /// subscription's, state machine's or activity's ARN, a function's name); nil when the
    /// resource was never created.
    public var physicalId: String?
    /// The resource's ARN, when it has one.
    public var arn: String?
    /// `ResourceStatus`: `CREATE_COMPLETE`, `UPDATE_COMPLETE`, `CREATE_FAILED`, `UPDATE_FAILED`,
    /// `DELETE_FAILED`, or `PENDING` for an entry this server cannot apply yet.
    public var status: String
    /// `ResourceStatusReason`.
    public var statusReason: String?

    public init(logicalId: String, type: String, physicalId: String?, arn: String? = nil, status: String,
                statusReason: String? = nil) {
        self.logicalId = logicalId
        self.type = type
        self.physicalId = physicalId
        self.arn = arn
        self.status = status
        self.statusReason = statusReason
    }
}

/// One evaluated output (CloudFormation's `Output`).
public struct StackOutputRecord: Sendable, Equatable, Codable {
    public var key: String
    public var value: String
    public var description: String?
    public var exportName: String?

    public init(key: String, value: String, description: String? = nil, exportName: String? = nil) {
        self.key = key
        self.value = value
        self.description = description
        self.exportName = exportName
    }
}

/// A template resource the stack does not create.
public struct StackSkippedResource: Sendable, Equatable, Codable {
    public var logicalId: String
    public var type: String
    public var reason: String

    public init(logicalId: String, type: String, reason: String) {
        self.logicalId = logicalId
        self.type = type
        self.reason = reason
    }
}

/// Where stacks are kept. Durability: every method that returns has committed.
public protocol StackStore: Sendable {
    /// Creates the stack or replaces the one with the same name.
    func putStack(_ record: StackRecord) async throws
    func stack(named name: String) async throws -> StackRecord?
    /// Every stack, ordered by name.
    func listStacks() async throws -> [StackRecord]
    /// Returns false when there was no such stack.
    @discardableResult func deleteStack(named name: String) async throws -> Bool
}
