import Foundation
import GRDB
import StepwiseStore

// Definitions by digest, and secrets shared by every node.
extension SQLiteStore {
    public func saveDefinition(id: String, text: String) async throws {
        try await writing { db in
            try db.cachedStatement(sql: "INSERT INTO definition (id, text) VALUES (?, ?) ON CONFLICT (id) DO NOTHING")
                .execute(arguments: [id, text])
        }
    }

    public func definition(id: String) async throws -> String? {
        try await reading { db in
            try String.fetchOne(db.cachedStatement(sql: "SELECT text FROM definition WHERE id = ?"), arguments: [id])
        }
    }

    public func secret(named name: String, proposed: Data) async throws -> Data {
        try await writing { db in
            if let existing = try Data.fetchOne(db.cachedStatement(sql: "SELECT value FROM secret WHERE name = ?"), arguments: [name]) {
                return existing
            }
            try db.cachedStatement(sql: "INSERT INTO secret (name, value) VALUES (?, ?)").execute(arguments: [name, proposed])
            return proposed
        }
    }
}
