import StatesLanguage

/// What the engine refuses, named after AWS Step Functions' exceptions. The server maps
/// each case to the AWS error shape once (StepwiseServer); the engine knows no HTTP.
public enum EngineError: Error, Sendable, Equatable {
    case stateMachineDoesNotExist(arn: String)
    case stateMachineAlreadyExists(arn: String)
    /// The definition failed validation: every problem found.
    case invalidDefinition([Diagnostic])
    case executionDoesNotExist(arn: String)
    /// Same name, different input (or not running any more).
    case executionAlreadyExists(arn: String)
    /// Not JSON, or over 256 KiB.
    case invalidExecutionInput(String)
    case invalidName(String)
    /// A `loggingConfiguration` Step Functions refuses (`InvalidLoggingConfiguration`).
    case invalidLoggingConfiguration(String)
    case invalidArn(String)
    /// Malformed, forged or mangled task token.
    case invalidToken(String)
    /// No task with that token.
    case taskDoesNotExist
    /// The task already completed, timed out, or its execution ended.
    case taskTimedOut
    /// Task output not JSON, or over 256 KiB.
    case invalidOutput(String)
    case activityDoesNotExist(arn: String)
    case activityAlreadyExists(arn: String)
    /// A tagged resource (state machine or activity) that does not exist.
    case resourceNotFound(arn: String)
    /// More than 50 tags on one resource.
    case tooManyTags(arn: String)
    /// The request conflicts with the resource's state (`ConflictException`): a revision
    /// that is no longer current, a version an alias routes to, an alias that exists with
    /// another configuration.
    case conflict(String)
    /// RedriveExecution of an execution that cannot be redriven (running, succeeded,
    /// EXPRESS, or stopped too long ago); the reason as AWS words it.
    case executionNotRedrivable(String)
    /// A request field has a value the operation does not accept.
    case validation(String)
    /// An operation Stepwise does not support (yet).
    case unsupported(String)
    /// The store failed.
    case storage(String)
}
