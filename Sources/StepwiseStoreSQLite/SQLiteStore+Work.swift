import Foundation
import GRDB
import StepwiseStore

// The engine's loop: claim runnable executions, commit their steps, deliver events.
extension SQLiteStore {
    public func claimRunnable(node: String, limit: Int, now: Date, leaseUntil: Date) async throws -> [ClaimedExecution] {
        guard limit > 0 else { return [] }
        // A claim lost to a power cut leaves the execution runnable and unclaimed, which is
        // what recovery wants anyway: no fsync for it (one fewer on each resume's path).
        return try await writing(durable: false) { db in
            // The partial index holds only runnable rows; live claims are the only ones skipped.
            let ids = try Int64.fetchAll(
                db.cachedStatement(sql: """
                    SELECT id FROM execution
                    WHERE runnable = 1 AND (claimOwner IS NULL OR claimUntil <= ?)
                    ORDER BY id LIMIT ?
                    """),
                arguments: [now.storedValue, limit])
            let lease = Lease(node: node, until: leaseUntil)
            return try ids.compactMap { try Self.claim(db, executionID: $0, for: lease) }
        }
    }

    /// Claims one execution for `lease` and reads what its step needs.
    static func claim(_ db: Database, executionID id: Int64, for lease: Lease) throws -> ClaimedExecution? {
        try db.cachedStatement(sql: "UPDATE execution SET claimOwner = ?, claimUntil = ? WHERE id = ?")
            .execute(arguments: [lease.node, lease.until.storedValue, id])
        guard let row = try Row.fetchOne(
            db.cachedStatement(sql: "SELECT \(Columns.execution) FROM execution e WHERE e.id = ?"), arguments: [id])
        else { return nil }
        let entries = try Row.fetchAll(
            db.cachedStatement(sql: "SELECT id, payload FROM inbox WHERE executionID = ? ORDER BY id"), arguments: [id]
        ).map { InboxEntry(id: $0[0], payload: $0[1]) }
        return ClaimedExecution(execution: try Columns.execution(row), snapshot: row[15], inbox: entries)
    }

    /// Applies every step in one transaction (group commit). Within a step, tokens of
    /// `closeTickets` close and timers of `cancelTimerTickets` go *before* the step's new
    /// tokens and timers are written, so a step may re-arm a ticket it cancels.
    @discardableResult public func commit(_ steps: [ExecutionStep], node: String) async throws -> Int {
        guard !steps.isEmpty else { return 0 }
        return try await writing { db in
            let writer = try StepWriter(db)
            var stillRunnable = 0
            for step in steps {
                if try writer.apply(step, node: node) { stillRunnable += 1 }
            }
            return stillRunnable
        }
    }

    @discardableResult public func deliver(executionArn: String, payload: String, now: Date) async throws -> Bool {
        try await writing { db in
            guard let row = try Row.fetchOne(
                db.cachedStatement(sql: "SELECT id, status FROM execution WHERE arn = ?"), arguments: [executionArn]),
                (row[1] as String) == ExecutionStatus.running.rawValue
            else { return false }
            try Self.appendInbox(db, executionID: row[0], payload: payload)
            return true
        }
    }

    /// Appends to an execution's inbox and makes it runnable (its claim, if any, stays).
    static func appendInbox(_ db: Database, executionID: Int64, payload: String) throws {
        try db.cachedStatement(sql: "INSERT INTO inbox (executionID, payload) VALUES (?, ?)")
            .execute(arguments: [executionID, payload])
        try db.cachedStatement(sql: "UPDATE execution SET runnable = 1 WHERE id = ?").execute(arguments: [executionID])
    }
}

/// Writes the steps of one commit with statements prepared once per transaction.
struct StepWriter {
    let db: Database
    let lookup: Statement
    let insertEvent: HistoryInsert
    let consumeInbox: Statement
    let closeTicket: Statement
    let cancelTimers: Statement
    let openToken: Statement
    let armTimer: Statement
    let insertDispatch: Statement
    let end: Statement
    let release: Statement
    let pendingInbox: Statement

