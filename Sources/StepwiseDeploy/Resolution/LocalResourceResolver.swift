import StatesLanguage

/// The default ``ResourceResolver``: AWS-shaped ARNs and URLs built from a configuration.
///
/// | type | `Ref` | `Fn::GetAtt` |
/// |---|---|---|
/// | `AWS::SQS::Queue` | queue URL `ENDPOINT/ACCOUNT/NAME` | `Arn`, `QueueName`, `QueueUrl` |
/// | `AWS::SNS::Topic` | topic ARN | `TopicArn`, `TopicName` |
/// | `AWS::SNS::Subscription` | subscription ARN | `Arn` |
/// | state machines | state machine ARN | `Arn`, `Name`, `StateMachineRevisionId` |
/// | `AWS::StepFunctions::Activity` | activity ARN | `Arn`, `Name` |
/// | functions | function name | `Arn` |
/// | `AWS::Lambda::EventSourceMapping` | mapping UUID | `Id`, `EventSourceMappingArn` |
/// | `AWS::Logs::LogGroup` | log group name | `Arn` (`arn:…:log-group:NAME:*`, as CloudFormation gives it) |
/// | anything else (skipped) | physical name | `Arn` (`arn:PARTITION:SERVICE:REGION:ACCOUNT:NAME`) |
public struct LocalResourceResolver: ResourceResolver {
    public var configuration: DeploymentConfiguration

    public init(configuration: DeploymentConfiguration) { self.configuration = configuration }

    /// `arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE`.
    public func arn(_ service: String, _ resource: String) -> String {
        "arn:\(configuration.partition):\(service):\(configuration.region):\(configuration.accountId):\(resource)"
    }

    /// `ENDPOINT/ACCOUNT/NAME`, the form SQS's JSON protocol returns as `QueueUrl`.
    public func queueURL(_ name: String) -> String {
        var base = configuration.endpoint
        while base.hasSuffix("/") { base.removeLast() }
        return "\(base)/\(configuration.accountId)/\(name)"
    }

    public func reference(to resource: PlannedResource) -> JSON {
        let name = resource.physicalName
        switch resource.type {
        case ResourceType.sqsQueue: return .string(queueURL(name))
        case ResourceType.snsTopic, ResourceType.snsSubscription, ResourceType.samStateMachine,
             ResourceType.stateMachine, ResourceType.activity:
            return attribute("Arn", of: resource) ?? .string(name)
        case ResourceType.eventSourceMapping: return .string(mappingUUID(resource))
        default: return .string(name)
        }
    }

    public func attribute(_ attribute: String, of resource: PlannedResource) -> JSON? {
        let name = resource.physicalName
        switch (resource.type, attribute) {
        case (ResourceType.sqsQueue, "Arn"): return .string(arn("sqs", name))
        case (ResourceType.sqsQueue, "QueueName"): return .string(name)
        case (ResourceType.sqsQueue, "QueueUrl"): return .string(queueURL(name))
        case (ResourceType.snsTopic, "TopicArn"), (ResourceType.snsTopic, "Arn"): return .string(arn("sns", name))
        case (ResourceType.snsTopic, "TopicName"): return .string(name)
        case (ResourceType.snsSubscription, "Arn"):
            if case .subscription(let subscription)? = resource.entry {
                return .string("\(subscription.topicArn):\(mappingUUID(resource))")
            }
            return .string(arn("sns", name))
        case (ResourceType.samStateMachine, "Arn"), (ResourceType.stateMachine, "Arn"):
            return .string(arn("states", "stateMachine:\(name)"))
        case (ResourceType.samStateMachine, "Name"), (ResourceType.stateMachine, "Name"): return .string(name)
        case (ResourceType.samStateMachine, "StateMachineRevisionId"), (ResourceType.stateMachine, "StateMachineRevisionId"):
            return .string(arn("states", "stateMachine:\(name)"))
        case (ResourceType.activity, "Arn"): return .string(arn("states", "activity:\(name)"))
        case (ResourceType.activity, "Name"): return .string(name)
        case (ResourceType.samFunction, "Arn"), (ResourceType.lambdaFunction, "Arn"):
            return .string(arn("lambda", "function:\(name)"))
        case (ResourceType.logGroup, "Arn"): return .string(arn("logs", "log-group:\(name):*"))
        case (ResourceType.eventSourceMapping, "Id"): return .string(mappingUUID(resource))
        case (ResourceType.eventSourceMapping, "EventSourceMappingArn"):
            return .string(arn("lambda", "event-source-mapping:\(mappingUUID(resource))"))
        case (_, "Arn") where !ResourceType.planned.contains(resource.type):
            return .string(arn(ResourceType.service(of: resource.type), name))
        case _ where !ResourceType.planned.contains(resource.type):
            // A skipped resource: an opaque but stable value keeps the rest of the template plannable.
            return .string("\(name).\(attribute)")
        default:
            return nil
        }
    }

    private func mappingUUID(_ resource: PlannedResource) -> String {
        StableHash.uuid("\(configuration.stackName)/\(resource.logicalId)")
    }
}

/// The resource types the planner turns into plan entries.
public enum ResourceType {
    public static let samStateMachine = "AWS::Serverless::StateMachine"
    public static let stateMachine = "AWS::StepFunctions::StateMachine"
    public static let activity = "AWS::StepFunctions::Activity"
    public static let sqsQueue = "AWS::SQS::Queue"
    public static let snsTopic = "AWS::SNS::Topic"
    public static let snsSubscription = "AWS::SNS::Subscription"
    public static let samFunction = "AWS::Serverless::Function"
    public static let lambdaFunction = "AWS::Lambda::Function"
    public static let eventSourceMapping = "AWS::Lambda::EventSourceMapping"
    public static let logGroup = "AWS::Logs::LogGroup"

    /// Every type that becomes a plan entry.
    public static let planned: Set<String> = [
        samStateMachine, stateMachine, activity, sqsQueue, snsTopic, snsSubscription, samFunction,
        lambdaFunction, eventSourceMapping, logGroup,
    ]

    /// The ARN service of a type: `AWS::IAM::Role` → `iam`.
    static func service(of type: String) -> String {
        let parts = type.split(separator: ":", omittingEmptySubsequences: true)
        return parts.count >= 2 ? parts[1].lowercased() : "unknown"
    }
}
