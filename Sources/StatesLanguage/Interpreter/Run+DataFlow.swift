/// Input and output processing as the States Language specifies it:
/// InputPath → Parameters → (work) → ResultSelector → ResultPath → OutputPath.
extension Run {
    // The helpers below take a frame's id, not a copy of its `Frame`: they read the few
    // fields they need in place, so that a transition copies (and retains) no whole frame.

    /// The scope of frame `id`'s current state, with a Task's token or a Map's item.
    func scope(_ id: FrameID, input: JSON, token: String? = nil, mapItem: (index: Int, value: JSON)? = nil) -> EvaluationScope {
        let parts = state.frames.read(id) { frame in
            let s = program.state(frame.graph, frame.state)
            return scopeShared.state(name: s.name, enteredTime: frame.enteredTime,
                                     retryCount: s.canRetry ? frame.retryCounts.reduce(0, +) : nil,
                                     taskToken: token, mapItem: mapItem, variables: frame.variables)
        }!
        return EvaluationScope(input: input, parts: parts)
    }

    /// The raw input of frame `id`'s current state.
    func input(_ id: FrameID) -> JSON { state.frames.read(id) { $0.input }! }

    /// "An error occurred while executing the state 'X' (entered at the event id #N). …":
    /// how AWS words a run-time failure inside a state.
    func runtimeFailure(_ id: FrameID, _ detail: String, error: ErrorName = .runtime) -> Failure {
        let (name, enteredEventID) = state.frames.read(id) { (program.state($0.graph, $0.state).name, $0.enteredEventID) }!
        return Failure(error, cause: detail).inState(name, enteredAt: enteredEventID)
    }

    /// Prefixes a failure raised while evaluating the state's own fields with AWS's
    /// location sentence.
    func located(_ failure: Failure, _ id: FrameID) -> Failure {
        guard failure.error.isStatesError, let cause = failure.cause, !cause.hasPrefix("An error occurred while executing the state") else {
            return failure
        }
        let (name, enteredEventID) = state.frames.read(id) { (program.state($0.graph, $0.state).name, $0.enteredEventID) }!
        return failure.inState(name, enteredAt: enteredEventID)
    }

    func select(_ path: JSONPath?, from value: consuming JSON, _ id: FrameID) throws(Failure) -> JSON {
        guard let path else { return .object([:]) }
        if path.source == "$" { return value }
        do { return try read(path, from: value, id) } catch { throw invalidPath(path, in: value, id) }
    }

    func applyInputPath(_ s: StateBox, _ id: FrameID) throws(Failure) -> JSON {
        if s.inputIsWhole { return input(id) }
        return try select(s.inputPath, from: input(id), id)
    }

    func applyOutputPath(_ s: StateBox, _ id: FrameID, _ value: consuming JSON) throws(Failure) -> JSON {
        if s.outputIsWhole { return value }
        return try select(s.outputPath, from: value, id)
    }

    func evaluate(_ template: PayloadTemplate, _ scope: EvaluationScope, _ id: FrameID) throws(Failure) -> JSON {
        do { return try template.evaluate(scope) } catch { throw located(error, id) }
    }

    /// Evaluates `template` against `input` in frame `id`'s scope. A template that reads no
    /// `$$` and no variable shares the call's scope parts: its scope allocates nothing and
    /// needs no look-up of the state's name and entered time.
    func evaluate(_ template: PayloadTemplate, input: JSON, _ id: FrameID) throws(Failure) -> JSON {
        if template.readsScope { return try evaluate(template, scope(id, input: input), id) }
        do { return try template.evaluate(EvaluationScope(input: input, parts: scopeShared)) } catch { throw located(error, id) }
    }

    /// Puts `result` into the state's raw input as `ResultPath` says.
    func applyResultPath(_ resultPath: ResultPath, result: consuming JSON, _ id: FrameID) throws(Failure) -> JSON {
        switch resultPath {
        case .discard: return input(id)
        case .path(let path):
            if path.source == "$" { return result }
            do { return try path.assigning(result, into: input(id)) } catch {
                throw located(Failure.resultPathMatchFailure(path, input: input(id)), id)
            }
        }
    }

    /// ResultSelector, Assign, ResultPath and OutputPath: from a state's result to its
    /// output and the variables it assigns (`Assign` reads the selected result as `$`).
    func output(of s: StateBox, result: JSON, selector: PayloadTemplate?, resultPath: ResultPath,
                _ id: FrameID) throws(Failure) -> (output: JSON, assigned: JSONObject?) {
        var result = result
        if let selector { result = try evaluate(selector, input: result, id) }
        let assigned = try evaluateAssign(s.assignment, value: result, id)
        let merged = try applyResultPath(resultPath, result: result, id)
        return (try applyOutputPath(s, id, merged), assigned)
    }

    /// Reads an integer field given literally or by a reference path.
    func integer(_ source: IntegerSource, field: String, _ input: JSON, _ id: FrameID) throws(Failure) -> Int {
        switch source {
        case .literal(let value): return value
        case .path(let path):
            let value: JSON
            do { value = try read(path.path, from: input, id) } catch { throw invalidPath(path.path, in: input, id) }
            if let int = value.intValue, value.numberValue?.isInteger == true { return int }
            // AWS reads the value's text as a number: a string of digits ("1") is an integer too.
            if let text = value.stringValue, let int = Int(text) { return int }
            // AWS quotes the value once: a string shows its text, anything else its JSON.
            let shown = value.stringValue ?? value.serialized
            throw runtimeFailure(id, "The \(field)Path field refers to value \"\(shown)\" which is not a valid integer: \(path.source)")
        case .expression(let template):
            return try jsonataInteger(template, field: field, input: input, id)
        }
    }
}

extension JSON {
    /// The size in bytes of ``serialized``, computed without building the text.
    public var serializedSize: Int {
        switch self {
        case .null: return 4
        case .bool(let b): return b ? 4 : 5
        case .number(let n):
            if case .int(let i) = n { return Self.decimalDigits(i) }
            return n.description.utf8.count
        case .string(let s): return s.utf8.count + 2
        // Elements are read in place, by index: iterating copied (and retained) each one.
        case .array(let a):
            var size = 1 + max(a.count, 1)
            for i in a.indices { size += a[i].serializedSize }
            return size
        case .object(let o):
            var size = 1 + max(o.count, 1)
            let keys = o.keys.elements
            for i in keys.indices { size += keys[i].utf8.count + 3 }
            o.values.withUnsafeBufferPointer { values in
                for i in values.indices { size += values[i].serializedSize }
            }
            return size
        }
    }

    /// Characters in `String(i)`, counted without building it (sizes are checked on
    /// every transition).
    static func decimalDigits(_ i: Int) -> Int {
        var count = i < 0 ? 2 : 1
        var rest = i.magnitude / 10
        while rest > 0 {
            count += 1
            rest /= 10
        }
        return count
    }
}
