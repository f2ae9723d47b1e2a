import Foundation
import GRDB
import StepwiseStore

// Local SQS queues: messages live in the engine's file, so a Task's send commits in the
// same database as its execution.
extension SQLiteStore: QueueStore {
    public func createQueue(_ record: QueueRecord) async throws -> QueueRecord {
        let attributes = try Self.encodeMap(record.attributes)
        return try await writing { db in
            if let existing = try Row.fetchOne(db, sql: "SELECT \(QueueColumns.queue) FROM queue WHERE name = ?",
                                               arguments: [record.name]) {
                return try QueueColumns.queue(existing)
            }
            try db.execute(sql: "INSERT INTO queue (name, attributes, createdAt, updatedAt) VALUES (?, ?, ?, ?)",
                           arguments: [record.name, attributes, record.createdAt.storedValue, record.updatedAt.storedValue])
            return record
        }
    }

    public func queue(named name: String) async throws -> QueueRecord? {
        try await reading { db in
            try Row.fetchOne(db.cachedStatement(sql: "SELECT \(QueueColumns.queue) FROM queue WHERE name = ?"), arguments: [name])
                .map(QueueColumns.queue)
        }
    }

    public func updateQueue(named name: String, attributes: [String: String], now: Date) async throws -> Bool {
        let text = try Self.encodeMap(attributes)
        return try await writing { db in
            try db.execute(sql: "UPDATE queue SET attributes = ?, updatedAt = ? WHERE name = ?",
                           arguments: [text, now.storedValue, name])
            return db.changesCount == 1
        }
    }

    public func listQueues(prefix: String?) async throws -> [QueueRecord] {
        try await reading { db in
            // Prefix matched in Swift: LIKE would treat `_` in queue names as a wildcard.
            try Row.fetchAll(db, sql: "SELECT \(QueueColumns.queue) FROM queue ORDER BY name")
                .map(QueueColumns.queue)
                .filter { record in prefix.map { record.name.hasPrefix($0) } ?? true }
        }
    }

    @discardableResult public func deleteQueue(named name: String) async throws -> Bool {
        try await writing { db in
            guard let id = try Self.queueID(db, name) else { return false }
            try db.execute(sql: "DELETE FROM queueMessage WHERE queueID = ?", arguments: [id])
            try db.execute(sql: "DELETE FROM queueDeduplication WHERE queueID = ?", arguments: [id])
            try db.execute(sql: "DELETE FROM queue WHERE id = ?", arguments: [id])
            return true
        }
    }

    public func purgeQueue(named name: String) async throws -> Bool {
        try await writing { db in
            guard let id = try Self.queueID(db, name) else { return false }
            try db.execute(sql: "DELETE FROM queueMessage WHERE queueID = ?", arguments: [id])
            return true
        }
    }

    public func sendMessages(queue: String, _ messages: [QueueMessageDraft], deduplicationWindow: TimeInterval,
                             now: Date) async throws -> [QueueSendResult] {
        try await writing { db in
            guard let id = try Self.queueID(db, queue) else { throw StoreError.notFound(queue) }
            try db.cachedStatement(sql: "DELETE FROM queueDeduplication WHERE queueID = ? AND sentAt <= ?")
                .execute(arguments: [id, now.addingTimeInterval(-deduplicationWindow).storedValue])
            var results: [QueueSendResult] = []
            for message in messages {
                if let dedup = message.deduplicationID,
                   let seen = try Row.fetchOne(db.cachedStatement(sql: """
                       SELECT messageID, sequenceNumber FROM queueDeduplication WHERE queueID = ? AND deduplicationID = ?
                       """), arguments: [id, dedup]) {
                    results.append(.duplicate(messageID: seen[0], sequenceNumber: seen[1]))
                    continue
                }
                let sequence = try Self.insertMessage(db, queueID: id, message)
                if let dedup = message.deduplicationID {
                    try db.cachedStatement(sql: """
                        INSERT INTO queueDeduplication (queueID, deduplicationID, messageID, sequenceNumber, sentAt)
                        VALUES (?, ?, ?, ?, ?)
                        """).execute(arguments: [id, dedup, message.messageID, sequence, message.sentAt.storedValue])
                }
                results.append(.sent(messageID: message.messageID, sequenceNumber: sequence))
            }
            return results
        }
    }

