import Foundation
import GRDB
import StepwiseStore

// State machines, activities and tags: the API's resources.
extension SQLiteStore {
    // MARK: State machines

    public func createStateMachine(_ record: StateMachineRecord) async throws {
        try await writing { db in
            try db.execute(
                sql: """
                    INSERT INTO stateMachine (arn, name, type, definition, roleArn, description, createdAt, updatedAt,
                        revisionID, loggingConfiguration, tracingConfiguration)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [record.arn, record.name, record.type.rawValue, record.definition, record.roleArn,
                            record.description, record.createdAt.storedValue, record.updatedAt.storedValue,
                            record.revisionID, record.loggingConfiguration, record.tracingConfiguration])
        }
    }

    public func stateMachine(arn: String) async throws -> StateMachineRecord? {
        try await reading { db in
            try Row.fetchOne(db.cachedStatement(sql: "SELECT \(Columns.stateMachine) FROM stateMachine WHERE arn = ?"), arguments: [arn])
                .map(Columns.stateMachine)
        }
    }

    public func updateStateMachine(_ record: StateMachineRecord) async throws {
        try await writing { db in
            try db.execute(
                sql: """
                    UPDATE stateMachine SET name = ?, type = ?, definition = ?, roleArn = ?, description = ?,
                        createdAt = ?, updatedAt = ?, revisionID = ?, loggingConfiguration = ?, tracingConfiguration = ?
                    WHERE arn = ?
                    """,
                arguments: [record.name, record.type.rawValue, record.definition, record.roleArn, record.description,
                            record.createdAt.storedValue, record.updatedAt.storedValue, record.revisionID,
                            record.loggingConfiguration, record.tracingConfiguration, record.arn])
            guard db.changesCount == 1 else { throw StoreError.notFound(record.arn) }
        }
    }

    @discardableResult public func deleteStateMachine(arn: String) async throws -> Bool {
        try await writing { db in
            try db.execute(sql: "DELETE FROM stateMachine WHERE arn = ?", arguments: [arn])
            let deleted = db.changesCount == 1
            try Self.deleteVersionsAndAliases(db, stateMachineArn: arn)
            try db.execute(sql: "DELETE FROM tag WHERE resourceArn = ?", arguments: [arn])
            return deleted
        }
    }

    public func listStateMachines(limit: Int, cursor: String?) async throws -> Page<StateMachineRecord> {
        let after = try Cursor.decodeID(cursor, kind: "stateMachine") ?? 0
        return try await reading { db in
            let rows = try Row.fetchAll(
                db, sql: "SELECT \(Columns.stateMachine) FROM stateMachine WHERE id > ? ORDER BY id LIMIT ?",
                arguments: [after, max(limit, 0) + 1])
            return page(try rows.map { (Cursor.after(kind: "stateMachine", id: $0[0]), try Columns.stateMachine($0)) },
                        limit: limit)
        }
    }

    // MARK: Activities

    /// Creates the activity, or returns the one that already has the ARN (AWS's
    /// CreateActivity is idempotent).
    public func createActivity(_ record: ActivityRecord) async throws -> ActivityRecord {
        try await writing { db in
            if let existing = try Row.fetchOne(db, sql: "SELECT \(Columns.activity) FROM activity WHERE arn = ?",
                                               arguments: [record.arn]) {
                return Columns.activity(existing)
            }
            try db.execute(sql: "INSERT INTO activity (arn, name, createdAt) VALUES (?, ?, ?)",
                           arguments: [record.arn, record.name, record.createdAt.storedValue])
            return record
        }
    }

    public func activity(arn: String) async throws -> ActivityRecord? {
        try await reading { db in
            try Row.fetchOne(db, sql: "SELECT \(Columns.activity) FROM activity WHERE arn = ?", arguments: [arn])
                .map(Columns.activity)
        }
    }

    @discardableResult public func deleteActivity(arn: String) async throws -> Bool {
        try await writing { db in
            try db.execute(sql: "DELETE FROM activity WHERE arn = ?", arguments: [arn])
            let deleted = db.changesCount == 1
            try db.execute(sql: "DELETE FROM tag WHERE resourceArn = ?", arguments: [arn])
            return deleted
        }
    }

    public func listActivities(limit: Int, cursor: String?) async throws -> Page<ActivityRecord> {
        let after = try Cursor.decodeID(cursor, kind: "activity") ?? 0
        return try await reading { db in
            let rows = try Row.fetchAll(
                db, sql: "SELECT \(Columns.activity) FROM activity WHERE id > ? ORDER BY id LIMIT ?",
                arguments: [after, max(limit, 0) + 1])
            return page(rows.map { (Cursor.after(kind: "activity", id: $0[0]), Columns.activity($0)) }, limit: limit)
        }
    }

    // MARK: Tags

    public func tags(resourceArn: String) async throws -> [String: String] {
        try await reading { db in
            var tags: [String: String] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT key, value FROM tag WHERE resourceArn = ?",
                                        arguments: [resourceArn]) {
                tags[row[0]] = row[1] as String
            }
            return tags
        }
    }

    /// Adds the tags, replacing the values of keys already set (AWS TagResource).
    public func setTags(resourceArn: String, _ tags: [String: String]) async throws {
        try await writing { db in
            let statement = try db.cachedStatement(sql: """
                INSERT INTO tag (resourceArn, key, value) VALUES (?, ?, ?)
                ON CONFLICT (resourceArn, key) DO UPDATE SET value = excluded.value
                """)
            for (key, value) in tags {
                try statement.execute(arguments: [resourceArn, key, value])
            }
        }
    }

    public func removeTags(resourceArn: String, keys: [String]) async throws {
        try await writing { db in
            let statement = try db.cachedStatement(sql: "DELETE FROM tag WHERE resourceArn = ? AND key = ?")
            for key in keys {
                try statement.execute(arguments: [resourceArn, key])
            }
        }
    }
}
