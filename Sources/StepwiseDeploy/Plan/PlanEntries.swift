import StatesLanguage

/// An SQS queue to create (`AWS::SQS::Queue`), in the shape of SQS's `CreateQueue`.
public struct QueuePlan: Sendable, Equatable {
    public var logicalId: String
    /// `QueueName`, or a generated name (ending in `.fifo` for FIFO queues).
    public var queueName: String
    /// `FifoQueue`.
    public var isFIFO: Bool
    /// `CreateQueue`'s `Attributes`, from the properties of the same names: `DelaySeconds`,
    /// `MaximumMessageSize`, `MessageRetentionPeriod`, `ReceiveMessageWaitTimeSeconds`,
    /// `VisibilityTimeout`, `FifoQueue`, `ContentBasedDeduplication`, `DeduplicationScope`,
    /// `FifoThroughputLimit`, `KmsMasterKeyId`, `KmsDataKeyReusePeriodSeconds`, `SqsManagedSseEnabled`,
    /// and `RedrivePolicy` / `RedriveAllowPolicy` as JSON text.
    public var attributes: [String: String]
    /// `RedrivePolicy`, resolved (its `deadLetterTargetArn` is the dead-letter queue's ARN).
    public var redrivePolicy: RedrivePolicy?
    /// `Tags` (`Key`/`Value` list).
    public var tags: [String: String]
}

/// An SQS `RedrivePolicy`: after `maxReceiveCount` receives a message moves to the dead-letter queue.
public struct RedrivePolicy: Sendable, Equatable {
    /// `deadLetterTargetArn`: the dead-letter queue's ARN.
    public var deadLetterTargetArn: String
    /// `maxReceiveCount` (1…1000).
    public var maxReceiveCount: Int

    /// The JSON text SQS stores as the `RedrivePolicy` attribute.
    public var json: String {
        JSON.object(["deadLetterTargetArn": .string(deadLetterTargetArn), "maxReceiveCount": .int(maxReceiveCount)]).serialized
    }
}

/// An SNS topic to create (`AWS::SNS::Topic`), in the shape of SNS's `CreateTopic`.
public struct TopicPlan: Sendable, Equatable {
    public var logicalId: String
    /// `TopicName`, or a generated name (ending in `.fifo` for FIFO topics).
    public var topicName: String
    /// `FifoTopic`.
    public var isFIFO: Bool
    /// `CreateTopic`'s `Attributes`: `DisplayName`, `FifoTopic`, `ContentBasedDeduplication`,
    /// `KmsMasterKeyId`, `SignatureVersion`, `TracingConfig`, `DeliveryStatusLogging` and
    /// `ArchivePolicy` (as JSON text) when given.
    public var attributes: [String: String]
    /// `Tags` (`Key`/`Value` list).
    public var tags: [String: String]
}

/// An SNS subscription to create: an `AWS::SNS::Subscription`, an item of a topic's
/// `Subscription` list, or a SAM function's `SNS` event.
public struct SubscriptionPlan: Sendable, Equatable {
    public var logicalId: String
    /// Where the subscription was declared.
    public var source: PlanEntrySource
    /// `TopicArn` (for a SAM event: `Topic`; for a topic's list: that topic).
    public var topicArn: String
    /// `Protocol`: `sqs`, `lambda`, `http`, `https`, `email`…
    public var `protocol`: String
    /// `Endpoint`: a queue ARN, function ARN, URL….
    public var endpoint: String
    /// `Subscribe`'s `Attributes`: `RawMessageDelivery`, `FilterPolicy` and `RedrivePolicy` (JSON
    /// text), `FilterPolicyScope`, `DeliveryPolicy` — whichever were given.
    public var attributes: [String: String]
}

