import Foundation
import StatesLanguage
import StepwiseStore

// GetExecutionHistory.

struct GetExecutionHistoryInput: ValidatedRequest {
    var executionArn: String?
    var maxResults: Int?
    var reverseOrder: Bool?
    var nextToken: String?
    var includeExecutionData: Bool?

    func validate(_ v: inout FieldValidator) {
        v.arn("executionArn", executionArn)
        v.pageSize(maxResults, nextToken: nextToken)
    }
}

struct GetExecutionHistoryOutput: Encodable {
    var events: [HistoryEventShape]
    var nextToken: String?
}

/// One `HistoryEvent`: `timestamp`, `type`, `id`, `previousEventId` and the event
/// type's `…EventDetails` member, whose JSON the engine already keeps in AWS's shape
/// (`input`, `output` and `parameters` as strings).
struct HistoryEventShape: Encodable {
    var record: HistoryRecord
    /// False drops the execution's data (``HistoryRecord/executionDataMembers``) from the details.
    var includeExecutionData: Bool

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ string: String) { stringValue = string }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(record.timestamp, forKey: Key("timestamp"))
        try container.encode(record.type, forKey: Key("type"))
        try container.encode(record.eventID, forKey: Key("id"))
        try container.encode(record.previousEventID, forKey: Key("previousEventId"))
        if let key = record.detailsKey, let text = record.details, var details = try? JSON(parsing: text) {
            if !includeExecutionData, case .object(var members) = details {
                for key in HistoryRecord.executionDataMembers { members.removeValue(forKey: key) }
                details = .object(members)
            }
            try container.encode(EncodableJSON(details), forKey: Key(key))
        }
    }
}

/// A ``JSON`` value written through an `Encoder`, keeping key order and integers.
struct EncodableJSON: Encodable {
    var value: JSON
    init(_ value: JSON) { self.value = value }

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ string: String) { stringValue = string }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    func encode(to encoder: any Encoder) throws {
        switch value {
        case .object(let members):
            var container = encoder.container(keyedBy: Key.self)
            for (key, member) in members { try container.encode(EncodableJSON(member), forKey: Key(key)) }
        case .array(let elements):
            var container = encoder.unkeyedContainer()
            for element in elements { try container.encode(EncodableJSON(element)) }
        case .string(let s):
            var container = encoder.singleValueContainer()
            try container.encode(s)
        case .number(.int(let i)):
            var container = encoder.singleValueContainer()
            try container.encode(i)
        case .number(.double(let d)):
            var container = encoder.singleValueContainer()
            try container.encode(d)
        case .bool(let b):
            var container = encoder.singleValueContainer()
            try container.encode(b)
        case .null:
            var container = encoder.singleValueContainer()
            try container.encodeNil()
        }
    }
}
