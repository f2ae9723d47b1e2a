import StatesLanguage

/// Everything `stepwise deploy` has to create or update for one stack, in order.
///
/// Applying the plan means walking ``entries`` front to back (each entry's dependencies come
/// before it, as CloudFormation orders creation by `Ref`, `Fn::GetAtt` and `DependsOn`); deleting
/// the stack walks them back to front.
public struct DeploymentPlan: Sendable, Equatable {
    /// The stack (`AWS::StackName`).
    public var stackName: String
    /// `AWS::StackId`.
    public var stackId: String
    /// The template's `Description`.
    public var description: String?
    /// The parameter values used, after overrides and defaults (`NoEcho` ones masked as `****`).
    public var parameters: [String: String]
    /// The conditions' values.
    public var conditions: [String: Bool]
    /// The resources to create, dependencies first.
    public var entries: [PlanEntry]
    /// Resources that are not created: unsupported types, or a false `Condition`.
    public var skipped: [SkippedResource]
    /// `Outputs`, evaluated, in template order.
    public var outputs: [PlannedOutput]
    /// Warnings and notes for the user, in the order they were found.
    public var messages: [PlanMessage]

    /// The entry created for a logical ID (for SAM event sources, `FunctionLogicalId` + event name).
    public func entry(_ logicalId: String) -> PlanEntry? { entries.first { $0.logicalId == logicalId } }

    /// Only the warnings among ``messages``.
    public var warnings: [PlanMessage] { messages.filter { $0.severity == .warning } }
}

/// A resource the plan does not create.
public struct SkippedResource: Sendable, Equatable {
    public var logicalId: String
    /// `Type`.
    public var type: String
    /// Why: an unsupported type, or the resource's `Condition` is false.
    public var reason: String
}

/// One evaluated entry of `Outputs`.
public struct PlannedOutput: Sendable, Equatable {
    /// The key under `Outputs`.
    public var name: String
    /// `Value`, evaluated (lists are joined with commas, as CloudFormation shows them).
    public var value: String
    /// `Description`, evaluated.
    public var description: String?
    /// `Export.Name`, evaluated; exports are not published locally.
    public var exportName: String?
}

/// A warning or a note about the plan.
public struct PlanMessage: Sendable, Equatable, CustomStringConvertible {
    public enum Severity: String, Sendable { case warning, note }
    public var severity: Severity
    /// Where in the template, e.g. `Resources/Consumer/Properties/CodeUri`.
    public var location: String
    public var message: String

    public init(_ severity: Severity, at location: TemplatePath, _ message: String) {
        self.severity = severity
        self.location = location.description
        self.message = message
    }

    public var description: String { "\(severity.rawValue): \(location): \(message)" }
}

/// One resource to create, typed by what the server creates.
public enum PlanEntry: Sendable, Equatable {
    case queue(QueuePlan)
    case topic(TopicPlan)
    case subscription(SubscriptionPlan)
    case stateMachine(StateMachinePlan)
    case activity(ActivityPlan)
    case function(FunctionPlan)
    case eventSourceMapping(EventSourceMappingPlan)
    case logGroup(LogGroupPlan)

    /// The logical ID the entry is recorded under in the stack.
    public var logicalId: String {
        switch self {
        case .queue(let p): p.logicalId
        case .topic(let p): p.logicalId
        case .subscription(let p): p.logicalId
        case .stateMachine(let p): p.logicalId
        case .activity(let p): p.logicalId
        case .function(let p): p.logicalId
        case .eventSourceMapping(let p): p.logicalId
        case .logGroup(let p): p.logicalId
        }
    }

    /// The name the resource is created under (queue, topic, state machine, activity or function
    /// name); for subscriptions and event source mappings, which AWS names by ID, the logical ID.
    public var physicalName: String {
        switch self {
        case .queue(let p): p.queueName
        case .topic(let p): p.topicName
        case .subscription(let p): p.logicalId
        case .stateMachine(let p): p.name
        case .activity(let p): p.name
        case .function(let p): p.functionName
        case .eventSourceMapping(let p): p.logicalId
        case .logGroup(let p): p.name
        }
    }

    /// The template `Type` the entry came from.
    public var resourceType: String {
        switch self {
        case .queue: ResourceType.sqsQueue
        case .topic: ResourceType.snsTopic
        case .subscription: ResourceType.snsSubscription
        case .stateMachine(let p): p.resourceType
        case .activity: ResourceType.activity
        case .function(let p): p.resourceType
        case .eventSourceMapping: ResourceType.eventSourceMapping
        case .logGroup: ResourceType.logGroup
        }
    }
}

/// Where an entry that is not a template resource of its own came from.
public enum PlanEntrySource: Sendable, Equatable {
    /// A resource of the template.
    case resource
    /// An event (`Events.NAME`) of a SAM function; SAM generates the resource `FunctionNAME`.
    case functionEvent(function: String, event: String)
    /// An item of an `AWS::SNS::Topic`'s `Subscription` list.
    case topicSubscription(topic: String, index: Int)
}
