import Foundation
import GRDB
import StepwiseStore

// RedriveExecution.
extension SQLiteStore {
    /// Decides and writes in one transaction, so two concurrent redrives of one execution
    /// cannot both succeed. The snapshot stays as the ending left it (the state before
    /// the step that ended the execution): the engine continues from there.
    public func redriveExecution(_ request: RedriveRequest) async throws -> RedriveOutcome {
        try await writing { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT \(Columns.execution) FROM execution e WHERE e.arn = ?",
                                             arguments: [request.executionArn]) else { return .notFound }
            let id: Int64 = row[0]
            let record = try Columns.execution(row)
            if let token = request.clientToken,
                let date = try Double.fetchOne(
                    db, sql: "SELECT redriveDate FROM redriveRequest WHERE executionID = ? AND clientToken = ? AND redriveDate >= ?",
                    arguments: [id, token, request.now.addingTimeInterval(-RedriveRequest.clientTokenLifetime).storedValue]) {
                return .repeated(redriveDate: Date(storedValue: date))
            }
            let ended: Set<ExecutionStatus> = [.failed, .timedOut, .aborted]
            guard ended.contains(record.status), let stopDate = record.stopDate, stopDate >= request.redrivableSince else {
                return .notRedrivable(record)
            }
            try db.execute(
                sql: """
                    UPDATE execution SET status = ?, output = NULL, error = NULL, cause = NULL, stopDate = NULL,
                        redriveCount = redriveCount + 1, redriveDate = ?, claimOwner = NULL, claimUntil = NULL
                    WHERE id = ?
                    """,
                arguments: [ExecutionStatus.running.rawValue, request.now.storedValue, id])
            try Self.appendInbox(db, executionID: id, payload: request.payload)
            if let token = request.clientToken {
                try db.execute(
                    sql: "INSERT OR REPLACE INTO redriveRequest (executionID, clientToken, redriveDate) VALUES (?, ?, ?)",
                    arguments: [id, token, request.now.storedValue])
                try db.execute(
                    sql: """
                        DELETE FROM redriveRequest WHERE executionID = ?1 AND clientToken NOT IN (
                            SELECT clientToken FROM redriveRequest WHERE executionID = ?1 ORDER BY redriveDate DESC LIMIT ?2)
                        """,
                    arguments: [id, RedriveRequest.rememberedClientTokens])
            }
            var redriven = record
            redriven.status = .running
            redriven.output = nil
            redriven.error = nil
            redriven.cause = nil
            redriven.stopDate = nil
            redriven.redriveCount += 1
            redriven.redriveDate = request.now
            return .redriven(redriven)
        }
    }
}
