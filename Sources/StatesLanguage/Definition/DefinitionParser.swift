/// Turns definition JSON into a ``StateMachine``, collecting every problem instead of
/// stopping at the first, as AWS's `ValidateStateMachineDefinition` does.
///
/// Locations are written like AWS's: `/` for the top level, `/States/A/Next` for a
/// field, `/States/P/Branches/0/States/B` inside a branch.
struct DefinitionParser {
    let machineType: StateMachineType
    var diagnostics: [Diagnostic] = []
    /// All graphs built so far; index 0 is the top level.
    var graphs: [StateGraph] = []
    /// State names are unique across the whole definition, branches and processors included.
    var stateNames: Set<String> = []
    var labels: Set<String> = []
    /// The definition's top-level `QueryLanguage`: every state's unless it sets its own.
    var machineLanguage: QueryLanguage = .jsonPath

    init(machineType: StateMachineType) { self.machineType = machineType }

    /// Whether any problem is an error (warnings alone do not refuse a definition).
    var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    mutating func report(_ code: Diagnostic.Code, at location: String, _ message: String) {
        diagnostics.append(Diagnostic(code, at: location, message))
    }

    /// Parses the whole definition; nil when anything was reported.
    mutating func parseMachine(_ json: JSON) -> StateMachine? {
        guard case .object(let object) = json else {
            report(.schemaValidationFailed, at: "", "The definition should be a JSON object")
            return nil
        }
        var queryLanguage = QueryLanguage.jsonPath
        if let value = object["QueryLanguage"], let language = parseQueryLanguage(value, at: "/QueryLanguage") {
            queryLanguage = language
        }
        machineLanguage = queryLanguage
        let comment = string(object, "Comment", at: "")
        let version = string(object, "Version", at: "")
        let timeout = integer(object, "TimeoutSeconds", at: "", range: 1...99_999_999)
        graphs.append(StateGraph(startAt: 0, states: []))
        graphs[0] = parseGraph(object, at: "", extraFields: ["Version", "TimeoutSeconds", "QueryLanguage"])
        guard !hasErrors else { return nil }
        return StateMachine(comment: comment, version: version, timeoutSeconds: timeout, queryLanguage: queryLanguage,
                            graphs: graphs)
    }

    /// Reserves a slot in the graph table for a branch or processor and fills it.
    mutating func parseSubgraph(
        _ json: JSON, at location: String, extraFields: Set<String> = [], processorConfig: ProcessorConfig? = nil
    ) -> GraphID {
        graphs.append(StateGraph(startAt: 0, states: []))
        let id = graphs.count - 1
        guard case .object(let object) = json else {
            report(.schemaValidationFailed, at: location, "The value should be an object with 'StartAt' and 'States'")
            return id
        }
        var graph = parseGraph(object, at: location, extraFields: extraFields)
        graph.processorConfig = processorConfig
        graphs[id] = graph
        return id
    }

    /// Parses `StartAt`, `States` and `Comment` of a graph object and checks its shape:
    /// every target exists, every state is targeted, some state ends the graph.
    private mutating func parseGraph(_ object: JSONObject, at location: String, extraFields: Set<String>) -> StateGraph {
        rejectUnknownFields(object, allowed: extraFields.union(["Comment", "StartAt", "States"]), at: location)
        requireFields(object, ["StartAt", "States"], at: location)
        let comment = string(object, "Comment", at: location)
        var statesObject: JSONObject = [:]
        if let value = object["States"] {
            if case .object(let o) = value, !o.isEmpty {
                statesObject = o
            } else {
                report(.schemaValidationFailed, at: location + "/States", "The field 'States' should be a non-empty object")
            }
        }
        let names = Array(statesObject.keys)
        var index: [String: Int] = [:]
        for (i, name) in names.enumerated() { index[name] = i }
        var scope = GraphScope(location: location, index: index)

        var startAt = 0
        if let start = string(object, "StartAt", at: location) {
            if let i = scope.resolve(start) {
                startAt = i
            } else if !statesObject.isEmpty {
                report(.missingTransitionTarget, at: location + "/StartAt", "Missing 'Next' target: \(start)")
            }
        }

        var states: [State] = []
        for (name, value) in statesObject {
            let here = location + "/States/" + name
            states.append(parseState(name: name, value, at: here, scope: &scope))
        }

        for (i, name) in names.enumerated() where !scope.targeted.contains(i) {
            report(.missingTransitionTarget, at: location + "/States/" + name, "State \"\(name)\" is not reachable.")
        }
        let hasEnd = states.contains { state in
            switch state.kind {
            case .succeed, .fail: true
            default: state.transition == .end
            }
        }
        if !states.isEmpty, !hasEnd {
            report(.missingEndState, at: location.isEmpty ? "" : location,
                   "Workflow has no terminal state")
        }
        return StateGraph(comment: comment, startAt: startAt, states: states)
    }
}

/// The state names of the graph being parsed, and which of them something transitions to.
struct GraphScope {
    let location: String
    let index: [String: Int]
    /// Indices named by `StartAt`, a `Next`, a `Default` or a Catch's `Next`.
    var targeted: Set<Int> = []

    init(location: String, index: [String: Int]) {
        self.location = location
        self.index = index
    }

    mutating func resolve(_ name: String) -> Int? {
        guard let i = index[name] else { return nil }
        targeted.insert(i)
        return i
    }
}
