import Foundation
import GRDB
import StepwiseStore

// Lambda-style functions.
extension SQLiteStore: FunctionStore {
    static let schemaV3 = """
        CREATE TABLE function (
            name TEXT NOT NULL PRIMARY KEY,
            arn TEXT NOT NULL,
            runtime TEXT NOT NULL,
            handler TEXT NOT NULL,
            codeLocation TEXT NOT NULL,
            timeout REAL NOT NULL,
            memorySize INTEGER NOT NULL,
            environment TEXT NOT NULL,          -- a JSON object of strings
            reservedConcurrency INTEGER,
            description TEXT NOT NULL,
            role TEXT NOT NULL,
            lastModified REAL NOT NULL,
            codeSha256 TEXT NOT NULL
        ) WITHOUT ROWID;

        CREATE TABLE logGroup (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            name TEXT NOT NULL UNIQUE,
            creationTime INTEGER NOT NULL,     -- milliseconds since 1970, as the API speaks
            retentionInDays INTEGER
        );

        CREATE TABLE logStream (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            groupID INTEGER NOT NULL REFERENCES logGroup(id),
            name TEXT NOT NULL,
            creationTime INTEGER NOT NULL,
            firstEventTimestamp INTEGER,
            lastEventTimestamp INTEGER,
            lastIngestionTime INTEGER,
            storedBytes INTEGER NOT NULL DEFAULT 0,
            UNIQUE (groupID, name)
        );

        CREATE TABLE logEvent (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            groupID INTEGER NOT NULL REFERENCES logGroup(id),
            streamID INTEGER NOT NULL REFERENCES logStream(id),
            timestamp INTEGER NOT NULL,
            ingestionTime INTEGER NOT NULL,
            message TEXT NOT NULL
        );
        -- FilterLogEvents and GetLogEvents read a group's events in time order.
        CREATE INDEX logEvent_time ON logEvent(groupID, timestamp, id);
        """

    public func createFunction(_ record: FunctionRecord) async throws {
        let environment = try Self.encodeEnvironment(record.environment)
        try await writing { db in
            try db.execute(
                sql: """
                    INSERT INTO function (name, arn, runtime, handler, codeLocation, timeout, memorySize, environment,
                        reservedConcurrency, description, role, lastModified, codeSha256)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [record.name, record.arn, record.runtime, record.handler, record.codeLocation, record.timeout,
                            record.memorySize, environment, record.reservedConcurrency, record.description, record.role,
                            record.lastModified.storedValue, record.codeSha256])
        }
    }

    public func updateFunction(_ record: FunctionRecord) async throws {
        let environment = try Self.encodeEnvironment(record.environment)
        try await writing { db in
            try db.execute(
                sql: """
                    UPDATE function SET arn = ?, runtime = ?, handler = ?, codeLocation = ?, timeout = ?, memorySize = ?,
                        environment = ?, reservedConcurrency = ?, description = ?, role = ?, lastModified = ?, codeSha256 = ?
                    WHERE name = ?
                    """,
                arguments: [record.arn, record.runtime, record.handler, record.codeLocation, record.timeout,
                            record.memorySize, environment, record.reservedConcurrency, record.description, record.role,
                            record.lastModified.storedValue, record.codeSha256, record.name])
            guard db.changesCount == 1 else { throw StoreError.notFound(record.name) }
        }
    }

    public func function(name: String) async throws -> FunctionRecord? {
        try await reading { db in
            try Row.fetchOne(db, sql: "SELECT \(Self.functionColumns) FROM function WHERE name = ?", arguments: [name])
                .map(Self.functionRecord)
        }
    }

    @discardableResult public func deleteFunction(name: String) async throws -> Bool {
        try await writing { db in
            try db.execute(sql: "DELETE FROM function WHERE name = ?", arguments: [name])
            return db.changesCount == 1
        }
    }

    public func listFunctions(limit: Int, cursor: String?) async throws -> Page<FunctionRecord> {
        let offset = try OffsetCursor.decode(cursor, kind: "function")
        return try await reading { db in
            let rows = try Row.fetchAll(
                db, sql: "SELECT \(Self.functionColumns) FROM function ORDER BY name LIMIT ? OFFSET ?",
                arguments: [max(limit, 0) + 1, offset])
            return OffsetCursor.page(try rows.map(Self.functionRecord), kind: "function", offset: offset, limit: limit)
        }
    }

    private static let functionColumns = """
        name, arn, runtime, handler, codeLocation, timeout, memorySize, environment, reservedConcurrency,
        description, role, lastModified, codeSha256
        """

    private static func functionRecord(_ row: Row) throws -> FunctionRecord {
        let environmentText: String = row[7]
        guard let environment = try? JSONDecoder().decode([String: String].self, from: Data(environmentText.utf8)) else {
            throw StoreError.backend("unreadable environment of function '\(row[0] as String)' in the database")
        }
        return FunctionRecord(
            name: row[0], arn: row[1], runtime: row[2], handler: row[3], codeLocation: row[4], timeout: row[5],
            memorySize: row[6], environment: environment, reservedConcurrency: row[8], description: row[9],
            role: row[10], lastModified: Date(storedValue: row[11]), codeSha256: row[12])
    }

    private static func encodeEnvironment(_ environment: [String: String]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        guard let data = try? encoder.encode(environment), let text = String(data: data, encoding: .utf8) else {
            throw StoreError.backend("cannot encode an environment")
        }
        return text
    }
}

/// Listing cursors of the functions and logs tables: base64 of a kind tag and an offset
/// (these listings are short and change rarely; a tag keeps one listing's cursor out of
/// another).
enum OffsetCursor {
    static func decode(_ cursor: String?, kind: String) throws -> Int {
        guard let cursor else { return 0 }
        guard let data = Data(base64Encoded: cursor), let text = String(data: data, encoding: .utf8) else {
            throw StoreError.invalidCursor
        }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0] == kind, let offset = Int(parts[1]), offset >= 0 else {
            throw StoreError.invalidCursor
        }
        return offset
    }

    /// A page from up to `limit + 1` rows read at `offset`.
    static func page<Item: Sendable>(_ rows: [Item], kind: String, offset: Int, limit: Int) -> Page<Item> {
        let limit = max(limit, 0)
        guard rows.count > limit else { return Page(items: rows, nextCursor: nil) }
        let next = Data("\(kind):\(offset + limit)".utf8).base64EncodedString()
        return Page(items: Array(rows.prefix(limit)), nextCursor: next)
    }
}