    init(_ db: Database) throws {
        self.db = db
        lookup = try db.cachedStatement(sql: "SELECT id, status, claimOwner FROM execution WHERE arn = ?")
        insertEvent = try HistoryInsert(db)
        consumeInbox = try db.cachedStatement(sql: "DELETE FROM inbox WHERE executionID = ? AND id <= ?")
        closeTicket = try db.cachedStatement(sql: "UPDATE token SET open = 0 WHERE executionID = ? AND ticket = ? AND open = 1")
        cancelTimers = try db.cachedStatement(sql: "DELETE FROM timer WHERE executionID = ? AND ticket = ?")
        openToken = try db.cachedStatement(sql: """
            INSERT INTO token (tokenID, token, executionID, ticket, createdAt, activityArn, input, heartbeatSeconds)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        // Arming a (execution, ticket, kind) timer again replaces it.
        armTimer = try db.cachedStatement(sql: """
            INSERT INTO timer (executionID, ticket, kind, dueAt, payload, tokenID) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (executionID, ticket, kind) DO UPDATE
            SET dueAt = excluded.dueAt, payload = excluded.payload, tokenID = excluded.tokenID
            """)
        insertDispatch = try db.cachedStatement(sql: "INSERT INTO dispatch (executionID, ticket, payload) VALUES (?, ?, ?)")
        end = try db.cachedStatement(sql: """
            UPDATE execution SET status = ?, output = ?, error = ?, cause = ?, stopDate = ?,
                snapshot = coalesce(?, snapshot), runnable = 0, claimOwner = NULL, claimUntil = NULL,
                stepCount = stepCount + 1
            WHERE id = ?
            """)
        release = try db.cachedStatement(sql: """
            UPDATE execution SET snapshot = coalesce(?2, snapshot), runnable = ?3, claimOwner = NULL, claimUntil = NULL,
                stepCount = stepCount + 1
            WHERE id = ?1
            """)
        pendingInbox = try db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM inbox WHERE executionID = ?)")
    }

    /// Writes one step; true when its execution stays runnable (its inbox received entries
    /// while it was stepped).
    @discardableResult func apply(_ step: ExecutionStep, node: String) throws -> Bool {
        guard let row = try Row.fetchOne(lookup, arguments: [step.executionArn]) else {
            throw StoreError.notFound(step.executionArn)
        }
        let id: Int64 = row[0]
        let owner: String? = row[2]
        // A stale step: the execution ended, or another node took it over after our lease
        // expired and will redo this step from the snapshot.
        guard (row[1] as String) == ExecutionStatus.running.rawValue, owner == nil || owner == node else { return false }

        for event in step.events {
            try insertEvent.execute(event, executionID: id)
        }
        if let through = step.consumedThrough {
            try consumeInbox.execute(arguments: [id, through])
        }
        for ticket in step.closeTickets {
            try closeTicket.execute(arguments: [id, ticket])
        }
        for ticket in step.cancelTimerTickets {
            try cancelTimers.execute(arguments: [id, ticket])
        }
        for token in step.openTokens {
            try openToken.execute(arguments: [
                token.tokenID, token.token, try executionID(token.executionArn, step: step, id: id), token.ticket,
                token.createdAt.storedValue, token.activityArn, token.input, token.heartbeatSeconds,
            ])
        }
        for timer in step.timers {
            try armTimer.execute(arguments: [try executionID(timer.executionArn, step: step, id: id), timer.ticket,
                                             timer.kind.rawValue, timer.dueAt.storedValue, timer.payload, timer.tokenID])
        }
        for delivery in step.deliveries {
            // Only a running execution takes deliveries (a parent stopped before its child ended).
            if let other = try Row.fetchOne(lookup, arguments: [delivery.executionArn]),
                (other[1] as String) == ExecutionStatus.running.rawValue {
                try SQLiteStore.appendInbox(db, executionID: other[0], payload: delivery.payload)
            }
        }
        for send in step.queueSends {
            if let queueID = try SQLiteStore.queueID(db, send.queue) {
                _ = try SQLiteStore.insertMessage(db, queueID: queueID, send.message)
            }
        }
        for publish in step.topicPublishes {
            _ = try SQLiteStore.publish(db, publish)
        }
        for dispatch in step.dispatches {
            try insertDispatch.execute(arguments: [try executionID(dispatch.executionArn, step: step, id: id),
                                                   dispatch.ticket, dispatch.payload])
        }
        if let ending = step.ending {
            try end.execute(arguments: [ending.status.rawValue, ending.output, ending.error, ending.cause,
                                        ending.stopDate.storedValue, step.snapshot, id])
            // Nothing can be fed to an ended execution: its tokens close (so completing one
            // answers `.closed`), its timers and unconsumed inbox go.
            try db.cachedStatement(sql: "UPDATE token SET open = 0 WHERE executionID = ? AND open = 1")
                .execute(arguments: [id])
            try db.cachedStatement(sql: "DELETE FROM timer WHERE executionID = ?").execute(arguments: [id])
            try db.cachedStatement(sql: "DELETE FROM inbox WHERE executionID = ?").execute(arguments: [id])
            return false
        }
        let runnable = try Bool.fetchOne(pendingInbox, arguments: [id]) ?? false
        try release.execute(arguments: [id, step.snapshot, runnable])
        return runnable
    }

    /// The step's own execution almost always; another one is looked up.
    private func executionID(_ arn: String, step: ExecutionStep, id: Int64) throws -> Int64 {
        if arn == step.executionArn { return id }
        guard let other = try Int64.fetchOne(lookup, arguments: [arn]) else { throw StoreError.notFound(arn) }
        return other
    }
}
