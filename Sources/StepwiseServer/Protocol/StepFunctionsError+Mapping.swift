import StatesLanguage
import StepwiseEngine
import StepwiseStore

/// The one place where what lower layers throw becomes an AWS error.
extension StepFunctionsError {
    /// The AWS error for any error a handler let through: engine and store errors by
    /// their AWS names and messages, anything else an `InternalFailure` (logged by the
    /// caller; its text is not sent).
    public init(mapping error: any Error) {
        switch error {
        case let error as StepFunctionsError: self = error
        case let error as EngineError: self.init(engine: error)
        case let error as StoreError: self.init(store: error)
        case let error as DefinitionError: self.init(.invalidDefinition, error.description)
        default: self.init(.internalFailure, "An internal error occurred; the server's log has the details.")
        }
    }

    /// AWS's exception and message text for each engine refusal.
    public init(engine error: EngineError) {
        switch error {
        case .stateMachineDoesNotExist(let arn): self.init(.stateMachineDoesNotExist, "State Machine Does Not Exist: '\(arn)'")
        case .stateMachineAlreadyExists(let arn): self.init(.stateMachineAlreadyExists, "State Machine Already Exists: '\(arn)'")
        case .invalidDefinition(let diagnostics): self.init(.invalidDefinition, DefinitionError(diagnostics).description)
        case .executionDoesNotExist(let arn): self.init(.executionDoesNotExist, "Execution Does Not Exist: '\(arn)'")
        case .executionAlreadyExists(let arn): self.init(.executionAlreadyExists, "Execution Already Exists: '\(arn)'")
        case .invalidExecutionInput(let message): self.init(.invalidExecutionInput, message)
        case .invalidName(let message): self.init(.invalidName, message)
        case .invalidLoggingConfiguration(let message): self.init(.invalidLoggingConfiguration, message)
        case .invalidArn(let message): self.init(.invalidArn, message)
        case .invalidToken(let message): self.init(.invalidToken, message)
        case .taskDoesNotExist: self.init(.taskDoesNotExist, "Task Does Not Exist: 'Provided task does not exist'")
        case .taskTimedOut: self.init(.taskTimedOut, "Task Timed Out: 'Provided task does not exist anymore'")
        case .invalidOutput(let message): self.init(.invalidOutput, message)
        case .activityDoesNotExist(let arn): self.init(.activityDoesNotExist, "Activity Does Not Exist: '\(arn)'")
        case .activityAlreadyExists(let arn): self.init(.activityAlreadyExists, "Activity Already Exists: '\(arn)'")
        case .resourceNotFound(let arn): self.init(.resourceNotFound, "Resource not found: '\(arn)'")
        case .tooManyTags(let arn): self.init(.tooManyTags, "Too many tags on '\(arn)': a resource has at most \(Engine.maximumTags).")
        case .validation(let message): self.init(.validation, message)
        case .conflict(let message): self.init(.conflict, message)
        case .executionNotRedrivable(let message): self.init(.executionNotRedrivable, message)
        case .unsupported(let message): self.init(.unsupportedOperation, message)
        case .storage(let message): self.init(.internalFailure, "Storage failed: \(message)")
        }
    }

    public init(store error: StoreError) {
        switch error {
        case .invalidCursor: self.init(.invalidToken, "Invalid Token: 'The pagination token is not valid.'")
        case .alreadyExists(let what): self.init(.conflict, "Already exists: '\(what)'")
        case .notFound(let what): self.init(.resourceNotFound, "Resource not found: '\(what)'")
        case .backend(let message): self.init(.internalFailure, "Storage failed: \(message)")
        }
    }
}
