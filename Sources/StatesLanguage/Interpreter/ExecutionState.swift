import Foundation

/// Index of a frame in ``ExecutionState``: the top level (0), or one Parallel branch or
/// Map iteration.
public typealias FrameID = Int

/// Everything the interpreter knows about one running execution: a compact value the
/// engine stores after each step and hands back with the next event.
public struct ExecutionState: Sendable {
    /// The context object's execution-level fields (`$$.Execution`, `$$.StateMachine`).
    public var context: ContextObject {
        get { sharedContext.value }
        set { sharedContext = SharedContext(newValue) }
    }
    /// The context, by reference: every state's evaluation scope shares it.
    private(set) var sharedContext: SharedContext
    /// Live frames.
    var frames = FrameTable()
    var nextFrameID: FrameID = 0
    /// The id the next history event gets.
    public internal(set) var nextEventID = 1
    var nextTicket: Ticket = 1
    /// Which frame waits on which ticket.
    var awaited: [Ticket: FrameID] = [:]
    /// The children's progress of frames in a Parallel or Map state. Kept apart from
    /// `frames` so that copies of a `Frame` never share (and so force copies of) the
    /// large item and result arrays.
    var fanOuts: [FrameID: FanOut] = [:]
    public internal(set) var outcome: ExecutionOutcome?
    /// State transitions so far.
    public internal(set) var transitions = 0

    init(context: ContextObject) { sharedContext = SharedContext(context) }

    /// An empty state with `other`'s context: what a call swaps out while it runs.
    init(placeholderFor other: ExecutionState) { sharedContext = other.sharedContext }

    /// True once the execution has ended.
    public var isFinished: Bool { outcome != nil }
    /// Tickets currently awaited (open task calls and timers).
    public var openTickets: Dictionary<Ticket, FrameID>.Keys { awaited.keys }
}

/// One thread of control: the top level, a Parallel branch or a Map iteration.
struct Frame: Sendable {
    enum Role: Sendable {
        case root
        case branch(index: Int)
        case iteration(index: Int)
    }

    enum Awaiting: Sendable {
        case nothing
        /// Indirect: it would double the size of every frame, copied on each transition.
        indirect case task(Ticket, TaskResource)
        case timer(Ticket, TimerRequest.Purpose)
        case children
    }

    let id: FrameID
    let parent: FrameID?
    let role: Role
    let graph: GraphID
    var state: Int
    /// The raw input of the current state.
    var input: JSON
    var enteredEventID = 0
    var enteredTime = ""
    /// Attempts used, one per retrier of the current state.
    var retryCounts: [Int] = []
    var awaiting: Awaiting = .nothing
    /// The last event this frame recorded: the next one's `previousEventId`.
    var lastEventID = 0
    /// Inside a distributed Map run: its events belong to the child executions, not to
    /// this execution's history.
    var silent = false
    /// The current Parallel or Map state recorded `…StateStarted`: only then does a
    /// failure record `…StateFailed`.
    var started = false
    /// The workflow variables this frame sees (nil: none, as in every machine without `Assign`).
    var variables: VariableScope?
}

/// A Parallel or Map state's children and their results.
struct FanOut: Sendable {
    /// Inputs of children not yet started (Map items wait here under MaxConcurrency).
    var pending: [JSON]
    var pendingStart = 0
    var running: Set<FrameID> = []
    var results: [JSON?]
    var failures = 0
    var maxConcurrency: Int
    /// Failures tolerated before the Map fails (nil: none tolerated).
    var toleratedFailures: Int?
    var isMap: Bool
    /// A distributed Map run: iterations leave no events here (`MapRunStarted` /
    /// `MapRunSucceeded` stand for them).
    var distributed = false

    var isDone: Bool { running.isEmpty && pendingStart == pending.count }
}
