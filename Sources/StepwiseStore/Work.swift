import Foundation
import Synchronization

/// A runnable execution claimed by one node: what it needs to take its next step.
public struct ClaimedExecution: Sendable, Equatable {
    public var execution: ExecutionRecord
    /// The interpreter's state as the engine serialized it (nil before the first step).
    public var snapshot: String?
    /// Events to feed, in order.
    public var inbox: [InboxEntry]

    public init(execution: ExecutionRecord, snapshot: String?, inbox: [InboxEntry]) {
        self.execution = execution
        self.snapshot = snapshot
        self.inbox = inbox
    }
}

/// Everything one step of one execution changes, written in one transaction with the
/// other executions' steps of the same batch (group commit).
public struct ExecutionStep: Sendable, Equatable {
    public var executionArn: String
    /// Inbox entries fed in this step (up to and including this id).
    public var consumedThrough: Int64?
    public var events: [HistoryRecord]
    public var snapshot: String?
    /// Set when the execution ended in this step.
    public var ending: Ending?
    public var openTokens: [TokenRecord]
    /// Tickets whose tokens close (the interpreter no longer awaits them).
    public var closeTickets: [Int]
    public var timers: [TimerRecord]
    /// Tickets whose timers go.
    public var cancelTimerTickets: [Int]
    public var dispatches: [DispatchRecord]
    /// Entries for other executions' inboxes, written in the same transaction (a child
    /// execution's end, for its parent's `.sync` Task).
    public var deliveries: [InboxDelivery]
    /// Messages a Task sent to a local standard queue, written in the same transaction
    /// (`sqs:sendMessage` made inline: see `InlineIntegration` in the engine). A message
    /// for a queue deleted meanwhile is dropped, as it would be by the deletion.
    public var queueSends: [QueueSend]
    /// Notifications a Task published to a local topic, put in the topic's outbox in the
    /// same transaction (`sns:publish` made inline). Dropped when the topic is gone.
    public var topicPublishes: [TopicPublish]

    public struct Ending: Sendable, Equatable {
        public var status: ExecutionStatus
        public var output: String?
        public var error: String?
        public var cause: String?
        public var stopDate: Date

        public init(status: ExecutionStatus, output: String? = nil, error: String? = nil, cause: String? = nil, stopDate: Date) {
            self.status = status
            self.output = output
            self.error = error
            self.cause = cause
            self.stopDate = stopDate
        }
    }

    public init(executionArn: String, consumedThrough: Int64? = nil, events: [HistoryRecord] = [], snapshot: String? = nil,
                ending: Ending? = nil, openTokens: [TokenRecord] = [], closeTickets: [Int] = [], timers: [TimerRecord] = [],
                cancelTimerTickets: [Int] = [], dispatches: [DispatchRecord] = [], deliveries: [InboxDelivery] = [],
                queueSends: [QueueSend] = [], topicPublishes: [TopicPublish] = []) {
        self.executionArn = executionArn
        self.consumedThrough = consumedThrough
        self.events = events
        self.snapshot = snapshot
        self.ending = ending
        self.openTokens = openTokens
        self.closeTickets = closeTickets
        self.timers = timers
        self.cancelTimerTickets = cancelTimerTickets
        self.dispatches = dispatches
        self.deliveries = deliveries
        self.queueSends = queueSends
        self.topicPublishes = topicPublishes
    }
}

/// A message for a standard queue, written with the step that sent it.
public struct QueueSend: Sendable, Equatable {
    public var queue: String
    public var message: QueueMessageDraft

    public init(queue: String, message: QueueMessageDraft) {
        self.queue = queue
        self.message = message
    }
}

/// A node's claim on runnable work until a time: the execution is this node's to step,
/// and no other node takes it before `until` (when a node dies, its claims expire).
public struct Lease: Sendable, Equatable {
    public var node: String
    public var until: Date

    public init(node: String, until: Date) {
        self.node = node
        self.until = until
    }
}

