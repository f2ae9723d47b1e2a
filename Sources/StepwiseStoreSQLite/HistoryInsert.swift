import GRDB
import GRDBSQLite
import StepwiseStore

/// Inserts history events, binding their columns straight to SQLite.
///
/// Two rows per transition make this the store's hottest statement. GRDB's general path
/// (an array of existential values, made into `StatementArguments`, then `DatabaseValue`s,
/// then bound) cost about a tenth of the durable engine's CPU; this binds each column with
/// the C call its type needs. The statement is GRDB's own cached one, stepped on GRDB's
/// connection inside GRDB's transaction, so GRDB's next use of it starts from a reset.
struct HistoryInsert {
    private let db: Database
    private let statement: Statement

    init(_ db: Database) throws {
        self.db = db
        statement = try db.cachedStatement(sql: """
            INSERT INTO historyEvent (executionID, eventID, previousEventID, timestamp, type, detailsKey, details)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
    }

    func execute(_ event: HistoryRecord, executionID: Int64) throws {
        let handle = statement.sqliteStatement
        defer { sqlite3_reset(handle) }
        sqlite3_bind_int64(handle, 1, executionID)
        sqlite3_bind_int64(handle, 2, Int64(event.eventID))
        sqlite3_bind_int64(handle, 3, Int64(event.previousEventID))
        sqlite3_bind_double(handle, 4, event.timestamp.storedValue)
        bind(event.type, at: 5)
        bind(event.detailsKey, at: 6)
        bind(event.details, at: 7)
        let code = sqlite3_step(handle)
        guard code == SQLITE_DONE else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code),
                                message: String(cString: sqlite3_errmsg(db.sqliteConnection)), sql: statement.sql)
        }
    }

    private func bind(_ text: String?, at index: CInt) {
        guard var text else {
            sqlite3_bind_null(statement.sqliteStatement, index)
            return
        }
        text.withUTF8 { utf8 in
            _ = sqlite3_bind_text(statement.sqliteStatement, index, utf8.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) },
                                  CInt(utf8.count), Self.transient)
        }
    }

    /// SQLite's "copy the value now" destructor (`SQLITE_TRANSIENT`), which Swift does not import.
    private static let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)
}
