/// TestState's run of a JSONata state, on the interpreter's JSONata functions: no
/// InputPath, Parameters, ResultSelector or ResultPath stages, so the inspection shows the
/// input, a Task's or Parallel's `Arguments` (`afterArguments`), the result and the variables.
extension Run {
    func testStartJSONata(_ id: FrameID, _ s: StateBox, _ request: StateTestRequest) -> StateTestStep {
        var inspection = StateInspection()
        let raw = input(id)
        inspection.input = raw
        do throws(Failure) {
            switch s.kind {
            case .pass, .succeed:
                let (output, assigned) = try jsonataExit(s, input: raw, result: nil, id)
                return .finished(testSucceeded(id, s, output: output, assigned: assigned, inspection))
            case .choice(let choice):
                let (next, output, assigned) = try jsonataChoice(id, s, choice, input: raw)
                return .finished(testSucceeded(id, s, output: output, assigned: assigned, inspection, next: next))
            case .wait(let wait):
                // The duration is evaluated (a bad expression fails as it would), not waited for.
                _ = try jsonataDueDate(wait, raw, id)
                let (output, assigned) = try jsonataExit(s, input: raw, result: nil, id)
                return .finished(testSucceeded(id, s, output: output, assigned: assigned, inspection))
            case .fail(let fail):
                let error = try failString(fail.error, field: "Error", id)
                let cause = try failString(fail.cause, field: "Cause", id)
                return .finished(testFailed(Failure(ErrorName(error ?? ""), cause: cause), inspection))
            case .task(let task):
                let token = testToken(task)
                var arguments = raw
                if let template = task.arguments {
                    arguments = try evaluate(template, field: "Arguments", jsonataBindings(id, input: raw, token: token), id)
                    inspection.afterArguments = arguments
                }
                return try testTask(id, s, task, parameters: arguments, token: token, input: raw, request, inspection)
            case .parallel(let parallel):
                if let template = parallel.arguments {
                    inspection.afterArguments = try evaluate(template, field: "Arguments", jsonataBindings(id, input: raw), id)
                }
                return .finished(testComplete(id, s, request.mock?.outcome ?? .failure(Self.mockRequired), request, inspection))
            case .map(let map):
                _ = try jsonataItems(map, raw, id)
                inspection.maxConcurrency = try map.maxConcurrency.map { source throws(Failure) in
                    try integer(source, field: "MaxConcurrency", raw, id)
                } ?? 0
                inspection.toleratedFailureCount = try map.toleratedFailureCount.map { source throws(Failure) in
                    try integer(source, field: "ToleratedFailureCount", raw, id)
                }
                return .finished(testComplete(id, s, request.mock?.outcome ?? .failure(Self.mockRequired), request, inspection))
            }
        } catch {
            return .finished(testHandle(id, s, error, request, inspection))
        }
    }
}
