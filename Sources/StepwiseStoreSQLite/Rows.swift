import Foundation
import GRDB
import StepwiseStore

/// Dates are stored as `Date`'s own number (seconds since 2001-01-01), so they come back
/// exactly equal.
extension Date {
    var storedValue: Double { timeIntervalSinceReferenceDate }
    init(storedValue: Double) { self.init(timeIntervalSinceReferenceDate: storedValue) }
}

extension Optional where Wrapped == Date {
    var storedValue: Double? { map(\.storedValue) }
}

/// Columns and decoding of each record, in one place so that every query selects the same
/// columns in the same order.
enum Columns {
    static let stateMachine = """
        id, arn, name, type, definition, roleArn, description, createdAt, updatedAt, revisionID,
        loggingConfiguration, tracingConfiguration
        """

    static func stateMachine(_ row: Row) throws -> StateMachineRecord {
        StateMachineRecord(
            arn: row[1], name: row[2], type: try decode(StateMachineType.self, row[3]),
            definition: row[4], roleArn: row[5], description: row[6],
            createdAt: Date(storedValue: row[7]), updatedAt: Date(storedValue: row[8]), revisionID: row[9],
            loggingConfiguration: row[10], tracingConfiguration: row[11])
    }

    /// `execution` aliased `e`; `id` first, `snapshot` 16th (index 15), then the v4 columns.
    static let execution = """
        e.id, e.arn, e.stateMachineArn, e.name, e.status, e.input, e.output, e.error, e.cause, e.startDate,
        e.stopDate, e.parentExecutionArn, e.parentTicket, e.redriveCount, e.definitionID, e.snapshot,
        e.redriveDate, e.stateMachineVersionArn, e.stateMachineAliasArn
        """

    static func execution(_ row: Row) throws -> ExecutionRecord {
        let stopDate: Double? = row[10]
        let redriveDate: Double? = row[16]
        return ExecutionRecord(
            arn: row[1], stateMachineArn: row[2], name: row[3], status: try decode(ExecutionStatus.self, row[4]),
            input: row[5], output: row[6], error: row[7], cause: row[8], startDate: Date(storedValue: row[9]),
            stopDate: stopDate.map(Date.init(storedValue:)), parentExecutionArn: row[11], parentTicket: row[12],
            redriveCount: row[13], definitionID: row[14], redriveDate: redriveDate.map(Date.init(storedValue:)),
            stateMachineVersionArn: row[17], stateMachineAliasArn: row[18])
    }

    /// `token` aliased `t`, joined with `execution` aliased `e`.
    static let token = """
        t.tokenID, t.token, e.arn, t.ticket, t.createdAt, t.activityArn, t.input, t.heartbeatSeconds
        """

    static func token(_ row: Row) -> TokenRecord {
        TokenRecord(
            tokenID: row[0], token: row[1], executionArn: row[2], ticket: row[3],
            createdAt: Date(storedValue: row[4]), activityArn: row[5], input: row[6], heartbeatSeconds: row[7])
    }

    static let history = "eventID, previousEventID, timestamp, type, detailsKey, details"

    static func history(_ row: Row) -> HistoryRecord {
        HistoryRecord(
            eventID: row[0], previousEventID: row[1], timestamp: Date(storedValue: row[2]), type: row[3],
            detailsKey: row[4], details: row[5])
    }

    static let activity = "id, arn, name, createdAt"

    static func activity(_ row: Row) -> ActivityRecord {
        ActivityRecord(arn: row[1], name: row[2], createdAt: Date(storedValue: row[3]))
    }

    static func decode<T: RawRepresentable>(_ type: T.Type, _ raw: String) throws -> T where T.RawValue == String {
        guard let value = T(rawValue: raw) else {
            throw StoreError.backend("unexpected \(T.self) '\(raw)' in the database")
        }
        return value
    }
}

/// The opaque listing cursors: base64 of a kind tag and the last item's sort key, so a
/// cursor of one listing is refused by another.
enum Cursor {
    /// After the row with this `id` (state machines, activities).
    case after(kind: String, id: Int64)
    /// After the execution started at `startDate` with this `id` (newest first).
    case afterExecution(startDate: Double, id: Int64)

    var encoded: String {
        let text: String
        switch self {
        case .after(let kind, let id): text = "\(kind):\(id)"
        case .afterExecution(let startDate, let id): text = "execution:\(startDate.bitPattern):\(id)"
        }
        return Data(text.utf8).base64EncodedString()
    }

    static func decodeID(_ cursor: String?, kind: String) throws -> Int64? {
        guard let cursor else { return nil }
        let parts = try fields(cursor)
        guard parts.count == 2, parts[0] == kind, let id = Int64(parts[1]) else { throw StoreError.invalidCursor }
        return id
    }

    static func decodeExecution(_ cursor: String?) throws -> (startDate: Double, id: Int64)? {
        guard let cursor else { return nil }
        let parts = try fields(cursor)
        guard parts.count == 3, parts[0] == "execution", let bits = UInt64(parts[1]), let id = Int64(parts[2]) else {
            throw StoreError.invalidCursor
        }
        let startDate = Double(bitPattern: bits)
        guard startDate.isFinite else { throw StoreError.invalidCursor }
        return (startDate, id)
    }

    private static func fields(_ cursor: String) throws -> [Substring] {
        guard let data = Data(base64Encoded: cursor), let text = String(data: data, encoding: .utf8) else {
            throw StoreError.invalidCursor
        }
        return text.split(separator: ":", omittingEmptySubsequences: false)
    }
}

/// Builds a page from up to `limit + 1` rows fetched in listing order: the extra row only
/// tells that a next page exists.
func page<Item: Sendable>(_ rows: [(cursor: Cursor, item: Item)], limit: Int) -> Page<Item> {
    guard rows.count > limit else { return Page(items: rows.map(\.item), nextCursor: nil) }
    let kept = rows.prefix(max(limit, 0))
    return Page(items: kept.map(\.item), nextCursor: kept.last?.cursor.encoded)
}