    public func receiveMessages(queue: String, _ receive: QueueReceive, now: Date) async throws -> [ReceivedQueueMessage] {
        try await writing { db in
            guard let id = try Self.queueID(db, queue) else { throw StoreError.notFound(queue) }
            try db.cachedStatement(sql: "DELETE FROM queueMessage WHERE queueID = ? AND expiresAt <= ?")
                .execute(arguments: [id, now.storedValue])
            let deadLetterQueueID = try receive.redrive.flatMap { try Self.queueID(db, $0.queueName) }
            var receiver = MessageReceiver(db: db, queueID: id, receive: receive, now: now, deadLetterQueueID: deadLetterQueueID)
            if receive.fifo { try receiver.receiveFIFO() } else { try receiver.receiveStandard() }
            return receiver.received
        }
    }

    public func deleteMessage(queue: String, messageID: String, receiptHandle: String) async throws -> ReceiptOutcome {
        try await writing { db in
            guard let id = try Self.queueID(db, queue) else { throw StoreError.notFound(queue) }
            guard let row = try Self.messageHandle(db, queueID: id, messageID: messageID) else { return .gone }
            guard row.handle == receiptHandle else { return .stale }
            try db.cachedStatement(sql: "DELETE FROM queueMessage WHERE id = ?").execute(arguments: [row.id])
            return .done
        }
    }

    public func changeVisibility(queue: String, messageID: String, receiptHandle: String, visibleAt: Date,
                                 now: Date) async throws -> ReceiptOutcome {
        try await writing { db in
            guard let id = try Self.queueID(db, queue) else { throw StoreError.notFound(queue) }
            guard let row = try Self.messageHandle(db, queueID: id, messageID: messageID) else { return .gone }
            guard row.handle == receiptHandle, row.visibleAt > now.storedValue else { return .stale }
            try db.cachedStatement(sql: "UPDATE queueMessage SET visibleAt = ? WHERE id = ?")
                .execute(arguments: [visibleAt.storedValue, row.id])
            return .done
        }
    }

    public func queueCounts(queue: String, now: Date) async throws -> QueueCounts {
        try await reading { db in
            guard let id = try Self.queueID(db, queue) else { throw StoreError.notFound(queue) }
            let row = try Row.fetchOne(db.cachedStatement(sql: """
                SELECT
                    coalesce(sum(visibleAt <= ?1), 0),
                    coalesce(sum(visibleAt > ?1 AND receiveCount > 0), 0),
                    coalesce(sum(visibleAt > ?1 AND receiveCount = 0), 0)
                FROM queueMessage WHERE queueID = ?2 AND expiresAt > ?1
                """), arguments: [now.storedValue, id])
            return QueueCounts(visible: row?[0] ?? 0, notVisible: row?[1] ?? 0, delayed: row?[2] ?? 0)
        }
    }

    public func nextVisibleAt(queue: String, now: Date) async throws -> Date? {
        try await reading { db in
            guard let id = try Self.queueID(db, queue) else { return nil }
            // In index order, stopping at the first: `min()` with the expiry condition read
            // every message in flight.
            let next = try Double.fetchOne(db.cachedStatement(sql: """
                SELECT visibleAt FROM queueMessage WHERE queueID = ? AND visibleAt > ? AND expiresAt > visibleAt
                ORDER BY visibleAt LIMIT 1
                """), arguments: [id, now.storedValue])
            return next.map(Date.init(storedValue:))
        }
    }

    // MARK: Helpers

    static func queueID(_ db: Database, _ name: String) throws -> Int64? {
        try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM queue WHERE name = ?"), arguments: [name])
    }

