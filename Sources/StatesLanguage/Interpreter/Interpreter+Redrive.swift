import Foundation

/// RedriveExecution as a pure operation on an execution's state.
///
/// AWS: "When you redrive an execution, it continues the failed execution from the
/// unsuccessful step and uses the same input. Step Functions preserves the results and
/// execution history of the successful steps, and doesn't rerun these steps […] For
/// workflows that include an Inline Map or Parallel state, RedriveExecution […] redrives
/// only the iterations and branches that failed or aborted."
///
/// What that means here. The engine keeps, for an ended execution, the state it stood in
/// *before* the step that ended it (a step ends an execution when it feeds it the event
/// that fails it, times it out or stops it). A redrive continues from that state:
///
/// - every live frame that waited on a task or a timer enters its state again, with the
///   input it entered it with: a failed Task is scheduled again, with fresh retry counts;
/// - a Parallel or Map frame keeps its children's progress: the results of branches and
///   iterations that had succeeded stay and those children do not run again; the
///   children that were running (the failed one and the ones aborted with it) enter their
///   states again; iterations not yet started start as MaxConcurrency allows;
/// - the execution's `TimeoutSeconds` count again from the redrive;
/// - an execution that ended in its very first step has no such state: it starts over
///   from `StartAt` with its input.
///
/// Where this differs from AWS:
/// - what succeeded *within* the ending step runs again. That step starts from the last
///   event fed (usually the failed task's outcome, so nothing else); but when one event
///   led through several states to the failure — a Task's result, then a Pass, then a
///   Task whose Parameters fail — the redrive re-runs the first Task too, where AWS
///   re-runs only the last. Likewise, branches whose outcomes arrived in the same step as
///   the failure run again;
/// - a Wait state the execution stood in (a Parallel branch waiting while another one
///   failed, or a stopped execution) waits its whole duration again;
/// - a distributed Map's child executions are iterations of this execution here, so a
///   redrive re-runs its failed iterations the same way, not a Map Run redrive.
extension Interpreter {
    /// Redrives an ended execution from `state`, the state it stood in before its ending
    /// step (or ``ExecutionState/init(unstarted:)`` when it ended in its first step).
    ///
    /// Records `ExecutionRedriven` (event id `lastEventID + 1`, after the execution's
    /// whole history) with `redriveCount`, sets `$$.Execution.RedriveCount` and
    /// `RedriveTime`, and runs until the execution needs something from outside or ends
    /// again. Tickets of the redriven attempt never equal an earlier attempt's, so a late
    /// outcome of a call made before the end is ignored.
    public func redrive(_ state: inout ExecutionState, redriveCount: Int, lastEventID: Int, now: Date,
                        environment: InterpreterEnvironment) -> [Effect] {
        var run = Run(machine: machine, program: program, state: ExecutionState(placeholderFor: state), now: now, environment: environment)
        swap(&run.state, &state)
        run.redrive(count: redriveCount, lastEventID: lastEventID)
        run.drain()
        swap(&run.state, &state)
        return run.effects
    }

    /// Each attempt of an execution numbers its tickets from `attempt × ticketsPerAttempt`.
    static let ticketsPerAttempt = 1 << 40
}

extension ExecutionState {
    /// The state of an execution that has not taken its first step: what a redrive
    /// starts over from when the execution ended in its first step.
    public init(unstarted context: ContextObject) {
        self.init(context: context)
    }
}

extension Run {
    mutating func redrive(count: Int, lastEventID: Int) {
        state.outcome = nil
        state.context.execution.redriveCount = count
        state.context.execution.redriveTime = nowText
        // Scopes made from now on must see the new context.
        scopeShared = ScopeParts(execution: state.sharedContext, entropy: environment.entropy)
        state.nextEventID = lastEventID + 1
        state.nextTicket = max(state.nextTicket, min(max(count, 0), 1 << 20) * Interpreter.ticketsPerAttempt)
        // Nothing awaited before the end is awaited now: its tokens closed and its timers
        // went with the ending.
        state.awaited.removeAll()
        let redriven = record(nil, .executionRedriven, ["redriveCount": .int(count)])
        if let timeout = machine.timeoutSeconds {
            let ticket = state.nextTicket
            state.nextTicket += 1
            state.awaited[ticket] = -1
            effects.append(.schedule(TimerRequest(ticket: ticket, dueAt: now.addingTimeInterval(TimeInterval(timeout)), purpose: .executionTimeout)))
        }
        guard !state.frames.isEmpty else {
            let input = state.context.execution.input
            state.fanOuts.removeAll()
            let root = makeFrame(parent: nil, role: .root, graph: 0, input: input)
            enter(root, state: machine.graphs[0].startAt, input: input)
            return
        }
        // Parents before children, so that history reads top-down.
        for id in state.frames.keys.sorted() {
            guard let frame = state.frames[id] else { continue }
            if !frame.silent { state.frames[id]!.lastEventID = redriven }
            if case .children = frame.awaiting, state.fanOuts[id] != nil { continue }
            state.frames[id]!.awaiting = .nothing
            enter(id, state: frame.state, input: frame.input)
        }
    }
}
