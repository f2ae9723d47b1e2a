/// A parsed, validated state machine definition (Amazon States Language), with every
/// path, template, intrinsic call and Choice rule compiled.
///
/// The top level and every Parallel branch and Map processor are ``StateGraph``s kept
/// in one flat table, so that a position in a running execution is two integers
/// (graph, state) that a store can persist.
public struct StateMachine: Sendable, Equatable {
    public var comment: String?
    public var version: String?
    /// The definition's top-level `TimeoutSeconds`.
    public var timeoutSeconds: Int?
    /// `QueryLanguage` at the top level (JSONPath unless stated).
    public var queryLanguage: QueryLanguage
    /// All graphs; `graphs[0]` is the top level.
    public var graphs: [StateGraph]

    public init(comment: String? = nil, version: String? = nil, timeoutSeconds: Int? = nil,
                queryLanguage: QueryLanguage = .jsonPath, graphs: [StateGraph]) {
        self.comment = comment
        self.version = version
        self.timeoutSeconds = timeoutSeconds
        self.queryLanguage = queryLanguage
        self.graphs = graphs
    }

    /// The top-level graph.
    public var root: StateGraph { graphs[0] }

    public subscript(graph: GraphID) -> StateGraph { graphs[graph] }
    public subscript(position: StatePosition) -> State { graphs[position.graph].states[position.state] }
}

/// Index of a graph in ``StateMachine/graphs``.
public typealias GraphID = Int

/// Where a frame of an execution stands: a state of a graph.
public struct StatePosition: Hashable, Sendable, Codable {
    public var graph: GraphID
    public var state: Int
    public init(graph: GraphID, state: Int) {
        self.graph = graph
        self.state = state
    }
}

/// The query language of a definition or a state.
public enum QueryLanguage: String, Sendable, Equatable {
    case jsonPath = "JSONPath"
    case jsonata = "JSONata"
}

/// A set of states with a start: the top level, a Parallel branch or a Map processor.
public struct StateGraph: Sendable, Equatable {
    public var comment: String?
    /// Index in `states` of `StartAt`.
    public var startAt: Int
    /// States in definition order; `Next` fields are resolved to indices in this array.
    public var states: [State]
    /// For Map processors: `ProcessorConfig` (Mode INLINE/DISTRIBUTED, ExecutionType).
    public var processorConfig: ProcessorConfig?

    public init(comment: String? = nil, startAt: Int, states: [State], processorConfig: ProcessorConfig? = nil) {
        self.comment = comment
        self.startAt = startAt
        self.states = states
        self.processorConfig = processorConfig
    }

    /// The index of the state named `name` (not for hot paths: transitions are indices).
    public func index(of name: String) -> Int? { states.firstIndex { $0.name == name } }
}

/// A Map processor's `ProcessorConfig`.
public struct ProcessorConfig: Sendable, Equatable {
    public enum Mode: String, Sendable { case inline = "INLINE", distributed = "DISTRIBUTED" }
    public enum ExecutionType: String, Sendable { case standard = "STANDARD", express = "EXPRESS" }
    public var mode: Mode
    public var executionType: ExecutionType?
    public init(mode: Mode = .inline, executionType: ExecutionType? = nil) {
        self.mode = mode
        self.executionType = executionType
    }
}

/// A state machine's type (`CreateStateMachine`'s `type`): some integration patterns are
/// refused in EXPRESS machines.
public enum StateMachineType: String, Sendable, Equatable {
    case standard = "STANDARD"
    case express = "EXPRESS"
}
