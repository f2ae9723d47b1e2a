/// Input and output processing as the States Language specifies it:
/// InputPath → Parameters → (work) → ResultSelector → ResultPath → OutputPath.
extension Run {
    func scope(_ frame: Frame, input: consuming JSON, token: consuming String? = nil, mapItem: consuming (index: Int, value: JSON)? = nil) -> EvaluationScope {
        let s = program.state(frame.graph, frame.state)
        let context = ContextParts(
            execution: state.sharedContext, stateName: s.name, stateEnteredTime: frame.enteredTime,
            stateRetryCount: s.canRetry ? frame.retryCounts.reduce(0, +) : nil, taskToken: token, mapItem: mapItem)
        return EvaluationScope(input: input, contextParts: context, entropy: environment.entropy)
    }

    /// "An error occurred while executing the state 'X' (entered at the event id #N). …":
    /// how AWS words a run-time failure inside a state.
    func runtimeFailure(_ frame: Frame, _ detail: String, error: ErrorName = .runtime) -> Failure {
        Failure(error, cause: detail).inState(program.state(frame.graph, frame.state).name, enteredAt: frame.enteredEventID)
    }

    /// Prefixes a failure raised while evaluating the state's own fields with AWS's
    /// location sentence.
    func located(_ failure: Failure, _ frame: Frame) -> Failure {
        guard failure.error.isStatesError, let cause = failure.cause, !cause.hasPrefix("An error occurred while executing the state") else {
            return failure
        }
        return failure.inState(program.state(frame.graph, frame.state).name, enteredAt: frame.enteredEventID)
    }

    func select(_ path: JSONPath?, from value: consuming JSON, _ frame: Frame) throws(Failure) -> JSON {
        guard let path else { return .object([:]) }
        if path.source == "$" { return value }
        let root = path.isContextPath ? scope(frame, input: value).context.json : value
        do { return try path.evaluate(root) } catch { throw located(Failure.invalidPath(path, in: root), frame) }
    }

    func applyInputPath(_ s: StateBox, _ frame: Frame) throws(Failure) -> JSON {
        if s.inputIsWhole { return frame.input }
        return try select(s.inputPath, from: frame.input, frame)
    }

    func applyOutputPath(_ s: StateBox, _ frame: Frame, _ value: consuming JSON) throws(Failure) -> JSON {
        if s.outputIsWhole { return value }
        return try select(s.outputPath, from: value, frame)
    }

    func evaluate(_ template: PayloadTemplate, _ scope: EvaluationScope, _ frame: Frame) throws(Failure) -> JSON {
        do { return try template.evaluate(scope) } catch { throw located(error, frame) }
    }

    /// Puts `result` into the state's raw input as `ResultPath` says.
    func applyResultPath(_ resultPath: ResultPath, result: consuming JSON, _ frame: Frame) throws(Failure) -> JSON {
        switch resultPath {
        case .discard: return frame.input
        case .path(let path):
            if path.source == "$" { return result }
            do { return try path.assigning(result, into: frame.input) } catch {
                throw located(Failure.resultPathMatchFailure(path, input: frame.input), frame)
            }
        }
    }

    /// ResultSelector, ResultPath and OutputPath: from a state's result to its output.
    func output(of s: StateBox, result: JSON, selector: PayloadTemplate?, resultPath: ResultPath, _ frame: Frame) throws(Failure) -> JSON {
        var result = result
        if let selector { result = try evaluate(selector, scope(frame, input: result), frame) }
        let merged = try applyResultPath(resultPath, result: result, frame)
        return try applyOutputPath(s, frame, merged)
    }

    /// Reads an integer field given literally or by a reference path.
    func integer(_ source: IntegerSource, field: String, _ input: JSON, _ frame: Frame) throws(Failure) -> Int {
        switch source {
        case .literal(let value): return value
        case .path(let path):
            let value: JSON
            do { value = try path.evaluate(input) } catch { throw located(Failure.invalidPath(path.path, in: input), frame) }
            guard let int = value.intValue, value.numberValue?.isInteger == true else {
                throw runtimeFailure(frame, "The \(field)Path field refers to value \"\(value.serialized)\" which is not a valid integer: \(path.source)")
            }
            return int
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
        case .array(let a): return a.reduce(1 + max(a.count, 1)) { $0 + $1.serializedSize }
        case .object(let o):
            var size = 1 + max(o.count, 1)
            for (key, value) in o { size += key.utf8.count + 3 + value.serializedSize }
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
