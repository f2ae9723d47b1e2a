import Foundation
import GRDB
import StepwiseStore

extension SQLiteStore {
    public func insertExecution(_ record: ExecutionRecord, firstStep: ExecutionStep?, node: String) async throws -> ExecutionInsert {
        try await writing { db in
            // Checked inside the write transaction: no other writer can slip in between.
            if let existing = try Row.fetchOne(
                db.cachedStatement(sql: "SELECT \(Columns.execution) FROM execution e WHERE e.stateMachineArn = ? AND e.name = ?"),
                arguments: [record.stateMachineArn, record.name]) {
                return .exists(try Columns.execution(existing))
            }
            try db.cachedStatement(
                sql: """
                    INSERT INTO execution (arn, stateMachineArn, name, status, input, output, error, cause, startDate,
                        stopDate, parentExecutionArn, parentTicket, redriveCount, definitionID, runnable,
                        redriveDate, stateMachineVersionArn, stateMachineAliasArn)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?)
                    """
            ).execute(
                arguments: [record.arn, record.stateMachineArn, record.name, ExecutionStatus.running.rawValue,
                            record.input, record.output, record.error, record.cause, record.startDate.storedValue,
                            record.stopDate.storedValue, record.parentExecutionArn, record.parentTicket,
                            record.redriveCount, record.definitionID, record.redriveDate.storedValue,
                            record.stateMachineVersionArn, record.stateMachineAliasArn])
            if let firstStep { try StepWriter(db).apply(firstStep, node: node) }
            return .created
        }
    }

    public func execution(arn: String) async throws -> ExecutionRecord? {
        try await reading { db in
            try Row.fetchOne(db.cachedStatement(sql: "SELECT \(Columns.execution) FROM execution e WHERE e.arn = ?"), arguments: [arn])
                .map(Columns.execution)
        }
    }

    public func listExecutions(stateMachineArn: String, status: ExecutionStatus?, limit: Int,
                               cursor: String?) async throws -> Page<ExecutionRecord> {
        try await listExecutions(matching: ExecutionFilter(stateMachineArn: stateMachineArn, status: status),
                                 limit: limit, cursor: cursor)
    }

    public func listExecutions(matching filter: ExecutionFilter, limit: Int, cursor: String?) async throws -> Page<ExecutionRecord> {
        let after = try Cursor.decodeExecution(cursor)
        return try await reading { db in
            var sql = "SELECT \(Columns.execution) FROM execution e WHERE e.stateMachineArn = ?"
            var arguments: StatementArguments = [filter.stateMachineArn]
            if let status = filter.status {
                sql += " AND e.status = ?"
                arguments += [status.rawValue]
            }
            // The rest filters rows of the listing index's range.
            if let version = filter.versionArn {
                sql += " AND e.stateMachineVersionArn = ?"
                arguments += [version]
            }
            if let alias = filter.aliasArn {
                sql += " AND e.stateMachineAliasArn = ?"
                arguments += [alias]
            }
            if let redriven = filter.redriven { sql += redriven ? " AND e.redriveCount > 0" : " AND e.redriveCount = 0" }
            if let after {
                // Row values: one range on the listing index.
                sql += " AND (e.startDate, e.id) < (?, ?)"
                arguments += [after.startDate, after.id]
            }
            sql += " ORDER BY e.startDate DESC, e.id DESC LIMIT ?"
            arguments += [max(limit, 0) + 1]
            let rows = try Row.fetchAll(db, sql: sql, arguments: arguments)
            return page(try rows.map { row in
                (Cursor.afterExecution(startDate: row[9], id: row[0]), try Columns.execution(row))
            }, limit: limit)
        }
    }

    public func history(executionArn: String, after afterEventID: Int?, limit: Int,
                        reverse: Bool) async throws -> [HistoryRecord] {
        try await reading { db in
            guard let executionID = try Int64.fetchOne(db, sql: "SELECT id FROM execution WHERE arn = ?",
                                                       arguments: [executionArn]) else { return [] }
            let sql: String
            if reverse {
                sql = """
                    SELECT \(Columns.history) FROM historyEvent WHERE executionID = ? AND eventID < ?
                    ORDER BY eventID DESC LIMIT ?
                    """
            } else {
                sql = """
                    SELECT \(Columns.history) FROM historyEvent WHERE executionID = ? AND eventID > ?
                    ORDER BY eventID LIMIT ?
                    """
            }
            let bound = afterEventID ?? (reverse ? Int.max : Int.min)
            return try Row.fetchAll(db, sql: sql, arguments: [executionID, bound, max(limit, 0)]).map(Columns.history)
        }
    }
}
