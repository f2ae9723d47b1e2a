import Foundation
import Testing
@testable import StatesLanguage

/// Drives the pure interpreter with events and checks the effects it returns.
@Suite struct InterpreterTests {
    static let start = Date(timeIntervalSince1970: 1_767_225_600)
    static let environment = InterpreterEnvironment(
        entropy: Entropy(uuid: { UUID(uuidString: "00000000-0000-4000-8000-000000000000")! }, next: { 42 })
    ) { "token-\($0)" }

    static func context(_ input: JSON) -> ContextObject {
        ContextObject(
            execution: .init(id: "arn:aws:states:us-east-1:1:execution:m:e", name: "e", input: input,
                             roleArn: "arn:aws:iam::1:role/r", startTime: Timestamps.iso8601(start)),
            stateMachineId: "arn:aws:states:us-east-1:1:stateMachine:m", stateMachineName: "m")
    }

    static func task(_ name: String, next: Transition, retry: [Retrier] = [], catch catchers: [Catcher] = [],
                     pattern: TaskResource.Pattern = .requestResponse) -> State {
        let suffix = pattern == .waitForTaskToken ? ".waitForTaskToken" : ""
        let resource = TaskResource(arn: "arn:aws:states:::sqs:sendMessage" + suffix,
                                    kind: .integration(service: "sqs", action: "sendMessage"), pattern: pattern)
        return State(name: name, kind: .task(TaskState(resource: resource, retry: retry, catch: catchers)), transition: next)
    }

    func types(_ effects: [Effect]) -> [String] {
        effects.compactMap { if case .record(let e) = $0 { e.type.rawValue } else { nil } }
    }

    @Test("a chain of Pass states runs in one step and succeeds with the merged result")
    func passChain() throws {
        let machine = StateMachine(graphs: [StateGraph(startAt: 0, states: [
            State(name: "A", kind: .pass(PassState(result: ["x": 1], resultPath: .path(try ReferencePath(parsing: "$.a")))), transition: .next(1)),
            State(name: "B", kind: .pass(PassState()), transition: .end),
        ])])
        let input: JSON = ["in": true]
        let (state, effects) = Interpreter(machine: machine).start(input: input, context: Self.context(input), now: Self.start, environment: Self.environment)
        #expect(types(effects) == ["ExecutionStarted", "PassStateEntered", "PassStateExited", "PassStateEntered", "PassStateExited", "ExecutionSucceeded"])
        #expect(state.outcome == .succeeded(output: ["in": true, "a": ["x": 1]]))
        #expect(state.transitions == 2)
    }

