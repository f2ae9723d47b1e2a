import Foundation
import GRDB
import StepwiseStore

// Tokens, timers, dispatches and activity tasks: how the outside world reaches a waiting
// execution.
extension SQLiteStore {
    // MARK: Tokens

    public func completeToken(tokenID: String, payload: String, now: Date) async throws -> TokenCompletion {
        try await completeToken(tokenID: tokenID, now: now, claimingFor: nil) { _ in payload }.0
    }

    public func completeToken(tokenID: String, now: Date, claimingFor lease: Lease?,
                              payload: @escaping @Sendable (Int) -> String) async throws -> (TokenCompletion, ClaimedExecution?) {
        try await writing { db in
            guard let token = try OpenToken.fetch(db, tokenID: tokenID) else { return (.unknown, nil) }
            guard token.isOpen else { return (.closed, nil) }
            return try Self.complete(db, token, tokenID: tokenID, now: now, claimingFor: lease, payload: payload)
        }
    }

    /// Closes an open token and puts its entry in the inbox; claims the execution for
    /// `lease` when no live claim holds it.
    private static func complete(_ db: Database, _ token: OpenToken, tokenID: String, now: Date, claimingFor lease: Lease?,
                                 payload: (Int) -> String) throws -> (TokenCompletion, ClaimedExecution?) {
        try close(db, token, tokenID: tokenID)
        try appendInbox(db, executionID: token.executionID, payload: payload(token.ticket))
        var claimed: ClaimedExecution?
        if let lease, try isUnclaimed(db, executionID: token.executionID, now: now) {
            claimed = try claim(db, executionID: token.executionID, for: lease)
        }
        return (.completed(executionArn: token.executionArn), claimed)
    }

    private static func close(_ db: Database, _ token: OpenToken, tokenID: String) throws {
        try db.cachedStatement(sql: "UPDATE token SET open = 0 WHERE tokenID = ?").execute(arguments: [tokenID])
        try deleteTaskTimers(db, executionID: token.executionID, ticket: token.ticket)
    }

    public func tokenWork(tokenID: String, now: Date) async throws -> TokenWork? {
        try await reading { db in
            guard let token = try OpenToken.fetch(db, tokenID: tokenID), token.isOpen,
                  let row = try Row.fetchOne(db.cachedStatement(sql: """
                      SELECT \(Columns.execution), e.stepCount, e.claimOwner IS NULL OR e.claimUntil <= ? FROM execution e WHERE e.id = ?
                      """), arguments: [now.storedValue, token.executionID])
            else { return nil }
            let inbox = try Row.fetchAll(
                db.cachedStatement(sql: "SELECT id, payload FROM inbox WHERE executionID = ? ORDER BY id"), arguments: [token.executionID]
            ).map { InboxEntry(id: $0[0], payload: $0[1]) }
            return TokenWork(ticket: token.ticket,
                             execution: ClaimedExecution(execution: try Columns.execution(row), snapshot: row[15], inbox: inbox),
                             stepCount: row[19], unclaimed: row[20])
        }
    }

    public func completeToken(tokenID: String, now: Date, step: ExecutionStep, stepCount: Int, node: String, claimingFor lease: Lease?,
                              payload: @escaping @Sendable (Int) -> String) async throws -> SteppedCompletion {
        try await writing { db in
            guard let token = try OpenToken.fetch(db, tokenID: tokenID) else { return SteppedCompletion(completion: .unknown) }
            guard token.isOpen else { return SteppedCompletion(completion: .closed) }
            // Unchanged since it was read, and nobody's: not even an expired claim, which
            // would make the step writer drop the step as stale.
            let unchanged = try Bool.fetchOne(db.cachedStatement(sql: """
                SELECT stepCount = ? AND claimOwner IS NULL FROM execution WHERE id = ?
                """), arguments: [stepCount, token.executionID]) ?? false
            guard unchanged else {
                let (completion, claimed) = try Self.complete(db, token, tokenID: tokenID, now: now, claimingFor: lease, payload: payload)
                return SteppedCompletion(completion: completion, claimed: claimed)
            }
            try Self.close(db, token, tokenID: tokenID)
            let stillRunnable = try StepWriter(db).apply(step, node: node)
            return SteppedCompletion(completion: .completed(executionArn: token.executionArn), stepped: true, stillRunnable: stillRunnable)
        }
    }

