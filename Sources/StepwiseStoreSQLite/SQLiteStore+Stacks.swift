import Foundation
import GRDB
import StepwiseStore

// Deployed stacks: one row per stack; its resources, outputs and warnings as one JSON document,
// since they are always read and written whole.
extension SQLiteStore: StackStore {
    /// v6: stacks.
    static let stacksSchema = """
        CREATE TABLE stack (
            name TEXT NOT NULL PRIMARY KEY,
            stackId TEXT NOT NULL,
            status TEXT NOT NULL,
            createdAt REAL NOT NULL,
            updatedAt REAL NOT NULL,
            document TEXT NOT NULL   -- the whole StackRecord as JSON
        ) WITHOUT ROWID;
        """

    public func putStack(_ record: StackRecord) async throws {
        let document = try Self.encodeStack(record)
        try await writing { db in
            try db.execute(
                sql: """
                    INSERT INTO stack (name, stackId, status, createdAt, updatedAt, document) VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT (name) DO UPDATE SET stackId = excluded.stackId, status = excluded.status,
                        updatedAt = excluded.updatedAt, document = excluded.document
                    """,
                arguments: [record.name, record.stackId, record.status, record.createdAt.storedValue,
                            record.updatedAt.storedValue, document])
        }
    }

    public func stack(named name: String) async throws -> StackRecord? {
        let document = try await reading { db in
            try String.fetchOne(db, sql: "SELECT document FROM stack WHERE name = ?", arguments: [name])
        }
        return try document.map(Self.decodeStack)
    }

    public func listStacks() async throws -> [StackRecord] {
        let documents = try await reading { db in
            try String.fetchAll(db, sql: "SELECT document FROM stack ORDER BY name")
        }
        return try documents.map(Self.decodeStack)
    }

    @discardableResult public func deleteStack(named name: String) async throws -> Bool {
        try await writing { db in
            try db.execute(sql: "DELETE FROM stack WHERE name = ?", arguments: [name])
            return db.changesCount == 1
        }
    }

    private static func encodeStack(_ record: StackRecord) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        // Date's own reference keeps dates exactly equal when read back, as the columns do.
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(date.timeIntervalSinceReferenceDate)
        }
        guard let data = try? encoder.encode(record), let text = String(data: data, encoding: .utf8) else {
            throw StoreError.backend("cannot encode the stack '\(record.name)'")
        }
        return text
    }

    private static func decodeStack(_ text: String) throws -> StackRecord {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            Date(timeIntervalSinceReferenceDate: try decoder.singleValueContainer().decode(Double.self))
        }
        guard let record = try? decoder.decode(StackRecord.self, from: Data(text.utf8)) else {
            throw StoreError.backend("unreadable stack document in the database")
        }
        return record
    }
}
