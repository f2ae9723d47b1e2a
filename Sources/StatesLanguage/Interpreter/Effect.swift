import Foundation

/// Identifies one awaited piece of outside work (a task call or a timer) within an
/// execution. The engine hands it back with the outcome; outcomes for tickets no longer
/// awaited (a task that already timed out, a branch that was aborted) are ignored.
public typealias Ticket = Int

/// What the interpreter asks its engine to do. The engine performs effects in order.
public enum Effect: Sendable, Equatable {
    /// Append this event to the history.
    case record(HistoryEvent)
    /// Call a Task's resource; answer with `.taskStarted`, then `.taskSucceeded`,
    /// `.taskFailed` or `.taskTimedOut` for the same ticket.
    ///
    /// Indirect, like `.finish`: a call is twice the size of a history event, and a run of
    /// Pass states appends thousands of `.record` effects, each copied as the array grows.
    indirect case invoke(TaskInvocation)
    /// Fire `.timerFired(ticket)` at `dueAt` (a Wait state, a retry back-off, or the
    /// execution's own timeout).
    case schedule(TimerRequest)
    /// The ticket is no longer awaited: close its task token, stop its timers.
    case cancel(Ticket)
    /// The execution ended.
    indirect case finish(ExecutionOutcome)
}

/// A Task state's call to its resource, fully resolved.
public struct TaskInvocation: Sendable, Equatable {
    public var ticket: Ticket
    public var stateName: String
    public var resource: TaskResource
    /// The effective parameters (after InputPath and Parameters).
    public var parameters: JSON
    /// Seconds before `States.Timeout` (nil: none beyond the execution's).
    public var timeoutSeconds: Int?
    /// Seconds without a heartbeat before `States.HeartbeatTimeout`.
    public var heartbeatSeconds: Int?
    /// The task token, for `.waitForTaskToken` integrations and activities.
    public var taskToken: String?
    public var credentials: JSON?
}

/// A timer the engine must keep.
public struct TimerRequest: Sendable, Equatable {
    public enum Purpose: Sendable, Equatable {
        case wait, retry, executionTimeout
    }
    public var ticket: Ticket
    public var dueAt: Date
    public var purpose: Purpose
}

/// How an execution ended.
public enum ExecutionOutcome: Sendable, Equatable {
    case succeeded(output: JSON)
    case failed(Failure)
    case aborted(Failure?)
    /// The execution's `TimeoutSeconds` passed (AWS reports no error or cause).
    case timedOut(Failure?)

    /// AWS's status name.
    public var status: String {
        switch self {
        case .succeeded: "SUCCEEDED"
        case .failed: "FAILED"
        case .aborted: "ABORTED"
        case .timedOut: "TIMED_OUT"
        }
    }
}

/// Something that happened to a running execution, fed to ``Interpreter/handle(_:in:now:)``.
public enum ExecutionEvent: Sendable, Equatable {
    /// The integration accepted the call (`TaskStarted`).
    case taskStarted(Ticket)
    /// A `.waitForTaskToken` call was delivered; the execution now waits for the token
    /// (`TaskSubmitted`, with the service's response).
    case taskSubmitted(Ticket, output: JSON)
    case taskSucceeded(Ticket, output: JSON)
    case taskFailed(Ticket, Failure)
    /// `States.Timeout` or `States.HeartbeatTimeout`.
    case taskTimedOut(Ticket, Failure)
    case timerFired(Ticket)
    /// `StopExecution`.
    case stop(error: String?, cause: String?)
}

/// What the pure core needs from outside: randomness and task tokens.
public struct InterpreterEnvironment: Sendable {
    public var entropy: Entropy
    /// Mints the task token for a ticket (the engine signs and stores it).
    public var taskToken: @Sendable (Ticket) -> String
    /// AWS region named in history events.
    public var region: String
    /// Activities that do not exist (the engine looks them up before a step). A Task on
    /// one fails its execution at once with `States.Runtime` and nothing scheduled, as AWS
    /// fails it.
    public var missingActivities: Set<String> = []

    public init(entropy: Entropy, region: String = "us-east-1", taskToken: @escaping @Sendable (Ticket) -> String) {
        self.entropy = entropy
        self.region = region
        self.taskToken = taskToken
    }
}
