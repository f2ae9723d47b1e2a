/// Workflow variables: reading `$name` paths, evaluating `Assign`, and applying it when
/// the state is left.
extension Run {
    /// The variables frame `id` sees (nil: none).
    func variables(_ id: FrameID) -> VariableScope? {
        state.frames.read(id) { $0.variables } ?? nil
    }

    /// Reads `path` for frame `id`'s current state: `$` from `value`, `$$` from the
    /// context object, `$name` from the variable. An undefined variable matches nothing.
    func read(_ path: JSONPath, from value: JSON, _ id: FrameID) throws(JSONPathError) -> JSON {
        switch path.rootKind {
        case .input: return try path.evaluate(value)
        case .context: return try path.evaluate(scope(id, input: value).context.json)
        case .variable(let name):
            guard let root = variables(id)?.value(name) else { throw .noMatch(path: path.source) }
            return try path.evaluate(root)
        }
    }

    /// AWS's failure for an `InputPath`-like field (`OutputPath`, `ItemsPath`, `SecondsPath`…)
    /// whose path matched nothing, located in frame `id`'s state.
    func invalidPath(_ path: JSONPath, in value: JSON, _ id: FrameID) -> Failure {
        switch path.rootKind {
        case .input: return located(Failure.invalidPath(path, in: value), id)
        case .context: return located(Failure.invalidPath(path, in: scope(id, input: value).context.json), id)
        case .variable(let name):
            guard let root = variables(id)?.value(name) else {
                return runtimeFailure(id, "Invalid path '\(path.source)' : The variable '\(name)' has not been assigned")
            }
            return located(Failure.invalidPath(path, in: root), id)
        }
    }

    /// The variables `assignment` assigns, evaluated with `value` as `$` and frame `id`'s
    /// current (old) variables; nil when the state assigns nothing.
    ///
    /// A branch or iteration may not assign a variable of an enclosing scope (its
    /// assignments would be lost when it ends): that fails the state with `States.Runtime`.
    func evaluateAssign(_ assignment: Assignment?, value: JSON, _ id: FrameID) throws(Failure) -> JSONObject? {
        guard let assignment, !assignment.isEmpty else { return nil }
        let bindings: JSONObject
        do { bindings = try assignment.evaluate(scope(id, input: value)) } catch { throw located(error, id) }
        try checkScope(bindings, id)
        return bindings
    }

    /// Fails when `bindings` assign a variable of an enclosing scope.
    func checkScope(_ bindings: JSONObject, _ id: FrameID) throws(Failure) {
        if let outer = variables(id)?.outer, !outer.isEmpty {
            for name in bindings.keys where outer[name] != nil {
                throw runtimeFailure(id, "The variable '\(name)' belongs to an enclosing scope and cannot be assigned inside a Parallel branch or Map iteration")
            }
        }
    }

    /// Records `…StateExited` for frame `id`'s state, making `assigned` its variables
    /// first (they take effect as the state is left).
    mutating func recordExit(_ id: FrameID, _ s: StateBox, output: JSON, assigned: JSONObject?) {
        guard let assigned else {
            record(id, s.exitedType, content: .stateExited(name: s.name, output: output))
            return
        }
        state.frames.update(id) { frame in
            frame.variables = (frame.variables ?? VariableScope()).assigning(assigned)
        }
        record(id, s.exitedType, content: .stateExitedAssigning(name: s.name, output: output, assigned: assigned))
    }
}
