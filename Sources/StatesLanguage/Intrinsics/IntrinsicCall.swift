/// An intrinsic function call such as `States.Format('{}', $.name)`, parsed once.
public struct IntrinsicCall: Sendable, Equatable {
    /// The call as written.
    public let source: String

    /// Parses a call; unknown functions and malformed arguments are refused.
    public init(parsing source: String) throws(IntrinsicParseError) {
        throw IntrinsicParseError(source: source, reason: "intrinsic functions are not implemented yet")
    }

    /// Evaluates the call. Failures are `States.IntrinsicFailure` or `States.Runtime`,
    /// as AWS raises them.
    public func evaluate(_ scope: EvaluationScope) throws(Failure) -> JSON {
        throw Failure(.intrinsicFailure, cause: "not implemented")
    }
}

/// Why an intrinsic call could not be parsed.
public struct IntrinsicParseError: Error, Sendable, Equatable, CustomStringConvertible {
    public var source: String
    public var reason: String
    public var description: String { "Invalid intrinsic function '\(source)': \(reason)" }
}
