/// The name of a workflow error, as it appears in `ErrorEquals`, in a Fail state's
/// `Error` and in an execution's `error`.
///
/// Custom names fit too: any string is an error name.
public struct ErrorName: RawRepresentable, Hashable, Sendable, ExpressibleByStringLiteral,
    CustomStringConvertible
{
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }
    public var description: String { rawValue }

    /// Matches any error name (in `ErrorEquals` only, and only alone and last).
    public static let all: ErrorName = "States.ALL"
    /// A Task ran longer than `TimeoutSeconds`, or the execution ran longer than its own.
    public static let timeout: ErrorName = "States.Timeout"
    /// No heartbeat arrived within `HeartbeatSeconds`.
    public static let heartbeatTimeout: ErrorName = "States.HeartbeatTimeout"
    /// In Retry and Catch: matches every error except `States.Timeout`.
    public static let taskFailed: ErrorName = "States.TaskFailed"
    /// Not enough permission to run a Task.
    public static let permissions: ErrorName = "States.Permissions"
    /// `ResultPath` could not be applied to the state's input.
    public static let resultPathMatchFailure: ErrorName = "States.ResultPathMatchFailure"
    /// A path in `Parameters`/`ItemSelector`/`ResultSelector` did not match.
    public static let parameterPathFailure: ErrorName = "States.ParameterPathFailure"
    /// A Parallel branch failed.
    public static let branchFailed: ErrorName = "States.BranchFailed"
    /// No Choice rule matched and there is no `Default`.
    public static let noChoiceMatched: ErrorName = "States.NoChoiceMatched"
    /// An intrinsic function failed.
    public static let intrinsicFailure: ErrorName = "States.IntrinsicFailure"
    /// A Map run had more failed items than tolerated.
    public static let exceedToleratedFailureThreshold: ErrorName = "States.ExceedToleratedFailureThreshold"
    /// A payload grew over the size limit.
    public static let dataLimitExceeded: ErrorName = "States.DataLimitExceeded"
    /// A run-time problem: a path that does not match, a value of the wrong type, …
    public static let runtime: ErrorName = "States.Runtime"
    /// A Map's ItemReader failed.
    public static let itemReaderFailed: ErrorName = "States.ItemReaderFailed"
    /// A Map's ResultWriter failed.
    public static let resultWriterFailed: ErrorName = "States.ResultWriterFailed"
    /// A JSONata expression failed (JSONata query language).
    public static let queryEvaluationError: ErrorName = "States.QueryEvaluationError"

    /// Whether this name is reserved by the States Language (starts with `States.`).
    public var isStatesError: Bool { rawValue.hasPrefix("States.") }
}

/// A workflow failure: an error name and an optional cause. Failures are data that flows
/// through Retry and Catch; the interpreter returns them, it never throws them past
/// the state that caught them.
public struct Failure: Error, Hashable, Sendable, CustomStringConvertible {
    public var error: ErrorName
    public var cause: String?

    public init(_ error: ErrorName, cause: String? = nil) {
        self.error = error
        self.cause = cause
    }

    /// The error output a Catch passes on: `{"Error": …, "Cause": …}`.
    ///
    /// A failure reported without an error name (SendTaskFailure may leave out `error`)
    /// has both fields, null where absent, as AWS passes it on: `{"Error": null, "Cause": null}`.
    public var errorOutput: JSON {
        guard !error.rawValue.isEmpty else { return ["Error": nil, "Cause": cause.map { JSON.string($0) } ?? JSON.null] }
        var object: JSONObject = ["Error": .string(error.rawValue)]
        if let cause { object["Cause"] = .string(cause) }
        return .object(object)
    }

    public var description: String { cause.map { "\(error): \($0)" } ?? error.rawValue }
}
