import Foundation

/// JSONata states: what their expressions see, and how their fields are evaluated.
///
/// AWS: an expression reads `$states` (`input`: the state's raw input; `result`: a Task's,
/// Parallel's or Map's result, in `Output` and `Assign`; `errorOutput`: the error output, in
/// a Catcher's `Output` and `Assign`; `context`: the context object) and the workflow
/// variables (`$name`). There is no `InputPath`, `ResultPath` or `OutputPath`: a state's
/// output is its `Output`, else its result (Task, Parallel, Map) or its input.
extension Run {
    /// The time and randomness `$now()`, `$millis()`, `$random()` and `$uuid()` read: the
    /// call's "now" and the interpreter's entropy.
    var jsonataEnvironment: JSONataEnvironment {
        let entropy = environment.entropy
        return JSONataEnvironment(
            now: now,
            random: { Double(entropy.next() >> 11) / Double(UInt64(1) << 53) },
            uuid: { entropy.uuid().uuidString.lowercased() })
    }

    /// `$states` and the variables frame `id` sees.
    func jsonataBindings(_ id: FrameID, input: JSON, result: JSON? = nil, errorOutput: JSON? = nil,
                         token: String? = nil, mapItem: (index: Int, value: JSON)? = nil) -> [String: JSON] {
        var states: JSONObject = ["input": input]
        if let result { states["result"] = result }
        if let errorOutput { states["errorOutput"] = errorOutput }
        states["context"] = scope(id, input: input, token: token, mapItem: mapItem).context.json
        var bindings: [String: JSON] = [:]
        if let variables = variables(id) {
            for (name, value) in variables.visible { bindings[name] = value }
        }
        bindings["states"] = .object(states)
        return bindings
    }

    /// Evaluates a JSONata field of frame `id`'s state, its failures located in the state.
    func evaluate(_ template: JSONataTemplate, field: String, _ bindings: [String: JSON], _ id: FrameID) throws(Failure) -> JSON {
        if case .literal(let json) = template.root { return json }
        do { return try template.evaluate(field: field, bindings: bindings, environment: jsonataEnvironment) } catch {
            throw located(error, id)
        }
    }

    /// A JSONata `Assign` block's values (`field` names it: `Assign`, `Choices[0]/Assign`,
    /// `Catch[1]/Assign`); nil when there is none.
    func evaluateAssign(_ assignment: Assignment?, field: String, _ bindings: [String: JSON],
                        _ id: FrameID) throws(Failure) -> JSONObject? {
        guard let assignment, !assignment.isEmpty else { return nil }
        let values: JSONObject
        do { values = try assignment.evaluate(field: field, bindings: bindings, environment: jsonataEnvironment) } catch {
            throw located(error, id)
        }
        try checkScope(values, id)
        return values
    }

    /// The output of a JSONata state and what it assigns, once it has its result (nil for
    /// states without one): `Output` (else the result, else the input) and `Assign`, both
    /// evaluated against the variables as they were.
    func jsonataExit(_ s: StateBox, input: JSON, result: JSON?, _ id: FrameID) throws(Failure) -> (output: JSON, assigned: JSONObject?) {
        // Without Output and Assign nothing is evaluated: no bindings to make.
        if s.assignment == nil, s.state.output == nil { return (result ?? input, nil) }
        let bindings = jsonataBindings(id, input: input, result: result)
        let assigned = try evaluateAssign(s.assignment, field: "Assign", bindings, id)
        guard let output = s.state.output else { return (result ?? input, assigned) }
        return (try evaluate(output, field: "Output", bindings, id), assigned)
    }

    /// An integer field given by an expression (`TimeoutSeconds`, `MaxConcurrency`…): the
    /// expression must give a whole number.
    func jsonataInteger(_ template: JSONataTemplate, field: String, input: JSON, _ id: FrameID) throws(Failure) -> Int {
        let value = try evaluate(template, field: field, jsonataBindings(id, input: input), id)
        guard let number = value.numberValue, number.isInteger, let int = number.exactInt else {
            throw located(JSONataTemplate.unexpectedType(value, expected: "integer", text: template.wholeExpressionText,
                                                         field: field), id)
        }
        return int
    }

    /// `ToleratedFailurePercentage` given by an expression.
    func jsonataNumber(_ template: JSONataTemplate, field: String, input: JSON, _ id: FrameID) throws(Failure) -> Double {
        let value = try evaluate(template, field: field, jsonataBindings(id, input: input), id)
        guard let number = value.numberValue else {
            throw located(JSONataTemplate.unexpectedType(value, expected: "number", text: template.wholeExpressionText,
                                                         field: field), id)
        }
        return number.doubleValue
    }

    /// A Fail state's `Error` or `Cause` given by an expression: it must give a string.
    func jsonataString(_ template: JSONataTemplate, field: String, _ id: FrameID) throws(Failure) -> String {
        let value = try evaluate(template, field: field, jsonataBindings(id, input: input(id)), id)
        guard case .string(let text) = value else {
            throw located(JSONataTemplate.unexpectedType(value, expected: "string", text: template.wholeExpressionText,
                                                         field: field), id)
        }
        return text
    }

    /// A failure of a JSONata state's own evaluation (as opposed to one its task or
    /// children report): AWS records `EvaluationFailed` first, and a Map or Parallel that
    /// fails so records `MapStateFailed` / `ParallelStateFailed` even before it started.
    mutating func failEvaluation(_ id: FrameID, _ failure: Failure) {
        guard failure.error == .queryEvaluationError, let frame = state.frames[id] else {
            fail(id, failure)
            return
        }
        let s = program.state(frame.graph, frame.state)
        recordEvaluationFailed(id, s, failure)
        if !frame.started {
            if case .map = s.kind { record(id, .mapStateFailed, nil) }
            if case .parallel = s.kind { record(id, .parallelStateFailed, nil) }
        }
        fail(id, failure)
    }

    /// Records `EvaluationFailed` for `failure` in state `s` of frame `id`.
    mutating func recordEvaluationFailed(_ id: FrameID, _ s: StateBox, _ failure: Failure) {
        var details: JSONObject = ["error": .string(failure.error.rawValue)]
        if let cause = failure.cause { details["cause"] = .string(cause) }
        if let location = Self.evaluationLocation(failure.cause) { details["location"] = .string(location) }
        details["state"] = .string(s.name)
        record(id, .evaluationFailed, .object(details))
    }

    /// The field a JSONata failure's cause names (`… specified for the field 'Output/x' …`).
    static func evaluationLocation(_ cause: String?) -> String? {
        guard let cause, let start = cause.range(of: "specified for the field '") else { return nil }
        guard let end = cause[start.upperBound...].range(of: "' ") else { return nil }
        return String(cause[start.upperBound..<end.lowerBound])
    }
}
