import Foundation
import GRDB
import StepwiseStore

/// One ReceiveMessage inside its write transaction: picks the messages, hides each behind
/// its new receipt handle, and moves those past the redrive policy's count away.
struct MessageReceiver {
    let db: Database
    let queueID: Int64
    let receive: QueueReceive
    let now: Date
    let deadLetterQueueID: Int64?
    let limit: Int
    private(set) var received: [ReceivedQueueMessage] = []

    init(db: Database, queueID: Int64, receive: QueueReceive, now: Date, deadLetterQueueID: Int64?) {
        self.db = db
        self.queueID = queueID
        self.receive = receive
        self.now = now
        self.deadLetterQueueID = deadLetterQueueID
        limit = min(receive.limit, receive.receiptHandles.count)
    }

    /// A standard queue: the messages visible longest first, a page at a time.
    mutating func receiveStandard() throws {
        // Every candidate handled is received (hidden) or moved away, so the next page
        // starts past it; `seen` guards a message a zero visibility timeout left visible.
        var seen: Set<Int64> = []
        while received.count < limit {
            let candidates = try Row.fetchAll(db.cachedStatement(sql: QueueColumns.candidates),
                                              arguments: [queueID, now.storedValue])
            var progressed = false
            for row in candidates where received.count < limit {
                guard seen.insert(row[0]).inserted else { continue }
                progressed = true
                try take(row)
            }
            if !progressed { break }
        }
    }

    /// A FIFO queue: group by group, oldest group first, each group's messages in send order
    /// up to the first one in flight or delayed (the rest of the group waits behind it). SQS
    /// likewise returns as many messages of one group as it can. Groups are found by
    /// stepping through the group index, so a receive costs a lookup per group, not one per
    /// message: a group with a backlog of a million behind a message in flight is skipped
    /// at once.
    mutating func receiveFIFO() throws {
        let groups = try Row.fetchAll(db.cachedStatement(sql: QueueColumns.fifoGroupHeads), arguments: [queueID])
        for group in groups where received.count < limit {
            let groupID: String = group[0]
            var after: Int64 = 0
            page: while received.count < limit {
                let rows = try Row.fetchAll(db.cachedStatement(sql: QueueColumns.fifoGroupMessages),
                                            arguments: [queueID, groupID, after])
                if rows.isEmpty { break }
                for row in rows {
                    guard received.count < limit, (row[QueueColumns.visibleAtIndex] as Double) <= now.storedValue else { break page }
                    after = row[0]
                    try take(row)
                }
            }
        }
    }

    /// Receives `row`'s message, or moves it to the dead-letter queue when this receive
    /// would pass the redrive policy's maxReceiveCount.
    private mutating func take(_ row: Row) throws {
        let rowID: Int64 = row[0]
        let count: Int = row[QueueColumns.receiveCountIndex] + 1
        if let redrive = receive.redrive, let dlq = deadLetterQueueID, count > redrive.maxReceiveCount {
            try SQLiteStore.moveToDeadLetterQueue(db, rowID: rowID, row: row, to: dlq, redrive: redrive, now: now)
            return
        }
        let handle = receive.receiptHandles[received.count]
        let firstReceived: Double = row[QueueColumns.receiveCountIndex + 1] ?? now.storedValue
        try db.cachedStatement(sql: """
            UPDATE queueMessage SET receiveCount = ?, firstReceivedAt = ?, receiptHandle = ?, visibleAt = ? WHERE id = ?
            """).execute(arguments: [count, firstReceived, handle, receive.visibleUntil.storedValue, rowID])
        received.append(ReceivedQueueMessage(
            message: QueueColumns.draft(row), receiptHandle: handle, receiveCount: count,
            firstReceivedAt: Date(storedValue: firstReceived), sequenceNumber: rowID))
    }
}
