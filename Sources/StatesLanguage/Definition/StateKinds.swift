import Foundation

/// A Pass state: passes its input to its output, optionally injecting `Result`.
public struct PassState: Sendable, Equatable {
    public var parameters: PayloadTemplate?
    public var result: JSON?
    public var resultPath: ResultPath
    public init(parameters: PayloadTemplate? = nil, result: JSON? = nil, resultPath: ResultPath = .default) {
        self.parameters = parameters
        self.result = result
        self.resultPath = resultPath
    }
}

/// A Task state: calls a resource (integration, activity or function).
public struct TaskState: Sendable, Equatable {
    public var resource: TaskResource
    public var parameters: PayloadTemplate?
    public var resultSelector: PayloadTemplate?
    public var resultPath: ResultPath
    /// `TimeoutSeconds` / `TimeoutSecondsPath` (AWS's default for a Task is 99999999).
    public var timeoutSeconds: IntegerSource?
    /// `HeartbeatSeconds` / `HeartbeatSecondsPath`.
    public var heartbeatSeconds: IntegerSource?
    public var retry: [Retrier]
    public var `catch`: [Catcher]
    /// `Credentials` (kept for the integration to use; not interpreted here).
    public var credentials: JSON?
    /// `Arguments` (JSONata states): what the resource is called with (the state's input
    /// when absent).
    public var arguments: JSONataTemplate?

    public init(resource: TaskResource, parameters: PayloadTemplate? = nil, resultSelector: PayloadTemplate? = nil,
                resultPath: ResultPath = .default, timeoutSeconds: IntegerSource? = nil,
                heartbeatSeconds: IntegerSource? = nil, retry: [Retrier] = [], catch: [Catcher] = [],
                credentials: JSON? = nil, arguments: JSONataTemplate? = nil) {
        self.arguments = arguments
        self.resource = resource
        self.parameters = parameters
        self.resultSelector = resultSelector
        self.resultPath = resultPath
        self.timeoutSeconds = timeoutSeconds
        self.heartbeatSeconds = heartbeatSeconds
        self.retry = retry
        self.catch = `catch`
        self.credentials = credentials
    }
}

/// A Choice state: the first rule that matches picks `Next`; else `Default`.
public struct ChoiceState: Sendable, Equatable {
    public struct Branch: Sendable, Equatable {
        public var rule: ChoiceRule
        /// Index of the `Next` state.
        public var next: Int
        /// The rule's own `Assign` (its `$` is the state's input), applied when it matches,
        /// on top of the state's.
        public var assignment: Assignment?
        /// The rule's own `Output` (JSONata states): the state's output when it matches.
        public var output: JSONataTemplate?
        public init(rule: ChoiceRule, next: Int, assignment: Assignment? = nil, output: JSONataTemplate? = nil) {
            self.rule = rule
            self.next = next
            self.assignment = assignment
            self.output = output
        }
    }
    public var choices: [Branch]
    /// Index of the `Default` state.
    public var defaultState: Int?
    public init(choices: [Branch], defaultState: Int? = nil) {
        self.choices = choices
        self.defaultState = defaultState
    }
}

/// A Wait state: pauses for a time or until a moment.
public struct WaitState: Sendable, Equatable {
    public enum Duration: Sendable, Equatable {
        case seconds(Int)
        case secondsPath(ReferencePath)
        /// `Timestamp`, as written and as parsed.
        case timestamp(String, Date)
        case timestampPath(ReferencePath)
        /// JSONata states: `Seconds` or `Timestamp` given by an expression.
        case secondsExpression(JSONataTemplate)
        case timestampExpression(JSONataTemplate)
    }
    public var duration: Duration
    public init(duration: Duration) { self.duration = duration }
}

/// A Fail state: ends the execution (or branch) with an error and cause.
public struct FailState: Sendable, Equatable {
    public var error: StringSource?
    public var cause: StringSource?
    public init(error: StringSource? = nil, cause: StringSource? = nil) {
        self.error = error
        self.cause = cause
    }
}

/// A Parallel state: runs every branch on the same input; the output is the array of
/// their outputs.
public struct ParallelState: Sendable, Equatable {
    public var branches: [GraphID]
    public var parameters: PayloadTemplate?
    /// `Arguments` (JSONata states): every branch's input (the state's input when absent).
    public var arguments: JSONataTemplate?
    public var resultSelector: PayloadTemplate?
    public var resultPath: ResultPath
    public var retry: [Retrier]
    public var `catch`: [Catcher]
    public init(branches: [GraphID], parameters: PayloadTemplate? = nil, resultSelector: PayloadTemplate? = nil,
                resultPath: ResultPath = .default, retry: [Retrier] = [], catch: [Catcher] = []) {
        self.branches = branches
        self.parameters = parameters
        self.resultSelector = resultSelector
        self.resultPath = resultPath
        self.retry = retry
        self.catch = `catch`
    }
}

/// A Map state: runs its processor once per item of an array.
public struct MapState: Sendable, Equatable {
    /// `ItemProcessor` (or the older `Iterator`).
    public var processor: GraphID
    /// `ItemsPath` (`$` by default).
    public var itemsPath: ReferencePath
    /// `ItemSelector` (or the older `Parameters`).
    public var itemSelector: PayloadTemplate?
    public var resultSelector: PayloadTemplate?
    public var resultPath: ResultPath
    /// `MaxConcurrency` / `MaxConcurrencyPath`; 0 or absent means no limit.
    public var maxConcurrency: IntegerSource?
    public var toleratedFailureCount: IntegerSource?
    /// `ToleratedFailurePercentage` / `…Path` (0–100, may be fractional).
    public var toleratedFailurePercentage: PercentageSource?
    /// Distributed mode only; kept as written for the engine.
    public var itemReader: JSON?
    public var resultWriter: JSON?
    public var itemBatcher: JSON?
    public var label: String?
    public var retry: [Retrier]
    public var `catch`: [Catcher]
    /// `Items` (JSONata states): the array to iterate, literal or from an expression (the
    /// state's input when absent).
    public var items: JSONataTemplate?
    /// `ItemSelector` of a JSONata state: each item's input, from `$states.context.Map.Item`.
    public var itemExpressions: JSONataTemplate?

    public init(processor: GraphID, itemsPath: ReferencePath = .root, itemSelector: PayloadTemplate? = nil,
                resultSelector: PayloadTemplate? = nil, resultPath: ResultPath = .default,
                maxConcurrency: IntegerSource? = nil, toleratedFailureCount: IntegerSource? = nil,
                toleratedFailurePercentage: PercentageSource? = nil, itemReader: JSON? = nil,
                resultWriter: JSON? = nil, itemBatcher: JSON? = nil, label: String? = nil,
                retry: [Retrier] = [], catch: [Catcher] = [], items: JSONataTemplate? = nil) {
        self.items = items
        self.processor = processor
        self.itemsPath = itemsPath
        self.itemSelector = itemSelector
        self.resultSelector = resultSelector
        self.resultPath = resultPath
        self.maxConcurrency = maxConcurrency
        self.toleratedFailureCount = toleratedFailureCount
        self.toleratedFailurePercentage = toleratedFailurePercentage
        self.itemReader = itemReader
        self.resultWriter = resultWriter
        self.itemBatcher = itemBatcher
        self.label = label
        self.retry = retry
        self.catch = `catch`
    }
}

/// `ToleratedFailurePercentage` given literally, by a path, or (JSONata) by an expression.
public enum PercentageSource: Sendable, Equatable {
    case literal(Double)
    case path(ReferencePath)
    case expression(JSONataTemplate)
}
