import Foundation

/// The work of each state type.
extension Run {
    mutating func execute(_ id: FrameID) {
        let frame = state.frames[id]!
        let s = program.state(frame.graph, frame.state)
        do throws(Failure) {
            // The definition's own value, borrowed from the box rather than copied out.
            switch s.state.kind {
            case .pass(let pass):
                let effective = try applyInputPath(s, frame)
                let result: JSON
                if let value = pass.result {
                    result = value
                } else if let parameters = pass.parameters {
                    result = try evaluate(parameters, scope(frame, input: effective), frame)
                } else {
                    result = effective
                }
                let merged = try applyResultPath(pass.resultPath, result: result, frame)
                try exit(id, output: try applyOutputPath(s, frame, merged))
            case .choice(let choice):
                let effective = try applyInputPath(s, frame)
                let evaluationScope = scope(frame, input: effective)
                var next = choice.defaultState
                for branch in choice.choices {
                    let matched: Bool
                    do { matched = try branch.rule.evaluate(evaluationScope) } catch { throw located(error, frame) }
                    if matched {
                        next = branch.next
                        break
                    }
                }
                guard let next else {
                    throw Failure(.noChoiceMatched, cause: "An error occurred while executing the state '\(s.name)' (entered at the event id #\(frame.enteredEventID)). Failed to transition out of the state. No Choice rule matched and no Default was specified.")
                }
                let output = try applyOutputPath(s, frame, effective)
                try checkSize(output, frame: frame)
                record(id, s.exitedType, content: .stateExited(name: s.name, output: output))
                enter(id, state: next, input: output)
            case .wait(let wait):
                let effective = try applyInputPath(s, frame)
                let due = try dueDate(wait, effective, frame)
                if due <= now {
                    try exit(id, output: try applyOutputPath(s, frame, effective))
                } else {
                    let ticket = newTicket(for: id)
                    state.frames[id]!.awaiting = .timer(ticket, .wait)
                    effects.append(.schedule(TimerRequest(ticket: ticket, dueAt: due, purpose: .wait)))
                }
            case .succeed:
                let effective = try applyInputPath(s, frame)
                try exit(id, output: try applyOutputPath(s, frame, effective))
            case .fail(let fail):
                let error = try string(fail.error, field: "ErrorPath", frame)
                let cause = try string(fail.cause, field: "CausePath", frame)
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

    /// A Fail state's Error/Cause from a literal, a path or an intrinsic call.
    func string(_ source: StringSource?, field: String, _ frame: Frame) throws(Failure) -> String? {
        guard let source else { return nil }
        switch source {
        case .literal(let text): return text
        case .path(let path):
            let root = path.isContextPath ? scope(frame, input: frame.input).context.json : frame.input
            let value: JSON
            do { value = try path.evaluate(root) } catch {
                throw located(Failure.pathNotFound(path.source, field: field, input: frame.input), frame)
            }
            if case .string(let text) = value { return text }
            return value.serialized
        case .intrinsic(let call):
            let value: JSON
            do { value = try call.evaluate(scope(frame, input: frame.input)) } catch { throw located(error, frame) }
            if case .string(let text) = value { return text }
            return value.serialized
        }
    }

    func dueDate(_ wait: WaitState, _ input: JSON, _ frame: Frame) throws(Failure) -> Date {
        switch wait.duration {
        case .seconds(let seconds):
            return now.addingTimeInterval(TimeInterval(seconds))
        case .timestamp(_, let date):
            return date
        case .secondsPath(let path):
            let value: JSON
            do { value = try path.evaluate(input) } catch { throw located(Failure.invalidPath(path.path, in: input), frame) }
            guard case .number(let number) = value, number.isInteger, let seconds = number.exactInt else {
                throw runtimeFailure(frame, "The SecondsPath parameter cannot be parsed as a long value: \(path.source) == \(value.serialized)")
            }
            guard seconds >= 0 else {
                throw runtimeFailure(frame, "The SecondsPath parameter references a negative value: \(path.source) == \(value.serialized)")
            }
            return now.addingTimeInterval(TimeInterval(seconds))
        case .timestampPath(let path):
            let value: JSON
            do { value = try path.evaluate(input) } catch { throw located(Failure.invalidPath(path.path, in: input), frame) }
            guard case .string(let text) = value, let date = Timestamp(parsing: text)?.date else {
                let shown = value.stringValue ?? value.serialized
                throw runtimeFailure(frame, "The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: \(path.source) == \(shown)")
            }
            return date
        }
    }
}
