import StatesLanguage

/// A resource as far as planning has got: enough to answer `Ref` and `Fn::GetAtt`.
public struct PlannedResource: Sendable, Equatable {
    /// The key under `Resources`.
    public var logicalId: String
    /// `Type`, e.g. `AWS::SQS::Queue`.
    public var type: String
    /// The name the resource is created under: its name property (`QueueName`, `TopicName`,
    /// `FunctionName`, `Name`…) or a generated `StackName-LogicalId-SUFFIX`.
    public var physicalName: String
    /// The typed plan entry, or `nil` for a resource type that is skipped.
    public var entry: PlanEntry?

    public init(logicalId: String, type: String, physicalName: String, entry: PlanEntry?) {
        self.logicalId = logicalId
        self.type = type
        self.physicalName = physicalName
        self.entry = entry
    }
}

/// What `Ref` and `Fn::GetAtt` return for a resource.
///
/// The values come from wherever the resources live: the `stepwise deploy` client implements
/// this against the running server (queue URLs carry its host and port); planning offline uses
/// ``LocalResourceResolver``, which builds the same AWS-shaped values from a
/// ``DeploymentConfiguration``.
public protocol ResourceResolver: Sendable {
    /// What `Ref` returns for the resource, as CloudFormation documents per type (a queue's URL,
    /// a topic's ARN, a function's name…).
    func reference(to resource: PlannedResource) -> JSON
    /// What `Fn::GetAtt` returns for the resource's attribute `name`, or `nil` when the type has
    /// no such attribute (the planner then reports CloudFormation's error).
    func attribute(_ name: String, of resource: PlannedResource) -> JSON?
}
