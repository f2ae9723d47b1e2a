import Foundation

/// The States Language interpreter: a pure step function.
///
/// Given a definition, an execution's state and one event, it returns the effects the
/// engine must perform — history to record, tasks to call, timers to keep, the end of the
/// execution — and the execution's next state. It never performs I/O, reads no clock
/// ("now" is an argument) and makes no randomness of its own (see
/// ``InterpreterEnvironment``). States that need nothing from outside (Pass, Choice,
/// Succeed, Fail, a Wait already due) run within one call, so a chain of them costs no
/// round trip through the engine.
public struct Interpreter: Sendable {
    public let machine: StateMachine
    let program: Program
    /// The activities the machine's Tasks call (``StateMachine/activityArns``), found once
    /// per definition: the engine checks they exist before each step.
    public let activityArns: Set<String>

    /// AWS's limit on one execution's history; reaching it fails the execution.
    public static let maximumHistoryEvents = 25_000
    /// Events kept free for the state being entered and the execution's end.
    static let eventsPerStateMargin = 8
    /// AWS's limit on any payload (input, output, result): 256 KiB.
    public static let maximumPayloadBytes = 262_144

    public init(machine: StateMachine) {
        self.machine = machine
        self.program = Program(machine)
        self.activityArns = machine.activityArns
    }

    /// Starts an execution: records `ExecutionStarted` and runs until the execution needs
    /// something from outside or ends.
    public func start(
        input: JSON, context: ContextObject, now: Date, environment: InterpreterEnvironment
    ) -> (ExecutionState, [Effect]) {
        var run = Run(machine: machine, program: program, state: ExecutionState(context: context), now: now, environment: environment)
        run.effects.reserveCapacity(program.startEffects)
        run.begin(input: input)
        run.drain()
        return (run.state, run.effects)
    }

    /// Feeds one event to a running execution. Events for tickets that are no longer
    /// awaited, and any event after the execution ended, are ignored.
    public func handle(
        _ event: ExecutionEvent, in state: inout ExecutionState, now: Date, environment: InterpreterEnvironment
    ) -> [Effect] {
        guard !state.isFinished else { return [] }
        // Swap the state in rather than copying it, so that it stays uniquely referenced
        // and large arrays (a Map's items and results) are mutated in place.
        var run = Run(machine: machine, program: program, state: ExecutionState(placeholderFor: state), now: now, environment: environment)
        swap(&run.state, &state)
        run.handle(event)
        run.drain()
        swap(&run.state, &state)
        return run.effects
    }
}

/// One call's worth of work on an execution.
struct Run {
    let machine: StateMachine
    let program: Program
    var state: ExecutionState
    let now: Date
    let nowText: String
    let environment: InterpreterEnvironment
    /// What every evaluation scope of this call shares (made once per call, not per state).
    var scopeShared: ScopeParts
    var effects: [Effect] = []
    /// Frames whose current state must be executed, in order.
    var ready: [FrameID] = []
    var readyHead = 0

    init(machine: StateMachine, program: Program, state: ExecutionState, now: Date, environment: InterpreterEnvironment) {
        self.machine = machine
        self.program = program
        self.state = state
        self.now = now
        self.nowText = Timestamps.iso8601(now)
        self.environment = environment
        self.scopeShared = ScopeParts(execution: state.sharedContext, entropy: environment.entropy)
    }

    mutating func drain() {
        while readyHead < ready.count {
            let id = ready[readyHead]
            readyHead += 1
            guard !state.isFinished else { break }
            if state.frames.contains(id) { execute(id) }
        }
        ready.removeAll()
        readyHead = 0
    }

    // MARK: History

    /// Records an event in `frame`'s line of history (the execution's, when nil).
    @discardableResult
    mutating func record(_ frame: FrameID?, _ type: HistoryEventType, _ details: JSON?) -> Int {
        record(frame, type, content: details.map(HistoryContent.json) ?? .none)
    }

    @discardableResult
    mutating func record(_ frame: FrameID?, _ type: HistoryEventType, content: consuming HistoryContent) -> Int {
        let id = state.nextEventID
        var previous = id - 1
        if let frame {
            // One in-place access to the frame: this runs twice per transition.
            var silent = false
            state.frames.update(frame) { f in
                if f.silent {
                    silent = true
                } else {
                    previous = f.lastEventID
                    f.lastEventID = id
                }
            }
            if silent { return 0 }
        }
        state.nextEventID += 1
        effects.append(.record(HistoryEvent(id: id, previousEventID: previous, timestamp: now, type: type, content: content)))
        return id
    }

