import GRDB
import StepwiseStore

extension SQLiteStore {
    /// Both counts walk a partial index (`execution_open`, `token_open`), never the tables.
    public func openWork() async throws -> OpenWork {
        try await reading { db in
            let executions = try Int.fetchOne(
                db, sql: "SELECT COUNT(*) FROM execution WHERE status IN ('RUNNING', 'PENDING_REDRIVE')") ?? 0
            let tokens = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM token WHERE open = 1") ?? 0
            return OpenWork(executions: executions, tokens: tokens)
        }
    }
}
