/// A definition laid out for the interpreter: states held by reference, so that reading
/// one on every transition copies nothing.
final class Program: Sendable {
    let graphs: [[StateBox]]

    init(_ machine: StateMachine) {
        graphs = machine.graphs.map { graph in graph.states.map(StateBox.init) }
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

    init(_ state: State) {
        self.state = state
        enteredType = .stateEntered(state.kind.typeName)
        exitedType = .stateExited(state.kind.typeName)
        inputIsWhole = state.inputPath?.source == "$"
        outputIsWhole = state.outputPath?.source == "$"
        switch state.kind {
        case .task, .parallel, .map: canRetry = true
        default: canRetry = false
        }
    }

    var name: String { state.name }
    var kind: StateKind { state.kind }
    var typeName: String { state.kind.typeName }
    var inputPath: JSONPath? { state.inputPath }
    var outputPath: JSONPath? { state.outputPath }
    var transition: Transition? { state.transition }
}
