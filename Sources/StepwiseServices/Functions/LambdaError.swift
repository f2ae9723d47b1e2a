/// An error of the Lambda API, named as botocore's exception shapes.
public struct LambdaError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The error code and the HTTP status Lambda answers it with.
    public struct Code: RawRepresentable, Hashable, Sendable {
        public var rawValue: String
        public var status: Int
        public init(rawValue: String) { self.init(rawValue, status: 400) }
        public init(_ rawValue: String, status: Int) {
            self.rawValue = rawValue
            self.status = status
        }

        public static let resourceNotFound = Code("ResourceNotFoundException", status: 404)
        public static let resourceConflict = Code("ResourceConflictException", status: 409)
        public static let invalidParameterValue = Code("InvalidParameterValueException", status: 400)
        public static let invalidRequestContent = Code("InvalidRequestContentException", status: 400)
        public static let tooManyRequests = Code("TooManyRequestsException", status: 429)
        public static let service = Code("ServiceException", status: 500)
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code.rawValue): \(message)" }

    static func functionNotFound(_ arn: String) -> LambdaError { LambdaError(.resourceNotFound, "Function not found: \(arn)") }
}
