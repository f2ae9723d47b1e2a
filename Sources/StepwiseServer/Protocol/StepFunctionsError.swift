import Foundation
import HTTPTypes
import Hummingbird

/// An error of the Step Functions API, as AWS's JSON 1.0 protocol sends it:
/// `{"__type": "<Code>", "message": "…"}` with the code's HTTP status.
///
/// Codes are named exactly as the exception shapes of botocore's Step Functions model
/// (`ExecutionDoesNotExist`, `InvalidToken`, …) plus the protocol-level errors every AWS
/// JSON service answers (`SerializationException`, `UnknownOperationException`, the
/// SigV4 errors).
public struct StepFunctionsError: Error, Sendable, Equatable, HTTPResponseError, CustomStringConvertible {
    /// An exception shape's name and the HTTP status AWS answers it with.
    public struct Code: RawRepresentable, Hashable, Sendable, ExpressibleByStringLiteral {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public init(stringLiteral value: String) { self.rawValue = value }

        /// Every Step Functions exception is a client fault (HTTP 400) except the few
        /// protocol errors below.
        public var status: HTTPResponse.Status {
            switch self {
            case .missingAuthenticationToken, .accessDenied: .forbidden
            case .internalFailure: .internalServerError
            default: .badRequest
            }
        }

        // The model's exception shapes.
        public static let activityAlreadyExists: Code = "ActivityAlreadyExists"
        public static let activityDoesNotExist: Code = "ActivityDoesNotExist"
        public static let activityLimitExceeded: Code = "ActivityLimitExceeded"
        public static let conflict: Code = "ConflictException"
        public static let executionAlreadyExists: Code = "ExecutionAlreadyExists"
        public static let executionDoesNotExist: Code = "ExecutionDoesNotExist"
        public static let executionLimitExceeded: Code = "ExecutionLimitExceeded"
        public static let executionNotRedrivable: Code = "ExecutionNotRedrivable"
        public static let invalidArn: Code = "InvalidArn"
        public static let invalidDefinition: Code = "InvalidDefinition"
        public static let invalidExecutionInput: Code = "InvalidExecutionInput"
        public static let invalidLoggingConfiguration: Code = "InvalidLoggingConfiguration"
        public static let invalidName: Code = "InvalidName"
        public static let invalidOutput: Code = "InvalidOutput"
        public static let invalidToken: Code = "InvalidToken"
        public static let invalidTracingConfiguration: Code = "InvalidTracingConfiguration"
        public static let missingRequiredParameter: Code = "MissingRequiredParameter"
        public static let resourceNotFound: Code = "ResourceNotFound"
        public static let stateMachineAlreadyExists: Code = "StateMachineAlreadyExists"
        public static let stateMachineDeleting: Code = "StateMachineDeleting"
        public static let stateMachineDoesNotExist: Code = "StateMachineDoesNotExist"
        public static let stateMachineTypeNotSupported: Code = "StateMachineTypeNotSupported"
        public static let taskDoesNotExist: Code = "TaskDoesNotExist"
        public static let taskTimedOut: Code = "TaskTimedOut"
        public static let tooManyTags: Code = "TooManyTags"
        public static let validation: Code = "ValidationException"

        // Errors every AWS JSON service answers.
        /// The body is not JSON, or a member has the wrong JSON type.
        public static let serialization: Code = "SerializationException"
        /// `X-Amz-Target` names no operation of the service.
        public static let unknownOperation: Code = "UnknownOperationException"
        /// An operation of the model that Stepwise does not implement yet.
        public static let unsupportedOperation: Code = "UnsupportedOperation"
        public static let missingAuthenticationToken: Code = "MissingAuthenticationTokenException"
        public static let unrecognizedClient: Code = "UnrecognizedClientException"
        public static let invalidSignature: Code = "InvalidSignatureException"
        public static let accessDenied: Code = "AccessDeniedException"
        public static let internalFailure: Code = "InternalFailure"
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var status: HTTPResponse.Status { code.status }
    public var description: String { "\(code.rawValue): \(message)" }

    /// The JSON error body AWS SDKs parse: `__type` names the exception shape.
    public var body: String {
        struct Body: Encodable {
            var __type: String
            var message: String
        }
        let data = (try? JSONEncoder().encode(Body(__type: code.rawValue, message: message))) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        StepwiseRouter.response(self)
    }
}

extension StepFunctionsError {
    /// An operation of the model that Stepwise does not implement yet.
    static func unsupported(_ operation: String) -> StepFunctionsError {
        StepFunctionsError(.unsupportedOperation,
                           "Stepwise does not support the \(operation) operation yet.")
    }

    /// AWS's `InvalidArn` for something that is not an ARN at all.
    static func invalidArn(_ arn: String) -> StepFunctionsError {
        StepFunctionsError(.invalidArn, "Invalid Arn: 'Invalid ARN prefix: \(arn)'")
    }

    /// AWS's `InvalidArn` for an ARN of the wrong resource type.
    static func wrongResourceType(_ type: String) -> StepFunctionsError {
        StepFunctionsError(.invalidArn, "Invalid Arn: 'Resource type not valid in this context: \(type)'")
    }
}

extension HTTPField.Name {
    static let amzTarget = HTTPField.Name("X-Amz-Target")!
    static let amznErrorType = HTTPField.Name("x-amzn-ErrorType")!
    static let amznRequestID = HTTPField.Name("x-amzn-RequestId")!
    static let amzDate = HTTPField.Name("X-Amz-Date")!
    static let amzContentSHA256 = HTTPField.Name("X-Amz-Content-Sha256")!
}
