/// A definition laid out for the interpreter: states held by reference, so that reading
/// one on every transition copies nothing.
final class Program: Sendable {
    let graphs: [[StateBox]]
    /// The effects a start produces when its first states are a run of Pass states (at most
    /// `maximumStraightRun` of them): its effects array is sized once for them, rather than
    /// grown by doubling, which copied every effect about once more.
    let startEffects: Int
    static let maximumStraightRun = 1024

    init(_ machine: StateMachine) {
        graphs = machine.graphs.map { graph in graph.states.map(StateBox.init) }
        var states = 0
        var index = machine.root.startAt
        while states < Self.maximumStraightRun, machine.root.states.indices.contains(index) {
            states += 1
            let state = machine.root.states[index]
            guard case .pass = state.kind, case .next(let next)? = state.transition else { break }
            index = next
        }
        // ExecutionStarted, an entry and an exit per state, the execution's end and `.finish`.
        startEffects = 2 * states + 3
    }

    func state(_ graph: GraphID, _ index: Int) -> StateBox { graphs[graph][index] }
}

/// One state of the definition, by reference.
final class StateBox: Sendable {
    let state: State
    /// `PassStateEntered`, `PassStateExited`…: built once rather than on every transition.
    let enteredType: HistoryEventType
    let exitedType: HistoryEventType
    /// Task, Parallel and Map: the states whose context object shows `State.RetryCount`.
    let canRetry: Bool
    /// `InputPath` / `OutputPath` are `$` (the default): the value passes whole, and the
    /// path need not be read on every transition.
    let inputIsWhole: Bool
    let outputIsWhole: Bool
    /// A Pass state's fields, held here so that a transition reads them in place: binding
    /// the `PassState` out of its (indirect) kind copies it and retains each field.
    let passResult: JSON?
    let passParameters: PayloadTemplate?
    let passResultPath: ResultPath
    /// A Pass state's `ResultPath` is `$` (the default): the result is the output.
    let passResultIsWhole: Bool
    /// `Assign`, when it assigns something (an empty block is nil).
    let assignment: Assignment?
    /// The state is written in JSONata (`$states`, `Arguments`, `Output`).
    let isJSONata: Bool

    init(_ state: State) {
        self.state = state
        assignment = state.assignment?.isEmpty == false ? state.assignment : nil
        isJSONata = state.language == .jsonata
        enteredType = .stateEntered(state.kind.typeName)
        exitedType = .stateExited(state.kind.typeName)
        inputIsWhole = state.inputPath?.source == "$"
        outputIsWhole = state.outputPath?.source == "$"
        switch state.kind {
        case .task, .parallel, .map: canRetry = true
        default: canRetry = false
        }
        if case .pass(let pass) = state.kind {
            (passResult, passParameters, passResultPath) = (pass.result, pass.parameters, pass.resultPath)
        } else {
            (passResult, passParameters, passResultPath) = (nil, nil, .default)
        }
        if case .path(let path) = passResultPath { passResultIsWhole = path.source == "$" } else { passResultIsWhole = false }
    }

    var name: String { state.name }
    var kind: StateKind { state.kind }
    var typeName: String { state.kind.typeName }
    var inputPath: JSONPath? { state.inputPath }
    var outputPath: JSONPath? { state.outputPath }
    var transition: Transition? { state.transition }
}