    @Test("a Pass state's Parameters see their own state's `$$` when they read it, and the input alone when they do not")
    func passParametersContext() throws {
        let machine = try StateMachine(parsing: #"""
            {"StartAt": "First", "States": {
              "First": {"Type": "Pass", "Parameters": {"n.$": "States.MathAdd($.n, 1)"}, "Next": "Second"},
              "Second": {"Type": "Pass", "Parameters": {"n.$": "$.n", "state.$": "$$.State.Name",
                         "run.$": "States.Format('{}/{}', $$.Execution.Name, $$.State.EnteredTime)"}, "End": true}}}
            """#)
        let input: JSON = ["n": 1]
        let (state, _) = Interpreter(machine: machine).start(input: input, context: Self.context(input), now: Self.start, environment: Self.environment)
        #expect(state.outcome == .succeeded(output: ["n": 2, "state": "Second", "run": .string("e/" + Timestamps.iso8601(Self.start))]))
    }

    @Test("a Task asks the engine to call its resource and moves on with the result")
    func taskRoundTrip() throws {
        let machine = StateMachine(graphs: [StateGraph(startAt: 0, states: [Self.task("Send", next: .end, pattern: .waitForTaskToken)])])
        let interpreter = Interpreter(machine: machine)
        var (state, effects) = interpreter.start(input: [:], context: Self.context([:]), now: Self.start, environment: Self.environment)
        guard case .invoke(let call)? = effects.last else {
            Issue.record("expected an invocation, got \(effects)")
            return
        }
        #expect(call.taskToken == "token-\(call.ticket)")
        #expect(types(effects).suffix(2) == ["TaskStateEntered", "TaskScheduled"])
        effects = interpreter.handle(.taskStarted(call.ticket), in: &state, now: Self.start, environment: Self.environment)
        #expect(types(effects) == ["TaskStarted"])
        effects = interpreter.handle(.taskSucceeded(call.ticket, output: ["ok": true]), in: &state, now: Self.start, environment: Self.environment)
        #expect(types(effects) == ["TaskSucceeded", "TaskStateExited", "ExecutionSucceeded"])
        #expect(state.outcome == .succeeded(output: ["ok": true]))
        // A second completion of the same ticket is ignored.
        #expect(interpreter.handle(.taskSucceeded(call.ticket, output: [:]), in: &state, now: Self.start, environment: Self.environment).isEmpty)
    }

    @Test("Retry backs off by IntervalSeconds × BackoffRate^n, capped by MaxDelaySeconds")
    func backoff() {
        let retrier = Retrier(errorEquals: [.all], intervalSeconds: 2, maxAttempts: 6, backoffRate: 2, maxDelaySeconds: 10)
        let delays = (0..<5).map { RetryBackoff.delay(retrier, attempt: $0, random: { 0 }) }
        #expect(delays == [2, 4, 8, 10, 10])
        let jittered = Retrier(errorEquals: [.all], intervalSeconds: 8, backoffRate: 1, jitterStrategy: .full)
        #expect(RetryBackoff.delay(jittered, attempt: 0, random: { UInt64.max / 2 }) < 8)
    }

    @Test("States.TaskFailed matches everything but States.Timeout; wildcards leave States.Runtime alone")
    func errorMatching() {
        #expect(ErrorMatcher.matches([.taskFailed], "Custom.Error"))
        #expect(!ErrorMatcher.matches([.taskFailed], .timeout))
        #expect(ErrorMatcher.matches([.all], .timeout))
        #expect(!ErrorMatcher.matches([.all], .runtime))
        #expect(ErrorMatcher.matches([.runtime], .runtime))
        #expect(!ErrorMatcher.matches(["A", "B"], "C"))
        #expect(ErrorMatcher.matches([.heartbeatTimeout], .heartbeatTimeout))
        #expect(ErrorMatcher.matches([.timeout], .heartbeatTimeout))
        #expect(!ErrorMatcher.matches([.heartbeatTimeout], .timeout))
        #expect(!ErrorMatcher.matches([.taskFailed], .heartbeatTimeout))
    }

    @Test("a missed heartbeat is reported as States.Timeout and caught by States.HeartbeatTimeout")
    func heartbeatTimeout() throws {
        let catcher = Catcher(errorEquals: [.heartbeatTimeout], next: 1)
        let machine = StateMachine(graphs: [StateGraph(startAt: 0, states: [
            Self.task("Call", next: .end, catch: [catcher], pattern: .waitForTaskToken),
            State(name: "Handled", kind: .succeed),
        ])])
        let interpreter = Interpreter(machine: machine)
        var (state, effects) = interpreter.start(input: [:], context: Self.context([:]), now: Self.start, environment: Self.environment)
        guard case .invoke(let call)? = effects.last else { Issue.record("no invocation"); return }
        effects = interpreter.handle(.taskTimedOut(call.ticket, Failure(.heartbeatTimeout)), in: &state, now: Self.start, environment: Self.environment)
        let timedOut = effects.compactMap { if case .record(let e) = $0, e.type.rawValue == "TaskTimedOut" { e } else { nil } }.first
        #expect(timedOut?.details?["error"] == "States.Timeout")
        #expect(state.outcome == .succeeded(output: ["Error": "States.Timeout"]))
    }

    @Test("a failed Task is retried after its back-off, then caught")
    func retryThenCatch() throws {
        let retrier = Retrier(errorEquals: ["Boom"], intervalSeconds: 3, maxAttempts: 1)
        let catcher = Catcher(errorEquals: [.all], resultPath: .path(try ReferencePath(parsing: "$.error")), next: 1)
        let machine = StateMachine(graphs: [StateGraph(startAt: 0, states: [
            Self.task("Call", next: .end, retry: [retrier], catch: [catcher]),
            State(name: "Handled", kind: .succeed),
        ])])
        let interpreter = Interpreter(machine: machine)
        var (state, effects) = interpreter.start(input: ["k": 1], context: Self.context([:]), now: Self.start, environment: Self.environment)
        guard case .invoke(let first)? = effects.last else { Issue.record("no invocation"); return }
        effects = interpreter.handle(.taskFailed(first.ticket, Failure("Boom", cause: "once")), in: &state, now: Self.start, environment: Self.environment)
        guard case .schedule(let timer)? = effects.last else { Issue.record("no retry timer: \(effects)"); return }
        #expect(timer.purpose == .retry)
        #expect(timer.dueAt == Self.start.addingTimeInterval(3))
        effects = interpreter.handle(.timerFired(timer.ticket), in: &state, now: timer.dueAt, environment: Self.environment)
        #expect(types(effects) == ["TaskScheduled"])
        guard case .invoke(let second)? = effects.last else { Issue.record("no second invocation"); return }
        effects = interpreter.handle(.taskFailed(second.ticket, Failure("Boom", cause: "twice")), in: &state, now: timer.dueAt, environment: Self.environment)
        #expect(types(effects) == ["TaskFailed", "TaskStateExited", "SucceedStateEntered", "SucceedStateExited", "ExecutionSucceeded"])
        #expect(state.outcome == .succeeded(output: ["k": 1, "error": ["Error": "Boom", "Cause": "twice"]]))
    }

    @Test("StopExecution aborts and cancels what the execution waits on")
    func stop() {
        let machine = StateMachine(graphs: [StateGraph(startAt: 0, states: [Self.task("Wait for me", next: .end, pattern: .waitForTaskToken)])])
        let interpreter = Interpreter(machine: machine)
        var (state, effects) = interpreter.start(input: [:], context: Self.context([:]), now: Self.start, environment: Self.environment)
        guard case .invoke(let call)? = effects.last else { Issue.record("no invocation"); return }
        effects = interpreter.handle(.stop(error: "Operator", cause: "enough"), in: &state, now: Self.start, environment: Self.environment)
        #expect(effects.contains(.cancel(call.ticket)))
        #expect(state.outcome == .aborted(Failure("Operator", cause: "enough")))
    }

    @Test("Map runs at most MaxConcurrency iterations at once and keeps results in item order")
    func mapConcurrency() throws {
        let machine = StateMachine(graphs: [
            StateGraph(startAt: 0, states: [State(name: "Each", kind: .map(MapState(processor: 1, maxConcurrency: .literal(10))), transition: .end)]),
            StateGraph(startAt: 0, states: [Self.task("Work", next: .end)]),
        ])
        let interpreter = Interpreter(machine: machine)
        let items = JSON.array((0..<1000).map { .int($0) })
        var (state, effects) = interpreter.start(input: items, context: Self.context(items), now: Self.start, environment: Self.environment)
        var open: [TaskInvocation] = effects.compactMap { if case .invoke(let c) = $0 { c } else { nil } }
        var peak = open.count
        while !open.isEmpty {
            let call = open.removeFirst()
            effects = interpreter.handle(.taskSucceeded(call.ticket, output: .number(.int((call.parameters.intValue ?? 0) * 2))), in: &state, now: Self.start, environment: Self.environment)
            open += effects.compactMap { if case .invoke(let c) = $0 { c } else { nil } }
            peak = max(peak, open.count)
        }
        #expect(peak == 10)
        #expect(state.outcome == .succeeded(output: .array((0..<1000).map { .int($0 * 2) })))
    }

    @Test("a failing Parallel branch aborts its siblings and fails the state with the branch's error")
    func parallelFailure() {
        let machine = StateMachine(graphs: [
            StateGraph(startAt: 0, states: [State(name: "Both", kind: .parallel(ParallelState(branches: [1, 2])), transition: .end)]),
            StateGraph(startAt: 0, states: [Self.task("Slow", next: .end, pattern: .waitForTaskToken)]),
            StateGraph(startAt: 0, states: [State(name: "Broken", kind: .fail(FailState(error: .literal("Bad"), cause: .literal("why"))))]),
        ])
        let (state, effects) = Interpreter(machine: machine).start(input: [:], context: Self.context([:]), now: Self.start, environment: Self.environment)
        #expect(state.outcome == .failed(Failure("Bad", cause: "why")))
        #expect(effects.contains { if case .cancel = $0 { true } else { false } })
        #expect(types(effects).contains("TaskStateAborted"))
        #expect(types(effects).suffix(2) == ["ParallelStateFailed", "ExecutionFailed"])
    }

    @Test("ISO-8601 printing with milliseconds")
    func printing() {
        #expect(Timestamps.iso8601(Date(timeIntervalSince1970: 1_457_920_740.123)) == "2016-03-14T01:59:00.123Z")
        #expect(Timestamps.iso8601(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00.000Z")
    }
}
