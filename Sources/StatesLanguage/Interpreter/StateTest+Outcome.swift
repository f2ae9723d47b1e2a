/// How a tested state ends: its output and next state, or what its Retry and Catch make of
/// an error.
extension Run {
    /// The state succeeded with `output`, going to `next` (its `Next` when not given).
    func testSucceeded(_ id: FrameID, _ s: StateBox, output: JSON, assigned: JSONObject?, _ inspection: StateInspection,
                       next: Int? = nil) -> StateTestResult {
        var inspection = inspection
        inspection.variables = variablesAfter(id, assigned)
        var nextState: String?
        if let next {
            nextState = testStateName(id, next)
        } else if case .next(let index)? = s.transition {
            nextState = testStateName(id, index)
        }
        return StateTestResult(status: .succeeded, output: output, nextState: nextState, inspection: inspection)
    }

    func testFailed(_ failure: Failure, _ inspection: StateInspection) -> StateTestResult {
        StateTestResult(status: .failed, error: failure.error.rawValue.isEmpty ? nil : failure.error.rawValue,
                        cause: failure.cause, inspection: inspection)
    }

    /// An error in the state: as the interpreter handles it (``Run/fail(_:_:matching:)``),
    /// except that where it would wait and retry, the test stops as RETRIABLE.
    ///
    /// AWS: "the interpreter attempts the retries as specified in the first Retrier whose
    /// ErrorEquals matches"; `retrierRetryCount` says how many that retrier already made.
    /// Once they are spent, the first matching Catcher applies: CAUGHT_ERROR, with the
    /// catcher's output and `Next`. Otherwise the state FAILED.
    func testHandle(_ id: FrameID, _ s: StateBox, _ failure: Failure, _ request: StateTestRequest,
                    _ inspection: StateInspection) -> StateTestResult {
        var inspection = inspection
        guard let (retriers, catchers) = s.errorHandlers else { return testFailed(failure, inspection) }
        var result = testFailed(failure, inspection)
        if let index = retriers.firstIndex(where: { ErrorMatcher.matches($0.errorEquals, failure.error) }) {
            inspection.retryIndex = index
            let retrier = retriers[index]
            if request.retrierRetryCount < retrier.maxAttempts {
                let delay = RetryBackoff.delay(retrier, attempt: request.retrierRetryCount, random: environment.entropy.next)
                inspection.retryBackoffIntervalSeconds = Int(delay)
                result.status = .retriable
                result.inspection = inspection
                return result
            }
        }
        guard let index = catchers.firstIndex(where: { ErrorMatcher.matches($0.errorEquals, failure.error) }) else {
            result.inspection = inspection
            return result
        }
        let catcher = catchers[index]
        do throws(Failure) {
            let (output, assigned) = try caught(by: catcher, at: index, failure, s, id)
            inspection.catchIndex = index
            inspection.variables = variablesAfter(id, assigned)
            result.status = .caughtError
            result.output = output
            result.nextState = testStateName(id, catcher.next)
            result.inspection = inspection
            return result
        } catch {
            return testFailed(error, inspection)
        }
    }

    /// The variables after the state: those it saw, with what it assigned over them.
    func variablesAfter(_ id: FrameID, _ assigned: JSONObject?) -> JSONObject? {
        var all = variables(id)?.visible ?? [:]
        for (name, value) in assigned ?? [:] { all[name] = value }
        return all.isEmpty ? nil : all
    }

    /// The name of state `index` of frame `id`'s graph.
    func testStateName(_ id: FrameID, _ index: Int) -> String? {
        guard let graph = state.frames.read(id, { $0.graph }) else { return nil }
        return machine.graphs[graph].states[index].name
    }
}

extension StateTestMock {
    /// The work's outcome the mock stands for.
    var outcome: Result<JSON, Failure> {
        switch self {
        case .result(let result): .success(result)
        case .error(let failure): .failure(failure)
        }
    }
}