/// Notifications for a topic's outbox, written with the step that published them: one
/// delivery per confirmed subscription and notification, due at `at`.
public struct TopicPublish: Sendable, Equatable {
    public var topicArn: String
    public var payloads: [String]
    public var at: Date
    /// Filled by the transaction that writes the publish, read once it committed.
    public let receipt: PublishReceipt

    public init(topicArn: String, payloads: [String], at: Date, receipt: PublishReceipt = PublishReceipt()) {
        self.topicArn = topicArn
        self.payloads = payloads
        self.at = at
        self.receipt = receipt
    }

    public static func == (a: TopicPublish, b: TopicPublish) -> Bool {
        a.topicArn == b.topicArn && a.payloads == b.payloads && a.at == b.at
    }
}

/// How many deliveries a ``TopicPublish`` put in the outbox, told by the transaction that
/// wrote it to whoever acts after the commit. A publish to a topic nobody subscribes to
/// (the usual end of a workflow's notification step) stores none, and then nothing needs
/// waking: without this, every such publish cost the deliverer a write transaction, a read
/// and a timer to find an empty outbox.
public final class PublishReceipt: Sendable {
    private let stored = Atomic<Int>(0)

    public init() {}

    /// Deliveries stored so far (a rolled-back transaction may leave a count behind: a
    /// deliverer woken for nothing finds nothing, which is harmless).
    public var deliveries: Int { stored.load(ordering: .acquiring) }

    public func record(deliveries: Int) { stored.add(deliveries, ordering: .releasing) }
}

/// What happened to a token completion (SendTaskSuccess/Failure, a task result).
public enum TokenCompletion: Sendable, Equatable {
    /// Closed now; the event is in the execution's inbox.
    case completed(executionArn: String)
    /// No such token.
    case unknown
    /// Already completed, timed out or cancelled.
    case closed
}

/// An open token's execution as SendTaskSuccess reads it, so that it can step the
/// execution first and then commit the completion and the step together (eager steps).
public struct TokenWork: Sendable, Equatable {
    public var ticket: Int
    /// The execution with its snapshot and pending inbox, as a claim returns it.
    public var execution: ClaimedExecution
    /// Steps committed so far: the completion writes its step only if this is unchanged.
    public var stepCount: Int
    /// No node holds a claim on the execution (none, or only an expired one).
    public var unclaimed: Bool

    public init(ticket: Int, execution: ClaimedExecution, stepCount: Int, unclaimed: Bool) {
        self.ticket = ticket
        self.execution = execution
        self.stepCount = stepCount
        self.unclaimed = unclaimed
    }
}

/// What a completion that brought its execution's next step did.
public struct SteppedCompletion: Sendable, Equatable {
    public var completion: TokenCompletion
    /// The step was written with the completion.
    public var stepped: Bool
    /// When it was not: the execution, claimed for the caller to step (or nil, when a
    /// node holds it and will see the entry).
    public var claimed: ClaimedExecution?
    /// The stepped execution stays runnable: entries arrived that its step did not see.
    public var stillRunnable: Bool

    public init(completion: TokenCompletion, stepped: Bool = false, claimed: ClaimedExecution? = nil, stillRunnable: Bool = false) {
        self.completion = completion
        self.stepped = stepped
        self.claimed = claimed
        self.stillRunnable = stillRunnable
    }
}

/// What happened to a heartbeat.
public enum HeartbeatResult: Sendable, Equatable {
    case recorded
    case unknown
    case closed
}

/// The outcome of inserting a new execution.
public enum ExecutionInsert: Sendable, Equatable {
    case created
    /// An execution of that state machine already has the name.
    case exists(ExecutionRecord)
}

/// An entry for an execution's inbox (delivered only while it runs).
public struct InboxDelivery: Sendable, Equatable {
    public var executionArn: String
    public var payload: String

    public init(executionArn: String, payload: String) {
        self.executionArn = executionArn
        self.payload = payload
    }
}