    /// No live lease holds the execution (a worker may be stepping it right now).
    static func isUnclaimed(_ db: Database, executionID: Int64, now: Date) throws -> Bool {
        try Bool.fetchOne(db.cachedStatement(sql: """
            SELECT claimOwner IS NULL OR claimUntil <= ? FROM execution WHERE id = ?
            """), arguments: [now.storedValue, executionID]) ?? false
    }

    public func heartbeat(tokenID: String, now: Date) async throws -> HeartbeatResult {
        try await writing { db in
            guard let token = try OpenToken.fetch(db, tokenID: tokenID) else { return .unknown }
            guard token.isOpen else { return .closed }
            if let seconds = token.heartbeatSeconds {
                try db.cachedStatement(sql: """
                    UPDATE timer SET dueAt = ? WHERE executionID = ? AND ticket = ? AND kind = ?
                    """).execute(arguments: [now.addingTimeInterval(Double(seconds)).storedValue, token.executionID,
                                             token.ticket, TimerRecord.Kind.heartbeat.rawValue])
            }
            return .recorded
        }
    }

    /// The token's row, open or closed.
    public func token(id: String) async throws -> TokenRecord? {
        try await reading { db in
            try Row.fetchOne(
                db.cachedStatement(sql: """
                    SELECT \(Columns.token) FROM token t JOIN execution e ON e.id = t.executionID WHERE t.tokenID = ?
                    """),
                arguments: [id]).map(Columns.token)
        }
    }

    /// A task's timeout and heartbeat timers: they go when its token closes.
    static func deleteTaskTimers(_ db: Database, executionID: Int64, ticket: Int) throws {
        try db.cachedStatement(sql: "DELETE FROM timer WHERE executionID = ? AND ticket = ? AND kind IN (?, ?)")
            .execute(arguments: [executionID, ticket, TimerRecord.Kind.taskTimeout.rawValue,
                                 TimerRecord.Kind.heartbeat.rawValue])
    }

    // MARK: Timers

    public func fireDueTimers(now: Date, limit: Int) async throws -> Int {
        guard limit > 0 else { return 0 }
        return try await writing { db in
            let due = try Row.fetchAll(
                db.cachedStatement(sql: """
                    SELECT id, executionID, ticket, payload, tokenID FROM timer WHERE dueAt <= ? ORDER BY dueAt, id LIMIT ?
                    """),
                arguments: [now.storedValue, limit])
            let delete = try db.cachedStatement(sql: "DELETE FROM timer WHERE id = ?")
            let status = try db.cachedStatement(sql: "SELECT status FROM execution WHERE id = ?")
            let closeToken = try db.cachedStatement(sql: "UPDATE token SET open = 0 WHERE tokenID = ?")
            var fired = 0
            for row in due {
                let executionID: Int64 = row[1]
                try delete.execute(arguments: [row[0]])
                // Already gone: a sibling timeout of the same task fired earlier in this loop.
                guard db.changesCount == 1 else { continue }
                fired += 1
                if try String.fetchOne(status, arguments: [executionID]) == ExecutionStatus.running.rawValue {
                    try Self.appendInbox(db, executionID: executionID, payload: row[3])
                }
                if let tokenID: String = row[4] {
                    try closeToken.execute(arguments: [tokenID])
                    // The task timed out: its other timeout has nothing left to time.
                    try Self.deleteTaskTimers(db, executionID: executionID, ticket: row[2])
                }
            }
            return fired
        }
    }

    public func nextTimerDue() async throws -> Date? {
        try await reading { db in
            try Double.fetchOne(db, sql: "SELECT min(dueAt) FROM timer").map(Date.init(storedValue:))
        }
    }

