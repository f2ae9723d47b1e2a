import Foundation

/// The work of each state type.
extension Run {
    mutating func execute(_ id: FrameID) {
        // In a mutating method, each call of a non-mutating one that is not inlined (and each
        // closure that reads `self`) first copies the whole `Run` (about 300 bytes). The Pass
        // path below therefore reads what it needs into locals and calls such helpers only
        // when it must.
        let program = self.program
        guard let s = state.frames.read(id, { program.state($0.graph, $0.state) }) else { return }
        if s.isJSONata {
            executeJSONata(id, s)
            return
        }
        do throws(Failure) {
            // The definition's own value, borrowed from the box rather than copied out.
            switch s.state.kind {
            case .pass:
                let effective = s.inputIsWhole ? input(id) : try applyInputPath(s, id)
                let result: JSON
                if let value = s.passResult {
                    result = value
                } else if let parameters = s.passParameters {
                    if parameters.readsScope {
                        result = try evaluate(parameters, input: effective, id)
                    } else {
                        do { result = try parameters.evaluate(EvaluationScope(input: effective, parts: scopeShared)) } catch {
                            throw located(error, id)
                        }
                    }
                } else {
                    result = effective
                }
                let assigned = s.assignment == nil ? nil : try evaluateAssign(s.assignment, value: result, id)
                let merged = s.passResultIsWhole ? result : try applyResultPath(s.passResultPath, result: result, id)
                try exit(id, output: s.outputIsWhole ? merged : try applyOutputPath(s, id, merged), assigned: assigned)
            case .choice(let choice):
                let effective = try applyInputPath(s, id)
                let (next, assigned) = try jsonPathChoice(id, s, choice, input: effective)
                let output = try applyOutputPath(s, id, effective)
                try checkSize(output, of: s)
                recordExit(id, s, output: output, assigned: assigned)
                enter(id, state: next, input: output)
            case .wait(let wait):
                let effective = try applyInputPath(s, id)
                let due = try dueDate(wait, effective, id)
                if due <= now {
                    let assigned = try evaluateAssign(s.assignment, value: effective, id)
                    try exit(id, output: try applyOutputPath(s, id, effective), assigned: assigned)
                } else {
                    scheduleWait(id, until: due)
                }
            case .succeed:
                let effective = try applyInputPath(s, id)
                try exit(id, output: try applyOutputPath(s, id, effective))
            case .fail(let fail):
                let error = try string(fail.error, field: "ErrorPath", id)
                let cause = try string(fail.cause, field: "CausePath", id)
                complete(id, .failure(Failure(ErrorName(error ?? ""), cause: cause)))
            case .task(let task):
                try startTask(id, s, task)
            case .parallel(let parallel):
                try startParallel(id, s, parallel)
            case .map(let map):
                try startMap(id, s, map)
            }
        } catch {
            fail(id, error)
        }
    }

    /// A Wait state that ends later: its frame waits for a timer due at `due`.
    mutating func scheduleWait(_ id: FrameID, until due: Date) {
        let ticket = newTicket(for: id)
        state.frames[id]!.awaiting = .timer(ticket, .wait)
        effects.append(.schedule(TimerRequest(ticket: ticket, dueAt: due, purpose: .wait)))
    }

    /// Where a JSONPath Choice goes on its effective input, and what it assigns. AWS: the
    /// state's own Assign "applies regardless of which choice rule matches"; a matching
    /// rule's Assign adds to it, and wins for a name both assign.
    func jsonPathChoice(_ id: FrameID, _ s: StateBox, _ choice: ChoiceState, input effective: JSON) throws(Failure)
        -> (next: Int, assigned: JSONObject?) {
        let evaluationScope = scope(id, input: effective)
        var next = choice.defaultState
        var ruleAssignment: Assignment?
        for branch in choice.choices {
            let matched: Bool
            do { matched = try branch.rule.evaluate(evaluationScope) } catch { throw located(error, id) }
            if matched {
                next = branch.next
                ruleAssignment = branch.assignment
                break
            }
        }
        guard let next else {
            throw runtimeFailure(id, "Failed to transition out of the state. No Choice rule matched and no Default was specified.", error: .noChoiceMatched)
        }
        var assigned = try evaluateAssign(s.assignment, value: effective, id)
        if let fromRule = try evaluateAssign(ruleAssignment, value: effective, id) {
            assigned = (assigned ?? [:]).merging(fromRule) { _, rule in rule }
        }
        return (next, assigned)
    }

    /// A Fail state's Error/Cause from a literal, a path or an intrinsic call.
    func string(_ source: StringSource?, field: String, _ id: FrameID) throws(Failure) -> String? {
        guard let source else { return nil }
        switch source {
        case .literal(let text): return text
        case .path(let path):
            let raw = input(id)
            let value: JSON
            do { value = try read(path, from: raw, id) } catch {
                throw located(Failure.pathNotFound(path.source, field: field, input: raw), id)
            }
            if case .string(let text) = value { return text }
            return value.serialized
        case .intrinsic(let call):
            let value: JSON
            do { value = try call.evaluate(scope(id, input: input(id))) } catch { throw located(error, id) }
            if case .string(let text) = value { return text }
            return value.serialized
        case .expression(let template):
            return try jsonataString(template, field: String(field.dropLast(4)), id)
        }
    }

    func dueDate(_ wait: WaitState, _ input: JSON, _ id: FrameID) throws(Failure) -> Date {
        switch wait.duration {
        case .seconds(let seconds):
            return now.addingTimeInterval(TimeInterval(seconds))
        case .timestamp(_, let date):
            return date
        case .secondsPath(let path):
            let value: JSON
            do { value = try read(path.path, from: input, id) } catch { throw invalidPath(path.path, in: input, id) }
            guard case .number(let number) = value, number.isInteger, let seconds = number.exactInt else {
                throw runtimeFailure(id, "The SecondsPath parameter cannot be parsed as a long value: \(path.source) == \(value.serialized)")
            }
            guard seconds >= 0 else {
                throw runtimeFailure(id, "The SecondsPath parameter references a negative value: \(path.source) == \(value.serialized)")
            }
            return now.addingTimeInterval(TimeInterval(seconds))
        case .timestampPath(let path):
            let value: JSON
            do { value = try read(path.path, from: input, id) } catch { throw invalidPath(path.path, in: input, id) }
            guard case .string(let text) = value, let date = Timestamp(parsing: text)?.date else {
                let shown = value.stringValue ?? value.serialized
                throw runtimeFailure(id, "The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: \(path.source) == \(shown)")
            }
            return date
        case .secondsExpression, .timestampExpression:
            return try jsonataDueDate(wait, input, id)
        }
    }
}
