import Foundation

/// Pass, Choice, Wait, Succeed and Fail states written in JSONata.
extension Run {
    /// Runs the work of a JSONata state (Task, Parallel and Map start as in JSONPath,
    /// which read their JSONata fields themselves).
    mutating func executeJSONata(_ id: FrameID, _ s: StateBox) {
        do throws(Failure) {
            let raw = input(id)
            switch s.kind {
            case .pass, .succeed:
                let (output, assigned) = try jsonataExit(s, input: raw, result: nil, id)
                try exit(id, output: output, assigned: assigned)
            case .choice(let choice):
                try choose(id, s, choice, input: raw)
            case .wait(let wait):
                let due = try jsonataDueDate(wait, raw, id)
                if due <= now {
                    let (output, assigned) = try jsonataExit(s, input: raw, result: nil, id)
                    try exit(id, output: output, assigned: assigned)
                } else {
                    scheduleWait(id, until: due)
                }
            case .fail(let fail):
                let error = try failString(fail.error, field: "Error", id)
                let cause = try failString(fail.cause, field: "Cause", id)
                complete(id, .failure(Failure(ErrorName(error ?? ""), cause: cause)))
            case .task(let task):
                try startTask(id, s, task)
            case .parallel(let parallel):
                try startParallel(id, s, parallel)
            case .map(let map):
                try startMap(id, s, map)
            }
        } catch {
            failEvaluation(id, error)
        }
    }

    /// A JSONata Choice: the first rule whose `Condition` is true picks `Next`; the
    /// state's `Assign` applies with the rule's on top, and the rule's `Output` (else the
    /// state's, else the input) is the output.
    private mutating func choose(_ id: FrameID, _ s: StateBox, _ choice: ChoiceState, input raw: JSON) throws(Failure) {
        let (next, output, assigned) = try jsonataChoice(id, s, choice, input: raw)
        try checkSize(output, of: s)
        recordExit(id, s, output: output, assigned: assigned)
        enter(id, state: next, input: output)
    }

    /// Where a JSONata Choice goes, with its output and what it assigns.
    func jsonataChoice(_ id: FrameID, _ s: StateBox, _ choice: ChoiceState, input raw: JSON) throws(Failure)
        -> (next: Int, output: JSON, assigned: JSONObject?) {
        let bindings = jsonataBindings(id, input: raw)
        var next = choice.defaultState
        var matched: (index: Int, branch: ChoiceState.Branch)?
        for (i, branch) in choice.choices.enumerated() {
            guard case .jsonata(let condition) = branch.rule.condition else { continue }
            let field = "Choices[\(i)]/Condition"
            let value = try evaluate(condition, field: field, bindings, id)
            guard case .bool(let holds) = value else {
                throw located(JSONataTemplate.unexpectedType(value, expected: "boolean", text: condition.wholeExpressionText,
                                                             field: field), id)
            }
            if holds {
                next = branch.next
                matched = (i, branch)
                break
            }
        }
        guard let next else {
            throw runtimeFailure(id, "Failed to transition out of the state. No Choice rule matched and no Default was specified.", error: .noChoiceMatched)
        }
        var assigned = try evaluateAssign(s.assignment, field: "Assign", bindings, id)
        if let matched, let fromRule = try evaluateAssign(matched.branch.assignment, field: "Choices[\(matched.index)]/Assign", bindings, id) {
            assigned = (assigned ?? [:]).merging(fromRule) { _, rule in rule }
        }
        var output = raw
        if let matched, let template = matched.branch.output {
            output = try evaluate(template, field: "Choices[\(matched.index)]/Output", bindings, id)
        } else if let template = s.state.output {
            output = try evaluate(template, field: "Output", bindings, id)
        }
        return (next, output, assigned)
    }

    /// A Fail state's `Error` or `Cause`: a literal, or an expression giving a string.
    func failString(_ source: StringSource?, field: String, _ id: FrameID) throws(Failure) -> String? {
        switch source {
        case nil: return nil
        case .literal(let text)?: return text
        case .expression(let template)?: return try jsonataString(template, field: field, id)
        case .path?, .intrinsic?: return try string(source, field: field + "Path", id)
        }
    }

    /// When a JSONata Wait ends: `Seconds` (a literal, or an expression giving a
    /// non-negative integer) from now, or `Timestamp` (a literal, or an expression giving
    /// an ISO-8601 date-time with offset).
    func jsonataDueDate(_ wait: WaitState, _ raw: JSON, _ id: FrameID) throws(Failure) -> Date {
        switch wait.duration {
        case .secondsExpression(let template):
            let seconds = try jsonataInteger(template, field: "Seconds", input: raw, id)
            guard seconds >= 0 else {
                throw runtimeFailure(id, "The Seconds field references a negative value: \(seconds)", error: .queryEvaluationError)
            }
            return now.addingTimeInterval(TimeInterval(seconds))
        case .timestampExpression(let template):
            let value = try evaluate(template, field: "Timestamp", jsonataBindings(id, input: raw), id)
            guard case .string(let text) = value, let date = Timestamp(parsing: text)?.date else {
                let shown = value.stringValue ?? value.serialized
                throw runtimeFailure(id, "The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time format string: \(shown)",
                                     error: .queryEvaluationError)
            }
            return date
        default:
            return try dueDate(wait, raw, id)
        }
    }

    /// A JSONata Map's items: `Items` (an array, or an expression that must give one), else
    /// the state's input, which must be an array.
    func jsonataItems(_ map: MapState, _ raw: JSON, _ id: FrameID) throws(Failure) -> JSON {
        guard let template = map.items else {
            guard case .array = raw else {
                throw runtimeFailure(id, "Map state input must be an array but was: \(raw.serialized)", error: .queryEvaluationError)
            }
            return raw
        }
        let value = try evaluate(template, field: "Items", jsonataBindings(id, input: raw), id)
        guard case .array = value else {
            throw located(JSONataTemplate.unexpectedType(value, expected: "array", text: template.wholeExpressionText,
                                                         field: "Items"), id)
        }
        return value
    }
}
