/// Why a TestState request is refused before the state runs, with AWS's exception.
public enum StateTestRefusal: Error, Sendable, Equatable {
    /// `InvalidDefinition`: the definition (or the state in it) is not valid.
    case invalidDefinition(String)
    /// `ValidationException`: the request's fields do not fit the state.
    case validation(String)
}

extension StateTest {
    /// The name a single-state definition's state gets (AWS's context object shows it as
    /// `$$.State.Name` in a test).
    public static let singleStateName = "StateName"

    /// The state `definition` describes: one state's JSON, or with `stateName` the state of
    /// that name in a whole state machine (any branch or processor of it). The state is
    /// validated as the definition parser validates a state machine's states.
    ///
    /// A single state may name states that are not there (`Next`, `Default`, a rule's or a
    /// catcher's `Next`): it is checked as part of a machine in which they exist.
    public init(definition text: String, stateName: String?) throws(StateTestRefusal) {
        let json: JSON
        do { json = try JSON(parsing: text) } catch {
            throw .invalidDefinition(DefinitionError([Diagnostic(.invalidJSONDescription, at: "", "\(error)")]).description)
        }
        if let stateName {
            let machine = try Self.parse(json, relocating: nil)
            guard let position = Self.position(of: stateName, in: machine) else {
                throw .validation("State not found in definition")
            }
            self.init(machine: machine, position: position)
        } else {
            let name = Self.singleStateName
            let machine = try Self.parse(Self.machine(wrapping: json, as: name), relocating: "/States/" + name)
            guard let index = machine.root.index(of: name) else { throw .invalidDefinition("The state could not be found") }
            self.init(machine: machine, position: StatePosition(graph: 0, state: index))
        }
    }

    init(machine: StateMachine, position: StatePosition) {
        self.machine = machine
        self.program = Program(machine)
        self.position = position
    }

    /// Parses a machine; for a wrapped single state, diagnostics are located in the state
    /// (`/Next`, not `/States/StateName/Next`).
    static func parse(_ json: JSON, relocating prefix: String?) throws(StateTestRefusal) -> StateMachine {
        do {
            return try StateMachine(definition: json)
        } catch {
            var diagnostics = error.diagnostics
            if let prefix {
                for i in diagnostics.indices where diagnostics[i].location.hasPrefix(prefix) {
                    diagnostics[i].location = String(diagnostics[i].location.dropFirst(prefix.count))
                }
            }
            throw .invalidDefinition(DefinitionError(diagnostics).description)
        }
    }

    /// A machine whose only real state is `state`, with a Succeed state standing for each
    /// state it transitions to.
    static func machine(wrapping state: JSON, as name: String) -> JSON {
        var states: JSONObject = [name: state]
        for target in targets(of: state) where states[target] == nil {
            states[target] = ["Type": "Succeed"]
        }
        return ["StartAt": .string(name), "States": .object(states)]
    }

    /// The names a state's JSON transitions to: `Next`, `Default`, and each Choice rule's
    /// and catcher's `Next`.
    static func targets(of state: JSON) -> [String] {
        var names: [String] = []
        for key in ["Next", "Default"] { if let name = state[key]?.stringValue { names.append(name) } }
        for key in ["Choices", "Catch"] {
            for entry in state[key]?.arrayValue ?? [] { if let name = entry["Next"]?.stringValue { names.append(name) } }
        }
        return names
    }

    static func position(of name: String, in machine: StateMachine) -> StatePosition? {
        for (graph, states) in machine.graphs.enumerated() {
            if let index = states.index(of: name) { return StatePosition(graph: graph, state: index) }
        }
        return nil
    }

    /// Checks the request's fields against the state, as AWS does before running it.
    ///
    /// AWS: "A mock can only be specified for Task, Map, or Parallel states"; Map and
    /// Parallel states, activities, `.sync` and `.waitForTaskToken` Tasks run only with a
    /// mock; a Task without a mock needs a role.
    public func check(mock: StateTestMock?, hasRoleArn: Bool, revealSecrets: Bool) throws(StateTestRefusal) {
        let kind = state.kind
        guard let mock else {
            switch kind {
            case .map, .parallel:
                throw .invalidDefinition("TestState API does not support Map or Parallel states. Supported state types include: [Task, Wait, Pass, Succeed, Fail, Choice]")
            case .task(let task):
                if case .activity = task.resource.kind {
                    throw .validation("TestState does not support Activity tasks unless a mock is specified.")
                }
                if let suffix = task.resource.pattern.suffix {
                    throw .validation("TestState does not support the \(suffix) integration pattern unless a mock is specified.")
                }
                if !hasRoleArn { throw .validation("RoleArn must be specified when testing a Task state") }
            default:
                break
            }
            return
        }
        switch kind {
        case .task, .map, .parallel: break
        default: throw .validation("State type '\(kind.typeName)' is not supported when a mock is specified")
        }
        if revealSecrets { throw .validation("TestState does not support RevealSecrets when a mock is specified.") }
        guard case .result(let result) = mock else { return }
        switch kind {
        case .map(let map):
            if map.resultWriter != nil, result.objectValue == nil { throw .validation("Mocked result must be a JSON object.") }
            if map.resultWriter == nil, result.arrayValue == nil { throw .validation("Mocked result must be an array.") }
        case .parallel(let parallel):
            guard let results = result.arrayValue else { throw .validation("Mocked result must be an array.") }
            if results.count != parallel.branches.count {
                throw .validation("Mocked result must contain the same number of items as number of Parallel branches.")
            }
        default:
            break
        }
    }
}

extension TaskResource.Pattern {
    /// The Resource suffix that names the pattern (nil for request-response).
    var suffix: String? {
        switch self {
        case .requestResponse: nil
        case .sync: ".sync"
        case .sync2: ".sync:2"
        case .waitForTaskToken: ".waitForTaskToken"
        }
    }
}