/// A state machine to create (`AWS::Serverless::StateMachine`, `AWS::StepFunctions::StateMachine`).
public struct StateMachinePlan: Sendable, Equatable {
    public var logicalId: String
    /// The template type it came from.
    public var resourceType: String
    /// `Name` (SAM) / `StateMachineName` (CloudFormation), or a generated name.
    public var name: String
    /// `Type` (SAM) / `StateMachineType` (CloudFormation); `STANDARD` when absent. (The type is
    /// StatesLanguage's, the one `StateMachine(parsing:type:)` takes.)
    public var type: StateMachineType
    /// The definition text to pass to `CreateStateMachine`: from `Definition` (inline, intrinsics
    /// evaluated), `DefinitionString`, or the file at `DefinitionUri`, with `DefinitionSubstitutions`
    /// applied.
    public var definition: String
    /// Where the definition came from: `Definition`, `DefinitionString`, or the resolved path of
    /// `DefinitionUri`.
    public var definitionSource: String
    /// `${…}` placeholders left in the definition because `DefinitionSubstitutions` has no value
    /// for them (AWS leaves them unchanged too).
    public var unresolvedPlaceholders: [String]
    /// `Role` (SAM) / `RoleArn` (CloudFormation), when given; locally it is recorded, not enforced.
    public var roleArn: String?
    /// `Tags` (SAM map, or CloudFormation `Key`/`Value` list).
    public var tags: [String: String]
    /// `Logging` (SAM) / `LoggingConfiguration` (CloudFormation), as the Step Functions API's
    /// `loggingConfiguration` JSON text (`level`, `includeExecutionData`, `destinations`).
    public var loggingConfiguration: String?
}

/// A CloudWatch Logs log group to create (`AWS::Logs::LogGroup`).
public struct LogGroupPlan: Sendable, Equatable {
    public var logicalId: String
    /// `LogGroupName`, or a generated name.
    public var name: String
    /// `RetentionInDays`, when given (recorded; local events are not expired).
    public var retentionInDays: Int?
}

/// A Step Functions activity to create (`AWS::StepFunctions::Activity`).
public struct ActivityPlan: Sendable, Equatable {
    public var logicalId: String
    /// `Name` (required).
    public var name: String
    /// `Tags` (`Key`/`Value` list).
    public var tags: [String: String]
}

/// Where a function's code is.
public enum FunctionCode: Sendable, Equatable {
    /// A local directory (SAM `CodeUri`, or a path given as `Code`), absolute.
    case directory(String)
    /// A local `.zip` file, absolute.
    case zipFile(String)
    /// Source text (`InlineCode` in SAM, `Code.ZipFile` in CloudFormation).
    case inline(String)

    /// The local path, for directory and zip code.
    public var path: String? {
        switch self {
        case .directory(let p), .zipFile(let p): p
        case .inline: nil
        }
    }
}

/// A function to create (`AWS::Serverless::Function`, `AWS::Lambda::Function`), in the shape
/// of Lambda's `CreateFunction`. SAM `Globals.Function` are already merged in.
public struct FunctionPlan: Sendable, Equatable {
    public var logicalId: String
    /// The template type it came from.
    public var resourceType: String
    /// `FunctionName`, or a generated name.
    public var functionName: String
    /// `Runtime` (`python3.12`, `nodejs20.x`, `provided.al2023`…).
    public var runtime: String?
    /// `Handler` (`index.handler`, `app.lambda_handler`).
    public var handler: String?
    /// `CodeUri` / `InlineCode` (SAM), `Code` (CloudFormation).
    public var code: FunctionCode
    /// `Environment.Variables`.
    public var environment: [String: String]
    /// `Timeout` in seconds; Lambda's default 3 when absent.
    public var timeout: Int
    /// `MemorySize` in MB; Lambda's default 128 when absent.
    public var memorySize: Int
    /// `ReservedConcurrentExecutions`, when given.
    public var reservedConcurrency: Int?
    /// `Description`.
    public var description: String?
    /// `Role`, when given; locally it is recorded, not enforced.
    public var roleArn: String?
    /// `Tags` (SAM map, or CloudFormation `Key`/`Value` list).
    public var tags: [String: String]
}

/// A queue-to-function event source to create (`AWS::Lambda::EventSourceMapping`, or a SAM
/// function's `SQS` event), in the shape of Lambda's `CreateEventSourceMapping`.
public struct EventSourceMappingPlan: Sendable, Equatable {
    public var logicalId: String
    /// Where the mapping was declared.
    public var source: PlanEntrySource
    /// `FunctionName`: the function's name (or ARN, as given to `AWS::Lambda::EventSourceMapping`).
    public var functionName: String
    /// `EventSourceArn` (SAM: `Queue`).
    public var eventSourceArn: String
    /// `BatchSize`; 10 when absent, as for SQS.
    public var batchSize: Int
    /// `MaximumBatchingWindowInSeconds`; 0 when absent.
    public var maximumBatchingWindowInSeconds: Int
    /// `FunctionResponseTypes` (`ReportBatchItemFailures`).
    public var functionResponseTypes: [String]
    /// `Enabled`; true when absent.
    public var enabled: Bool
    /// `FilterCriteria`, when given, as JSON text.
    public var filterCriteria: String?
}
