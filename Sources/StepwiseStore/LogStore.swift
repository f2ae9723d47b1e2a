import Foundation

/// A CloudWatch Logs log group.
public struct LogGroupRecord: Sendable, Equatable {
    public var name: String
    /// Milliseconds since 1970, as CloudWatch Logs reports times.
    public var creationTime: Int64
    public var storedBytes: Int64
    public var retentionInDays: Int?

    public init(name: String, creationTime: Int64, storedBytes: Int64 = 0, retentionInDays: Int? = nil) {
        self.name = name
        self.creationTime = creationTime
        self.storedBytes = storedBytes
        self.retentionInDays = retentionInDays
    }
}

/// A log stream of a group.
public struct LogStreamRecord: Sendable, Equatable {
    public var groupName: String
    public var name: String
    public var creationTime: Int64
    public var firstEventTimestamp: Int64?
    public var lastEventTimestamp: Int64?
    public var lastIngestionTime: Int64?
    public var storedBytes: Int64

    public init(groupName: String, name: String, creationTime: Int64, firstEventTimestamp: Int64? = nil,
                lastEventTimestamp: Int64? = nil, lastIngestionTime: Int64? = nil, storedBytes: Int64 = 0) {
        self.groupName = groupName
        self.name = name
        self.creationTime = creationTime
        self.firstEventTimestamp = firstEventTimestamp
        self.lastEventTimestamp = lastEventTimestamp
        self.lastIngestionTime = lastIngestionTime
        self.storedBytes = storedBytes
    }
}

extension Date {
    /// Milliseconds since 1970, rounded down: how CloudWatch Logs (and Step Functions' logs)
    /// give times.
    public var epochMilliseconds: Int64 { Int64((timeIntervalSince1970 * 1000).rounded(.down)) }
}

/// One event to append (PutLogEvents' `InputLogEvent`).
public struct LogEventInput: Sendable, Equatable {
    /// Milliseconds since 1970.
    public var timestamp: Int64
    public var message: String

    public init(timestamp: Int64, message: String) {
        self.timestamp = timestamp
        self.message = message
    }
}

/// A stored event.
public struct LogEventRecord: Sendable, Equatable {
    /// Increases with every event stored (the order of arrival), across all streams.
    public var id: Int64
    public var streamName: String
    public var timestamp: Int64
    public var ingestionTime: Int64
    public var message: String

    public init(id: Int64, streamName: String, timestamp: Int64, ingestionTime: Int64, message: String) {
        self.id = id
        self.streamName = streamName
        self.timestamp = timestamp
        self.ingestionTime = ingestionTime
        self.message = message
    }
}

/// Which events of a group to read, in (timestamp, id) order.
public struct LogEventQuery: Sendable, Equatable {
    /// nil: every stream of the group.
    public var streamNames: [String]?
    public var streamNamePrefix: String?
    /// Inclusive, milliseconds since 1970.
    public var startTime: Int64?
    /// Exclusive (CloudWatch Logs' `endTime` for FilterLogEvents and GetLogEvents).
    public var endTime: Int64?
    /// Continue after this (timestamp, id) position, ascending.
    public var after: LogPosition?
    /// Read before this position instead, descending (GetLogEvents' backward token).
    public var before: LogPosition?
    public var limit: Int

    public init(streamNames: [String]? = nil, streamNamePrefix: String? = nil, startTime: Int64? = nil,
                endTime: Int64? = nil, after: LogPosition? = nil, before: LogPosition? = nil, limit: Int) {
        self.streamNames = streamNames
        self.streamNamePrefix = streamNamePrefix
        self.startTime = startTime
        self.endTime = endTime
        self.after = after
        self.before = before
        self.limit = limit
    }
}

/// A place between events: events sort by timestamp, then by id.
public struct LogPosition: Sendable, Equatable, Hashable {
    public var timestamp: Int64
    public var id: Int64

    public init(timestamp: Int64, id: Int64) {
        self.timestamp = timestamp
        self.id = id
    }
}

/// CloudWatch Logs' groups, streams and events. Durability: every method that returns has
/// committed. Times are milliseconds since 1970, passed in (the store reads no clock).
public protocol LogStore: Sendable {
    /// Fails with ``StoreError/alreadyExists``.
    func createLogGroup(name: String, now: Int64) async throws
    @discardableResult func deleteLogGroup(name: String) async throws -> Bool
    /// Fails with ``StoreError/notFound`` (no group) or ``StoreError/alreadyExists``.
    func createLogStream(groupName: String, name: String, now: Int64) async throws
    /// Appends events to a stream. With `creatingMissing`, a missing group and stream are
    /// created first (how Lambda's runtime logs); else a missing one fails with
    /// ``StoreError/notFound``.
    func putLogEvents(groupName: String, streamName: String, events: [LogEventInput], now: Int64,
                      creatingMissing: Bool) async throws
    /// Groups whose name starts with `prefix`, by name.
    func logGroups(prefix: String?, limit: Int, cursor: String?) async throws -> Page<LogGroupRecord>
    func logGroup(name: String) async throws -> LogGroupRecord?
    /// Streams of a group, by name or (`byLastEventTime`) by their last event; fails with
    /// ``StoreError/notFound`` when the group does not exist.
    func logStreams(groupName: String, prefix: String?, byLastEventTime: Bool, descending: Bool,
                    limit: Int, cursor: String?) async throws -> Page<LogStreamRecord>
    /// Events of a group in (timestamp, id) order (descending with `query.before`); fails with
    /// ``StoreError/notFound`` when the group does not exist.
    func logEvents(groupName: String, _ query: LogEventQuery) async throws -> [LogEventRecord]
}
