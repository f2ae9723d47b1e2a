/// One state of a graph, with the fields every state type shares.
public struct State: Sendable, Equatable {
    public var name: String
    public var comment: String?
    public var kind: StateKind
    /// `InputPath`: `$` by default; nil when the definition sets it to null (input = `{}`).
    public var inputPath: JSONPath?
    /// `OutputPath`: `$` by default; nil when set to null (output = `{}`).
    public var outputPath: JSONPath?
    /// `Next` / `End`. Nil for Choice, Succeed and Fail, which have neither.
    public var transition: Transition?
    /// The state's own `QueryLanguage`, when it sets one (nil: the definition's).
    public var queryLanguage: QueryLanguage?
    /// The language the state's fields are written in: its own `QueryLanguage`, else the
    /// definition's top-level one (a Map's or Parallel's states inherit the top level's,
    /// not their Map's or Parallel's, as AWS validates them).
    public var language: QueryLanguage
    /// `Assign` (workflow variables), as written.
    public var assign: JSON? { assignment?.source }
    /// `Assign`, compiled: for Pass, Task, Parallel and Map its `$` is the state's result
    /// (after `ResultSelector`); for Choice (applied when `Default` is taken) and Wait, the
    /// state's input.
    public var assignment: Assignment?
    /// `Output` (JSONata states): the state's output, from `$states` and the variables.
    /// Nil: the state's result (Task, Parallel, Map) or its input (the others).
    public var output: JSONataTemplate?

    public init(name: String, comment: String? = nil, kind: StateKind, inputPath: JSONPath? = .root,
                outputPath: JSONPath? = .root, transition: Transition? = nil, queryLanguage: QueryLanguage? = nil,
                assignment: Assignment? = nil, output: JSONataTemplate? = nil, language: QueryLanguage = .jsonPath) {
        self.name = name
        self.comment = comment
        self.kind = kind
        self.inputPath = inputPath
        self.outputPath = outputPath
        self.transition = transition
        self.queryLanguage = queryLanguage
        self.assignment = assignment
        self.output = output
        self.language = language
    }

    /// The `Type` name as written in definitions (`Task`, `Pass`, …).
    public var typeName: String { kind.typeName }
}

/// Where a state goes when it is done.
public enum Transition: Sendable, Equatable {
    /// `Next`: index of the next state in the same graph.
    case next(Int)
    /// `End: true`.
    case end
}

/// The type-specific part of a state.
///
/// Indirect: the largest cases (Task, Map) are hundreds of bytes, and the interpreter
/// reads a state's kind on every transition; boxed, reading it copies one reference.
public indirect enum StateKind: Sendable, Equatable {
    case pass(PassState)
    case task(TaskState)
    case choice(ChoiceState)
    case wait(WaitState)
    case succeed
    case fail(FailState)
    case parallel(ParallelState)
    case map(MapState)

    public var typeName: String {
        switch self {
        case .pass: "Pass"
        case .task: "Task"
        case .choice: "Choice"
        case .wait: "Wait"
        case .succeed: "Succeed"
        case .fail: "Fail"
        case .parallel: "Parallel"
        case .map: "Map"
        }
    }
}

/// `ResultPath`: where a state's result goes in its input.
public enum ResultPath: Sendable, Equatable {
    /// A reference path (`$` by default: the result replaces the input).
    case path(ReferencePath)
    /// `ResultPath: null`: the result is discarded and the input passes through.
    case discard

    public static let `default` = ResultPath.path(.root)
}

/// A number of seconds given literally or by a reference path into the input
/// (`TimeoutSeconds` / `TimeoutSecondsPath`, `MaxConcurrency` / `MaxConcurrencyPath`, …),
/// or in a JSONata state by an expression (`"TimeoutSeconds": "{% … %}"`).
public enum IntegerSource: Sendable, Equatable {
    case literal(Int)
    case path(ReferencePath)
    case expression(JSONataTemplate)
}

/// A string given literally, by a path, or by an intrinsic function (`Error`/`ErrorPath`,
/// `Cause`/`CausePath`), or in a JSONata state by an expression.
public enum StringSource: Sendable, Equatable {
    case literal(String)
    case path(JSONPath)
    case intrinsic(IntrinsicCall)
    case expression(JSONataTemplate)
}