    mutating func newTicket(for frame: FrameID) -> Ticket {
        let ticket = state.nextTicket
        state.nextTicket += 1
        state.awaited[ticket] = frame
        return ticket
    }

    // MARK: Start and external events

    mutating func begin(input: JSON) {
        var details: JSONObject = ["input": .string(input.serialized), "inputDetails": ["truncated": false]]
        details["roleArn"] = .string(state.context.execution.roleArn)
        record(nil, .executionStarted, .object(details))
        if let timeout = machine.timeoutSeconds {
            let ticket = state.nextTicket
            state.nextTicket += 1
            state.awaited[ticket] = -1
            effects.append(.schedule(TimerRequest(ticket: ticket, dueAt: now.addingTimeInterval(TimeInterval(timeout)), purpose: .executionTimeout)))
        }
        let root = makeFrame(parent: nil, role: .root, graph: 0, input: input)
        enter(root, state: machine.graphs[0].startAt, input: input)
    }

    mutating func handle(_ event: ExecutionEvent) {
        switch event {
        case .stop(let error, let cause):
            var details: JSONObject = [:]
            if let error { details["error"] = .string(error) }
            if let cause { details["cause"] = .string(cause) }
            record(nil, .executionAborted, .object(details))
            let failure = error.map { Failure(ErrorName($0), cause: cause) }
            finish(.aborted(failure))
        case .timerFired(let ticket):
            guard let frameID = state.awaited.removeValue(forKey: ticket) else { return }
            if frameID == -1 {
                record(nil, .executionTimedOut, nil)
                finish(.timedOut(nil))
                return
            }
            timerFired(frameID)
        case .taskStarted(let ticket):
            guard let frameID = state.awaited[ticket], case .task(_, let resource) = state.frames[frameID]?.awaiting else { return }
            record(frameID, HistoryEventType(rawValue: resource.eventPrefix + "Started"), resource.eventDetails([:]))
        case .taskSubmitted(let ticket, let output):
            guard let frameID = state.awaited[ticket], case .task(_, let resource) = state.frames[frameID]?.awaiting else { return }
            record(frameID, HistoryEventType(rawValue: resource.eventPrefix + "Submitted"),
                   resource.eventDetails(["output": .string(output.serialized), "outputDetails": ["truncated": false]]))
        case .taskSucceeded(let ticket, let output):
            guard let frameID = state.awaited.removeValue(forKey: ticket) else { return }
            taskSucceeded(frameID, output: output)
        case .taskFailed(let ticket, let failure):
            guard let frameID = state.awaited.removeValue(forKey: ticket) else { return }
            taskFailed(frameID, failure, suffix: "Failed")
        case .taskTimedOut(let ticket, let failure):
            guard let frameID = state.awaited.removeValue(forKey: ticket) else { return }
            taskFailed(frameID, failure, suffix: "TimedOut")
        }
    }

    mutating func timerFired(_ id: FrameID) {
        guard let frame = state.frames[id], case .timer(_, let purpose) = frame.awaiting else { return }
        state.frames[id]!.awaiting = .nothing
        switch purpose {
        case .wait:
            let s = program.state(frame.graph, frame.state)
            do throws(Failure) {
                if s.isJSONata {
                    let (output, assigned) = try jsonataExit(s, input: frame.input, result: nil, id)
                    try exit(id, output: output, assigned: assigned)
                    return
                }
                let effective = try applyInputPath(s, id)
                let assigned = try evaluateAssign(s.assignment, value: effective, id)
                try exit(id, output: try applyOutputPath(s, id, effective), assigned: assigned)
            } catch {
                failEvaluation(id, error)
            }
        case .retry:
            ready.append(id)
        case .executionTimeout:
            break
        }
    }

    // MARK: Frames

