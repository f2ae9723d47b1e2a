import Foundation

/// One event of an execution's history, in the shape `GetExecutionHistory` returns.
///
/// The interpreter produces every event itself (ids included), so an execution's whole
/// history is a pure function of its definition, input and the events fed to it.
public struct HistoryEvent: Sendable, Equatable {
    /// `id`: 1-based, in order.
    public var id: Int
    /// `previousEventId`: the event before this one in the same branch of the execution
    /// (0 for the first).
    public var previousEventID: Int
    public var timestamp: Date
    /// AWS's event type, e.g. `TaskStateEntered`.
    public var type: HistoryEventType
    /// What the details say, kept unrendered: state entries and exits (most events) carry
    /// their payload as a value and are serialised only when someone reads ``details``.
    var content: HistoryContent

    public init(id: Int, previousEventID: Int, timestamp: Date, type: HistoryEventType, details: JSON?) {
        self.init(id: id, previousEventID: previousEventID, timestamp: timestamp, type: type,
                  content: details.map(HistoryContent.json) ?? .none)
    }

    init(id: Int, previousEventID: Int, timestamp: Date, type: HistoryEventType, content: HistoryContent) {
        self.id = id
        self.previousEventID = previousEventID
        self.timestamp = timestamp
        self.type = type
        self.content = content
    }

    /// The `…EventDetails` member, as AWS names and shapes it (nil when the type has none).
    public var details: JSON? { content.json }

    /// The name of the details member in AWS's `HistoryEvent` shape
    /// (`stateEnteredEventDetails` for every `…StateEntered`, and so on).
    public var detailsKey: String? {
        switch content {
        case .none: nil
        // Every transition records these two: spare the type name's suffix search.
        case .stateEntered: "stateEnteredEventDetails"
        case .stateExited, .stateExitedAssigning: "stateExitedEventDetails"
        case .json: type.detailsKey
        }
    }
}

/// The details of a history event, rendered to AWS's shape on demand.
enum HistoryContent: Sendable, Equatable {
    case none
    case json(JSON)
    /// `stateEnteredEventDetails`: name, input (as JSON text), inputDetails.
    case stateEntered(name: String, input: JSON)
    /// `stateExitedEventDetails`: name, output (as JSON text), outputDetails.
    case stateExited(name: String, output: JSON)
    /// `stateExitedEventDetails` of a state that assigned variables: also
    /// `assignedVariables` (each value as JSON text) and `assignedVariablesDetails`.
    /// Boxed, so that the common cases stay small.
    indirect case stateExitedAssigning(name: String, output: JSON, assigned: JSONObject)

    var json: JSON? {
        switch self {
        case .none: nil
        case .json(let json): json
        case .stateEntered(let name, let input):
            ["name": .string(name), "input": .string(input.serialized), "inputDetails": ["truncated": false]]
        case .stateExited(let name, let output):
            ["name": .string(name), "output": .string(output.serialized), "outputDetails": ["truncated": false]]
        case .stateExitedAssigning(let name, let output, let assigned):
            ["name": .string(name), "output": .string(output.serialized), "outputDetails": ["truncated": false],
             "assignedVariables": .object(assigned.mapValues { .string($0.serialized) }),
             "assignedVariablesDetails": ["truncated": false]]
        }
    }
}

/// An AWS history event type name.
public struct HistoryEventType: RawRepresentable, Hashable, Sendable, ExpressibleByStringLiteral,
    CustomStringConvertible
{
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }
    public var description: String { rawValue }

    /// `TaskStateEntered` for the type name `Task`, and so on.
    ///
    /// The names of the eight state types are string literals: a literal is never
    /// reference-counted, and every transition copies (and later destroys) two events,
    /// where a name built by concatenation (16 bytes or more, so not inline) is retained
    /// and released each time.
    public static func stateEntered(_ type: String) -> Self {
        switch type {
        case "Pass": "PassStateEntered"
        case "Task": "TaskStateEntered"
        case "Choice": "ChoiceStateEntered"
        case "Wait": "WaitStateEntered"
        case "Succeed": "SucceedStateEntered"
        case "Fail": "FailStateEntered"
        case "Parallel": "ParallelStateEntered"
        case "Map": "MapStateEntered"
        default: Self(rawValue: type + "StateEntered")
        }
    }

    public static func stateExited(_ type: String) -> Self {
        switch type {
        case "Pass": "PassStateExited"
        case "Task": "TaskStateExited"
        case "Choice": "ChoiceStateExited"
        case "Wait": "WaitStateExited"
        case "Succeed": "SucceedStateExited"
        case "Fail": "FailStateExited"
        case "Parallel": "ParallelStateExited"
        case "Map": "MapStateExited"
        default: Self(rawValue: type + "StateExited")
        }
    }

    public static func stateAborted(_ type: String) -> Self { Self(rawValue: type + "StateAborted") }

    public static let executionStarted: Self = "ExecutionStarted"
    public static let executionSucceeded: Self = "ExecutionSucceeded"
    public static let executionFailed: Self = "ExecutionFailed"
    public static let executionAborted: Self = "ExecutionAborted"
    public static let executionTimedOut: Self = "ExecutionTimedOut"
    /// RedriveExecution: the execution runs again (`executionRedrivenEventDetails.redriveCount`).
    public static let executionRedriven: Self = "ExecutionRedriven"
    public static let mapStateStarted: Self = "MapStateStarted"
    public static let mapStateSucceeded: Self = "MapStateSucceeded"
    public static let mapStateFailed: Self = "MapStateFailed"
    public static let mapStateAborted: Self = "MapStateAborted"
    public static let mapIterationStarted: Self = "MapIterationStarted"
    public static let mapIterationSucceeded: Self = "MapIterationSucceeded"
    public static let mapIterationFailed: Self = "MapIterationFailed"
    public static let mapIterationAborted: Self = "MapIterationAborted"
    public static let mapRunStarted: Self = "MapRunStarted"
    public static let mapRunSucceeded: Self = "MapRunSucceeded"
    public static let mapRunFailed: Self = "MapRunFailed"
    public static let parallelStateStarted: Self = "ParallelStateStarted"
    public static let parallelStateSucceeded: Self = "ParallelStateSucceeded"
    public static let parallelStateFailed: Self = "ParallelStateFailed"
    public static let parallelStateAborted: Self = "ParallelStateAborted"
    /// A JSONata expression of a state failed (`States.QueryEvaluationError`).
    public static let evaluationFailed: Self = "EvaluationFailed"

    /// `…EventDetails` member name.
    var detailsKey: String {
        let name = rawValue
        for suffix in ["StateEntered", "StateExited"] where name.hasSuffix(suffix) {
            return "state" + suffix.dropFirst(5) + "EventDetails"
        }
        return name.prefix(1).lowercased() + name.dropFirst() + "EventDetails"
    }
}
