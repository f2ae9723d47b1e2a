import StepwiseEngine

/// An error of the stacks API, named as CloudFormation names its errors: a bad template, a
/// bad parameter, an unknown stack and a stack that is busy are all `ValidationError` (400),
/// as `aws cloudformation` reports them.
public struct StackError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The error code and the HTTP status it is answered with.
    public struct Code: Sendable, Hashable {
        public var rawValue: String
        public var status: Int

        public init(_ rawValue: String, status: Int) {
            self.rawValue = rawValue
            self.status = status
        }

        public static let validation = Code("ValidationError", status: 400)
        public static let internalFailure = Code("InternalFailure", status: 500)
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code.rawValue): \(message)" }

    /// CloudFormation's answer for a stack name it does not know.
    static func stackNotFound(_ name: String) -> StackError {
        StackError(.validation, "Stack with id \(name) does not exist")
    }

    /// CloudFormation's answer while another operation holds the stack.
    static func busy(_ name: String) -> StackError {
        StackError(.validation, "Stack \(name) is in UPDATE_IN_PROGRESS state and can not be updated.")
    }

    static func storage(_ error: any Error) -> StackError {
        StackError(.internalFailure, "The stack store failed: \(error)")
    }
}

/// A resource that could not be created, updated or deleted: the reason shown as its
/// `ResourceStatusReason`.
struct ResourceFailure: Error {
    var reason: String

    init(_ reason: String) { self.reason = reason }

    /// The reason an underlying service gave, in its own error's words.
    init(_ error: any Error) {
        switch error {
        case let error as ResourceFailure: reason = error.reason
        case let error as SQSError: reason = "\(error.code.shape): \(error.message)"
        case let error as SNSError: reason = "\(error.code.shape): \(error.message)"
        case let error as LambdaError: reason = error.description
        case let error as EngineError: reason = Self.describe(error)
        default: reason = "\(error)"
        }
    }

    /// CloudFormation's words for a named resource that exists outside the stack.
    static func alreadyExists(type: String, identifier: String) -> ResourceFailure {
        ResourceFailure("Resource of type '\(type)' with identifier '\(identifier)' already exists.")
    }

    private static func describe(_ error: EngineError) -> String {
        switch error {
        case .invalidDefinition(let diagnostics):
            "InvalidDefinition: " + diagnostics.map { "\($0)" }.joined(separator: "; ")
        case .invalidName(let message): "InvalidName: \(message)"
        case .invalidLoggingConfiguration(let message): "InvalidLoggingConfiguration: \(message)"
        case .stateMachineAlreadyExists(let arn): "StateMachineAlreadyExists: \(arn)"
        default: "\(error)"
        }
    }
}
