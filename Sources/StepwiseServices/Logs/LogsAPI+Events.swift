import Foundation
import StatesLanguage
import StepwiseStore

// Listing groups and streams, writing and reading events.
extension LogsAPI {
    func putLogEvents(_ body: JSON) async throws(LogsError) -> JSON {
        let group = try required(body, "logGroupName"), stream = try required(body, "logStreamName")
        var events: [LogEventInput] = []
        for event in body["logEvents"]?.arrayValue ?? [] {
            guard let timestamp = event["timestamp"]?.intValue, let message = event["message"]?.stringValue else {
                throw LogsError(.invalidParameter, "Each log event needs a timestamp and a message.")
            }
            events.append(LogEventInput(timestamp: Int64(timestamp), message: message))
        }
        guard !events.isEmpty else {
            throw LogsError(.invalidParameter, "1 validation error detected: Value '[]' at 'logEvents' failed to satisfy constraint: Member must have length greater than or equal to 1")
        }
        let now = self.now
        try await storing(group: group, stream: stream) {
            try await store.putLogEvents(groupName: group, streamName: stream, events: events, now: now, creatingMissing: false)
        }
        return ["nextSequenceToken": .string(String(format: "%056d", now))]
    }

    func describeLogGroups(_ body: JSON) async throws(LogsError) -> JSON {
        let limit = try limit(body, default: 50, max: 50)
        let prefix = body["logGroupNamePrefix"]?.stringValue
        let page = try await storing { try await store.logGroups(prefix: prefix, limit: limit, cursor: body["nextToken"]?.stringValue) }
        var answer: JSONObject = ["logGroups": .array(page.items.map { group in
            [
                "logGroupName": .string(group.name), "creationTime": .int(Int(group.creationTime)), "metricFilterCount": 0,
                "arn": .string(groupArn(group.name) + ":*"), "storedBytes": .int(Int(group.storedBytes)),
                "logGroupClass": "STANDARD", "logGroupArn": .string(groupArn(group.name)),
            ]
        })]
        if let next = page.nextCursor { answer["nextToken"] = .string(next) }
        return .object(answer)
    }

    func describeLogStreams(_ body: JSON) async throws(LogsError) -> JSON {
        let group = try groupName(body)
        let limit = try limit(body, default: 50, max: 50)
        let byTime = body["orderBy"]?.stringValue == "LastEventTime"
        let prefix = body["logStreamNamePrefix"]?.stringValue
        if byTime, prefix != nil {
            throw LogsError(.invalidParameter, "Cannot order by LastEventTime with a logStreamNamePrefix.")
        }
        let page = try await storing(group: group) {
            try await store.logStreams(groupName: group, prefix: prefix, byLastEventTime: byTime,
                                       descending: body["descending"]?.boolValue ?? false, limit: limit,
                                       cursor: body["nextToken"]?.stringValue)
        }
        var answer: JSONObject = ["logStreams": .array(page.items.map { stream in
            var item: JSONObject = ["logStreamName": .string(stream.name), "creationTime": .int(Int(stream.creationTime))]
            if let first = stream.firstEventTimestamp { item["firstEventTimestamp"] = .int(Int(first)) }
            if let last = stream.lastEventTimestamp { item["lastEventTimestamp"] = .int(Int(last)) }
            if let ingested = stream.lastIngestionTime { item["lastIngestionTime"] = .int(Int(ingested)) }
            item["uploadSequenceToken"] = .string(String(format: "%056d", stream.lastIngestionTime ?? stream.creationTime))
            item["arn"] = .string("\(groupArn(group)):log-stream:\(stream.name)")
            item["storedBytes"] = .int(Int(stream.storedBytes))
            return .object(item)
        })]
        if let next = page.nextCursor { answer["nextToken"] = .string(next) }
        return .object(answer)
    }