    private static func messageHandle(_ db: Database, queueID: Int64, messageID: String) throws -> (id: Int64, handle: String?, visibleAt: Double)? {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT id, receiptHandle, visibleAt FROM queueMessage WHERE queueID = ? AND messageID = ?
            """), arguments: [queueID, messageID]) else { return nil }
        return (row[0], row[1], row[2])
    }

    /// Inserts a message; its row id is its sequence number.
    static func insertMessage(_ db: Database, queueID: Int64, _ m: QueueMessageDraft, receiveCount: Int = 0,
                              firstReceivedAt: Double? = nil) throws -> Int64 {
        try db.cachedStatement(sql: """
            INSERT INTO queueMessage (queueID, messageID, body, messageAttributes, systemAttributes, md5OfBody,
                md5OfMessageAttributes, sentAt, visibleAt, expiresAt, groupID, deduplicationID, deadLetterSourceArn,
                receiveCount, firstReceivedAt)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [
                queueID, m.messageID, m.body, m.messageAttributes, m.systemAttributes, m.md5OfBody,
                m.md5OfMessageAttributes, m.sentAt.storedValue, m.visibleAt.storedValue, m.expiresAt.storedValue,
                m.groupID, m.deduplicationID, m.deadLetterSourceArn, receiveCount, firstReceivedAt,
            ])
        return db.lastInsertedRowID
    }

    /// SQS keeps a moved message's id, body, attributes and first send (its retention
    /// counts from there) and its receive count.
    static func moveToDeadLetterQueue(_ db: Database, rowID: Int64, row: Row, to queueID: Int64,
                                              redrive: RedriveTarget, now: Date) throws {
        var message = QueueColumns.draft(row)
        message.visibleAt = now
        message.expiresAt = message.sentAt.addingTimeInterval(redrive.retentionSeconds)
        message.deadLetterSourceArn = redrive.sourceArn
        try db.cachedStatement(sql: "DELETE FROM queueMessage WHERE id = ?").execute(arguments: [rowID])
        _ = try insertMessage(db, queueID: queueID, message, receiveCount: row[QueueColumns.receiveCountIndex],
                              firstReceivedAt: row[QueueColumns.receiveCountIndex + 1])
    }

    static func encodeMap(_ map: [String: String]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        do {
            return String(decoding: try encoder.encode(map), as: UTF8.self)
        } catch {
            throw StoreError.backend("cannot encode attributes: \(error)")
        }
    }

    static func decodeMap(_ text: String) throws -> [String: String] {
        do {
            return try JSONDecoder().decode([String: String].self, from: Data(text.utf8))
        } catch {
            throw StoreError.backend("stored attributes are not a string map: \(error)")
        }
    }
}

/// The queue tables' columns and decoding.
enum QueueColumns {
    static let queue = "name, attributes, createdAt, updatedAt"

    static func queue(_ row: Row) throws -> QueueRecord {
        QueueRecord(name: row[0], attributes: try SQLiteStore.decodeMap(row[1]),
                    createdAt: Date(storedValue: row[2]), updatedAt: Date(storedValue: row[3]))
    }

    static let message = """
        id, messageID, body, messageAttributes, systemAttributes, md5OfBody, md5OfMessageAttributes, sentAt,
        visibleAt, expiresAt, groupID, deduplicationID, deadLetterSourceArn, receiveCount, firstReceivedAt
        """
    static let visibleAtIndex = 8
    static let receiveCountIndex = 13

    /// Visible messages, those visible longest first (for messages sent without a delay
    /// and not received yet, send order). Read in the order of `queueMessage_visible`,
    /// so a receive costs the same with a million visible messages as with ten; ordering
    /// by id made SQLite sort every visible message on each receive.
    static let candidates = """
        SELECT \(message) FROM queueMessage
        WHERE queueID = ? AND visibleAt <= ? ORDER BY visibleAt, id LIMIT 100
        """

