import Foundation
import StatesLanguage

/// A state machine's `loggingConfiguration`, as Step Functions applies it: which of its
/// executions' history events go to CloudWatch Logs, with or without their data, and to
/// which log group.
public struct ExecutionLogging: Sendable, Equatable {
    /// `level`: which categories of events are logged.
    public enum Level: String, Sendable {
        /// Every event.
        case all = "ALL"
        /// Events that report an error: failures, time-outs, aborts, a Fail state's entry.
        case error = "ERROR"
        /// Only the ends of failed executions: `ExecutionFailed`, `ExecutionAborted`, `ExecutionTimedOut`.
        case fatal = "FATAL"
        case off = "OFF"
    }

    public var level: Level
    /// `includeExecutionData`: false drops the events' input, output and other data.
    public var includeExecutionData: Bool
    /// The destination's log group name (from `arn:aws:logs:…:log-group:NAME:*`).
    public var logGroupName: String

    public init(level: Level, includeExecutionData: Bool, logGroupName: String) {
        self.level = level
        self.includeExecutionData = includeExecutionData
        self.logGroupName = logGroupName
    }

    /// The configuration a state machine keeps as JSON text; nil when nothing is logged
    /// (no configuration, level OFF, or no destination).
    public init?(configurationText text: String?) {
        guard let text, let json = try? JSON(parsing: text),
              let level = json["level"]?.stringValue.flatMap(Level.init(rawValue:)), level != .off,
              let arn = json["destinations"]?.arrayValue?.first?["cloudWatchLogsLogGroup"]?["logGroupArn"]?.stringValue,
              let group = Self.logGroupName(arn: arn)
        else { return nil }
        self.init(level: level, includeExecutionData: json["includeExecutionData"] == true, logGroupName: group)
    }

    /// The group a log group ARN names: `arn:aws:logs:REGION:ACCOUNT:log-group:NAME` with or
    /// without the `:*` Step Functions asks for.
    public static func logGroupName(arn: String) -> String? {
        let parts = arn.split(separator: ":", maxSplits: 6, omittingEmptySubsequences: false)
        guard parts.count == 7, parts[0] == "arn", parts[2] == "logs", parts[5] == "log-group" else { return nil }
        var name = parts[6]
        if name.hasSuffix(":*") { name = name.dropLast(2) }
        return name.isEmpty || name.contains(":") ? nil : String(name)
    }

    /// Whether an event of `type` is logged at this level.
    public func logs(_ type: String) -> Bool {
        switch level {
        case .all: true
        case .error: Self.errorTypes.contains(type)
        case .fatal: Self.fatalTypes.contains(type)
        case .off: false
        }
    }

    static let fatalTypes: Set<String> = ["ExecutionFailed", "ExecutionAborted", "ExecutionTimedOut"]

    /// The event types Step Functions' ERROR level logs.
    static let errorTypes: Set<String> = fatalTypes.union([
        "ActivityFailed", "ActivityScheduleFailed", "ActivityTimedOut",
        "FailStateEntered",
        "LambdaFunctionFailed", "LambdaFunctionScheduleFailed", "LambdaFunctionStartFailed", "LambdaFunctionTimedOut",
        "MapIterationAborted", "MapIterationFailed", "MapRunAborted", "MapRunFailed", "MapStateAborted", "MapStateFailed",
        "ParallelStateAborted", "ParallelStateFailed",
        "TaskFailed", "TaskStartFailed", "TaskStateAborted", "TaskSubmitFailed", "TaskTimedOut",
        "WaitStateAborted",
    ])
}
