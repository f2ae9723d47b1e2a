import Foundation
import GRDB
import StepwiseStore

// Lambda event source mappings (queue → function).
extension SQLiteStore: EventSourceMappingStore {
    static let eventSourceMappingSchema = """
        CREATE TABLE eventSourceMapping (
            id INTEGER PRIMARY KEY AUTOINCREMENT,   -- creation order, for listings
            uuid TEXT NOT NULL UNIQUE,
            functionArn TEXT NOT NULL,
            eventSourceArn TEXT NOT NULL,
            batchSize INTEGER NOT NULL,
            maximumBatchingWindowInSeconds INTEGER NOT NULL,
            enabled INTEGER NOT NULL,
            functionResponseTypes TEXT NOT NULL,    -- comma-separated
            filterCriteria TEXT,
            lastModified REAL NOT NULL,
            -- Lambda allows one mapping per function and event source.
            UNIQUE (functionArn, eventSourceArn)
        );
        CREATE INDEX eventSourceMapping_source ON eventSourceMapping(eventSourceArn, id);
        """

    public func createEventSourceMapping(_ record: EventSourceMappingRecord) async throws {
        try await writing { db in
            try db.execute(
                sql: """
                    INSERT INTO eventSourceMapping (uuid, functionArn, eventSourceArn, batchSize,
                        maximumBatchingWindowInSeconds, enabled, functionResponseTypes, filterCriteria, lastModified)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [record.uuid, record.functionArn, record.eventSourceArn, record.batchSize,
                            record.maximumBatchingWindowInSeconds, record.enabled,
                            record.functionResponseTypes.joined(separator: ","), record.filterCriteria,
                            record.lastModified.storedValue])
        }
    }

    public func eventSourceMapping(uuid: String) async throws -> EventSourceMappingRecord? {
        try await reading { db in
            try Row.fetchOne(db, sql: "SELECT \(Self.mappingColumns) FROM eventSourceMapping WHERE uuid = ?", arguments: [uuid])
                .map(Self.mappingRecord)
        }
    }

    public func updateEventSourceMapping(_ record: EventSourceMappingRecord) async throws {
        try await writing { db in
            try db.execute(
                sql: """
                    UPDATE eventSourceMapping SET functionArn = ?, eventSourceArn = ?, batchSize = ?,
                        maximumBatchingWindowInSeconds = ?, enabled = ?, functionResponseTypes = ?, filterCriteria = ?,
                        lastModified = ?
                    WHERE uuid = ?
                    """,
                arguments: [record.functionArn, record.eventSourceArn, record.batchSize,
                            record.maximumBatchingWindowInSeconds, record.enabled,
                            record.functionResponseTypes.joined(separator: ","), record.filterCriteria,
                            record.lastModified.storedValue, record.uuid])
            guard db.changesCount == 1 else { throw StoreError.notFound(record.uuid) }
        }
    }

    @discardableResult public func deleteEventSourceMapping(uuid: String) async throws -> Bool {
        try await writing { db in
            try db.execute(sql: "DELETE FROM eventSourceMapping WHERE uuid = ?", arguments: [uuid])
            return db.changesCount == 1
        }
    }

    public func listEventSourceMappings(functionArn: String?, eventSourceArn: String?, limit: Int,
                                        cursor: String?) async throws -> Page<EventSourceMappingRecord> {
        let offset = try OffsetCursor.decode(cursor, kind: "eventSourceMapping")
        return try await reading { db in
            let rows = try Row.fetchAll(
                db, sql: """
                    SELECT \(Self.mappingColumns) FROM eventSourceMapping
                    WHERE (?1 IS NULL OR functionArn = ?1) AND (?2 IS NULL OR eventSourceArn = ?2)
                    ORDER BY id LIMIT ?3 OFFSET ?4
                    """,
                arguments: [functionArn, eventSourceArn, max(limit, 0) + 1, offset])
            return OffsetCursor.page(try rows.map(Self.mappingRecord), kind: "eventSourceMapping", offset: offset, limit: limit)
        }
    }

    private static let mappingColumns = """
        uuid, functionArn, eventSourceArn, batchSize, maximumBatchingWindowInSeconds, enabled,
        functionResponseTypes, filterCriteria, lastModified
        """

    private static func mappingRecord(_ row: Row) throws -> EventSourceMappingRecord {
        let types: String = row[6]
        return EventSourceMappingRecord(
            uuid: row[0], functionArn: row[1], eventSourceArn: row[2], batchSize: row[3],
            maximumBatchingWindowInSeconds: row[4], enabled: row[5],
            functionResponseTypes: types.split(separator: ",").map(String.init), filterCriteria: row[7],
            lastModified: Date(storedValue: row[8]))
    }
}
