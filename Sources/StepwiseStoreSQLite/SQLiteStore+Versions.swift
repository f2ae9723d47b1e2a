import Foundation
import GRDB
import StepwiseStore

// State machine versions and aliases.
extension SQLiteStore {
    // MARK: Versions

    public func publishStateMachineVersion(stateMachineArn: String, expectedRevisionID: String?, description: String?,
                                           now: Date) async throws -> VersionPublication {
        try await writing { db in
            guard let machine = try Row.fetchOne(
                db, sql: "SELECT \(Columns.stateMachine), lastVersion FROM stateMachine WHERE arn = ?",
                arguments: [stateMachineArn]) else { return .stateMachineNotFound }
            let record = try Columns.stateMachine(machine)
            if let expectedRevisionID, expectedRevisionID != record.revisionID {
                return .revisionMismatch(currentRevisionID: record.revisionID)
            }
            if let existing = try Row.fetchOne(
                db, sql: "SELECT \(Columns.version) FROM stateMachineVersion WHERE stateMachineArn = ? AND revisionID = ?",
                arguments: [stateMachineArn, record.revisionID]) {
                return .existing(try Columns.version(existing))
            }
            let number = (machine[12] as Int) + 1
            let version = StateMachineVersionRecord(
                arn: "\(stateMachineArn):\(number)", stateMachineArn: stateMachineArn, version: number, type: record.type,
                definition: record.definition, roleArn: record.roleArn, description: description,
                revisionID: record.revisionID, createdAt: now, loggingConfiguration: record.loggingConfiguration,
                tracingConfiguration: record.tracingConfiguration)
            try db.execute(
                sql: """
                    INSERT INTO stateMachineVersion (arn, stateMachineArn, version, type, definition, roleArn, description,
                        revisionID, createdAt, loggingConfiguration, tracingConfiguration)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [version.arn, stateMachineArn, number, version.type.rawValue, version.definition, version.roleArn,
                            version.description, version.revisionID, now.storedValue, version.loggingConfiguration,
                            version.tracingConfiguration])
            try db.execute(sql: "UPDATE stateMachine SET lastVersion = ? WHERE arn = ?", arguments: [number, stateMachineArn])
            return .published(version)
        }
    }

    public func stateMachineVersion(arn: String) async throws -> StateMachineVersionRecord? {
        try await reading { db in
            try Row.fetchOne(db, sql: "SELECT \(Columns.version) FROM stateMachineVersion WHERE arn = ?", arguments: [arn])
                .map(Columns.version)
        }
    }

    public func listStateMachineVersions(stateMachineArn: String, limit: Int,
                                         cursor: String?) async throws -> Page<StateMachineVersionRecord> {
        let before = try Cursor.decodeID(cursor, kind: "version") ?? Int64.max
        return try await reading { db in
            let rows = try Row.fetchAll(
                db, sql: """
                    SELECT \(Columns.version) FROM stateMachineVersion WHERE stateMachineArn = ? AND version < ?
                    ORDER BY version DESC LIMIT ?
                    """,
                arguments: [stateMachineArn, before, max(limit, 0) + 1])
            return page(try rows.map { row in
                let version = try Columns.version(row)
                return (Cursor.after(kind: "version", id: Int64(version.version)), version)
            }, limit: limit)
        }
    }

    public func deleteStateMachineVersion(arn: String) async throws -> VersionDeletion {
        try await writing { db in
            let aliases = try String.fetchAll(
                db, sql: """
                    SELECT DISTINCT a.arn FROM aliasRoute r JOIN stateMachineAlias a ON a.id = r.aliasID
                    WHERE r.versionArn = ? ORDER BY a.arn
                    """,
                arguments: [arn])
            if !aliases.isEmpty { return .referenced(aliasArns: aliases) }
            try db.execute(sql: "DELETE FROM stateMachineVersion WHERE arn = ?", arguments: [arn])
            return db.changesCount == 1 ? .deleted : .absent
        }
    }

    // MARK: Aliases

    public func createStateMachineAlias(_ record: StateMachineAliasRecord) async throws {
        try await writing { db in
            try Self.requireVersions(db, record.routes)
            try db.execute(
                sql: """
                    INSERT INTO stateMachineAlias (arn, stateMachineArn, name, description, createdAt, updatedAt)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """,
                arguments: [record.arn, record.stateMachineArn, record.name, record.description,
                            record.createdAt.storedValue, record.updatedAt.storedValue])
            try Self.writeRoutes(db, aliasID: db.lastInsertedRowID, record.routes)
        }
    }

    public func stateMachineAlias(arn: String) async throws -> StateMachineAliasRecord? {
        try await reading { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT \(Columns.alias) FROM stateMachineAlias WHERE arn = ?",
                                             arguments: [arn]) else { return nil }
            return try Self.alias(db, row)
        }
    }

    public func updateStateMachineAlias(_ record: StateMachineAliasRecord) async throws {
        try await writing { db in
            guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM stateMachineAlias WHERE arn = ?", arguments: [record.arn]) else {
                throw StoreError.notFound(record.arn)
            }
            try Self.requireVersions(db, record.routes)
            try db.execute(
                sql: "UPDATE stateMachineAlias SET description = ?, createdAt = ?, updatedAt = ? WHERE id = ?",
                arguments: [record.description, record.createdAt.storedValue, record.updatedAt.storedValue, id])
            try db.execute(sql: "DELETE FROM aliasRoute WHERE aliasID = ?", arguments: [id])
            try Self.writeRoutes(db, aliasID: id, record.routes)
        }
    }

    @discardableResult public func deleteStateMachineAlias(arn: String) async throws -> Bool {
        try await writing { db in
            guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM stateMachineAlias WHERE arn = ?", arguments: [arn]) else {
                return false
            }
            try db.execute(sql: "DELETE FROM aliasRoute WHERE aliasID = ?", arguments: [id])
            try db.execute(sql: "DELETE FROM stateMachineAlias WHERE id = ?", arguments: [id])
            return true
        }
    }

    public func listStateMachineAliases(stateMachineArn: String, routingTo versionArn: String?, limit: Int,
                                        cursor: String?) async throws -> Page<StateMachineAliasRecord> {
        let after = try Cursor.decodeID(cursor, kind: "alias") ?? 0
        return try await reading { db in
            var sql = "SELECT \(Columns.alias) FROM stateMachineAlias WHERE stateMachineArn = ? AND id > ?"
            var arguments: StatementArguments = [stateMachineArn, after]
            if let versionArn {
                sql += " AND id IN (SELECT aliasID FROM aliasRoute WHERE versionArn = ?)"
                arguments += [versionArn]
            }
            sql += " ORDER BY id LIMIT ?"
            arguments += [max(limit, 0) + 1]
            let rows = try Row.fetchAll(db, sql: sql, arguments: arguments)
            return page(try rows.map { (Cursor.after(kind: "alias", id: $0[0]), try Self.alias(db, $0)) }, limit: limit)
        }
    }

    /// Deletes a state machine's versions and aliases (with the machine, in its transaction).
    static func deleteVersionsAndAliases(_ db: Database, stateMachineArn: String) throws {
        try db.execute(
            sql: "DELETE FROM aliasRoute WHERE aliasID IN (SELECT id FROM stateMachineAlias WHERE stateMachineArn = ?)",
            arguments: [stateMachineArn])
        try db.execute(sql: "DELETE FROM stateMachineAlias WHERE stateMachineArn = ?", arguments: [stateMachineArn])
        try db.execute(sql: "DELETE FROM stateMachineVersion WHERE stateMachineArn = ?", arguments: [stateMachineArn])
    }

    private static func requireVersions(_ db: Database, _ routes: [AliasRoute]) throws {
        for route in routes {
            guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM stateMachineVersion WHERE arn = ?)",
                                    arguments: [route.versionArn]) == true else {
                throw StoreError.notFound(route.versionArn)
            }
        }
    }

    private static func writeRoutes(_ db: Database, aliasID: Int64, _ routes: [AliasRoute]) throws {
        let insert = try db.cachedStatement(sql: "INSERT INTO aliasRoute (aliasID, position, versionArn, weight) VALUES (?, ?, ?, ?)")
        for (position, route) in routes.enumerated() {
            try insert.execute(arguments: [aliasID, position, route.versionArn, route.weight])
        }
    }

    private static func alias(_ db: Database, _ row: Row) throws -> StateMachineAliasRecord {
        let routes = try Row.fetchAll(
            db.cachedStatement(sql: "SELECT versionArn, weight FROM aliasRoute WHERE aliasID = ? ORDER BY position"),
            arguments: [row[0] as Int64]
        ).map { AliasRoute(versionArn: $0[0], weight: $0[1]) }
        return StateMachineAliasRecord(
            arn: row[1], stateMachineArn: row[2], name: row[3], description: row[4], routes: routes,
            createdAt: Date(storedValue: row[5]), updatedAt: Date(storedValue: row[6]))
    }
}

extension Columns {
    static let version = """
        arn, stateMachineArn, version, type, definition, roleArn, description, revisionID, createdAt,
        loggingConfiguration, tracingConfiguration
        """

    static func version(_ row: Row) throws -> StateMachineVersionRecord {
        StateMachineVersionRecord(
            arn: row[0], stateMachineArn: row[1], version: row[2], type: try decode(StateMachineType.self, row[3]),
            definition: row[4], roleArn: row[5], description: row[6], revisionID: row[7],
            createdAt: Date(storedValue: row[8]), loggingConfiguration: row[9], tracingConfiguration: row[10])
    }

    /// `id` first.
    static let alias = "id, arn, stateMachineArn, name, description, createdAt, updatedAt"
}
