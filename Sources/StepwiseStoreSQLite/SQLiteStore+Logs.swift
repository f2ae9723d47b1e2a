import Foundation
import GRDB
import StepwiseStore

// CloudWatch Logs' groups, streams and events.
extension SQLiteStore: LogStore {
    public func createLogGroup(name: String, now: Int64) async throws {
        try await writing { db in
            try db.execute(sql: "INSERT INTO logGroup (name, creationTime) VALUES (?, ?)", arguments: [name, now])
        }
    }

    @discardableResult public func deleteLogGroup(name: String) async throws -> Bool {
        try await writing { db in
            guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM logGroup WHERE name = ?", arguments: [name]) else {
                return false
            }
            try db.execute(sql: "DELETE FROM logEvent WHERE groupID = ?", arguments: [id])
            try db.execute(sql: "DELETE FROM logStream WHERE groupID = ?", arguments: [id])
            try db.execute(sql: "DELETE FROM logGroup WHERE id = ?", arguments: [id])
            return true
        }
    }

    public func createLogStream(groupName: String, name: String, now: Int64) async throws {
        try await writing { db in
            guard let group = try Int64.fetchOne(db, sql: "SELECT id FROM logGroup WHERE name = ?", arguments: [groupName]) else {
                throw StoreError.notFound(groupName)
            }
            try db.execute(sql: "INSERT INTO logStream (groupID, name, creationTime) VALUES (?, ?, ?)",
                           arguments: [group, name, now])
        }
    }

    public func putLogEvents(groupName: String, streamName: String, events: [LogEventInput], now: Int64,
                             creatingMissing: Bool) async throws {
        try await writing { db in
            var group = try Int64.fetchOne(db, sql: "SELECT id FROM logGroup WHERE name = ?", arguments: [groupName])
            if group == nil, creatingMissing {
                try db.execute(sql: "INSERT INTO logGroup (name, creationTime) VALUES (?, ?)", arguments: [groupName, now])
                group = db.lastInsertedRowID
            }
            guard let group else { throw StoreError.notFound(groupName) }
            var stream = try Int64.fetchOne(db, sql: "SELECT id FROM logStream WHERE groupID = ? AND name = ?",
                                            arguments: [group, streamName])
            if stream == nil, creatingMissing {
                try db.execute(sql: "INSERT INTO logStream (groupID, name, creationTime) VALUES (?, ?, ?)",
                               arguments: [group, streamName, now])
                stream = db.lastInsertedRowID
            }
            guard let stream else { throw StoreError.notFound(streamName) }
            guard !events.isEmpty else { return }
            let insert = try db.cachedStatement(
                sql: "INSERT INTO logEvent (groupID, streamID, timestamp, ingestionTime, message) VALUES (?, ?, ?, ?, ?)")
            var bytes: Int64 = 0
            for event in events {
                try insert.execute(arguments: [group, stream, event.timestamp, now, event.message])
                bytes += Int64(event.message.utf8.count)
            }
            let first = events.map(\.timestamp).min() ?? now
            let last = events.map(\.timestamp).max() ?? now
            try db.execute(
                sql: """
                    UPDATE logStream SET
                        firstEventTimestamp = min(coalesce(firstEventTimestamp, ?), ?),
                        lastEventTimestamp = max(coalesce(lastEventTimestamp, ?), ?),
                        lastIngestionTime = ?, storedBytes = storedBytes + ?
                    WHERE id = ?
                    """,
                arguments: [first, first, last, last, now, bytes, stream])
        }
    }

    public func logGroups(prefix: String?, limit: Int, cursor: String?) async throws -> Page<LogGroupRecord> {
        let offset = try OffsetCursor.decode(cursor, kind: "logGroup")
        return try await reading { db in
            let rows = try Row.fetchAll(
                db, sql: """
                    SELECT g.name, g.creationTime, g.retentionInDays,
                        (SELECT coalesce(sum(s.storedBytes), 0) FROM logStream s WHERE s.groupID = g.id)
                    FROM logGroup g WHERE substr(g.name, 1, ?) = ? ORDER BY g.name LIMIT ? OFFSET ?
                    """,
                arguments: [(prefix ?? "").count, prefix ?? "", max(limit, 0) + 1, offset])
            let groups = rows.map { LogGroupRecord(name: $0[0], creationTime: $0[1], storedBytes: $0[3], retentionInDays: $0[2]) }
            return OffsetCursor.page(groups, kind: "logGroup", offset: offset, limit: limit)
        }
    }

    public func logGroup(name: String) async throws -> LogGroupRecord? {
        try await logGroups(prefix: name, limit: 1000, cursor: nil).items.first { $0.name == name }
    }

    public func logStreams(groupName: String, prefix: String?, byLastEventTime: Bool, descending: Bool,
                           limit: Int, cursor: String?) async throws -> Page<LogStreamRecord> {
        let offset = try OffsetCursor.decode(cursor, kind: "logStream")
        let direction = descending ? "DESC" : "ASC"
        let order = byLastEventTime ? "coalesce(s.lastEventTimestamp, 0) \(direction), s.id \(direction)" : "s.name \(direction)"
        return try await reading { db in
            guard let group = try Int64.fetchOne(db, sql: "SELECT id FROM logGroup WHERE name = ?", arguments: [groupName]) else {
                throw StoreError.notFound(groupName)
            }
            let rows = try Row.fetchAll(
                db, sql: """
                    SELECT s.name, s.creationTime, s.firstEventTimestamp, s.lastEventTimestamp, s.lastIngestionTime,
                        s.storedBytes
                    FROM logStream s WHERE s.groupID = ? AND substr(s.name, 1, ?) = ? ORDER BY \(order) LIMIT ? OFFSET ?
                    """,
                arguments: [group, (prefix ?? "").count, prefix ?? "", max(limit, 0) + 1, offset])
            let streams = rows.map {
                LogStreamRecord(groupName: groupName, name: $0[0], creationTime: $0[1], firstEventTimestamp: $0[2],
                                lastEventTimestamp: $0[3], lastIngestionTime: $0[4], storedBytes: $0[5])
            }
            return OffsetCursor.page(streams, kind: "logStream", offset: offset, limit: limit)
        }
    }

    public func logEvents(groupName: String, _ query: LogEventQuery) async throws -> [LogEventRecord] {
        try await reading { db in
            guard let group = try Int64.fetchOne(db, sql: "SELECT id FROM logGroup WHERE name = ?", arguments: [groupName]) else {
                throw StoreError.notFound(groupName)
            }
            var conditions = ["e.groupID = ?"]
            var arguments: StatementArguments = [group]
            if let names = query.streamNames {
                conditions.append("s.name IN (\(names.map { _ in "?" }.joined(separator: ", ")))")
                for name in names { arguments += [name] }
            }
            if let prefix = query.streamNamePrefix {
                conditions.append("substr(s.name, 1, ?) = ?")
                arguments += [prefix.count, prefix]
            }
            if let start = query.startTime {
                conditions.append("e.timestamp >= ?")
                arguments += [start]
            }
            if let end = query.endTime {
                conditions.append("e.timestamp < ?")
                arguments += [end]
            }
            if let after = query.after {
                conditions.append("(e.timestamp, e.id) > (?, ?)")
                arguments += [after.timestamp, after.id]
            }
            if let before = query.before {
                conditions.append("(e.timestamp, e.id) < (?, ?)")
                arguments += [before.timestamp, before.id]
            }
            let direction = query.before == nil ? "ASC" : "DESC"
            arguments += [max(query.limit, 0)]
            let rows = try Row.fetchAll(
                db, sql: """
                    SELECT e.id, s.name, e.timestamp, e.ingestionTime, e.message
                    FROM logEvent e JOIN logStream s ON s.id = e.streamID
                    WHERE \(conditions.joined(separator: " AND "))
                    ORDER BY e.timestamp \(direction), e.id \(direction) LIMIT ?
                    """,
                arguments: arguments)
            return rows.map { LogEventRecord(id: $0[0], streamName: $0[1], timestamp: $0[2], ingestionTime: $0[3], message: $0[4]) }
        }
    }
}
