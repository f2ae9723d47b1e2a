import Foundation
import StatesLanguage

/// Runs one execution of a definition in memory, on virtual time: what `stepwise run`
/// and the conformance suite use. Timers fire as soon as nothing else is pending (a
/// one-year Wait returns at once); Task states are answered by a ``TaskResponder``.
public struct LocalRunner: Sendable {
    public let machine: StateMachine
    public var responder: TaskResponder
    public var entropy: Entropy
    public var stateMachineName: String
    public var region: String
    public var account: String
    /// EXPRESS executions show no `RedriveCount` in their context object.
    public var type: StatesLanguage.StateMachineType

    public init(machine: StateMachine, type: StatesLanguage.StateMachineType = .standard, responder: TaskResponder = .none,
                entropy: Entropy = .system, stateMachineName: String = "local", region: String = "us-east-1",
                account: String = "123456789012") {
        self.machine = machine
        self.type = type
        self.responder = responder
        self.entropy = entropy
        self.stateMachineName = stateMachineName
        self.region = region
        self.account = account
    }

    /// What a finished local run produced.
    public struct Result: Sendable {
        public var outcome: ExecutionOutcome
        public var history: [HistoryEvent]
        /// Virtual seconds the execution took.
        public var elapsed: TimeInterval
    }

    public func run(input: JSON, executionName: String = "local-execution", start: Date = Date()) -> Result {
        let interpreter = Interpreter(machine: machine)
        let smArn = "arn:aws:states:\(region):\(account):stateMachine:\(stateMachineName)"
        let context = ContextObject(
            execution: .init(
                id: "arn:aws:states:\(region):\(account):execution:\(stateMachineName):\(executionName)",
                name: executionName, input: input, roleArn: "arn:aws:iam::\(account):role/stepwise-local",
                startTime: Timestamps.iso8601(start), redriveCount: type == .express ? nil : 0),
            stateMachineId: smArn, stateMachineName: stateMachineName)
        let environment = InterpreterEnvironment(entropy: entropy, region: region) { ticket in "local-task-token-\(ticket)" }
        var now = start
        var (state, effects) = interpreter.start(input: input, context: context, now: now, environment: environment)
        var history: [HistoryEvent] = []
        var queue: [ExecutionEvent] = []
        var timers: [(due: Date, ticket: Ticket)] = []
        var calls: [String: Int] = [:]
        var taskTimeouts: [Ticket: ErrorName] = [:]
        while true {
            for effect in effects {
                switch effect {
                case .record(let event): history.append(event)
                case .invoke(let invocation):
                    let attempt = calls[invocation.stateName, default: 0]
                    calls[invocation.stateName] = attempt + 1
                    queue.append(.taskStarted(invocation.ticket))
                    switch responder.respond(invocation, attempt) {
                    case .success(let output): queue.append(.taskSucceeded(invocation.ticket, output: output))
                    case .failure(let failure): queue.append(.taskFailed(invocation.ticket, failure))
                    case .noAnswer:
                        // Only the Task's own timeout (or the execution's) can end the wait.
                        if let seconds = invocation.timeoutSeconds ?? invocation.heartbeatSeconds {
                            let error: ErrorName = invocation.timeoutSeconds == nil ? .heartbeatTimeout : .timeout
                            taskTimeouts[invocation.ticket] = error
                            timers.append((now.addingTimeInterval(TimeInterval(seconds)), invocation.ticket))
                        }
                    }
                case .schedule(let timer): timers.append((timer.dueAt, timer.ticket))
                case .cancel(let ticket): timers.removeAll { $0.ticket == ticket }
                case .finish: break
                }
            }
            effects = []
            if state.isFinished { break }
            if !queue.isEmpty {
                effects = interpreter.handle(queue.removeFirst(), in: &state, now: now, environment: environment)
                continue
            }
            guard let next = timers.indices.min(by: { (timers[$0].due, timers[$0].ticket) < (timers[$1].due, timers[$1].ticket) }) else {
                break
            }
            let timer = timers.remove(at: next)
            if timer.due > now { now = timer.due }
            if let error = taskTimeouts.removeValue(forKey: timer.ticket) {
                effects = interpreter.handle(.taskTimedOut(timer.ticket, Failure(error)), in: &state, now: now, environment: environment)
            } else {
                effects = interpreter.handle(.timerFired(timer.ticket), in: &state, now: now, environment: environment)
            }
        }
        let outcome = state.outcome ?? .failed(Failure(.runtime, cause: "The execution is waiting for something that never happens in a local run."))
        return Result(outcome: outcome, history: history, elapsed: now.timeIntervalSince(start))
    }
}

/// Answers Task states in a local run.
public struct TaskResponder: Sendable {
    /// Answers a call; `attempt` counts earlier calls of the same state (0 first), so a
    /// mock can fail and then succeed on retry.
    public var respond: @Sendable (_ invocation: TaskInvocation, _ attempt: Int) -> TaskAnswer

    public init(respond: @escaping @Sendable (TaskInvocation, Int) -> TaskAnswer) {
        self.respond = respond
    }

    /// Every Task fails: no integrations are available in memory.
    public static let none = TaskResponder { invocation, _ in
        .failure(Failure(.runtime, cause: "No integration for resource '\(invocation.resource.arn)' (state '\(invocation.stateName)'). Give `stepwise run` a --mock file that answers this state."))
    }

    /// Answers from a mock document: `{"StateName": RESPONSE | [RESPONSE, …]}` where a
    /// RESPONSE is `{"Return": JSON}` or `{"Throw": {"Error": …, "Cause": …}}` (the shape of
    /// AWS Step Functions Local's mocked responses); any other value is returned as is.
    /// A list answers successive calls (retries) in turn, repeating its last entry.
    public static func mock(_ document: JSON) throws(MockError) -> TaskResponder {
        guard case .object(let states) = document else { throw MockError(message: "The mock file must hold a JSON object keyed by state name.") }
        var table: [String: [TaskAnswer]] = [:]
        for (name, value) in states {
            let entries = value.arrayValue ?? [value]
            if entries.isEmpty { throw MockError(message: "The mock for state '\(name)' is an empty list.") }
            table[name] = try entries.map { entry throws(MockError) in try response(entry, state: name) }
        }
        let answers = table
        return TaskResponder { invocation, attempt in
            guard let responses = answers[invocation.stateName] else {
                return TaskResponder.none.respond(invocation, attempt)
            }
            return responses[min(attempt, responses.count - 1)]
        }
    }

    private static func response(_ entry: JSON, state: String) throws(MockError) -> TaskAnswer {
        guard case .object(let object) = entry else { return .success(entry) }
        if object["NoAnswer"] == true, object.count == 1 { return .noAnswer }
        if let value = object["Return"], object.count == 1 { return .success(value) }
        if let thrown = object["Throw"], object.count == 1 {
            guard let error = thrown["Error"]?.stringValue else {
                throw MockError(message: "The mock for state '\(state)' throws without a string \"Error\".")
            }
            return .failure(Failure(ErrorName(error), cause: thrown["Cause"]?.stringValue))
        }
        return .success(entry)
    }
}

/// How a Task call is answered in a local run.
public enum TaskAnswer: Sendable, Equatable {
    case success(JSON)
    case failure(Failure)
    /// Never answered: only a timeout ends the Task.
    case noAnswer
}

/// A mock file that cannot be used.
public struct MockError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