    /// FIFO: the queue's groups, each once, oldest head (first message) first. A recursive
    /// step through `queueMessage_group` (the next group id after the last one), since
    /// SQLite would otherwise read every message to list the groups. (`IS NOT NULL` lets
    /// it use that partial index.)
    static let fifoGroupHeads = """
        WITH RECURSIVE groups(groupID) AS (
            SELECT (SELECT min(groupID) FROM queueMessage WHERE queueID = ?1 AND groupID IS NOT NULL)
            UNION ALL
            SELECT (SELECT min(groupID) FROM queueMessage WHERE queueID = ?1 AND groupID > groups.groupID)
            FROM groups WHERE groups.groupID IS NOT NULL
        )
        SELECT groupID, (SELECT min(id) FROM queueMessage WHERE queueID = ?1 AND groupID = groups.groupID) AS head
        FROM groups WHERE groupID IS NOT NULL ORDER BY head
        """

    /// FIFO: one group's messages in send order, a page at a time.
    static let fifoGroupMessages = """
        SELECT \(message) FROM queueMessage WHERE queueID = ? AND groupID = ? AND id > ? ORDER BY id LIMIT 10
        """

    static func draft(_ row: Row) -> QueueMessageDraft {
        QueueMessageDraft(
            messageID: row[1], body: row[2], messageAttributes: row[3], systemAttributes: row[4], md5OfBody: row[5],
            md5OfMessageAttributes: row[6], sentAt: Date(storedValue: row[7]), visibleAt: Date(storedValue: row[8]),
            expiresAt: Date(storedValue: row[9]), groupID: row[10], deduplicationID: row[11], deadLetterSourceArn: row[12])
    }
}

extension SQLiteStore {
    /// The queue and topic tables (migration "v2: queues and topics").
    static var queuesAndTopicsSchema: String { queueTables + topicTables }

    private static let queueTables = """
        CREATE TABLE queue (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            name TEXT NOT NULL UNIQUE,
            attributes TEXT NOT NULL,             -- JSON string map, as SQS names them
            createdAt REAL NOT NULL,
            updatedAt REAL NOT NULL
        );

        CREATE TABLE queueMessage (
            id INTEGER PRIMARY KEY AUTOINCREMENT, -- send order; a FIFO message's sequence number
            queueID INTEGER NOT NULL REFERENCES queue(id),
            messageID TEXT NOT NULL,
            body TEXT NOT NULL,
            messageAttributes TEXT,
            systemAttributes TEXT,
            md5OfBody TEXT NOT NULL,
            md5OfMessageAttributes TEXT,
            sentAt REAL NOT NULL,
            visibleAt REAL NOT NULL,              -- after a delay, or a receive's visibility timeout
            expiresAt REAL NOT NULL,              -- sentAt + MessageRetentionPeriod
            groupID TEXT,
            deduplicationID TEXT,
            deadLetterSourceArn TEXT,
            receiveCount INTEGER NOT NULL DEFAULT 0,
            firstReceivedAt REAL,
            receiptHandle TEXT                    -- the latest receive's
        );
        -- receiveMessages: the visible messages of a queue, oldest first.
        CREATE INDEX queueMessage_visible ON queueMessage(queueID, visibleAt, id);
        CREATE INDEX queueMessage_messageID ON queueMessage(queueID, messageID);
        -- FIFO: the older messages of a group. (Expiry has its own index: migration v8.)
        CREATE INDEX queueMessage_group ON queueMessage(queueID, groupID, id) WHERE groupID IS NOT NULL;

        -- FIFO deduplication ids seen within the window, kept after their message is deleted.
        CREATE TABLE queueDeduplication (
            queueID INTEGER NOT NULL,
            deduplicationID TEXT NOT NULL,
            messageID TEXT NOT NULL,
            sequenceNumber INTEGER NOT NULL,
            sentAt REAL NOT NULL,
            PRIMARY KEY (queueID, deduplicationID)
        ) WITHOUT ROWID;
        """
}