    mutating func makeFrame(parent: FrameID?, role: Frame.Role, graph: GraphID, input: JSON,
                            variables: VariableScope? = nil) -> FrameID {
        let id = state.nextFrameID
        state.nextFrameID += 1
        var frame = Frame(id: id, parent: parent, role: role, graph: graph, state: machine.graphs[graph].startAt, input: input)
        frame.variables = variables
        if let parent {
            frame.lastEventID = state.frames[parent]?.lastEventID ?? 0
            frame.silent = state.frames[parent]?.silent == true || state.fanOuts[parent]?.distributed == true
        } else {
            frame.lastEventID = state.nextEventID - 1
        }
        state.frames[id] = frame
        return id
    }

    /// Enters a state: records `…StateEntered` and queues the state's work.
    mutating func enter(_ id: FrameID, state index: Int, input: consuming JSON) {
        // A state needs at most a handful of events between two entries (entered, task
        // scheduled/started/submitted/succeeded, exited…): refusing to enter a state once
        // fewer than that remain keeps the history within AWS's 25,000 events.
        if state.nextEventID + Interpreter.eventsPerStateMargin > Interpreter.maximumHistoryEvents {
            let failure = Failure(.runtime, cause: "The execution reached the maximum number of history events (\(Interpreter.maximumHistoryEvents)).")
            record(nil, .executionFailed, ["error": .string(failure.error.rawValue), "cause": .string(failure.cause ?? "")])
            finish(.failed(failure))
            return
        }
        let enteredTime = nowText
        let graph = state.frames.update(id) { frame in
            frame.state = index
            if !frame.retryCounts.isEmpty { frame.retryCounts = [] }
            frame.started = false
            frame.enteredTime = enteredTime
            return frame.graph
        }
        guard let graph else { preconditionFailure("entering a state in frame \(id), which has ended") }
        let s = program.state(graph, index)
        if !state.fanOuts.isEmpty { state.fanOuts[id] = nil }
        state.transitions += 1
        let eventID = record(id, s.enteredType, content: .stateEntered(name: s.name, input: input))
        // The input moves into the frame (the event holds the one copy): swapped rather than
        // assigned, since a closure cannot consume what it captures.
        var input = input
        state.frames.update(id) { frame in
            frame.enteredEventID = eventID
            swap(&frame.input, &input)
        }
        ready.append(id)
    }

    /// Leaves the current state with `output` (and the variables it assigns): records
    /// `…StateExited` and follows `Next` or ends the frame.
    mutating func exit(_ id: FrameID, output: consuming JSON, assigned: JSONObject? = nil) throws(Failure) {
        guard let s = state.frames.read(id, { program.state($0.graph, $0.state) }) else {
            preconditionFailure("leaving a state in frame \(id), which has ended")
        }
        try checkSize(output, of: s)
        if let assigned {
            recordExit(id, s, output: output, assigned: assigned)
        } else {
            record(id, s.exitedType, content: .stateExited(name: s.name, output: output))
        }
        switch s.transition {
        case .next(let next)?: enter(id, state: next, input: output)
        case .end?, nil: complete(id, .success(output))
        }
    }

    func checkSize(_ value: JSON, of s: StateBox) throws(Failure) {
        if value.serializedSize > Interpreter.maximumPayloadBytes {
            throw Failure(.dataLimitExceeded, cause: "The state/task '\(s.name)' returned a result with a size exceeding the maximum number of bytes service limit.")
        }
    }

    /// A frame finished: the execution ends, or the parent Parallel/Map hears of it.
    mutating func complete(_ id: FrameID, _ result: Result<JSON, Failure>) {
        guard let frame = state.frames[id] else { return }
        guard let parent = frame.parent else {
            switch result {
            case .success(let output):
                record(nil, .executionSucceeded, ["output": .string(output.serialized), "outputDetails": ["truncated": false]])
                finish(.succeeded(output: output))
            case .failure(let failure):
                var details: JSONObject = failure.error.rawValue.isEmpty ? [:] : ["error": .string(failure.error.rawValue)]
                if let cause = failure.cause { details["cause"] = .string(cause) }
                record(nil, .executionFailed, .object(details))
                finish(.failed(failure))
            }
            return
        }
        childCompleted(parent: parent, child: frame, result)
    }

    mutating func finish(_ outcome: ExecutionOutcome) {
        for ticket in state.awaited.keys.sorted() { effects.append(.cancel(ticket)) }
        state.awaited.removeAll()
        state.frames.removeAll()
        state.fanOuts.removeAll()
        state.outcome = outcome
        effects.append(.finish(outcome))
    }
}