    // MARK: Dispatches

    public func claimDispatches(node: String, limit: Int, now: Date, leaseUntil: Date) async throws -> [DispatchRecord] {
        guard limit > 0 else { return [] }
        // Lost to a power cut, a claim leaves the dispatch claimable: no fsync for it.
        return try await writing(durable: false) { db in
            // Expired leases first (their node died: the oldest work), then new dispatches;
            // both are ranges of partial indexes, whatever the number of live leases.
            var ids = try Int64.fetchAll(
                db.cachedStatement(sql: """
                    SELECT id FROM dispatch WHERE claimOwner IS NOT NULL AND claimUntil <= ? ORDER BY claimUntil LIMIT ?
                    """),
                arguments: [now.storedValue, limit])
            if ids.count < limit {
                ids += try Int64.fetchAll(
                    db.cachedStatement(sql: "SELECT id FROM dispatch WHERE claimOwner IS NULL ORDER BY id LIMIT ?"),
                    arguments: [limit - ids.count])
            }
            let claim = try db.cachedStatement(sql: "UPDATE dispatch SET claimOwner = ?, claimUntil = ? WHERE id = ?")
            let select = try db.cachedStatement(sql: """
                SELECT d.id, e.arn, d.ticket, d.payload FROM dispatch d JOIN execution e ON e.id = d.executionID
                WHERE d.id = ?
                """)
            return try ids.sorted().compactMap { id in
                try claim.execute(arguments: [node, leaseUntil.storedValue, id])
                return try Row.fetchOne(select, arguments: [id]).map { row in
                    DispatchRecord(id: row[0], executionArn: row[1], ticket: row[2], payload: row[3])
                }
            }
        }
    }

    public func finishDispatch(id: Int64) async throws {
        try await writing { db in
            try db.cachedStatement(sql: "DELETE FROM dispatch WHERE id = ?").execute(arguments: [id])
        }
    }

    // MARK: Activity tasks

    public func takeActivityTask(activityArn: String, worker: String?, now: Date) async throws -> TokenRecord? {
        try await writing { db in
            // Open tokens all belong to running executions: an ending closes them.
            guard let tokenID = try String.fetchOne(
                db.cachedStatement(sql: """
                    SELECT tokenID FROM token WHERE activityArn = ? AND open = 1 AND taken = 0
                    ORDER BY createdAt, rowid LIMIT 1
                    """),
                arguments: [activityArn]) else { return nil }
            try db.cachedStatement(sql: "UPDATE token SET taken = 1, takenBy = ?, takenAt = ? WHERE tokenID = ?")
                .execute(arguments: [worker, now.storedValue, tokenID])
            return try Row.fetchOne(
                db.cachedStatement(sql: """
                    SELECT \(Columns.token) FROM token t JOIN execution e ON e.id = t.executionID WHERE t.tokenID = ?
                    """),
                arguments: [tokenID]).map(Columns.token)
        }
    }
}

/// What completing or heartbeating a token needs to know about it.
private struct OpenToken {
    var executionID: Int64
    var executionArn: String
    var ticket: Int
    var heartbeatSeconds: Int?
    /// Open, and its execution still RUNNING.
    var isOpen: Bool

    static func fetch(_ db: Database, tokenID: String) throws -> OpenToken? {
        guard let row = try Row.fetchOne(
            db.cachedStatement(sql: """
                SELECT t.executionID, e.arn, t.ticket, t.heartbeatSeconds, t.open, e.status
                FROM token t JOIN execution e ON e.id = t.executionID WHERE t.tokenID = ?
                """),
            arguments: [tokenID]) else { return nil }
        let open: Bool = row[4]
        let status: String = row[5]
        return OpenToken(executionID: row[0], executionArn: row[1], ticket: row[2], heartbeatSeconds: row[3],
                         isOpen: open && status == ExecutionStatus.running.rawValue)
    }
}
