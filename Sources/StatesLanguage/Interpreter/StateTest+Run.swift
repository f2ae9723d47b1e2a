import Foundation

extension StateTest {
    /// Runs the state on `request`: its result, or (a Task without a mock) the call its
    /// resource needs, to be finished with ``finish(_:outcome:now:environment:)``.
    public func start(_ request: StateTestRequest, now: Date, environment: InterpreterEnvironment) -> StateTestStep {
        let (run, id) = makeRun(request, now: now, environment: environment)
        return run.testStart(id, program.state(position.graph, position.state), request)
    }

    /// Completes a Task's test with its call's outcome, as the interpreter completes a Task
    /// (a `.sync:2` result is shaped the same way).
    public func finish(_ call: StateTestCall, outcome: Result<JSON, Failure>, now: Date,
                       environment: InterpreterEnvironment) -> StateTestResult {
        let (run, id) = makeRun(call.request, now: now, environment: environment)
        let s = program.state(position.graph, position.state)
        let shaped = outcome.map { call.invocation.resource.result($0) }
        return run.testComplete(id, s, shaped, call.request, call.inspection)
    }

    /// A run with one frame standing in the tested state, as if the state had just been
    /// entered (as the second event of an execution).
    func makeRun(_ request: StateTestRequest, now: Date, environment: InterpreterEnvironment) -> (Run, FrameID) {
        var run = Run(machine: machine, program: program, state: ExecutionState(context: request.context), now: now,
                      environment: environment)
        let variables = request.variables.isEmpty ? nil : VariableScope(own: request.variables)
        let id = run.makeFrame(parent: nil, role: .root, graph: position.graph, input: request.input, variables: variables)
        let enteredTime = request.context.stateEnteredTime.isEmpty ? run.nowText : request.context.stateEnteredTime
        let index = position.state
        run.state.frames.update(id) { frame in
            frame.state = index
            frame.enteredEventID = 2
            frame.enteredTime = enteredTime
            frame.retryCounts = [request.retrierRetryCount]
        }
        return (run, id)
    }
}

/// TestState's run of one state, on the interpreter's data-flow functions.
extension Run {
    func testStart(_ id: FrameID, _ s: StateBox, _ request: StateTestRequest) -> StateTestStep {
        if s.isJSONata { return testStartJSONata(id, s, request) }
        var inspection = StateInspection()
        inspection.input = input(id)
        do throws(Failure) {
            switch s.kind {
            case .pass(let pass):
                let effective = try applyInputPath(s, id)
                let result: JSON
                // AWS shows a Pass with `Result` from its result on, and one without from
                // InputPath and Parameters on.
                if let value = pass.result {
                    result = value
                    inspection.result = value
                } else {
                    inspection.afterInputPath = effective
                    result = try pass.parameters.map { template throws(Failure) in try evaluate(template, input: effective, id) } ?? effective
                    inspection.afterParameters = result
                }
                inspection.afterResultSelector = result
                let assigned = try evaluateAssign(s.assignment, value: result, id)
                let merged = try applyResultPath(pass.resultPath, result: result, id)
                inspection.afterResultPath = merged
                return .finished(testSucceeded(id, s, output: try applyOutputPath(s, id, merged), assigned: assigned, inspection))
            case .choice(let choice):
                let effective = try applyInputPath(s, id)
                inspection.afterInputPath = effective
                let (next, assigned) = try jsonPathChoice(id, s, choice, input: effective)
                return .finished(testSucceeded(id, s, output: try applyOutputPath(s, id, effective), assigned: assigned,
                                               inspection, next: next))
            case .wait(let wait):
                let effective = try applyInputPath(s, id)
                inspection.afterInputPath = effective
                // The duration is read (a bad SecondsPath fails as it would), not waited for.
                _ = try dueDate(wait, effective, id)
                let assigned = try evaluateAssign(s.assignment, value: effective, id)
                return .finished(testSucceeded(id, s, output: try applyOutputPath(s, id, effective), assigned: assigned, inspection))
            case .succeed:
                let effective = try applyInputPath(s, id)
                inspection.afterInputPath = effective
                return .finished(testSucceeded(id, s, output: try applyOutputPath(s, id, effective), assigned: nil, inspection))
            case .fail(let fail):
                inspection.afterInputPath = input(id)
                let error = try string(fail.error, field: "ErrorPath", id)
                let cause = try string(fail.cause, field: "CausePath", id)
                return .finished(testFailed(Failure(ErrorName(error ?? ""), cause: cause), inspection))
            case .task(let task):
                let effective = try applyInputPath(s, id)
                inspection.afterInputPath = effective
                let token = testToken(task)
                var parameters = effective
                if let template = task.parameters { parameters = try evaluate(template, scope(id, input: effective, token: token), id) }
                inspection.afterParameters = parameters
                return try testTask(id, s, task, parameters: parameters, token: token, input: effective, request, inspection)
            case .parallel(let parallel):
                let effective = try applyInputPath(s, id)
                inspection.afterInputPath = effective
                if let template = parallel.parameters { inspection.afterParameters = try evaluate(template, input: effective, id) }
                return .finished(testComplete(id, s, request.mock?.outcome ?? .failure(Self.mockRequired), request, inspection))
            case .map(let map):
                let effective = try applyInputPath(s, id)
                inspection.afterInputPath = effective
                do { inspection.afterItemsPath = try read(map.itemsPath.path, from: effective, id) } catch {
                    throw invalidPath(map.itemsPath.path, in: effective, id)
                }
                inspection.maxConcurrency = try map.maxConcurrency.map { source throws(Failure) in
                    try integer(source, field: "MaxConcurrency", effective, id)
                } ?? 0
                inspection.toleratedFailureCount = try map.toleratedFailureCount.map { source throws(Failure) in
                    try integer(source, field: "ToleratedFailureCount", effective, id)
                }
                if case .literal(let percentage)? = map.toleratedFailurePercentage { inspection.toleratedFailurePercentage = percentage }
                return .finished(testComplete(id, s, request.mock?.outcome ?? .failure(Self.mockRequired), request, inspection))
            }
        } catch {
            return .finished(testHandle(id, s, error, request, inspection))
        }
    }