    /// GetLogEvents: without a token, the newest events (or the oldest with
    /// `startFromHead`); `f/` and `b/` tokens page forward and backward from a position.
    func getLogEvents(_ body: JSON) async throws(LogsError) -> JSON {
        let group = try groupName(body), stream = try required(body, "logStreamName")
        let limit = try limit(body, default: 10_000, max: 10_000)
        var query = LogEventQuery(streamNames: [stream], startTime: body["startTime"]?.intValue.map(Int64.init),
                                  endTime: body["endTime"]?.intValue.map(Int64.init), limit: limit)
        var forward = body["startFromHead"]?.boolValue ?? false
        var fallback: LogPosition?
        if let token = body["nextToken"]?.stringValue {
            guard let (direction, position) = Self.decode(token) else {
                throw LogsError(.invalidParameter, "The specified nextToken is invalid.")
            }
            fallback = position
            forward = direction == "f"
            if forward { query.after = position } else { query.before = position }
        } else if !forward {
            query.before = LogPosition(timestamp: .max, id: .max)
        }
        let streams = try await storing(group: group) {
            try await store.logStreams(groupName: group, prefix: stream, byLastEventTime: false, descending: false, limit: 50, cursor: nil)
        }
        guard streams.items.contains(where: { $0.name == stream }) else {
            throw LogsError(.resourceNotFound, "The specified log stream does not exist.")
        }
        let finalQuery = query
        var events = try await storing(group: group) { try await store.logEvents(groupName: group, finalQuery) }
        if query.before != nil { events.reverse() }
        let first = events.first.map { LogPosition(timestamp: $0.timestamp, id: $0.id) } ?? fallback ?? LogPosition(timestamp: 0, id: 0)
        let last = events.last.map { LogPosition(timestamp: $0.timestamp, id: $0.id) } ?? fallback ?? LogPosition(timestamp: 0, id: 0)
        return [
            "events": .array(events.map { ["timestamp": .int(Int($0.timestamp)), "message": .string($0.message), "ingestionTime": .int(Int($0.ingestionTime))] }),
            "nextForwardToken": .string(Self.encode("f", last)),
            "nextBackwardToken": .string(Self.encode("b", first)),
        ]
    }

    /// FilterLogEvents: the group's events in time order (interleaved across streams), those
    /// matching the pattern, `limit` at most; `nextToken` when more may remain.
    func filterLogEvents(_ body: JSON) async throws(LogsError) -> JSON {
        let group = try groupName(body)
        let limit = try limit(body, default: 10_000, max: 10_000)
        let pattern: FilterPattern
        do {
            pattern = try FilterPattern(body["filterPattern"]?.stringValue ?? "")
        } catch {
            throw LogsError(.invalidParameter, "Stepwise supports term filter patterns only, not '\(error.pattern)'.")
        }
        var query = LogEventQuery(
            streamNames: body["logStreamNames"]?.arrayValue?.compactMap(\.stringValue),
            streamNamePrefix: body["logStreamNamePrefix"]?.stringValue,
            startTime: body["startTime"]?.intValue.map(Int64.init), endTime: body["endTime"]?.intValue.map(Int64.init),
            limit: 1000)
        if let token = body["nextToken"]?.stringValue {
            guard let (direction, position) = Self.decode(token), direction == "n" else {
                throw LogsError(.invalidParameter, "The specified nextToken is invalid.")
            }
            query.after = position
        }
        var found: [LogEventRecord] = []
        var next: LogPosition?
        scanning: while true {
            let batchQuery = query
            let batch = try await storing(group: group) { try await store.logEvents(groupName: group, batchQuery) }
            for event in batch where pattern.matches(event.message) {
                found.append(event)
                if found.count == limit {
                    next = LogPosition(timestamp: event.timestamp, id: event.id)
                    break scanning
                }
            }
            guard batch.count == query.limit, let last = batch.last else { break }
            query.after = LogPosition(timestamp: last.timestamp, id: last.id)
        }
        let streamNames = Set(found.map(\.streamName)).sorted()
        var answer: JSONObject = [
            "events": .array(found.map {
                ["logStreamName": .string($0.streamName), "timestamp": .int(Int($0.timestamp)), "message": .string($0.message),
                 "ingestionTime": .int(Int($0.ingestionTime)), "eventId": .string(String(format: "%056d", $0.id))]
            }),
            "searchedLogStreams": .array(streamNames.map { ["logStreamName": .string($0), "searchedCompletely": true] }),
        ]
        if let next { answer["nextToken"] = .string(Self.encode("n", next)) }
        return .object(answer)
    }

    /// Tokens: a direction letter, `/`, and the (timestamp, id) position in digits.
    static func encode(_ direction: String, _ position: LogPosition) -> String {
        "\(direction)/\(String(format: "%020lld", position.timestamp))\(String(format: "%020lld", position.id))"
    }

    static func decode(_ token: String) -> (String, LogPosition)? {
        let parts = token.split(separator: "/", maxSplits: 1)
        guard parts.count == 2, parts[1].count == 40, let timestamp = Int64(parts[1].prefix(20)),
              let id = Int64(parts[1].suffix(20)) else { return nil }
        return (String(parts[0]), LogPosition(timestamp: timestamp, id: id))
    }
}
