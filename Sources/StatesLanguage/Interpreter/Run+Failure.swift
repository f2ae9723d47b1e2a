import Foundation

/// Retry and Catch, as the States Language specifies them.
extension Run {
    /// A state failed: retry it, catch the error, or fail its frame.
    mutating func fail(_ id: FrameID, _ failure: Failure, matching matchedError: ErrorName? = nil) {
        let matchedError = matchedError ?? failure.error
        guard let frame = state.frames[id] else { return }
        let s = program.state(frame.graph, frame.state)
        guard let (retriers, catchers) = s.errorHandlers else {
            complete(id, .failure(failure))
            return
        }
        // AWS records `…StateFailed` for a Parallel or Map that started its children,
        // unless a Retrier takes the failure (the retry records `…StateStarted` again).
        let started = frame.started
        state.frames[id]!.started = false
        func recordFailed(_ run: inout Run) {
            guard started else { return }
            if case .parallel = s.kind { run.record(id, .parallelStateFailed, nil) }
            if case .map = s.kind { run.record(id, .mapStateFailed, nil) }
        }

        // "the interpreter attempts the retries as specified in the first Retrier whose
        // ErrorEquals matches; when its MaxAttempts are spent, the state's Catch applies".
        if let index = retriers.firstIndex(where: { ErrorMatcher.matches($0.errorEquals, matchedError) }) {
            var counts = frame.retryCounts
            if counts.count < retriers.count { counts = Array(repeating: 0, count: retriers.count) }
            let retrier = retriers[index]
            if counts[index] < retrier.maxAttempts {
                let delay = RetryBackoff.delay(retrier, attempt: counts[index], random: environment.entropy.next)
                counts[index] += 1
                state.frames[id]!.retryCounts = counts
                let ticket = newTicket(for: id)
                state.frames[id]!.awaiting = .timer(ticket, .retry)
                effects.append(.schedule(TimerRequest(ticket: ticket, dueAt: now.addingTimeInterval(delay), purpose: .retry)))
                return
            }
        }
        recordFailed(&self)
        if let index = catchers.firstIndex(where: { ErrorMatcher.matches($0.errorEquals, matchedError) }) {
            let catcher = catchers[index]
            do throws(Failure) {
                let (output, assigned) = try caught(by: catcher, at: index, failure, s, id)
                recordExit(id, s, output: output, assigned: assigned)
                enter(id, state: catcher.next, input: output)
            } catch {
                if error.error == .queryEvaluationError { recordEvaluationFailed(id, s, error) }
                complete(id, .failure(error))
            }
            return
        }
        if case .task = s.kind, case .branch = frame.role {
            record(id, .stateAborted(s.typeName), ["name": .string(s.name)])
        }
        complete(id, .failure(failure))
    }
}

extension Run {
    /// The output of state `s` when `catcher` (its `index`th) caught `failure`, and what the
    /// catcher assigns. JSONPath: `ResultPath` puts the error output into the input. JSONata
    /// (AWS): `Output` and `Assign` read `$states.errorOutput`; without `Output` the error
    /// output is the output.
    func caught(by catcher: Catcher, at index: Int, _ failure: Failure, _ s: StateBox, _ id: FrameID) throws(Failure)
        -> (output: JSON, assigned: JSONObject?) {
        guard s.isJSONata else {
            let assigned = try evaluateAssign(catcher.assignment, value: failure.errorOutput, id)
            return (try applyResultPath(catcher.resultPath, result: failure.errorOutput, id), assigned)
        }
        let bindings = jsonataBindings(id, input: input(id), errorOutput: failure.errorOutput)
        let assigned = try evaluateAssign(catcher.assignment, field: "Catch[\(index)]/Assign", bindings, id)
        guard let template = catcher.output else { return (failure.errorOutput, assigned) }
        return (try evaluate(template, field: "Catch[\(index)]/Output", bindings, id), assigned)
    }
}

extension StateBox {
    /// The state's `Retry` and `Catch`; nil for the state types that have neither.
    var errorHandlers: (retriers: [Retrier], catchers: [Catcher])? {
        switch kind {
        case .task(let t): (t.retry, t.catch)
        case .parallel(let p): (p.retry, p.catch)
        case .map(let m): (m.retry, m.catch)
        default: nil
        }
    }
}

/// `ErrorEquals` matching.
public enum ErrorMatcher {
    /// Whether `names` (one Retrier's or Catcher's ErrorEquals) matches `error`.
    ///
    /// `States.ALL` matches every error; `States.TaskFailed` matches every error except
    /// `States.Timeout`; other names match exactly. AWS documents that neither wildcard
    /// catches `States.Runtime` or `States.DataLimitExceeded`: those end the execution
    /// unless named explicitly. A missed heartbeat (`States.HeartbeatTimeout`) is a
    /// timeout: `States.Timeout` matches it too.
    public static func matches(_ names: [ErrorName], _ error: ErrorName) -> Bool {
        for name in names {
            if name == error { return true }
            if error == .heartbeatTimeout && name == .timeout { return true }
            let terminal = error == .runtime || error == .dataLimitExceeded
            if name == .all && !terminal { return true }
            if name == .taskFailed && error != .timeout && error != .heartbeatTimeout && !terminal { return true }
        }
        return false
    }
}

/// The wait before a retry.
public enum RetryBackoff {
    /// Seconds to wait before retry number `attempt + 1`:
    /// `IntervalSeconds × BackoffRate^attempt`, capped by `MaxDelaySeconds`, and with
    /// `JitterStrategy: FULL` a uniformly random share of that.
    public static func delay(_ retrier: Retrier, attempt: Int, random: () -> UInt64) -> TimeInterval {
        var delay = Double(retrier.intervalSeconds) * pow(retrier.backoffRate, Double(attempt))
        if let cap = retrier.maxDelaySeconds { delay = min(delay, Double(cap)) }
        delay = min(delay, 99_999_999)
        if retrier.jitterStrategy == .full {
            let unit = Double(random() >> 11) / Double(1 << 53)
            delay *= unit
        }
        return delay
    }
}
