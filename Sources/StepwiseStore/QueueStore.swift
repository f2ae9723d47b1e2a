import Foundation

/// A queue as SQS describes it: its name and the attributes set on it (SQS's own string
/// map: `VisibilityTimeout`, `RedrivePolicy`, …; the service validates and defaults them).
public struct QueueRecord: Sendable, Equatable {
    public var name: String
    public var attributes: [String: String]
    public var createdAt: Date
    public var updatedAt: Date

    public init(name: String, attributes: [String: String], createdAt: Date, updatedAt: Date) {
        self.name = name
        self.attributes = attributes
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// A message about to be sent: everything is decided by the service (ids, digests, delay).
public struct QueueMessageDraft: Sendable, Equatable {
    public var messageID: String
    public var body: String
    /// SQS's MessageAttributes as JSON text (nil: none).
    public var messageAttributes: String?
    /// MessageSystemAttributes (`AWSTraceHeader`) as JSON text.
    public var systemAttributes: String?
    public var md5OfBody: String
    public var md5OfMessageAttributes: String?
    public var sentAt: Date
    /// When it may first be received (after DelaySeconds).
    public var visibleAt: Date
    /// When MessageRetentionPeriod drops it.
    public var expiresAt: Date
    /// FIFO queues: MessageGroupId and MessageDeduplicationId.
    public var groupID: String?
    public var deduplicationID: String?
    /// The queue the message was moved from (a dead-letter queue's `DeadLetterQueueSourceArn`).
    public var deadLetterSourceArn: String?

    public init(messageID: String, body: String, messageAttributes: String? = nil, systemAttributes: String? = nil,
                md5OfBody: String, md5OfMessageAttributes: String? = nil, sentAt: Date, visibleAt: Date, expiresAt: Date,
                groupID: String? = nil, deduplicationID: String? = nil, deadLetterSourceArn: String? = nil) {
        self.messageID = messageID
        self.body = body
        self.messageAttributes = messageAttributes
        self.systemAttributes = systemAttributes
        self.md5OfBody = md5OfBody
        self.md5OfMessageAttributes = md5OfMessageAttributes
        self.sentAt = sentAt
        self.visibleAt = visibleAt
        self.expiresAt = expiresAt
        self.groupID = groupID
        self.deduplicationID = deduplicationID
        self.deadLetterSourceArn = deadLetterSourceArn
    }
}

/// A message handed out by a receive.
public struct ReceivedQueueMessage: Sendable, Equatable {
    public var message: QueueMessageDraft
    public var receiptHandle: String
    /// Including this receive.
    public var receiveCount: Int
    public var firstReceivedAt: Date
    /// FIFO queues: the message's place in the queue.
    public var sequenceNumber: Int64

    public init(message: QueueMessageDraft, receiptHandle: String, receiveCount: Int, firstReceivedAt: Date, sequenceNumber: Int64) {
        self.message = message
        self.receiptHandle = receiptHandle
        self.receiveCount = receiveCount
        self.firstReceivedAt = firstReceivedAt
        self.sequenceNumber = sequenceNumber
    }
}

/// What became of a sent message.
public enum QueueSendResult: Sendable, Equatable {
    /// Stored; `sequenceNumber` orders it in its queue.
    case sent(messageID: String, sequenceNumber: Int64)
    /// A FIFO queue already took a message with the same deduplication id within the
    /// deduplication window: SQS answers with that message's id and does not store it again.
    case duplicate(messageID: String, sequenceNumber: Int64)
}

/// A receive's rule for moving messages to a dead-letter queue (the source queue's
/// RedrivePolicy): a message whose receive count would exceed `maxReceiveCount` goes to
/// `queueName` instead of being handed out.
public struct RedriveTarget: Sendable, Equatable {
    public var queueName: String
    public var maxReceiveCount: Int
    /// The source queue's ARN, kept on the moved message.
    public var sourceArn: String
    /// The dead-letter queue's retention, counted from the message's first send.
    public var retentionSeconds: TimeInterval

    public init(queueName: String, maxReceiveCount: Int, sourceArn: String, retentionSeconds: TimeInterval) {
        self.queueName = queueName
        self.maxReceiveCount = maxReceiveCount
        self.sourceArn = sourceArn
        self.retentionSeconds = retentionSeconds
    }
}

/// One receive: how many, for how long, with which receipt handles.
public struct QueueReceive: Sendable, Equatable {
    public var limit: Int
    /// When the received messages become visible again (now + VisibilityTimeout).
    public var visibleUntil: Date
    /// A fresh, random handle per message that may be handed out (at least `limit`).
    public var receiptHandles: [String]
    /// FIFO: at most one group in flight at a time per group, messages in send order.
    public var fifo: Bool
    public var redrive: RedriveTarget?

    public init(limit: Int, visibleUntil: Date, receiptHandles: [String], fifo: Bool, redrive: RedriveTarget?) {
        self.limit = limit
        self.visibleUntil = visibleUntil
        self.receiptHandles = receiptHandles
        self.fifo = fifo
        self.redrive = redrive
    }
}

/// What a receipt handle reached.
public enum ReceiptOutcome: Sendable, Equatable {
    case done
    /// The message is there, but the handle is not its latest (or it is not in flight).
    case stale
    /// No such message (deleted, expired, or never there).
    case gone
}

/// ApproximateNumberOfMessages, …NotVisible, …Delayed.
public struct QueueCounts: Sendable, Equatable {
    public var visible: Int
    public var notVisible: Int
    public var delayed: Int

    public init(visible: Int, notVisible: Int, delayed: Int) {
        self.visible = visible
        self.notVisible = notVisible
        self.delayed = delayed
    }
}

/// Local SQS queues and their messages, in the engine's database (so a Task's send and its
/// state change share one file). "Now" is always an argument.
public protocol QueueStore: Sendable {
    /// Creates the queue, or returns the one that already has the name (the service decides
    /// whether its attributes match, as CreateQueue's idempotency requires).
    func createQueue(_ record: QueueRecord) async throws -> QueueRecord
    func queue(named name: String) async throws -> QueueRecord?
    /// Replaces the attributes; false when the queue does not exist.
    func updateQueue(named name: String, attributes: [String: String], now: Date) async throws -> Bool
    /// By name, ascending.
    func listQueues(prefix: String?) async throws -> [QueueRecord]
    /// Deletes the queue and its messages.
    @discardableResult func deleteQueue(named name: String) async throws -> Bool
    /// Deletes every message; false when the queue does not exist.
    func purgeQueue(named name: String) async throws -> Bool

    /// Stores the messages in order, in one transaction. FIFO deduplication: a message whose
    /// `deduplicationID` was seen in the queue within `deduplicationWindow` before `now` is
    /// not stored again. Fails with ``StoreError/notFound`` when the queue does not exist.
    func sendMessages(queue: String, _ messages: [QueueMessageDraft], deduplicationWindow: TimeInterval, now: Date) async throws -> [QueueSendResult]
    /// Hands out up to `receive.limit` visible messages (oldest first), each under a new
    /// receipt handle until `receive.visibleUntil`; moves to the dead-letter queue those
    /// that have been received too often. Expired messages go. Fails with
    /// ``StoreError/notFound`` when the queue does not exist.
    func receiveMessages(queue: String, _ receive: QueueReceive, now: Date) async throws -> [ReceivedQueueMessage]
    /// Deletes the message when `receiptHandle` is its latest.
    func deleteMessage(queue: String, messageID: String, receiptHandle: String) async throws -> ReceiptOutcome
    /// Makes the in-flight message visible at `visibleAt` (ChangeMessageVisibility).
    func changeVisibility(queue: String, messageID: String, receiptHandle: String, visibleAt: Date, now: Date) async throws -> ReceiptOutcome
    func queueCounts(queue: String, now: Date) async throws -> QueueCounts
    /// The earliest moment after `now` when a message of the queue becomes visible (for
    /// long polls).
    func nextVisibleAt(queue: String, now: Date) async throws -> Date?
}