    /// The token a tested callback Task or activity reads: the request context's, else a new one.
    func testToken(_ task: TaskState) -> String? {
        let needsToken = task.resource.pattern == .waitForTaskToken || task.resource.isActivity
        return needsToken ? (state.context.taskToken ?? environment.taskToken(1)) : nil
    }

    /// A tested Task with its parameters resolved: the mock's outcome, or the call to make
    /// (its `TimeoutSeconds` read from `input`, as the state reads it).
    func testTask(_ id: FrameID, _ s: StateBox, _ task: TaskState, parameters: JSON, token: String?, input: JSON,
                  _ request: StateTestRequest, _ inspection: StateInspection) throws(Failure) -> StateTestStep {
        let timeout = try task.timeoutSeconds.map { source throws(Failure) in
            try integer(source, field: "TimeoutSeconds", input, id)
        }
        if let mock = request.mock { return .finished(testComplete(id, s, mock.outcome, request, inspection)) }
        let invocation = TaskInvocation(
            ticket: 1, stateName: s.name, resource: task.resource, parameters: parameters, timeoutSeconds: timeout,
            heartbeatSeconds: nil, taskToken: token, credentials: task.credentials)
        return .call(StateTestCall(invocation: invocation, request: request, inspection: inspection))
    }

    /// Map and Parallel states run only on a mock (``StateTest/check(mock:hasRoleArn:revealSecrets:)``
    /// refuses them without one first).
    static let mockRequired = Failure(.runtime, cause: "TestState runs Map and Parallel states only with a mock.")

    /// From a Task's (Map's, Parallel's) result, or the error its work raised, to the test's result.
    func testComplete(_ id: FrameID, _ s: StateBox, _ outcome: Result<JSON, Failure>, _ request: StateTestRequest,
                      _ inspection: StateInspection) -> StateTestResult {
        var inspection = inspection
        do throws(Failure) {
            let result = try outcome.get()
            inspection.result = result
            if s.isJSONata {
                let (output, assigned) = try jsonataExit(s, input: input(id), result: result, id)
                return testSucceeded(id, s, output: output, assigned: assigned, inspection)
            }
            let (selector, resultPath): (PayloadTemplate?, ResultPath) = switch s.kind {
            case .task(let task): (task.resultSelector, task.resultPath)
            case .parallel(let parallel): (parallel.resultSelector, parallel.resultPath)
            case .map(let map): (map.resultSelector, map.resultPath)
            default: (nil, .default)
            }
            let selected = try selector.map { template throws(Failure) in try evaluate(template, input: result, id) } ?? result
            inspection.afterResultSelector = selected
            let assigned = try evaluateAssign(s.assignment, value: selected, id)
            let merged = try applyResultPath(resultPath, result: selected, id)
            inspection.afterResultPath = merged
            return testSucceeded(id, s, output: try applyOutputPath(s, id, merged), assigned: assigned, inspection)
        } catch {
            return testHandle(id, s, error, request, inspection)
        }
    }
}
