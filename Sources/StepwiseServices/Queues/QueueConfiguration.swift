import Foundation
import StatesLanguage

/// A queue's settable attributes, validated and defaulted as SQS does.
struct QueueConfiguration: Sendable, Equatable {
    var visibilityTimeout = 30
    var messageRetentionPeriod = 345_600
    var delaySeconds = 0
    var receiveMessageWaitTimeSeconds = 0
    var maximumMessageSize = 262_144
    var fifo = false
    var contentBasedDeduplication = false
    /// RedrivePolicy: the dead-letter queue's ARN and the receive count past which a
    /// message moves there.
    var deadLetterTargetArn: String?
    var maxReceiveCount: Int?

    /// Attributes a caller may set, with their allowed ranges (SQS's limits).
    static let ranges: [String: ClosedRange<Int>] = [
        "VisibilityTimeout": 0...43_200, "MessageRetentionPeriod": 60...1_209_600, "DelaySeconds": 0...900,
        "ReceiveMessageWaitTimeSeconds": 0...20, "MaximumMessageSize": 1_024...1_048_576,
        "KmsDataKeyReusePeriodSeconds": 60...86_400,
    ]
    /// Settable attributes kept as given (no local meaning).
    static let opaque: Set<String> = [
        "Policy", "KmsMasterKeyId", "SqsManagedSseEnabled", "RedriveAllowPolicy", "DeduplicationScope", "FifoThroughputLimit",
    ]
    static let settable = Set(ranges.keys).union(opaque).union(["RedrivePolicy", "FifoQueue", "ContentBasedDeduplication"])

    /// Validates `attributes` (as given to CreateQueue / SetQueueAttributes) and returns them
    /// normalized (RedrivePolicy's JSON rewritten as SQS stores it).
    static func validate(_ attributes: [String: String], fifoName: Bool, creating: Bool) throws(SQSError) -> [String: String] {
        var normalized = attributes
        for (name, value) in attributes {
            guard settable.contains(name) else { throw SQSError(.invalidAttributeName, "Unknown Attribute \(name).") }
            if let range = ranges[name] {
                guard let number = Int(value), range.contains(number) else {
                    throw SQSError(.invalidAttributeValue, "Invalid value for the parameter \(name).")
                }
            }
            switch name {
            case "FifoQueue":
                guard creating else { throw SQSError(.invalidAttributeName, "Unknown Attribute \(name).") }
                guard value == "true" || value == "false" else { throw SQSError(.invalidAttributeValue, "Invalid value for the parameter FifoQueue.") }
                if (value == "true") != fifoName {
                    throw SQSError(.invalidParameterValue, "The name of a FIFO queue can only include alphanumeric characters, hyphens, or underscores, must end with .fifo suffix and be 1 to 80 in length.")
                }
            case "ContentBasedDeduplication":
                guard value == "true" || value == "false" else { throw SQSError(.invalidAttributeValue, "Invalid value for the parameter ContentBasedDeduplication.") }
                guard fifoName else { throw SQSError(.invalidAttributeName, "Unknown Attribute ContentBasedDeduplication.") }
            case "RedrivePolicy":
                normalized[name] = try redrivePolicy(value)
            default:
                break
            }
        }
        if creating, fifoName, attributes["FifoQueue"] != "true" {
            throw SQSError(.invalidParameterValue, "The name of a FIFO queue can only include alphanumeric characters, hyphens, or underscores, must end with .fifo suffix and be 1 to 80 in length.")
        }
        return normalized
    }

    /// `{"deadLetterTargetArn": ARN, "maxReceiveCount": N}` (N a number or a numeric string),
    /// stored with N as a number as SQS returns it; empty text removes the policy.
    private static func redrivePolicy(_ text: String) throws(SQSError) -> String {
        if text.isEmpty { return "" }
        let invalid = SQSError(.invalidAttributeValue, "Invalid value for the parameter RedrivePolicy. Reason: Redrive policy is not a valid JSON map.")
        guard let json = try? JSON(parsing: text), case .object(let object) = json else { throw invalid }
        guard let arn = object["deadLetterTargetArn"]?.stringValue else {
            throw SQSError(.invalidAttributeValue, "Value \(text) for parameter RedrivePolicy is invalid. Reason: Redrive policy does not contain mandatory attribute: deadLetterTargetArn.")
        }
        let count = object["maxReceiveCount"]?.intValue ?? object["maxReceiveCount"]?.stringValue.flatMap { Int($0) }
        guard let count, (1...1000).contains(count) else {
            throw SQSError(.invalidAttributeValue, "Value \(text) for parameter RedrivePolicy is invalid. Reason: Invalid value for maxReceiveCount: \(object["maxReceiveCount"].map { "\($0)" } ?? "null"), valid values are from 1 to 1000 both inclusive.")
        }
        return JSON.object(["deadLetterTargetArn": .string(arn), "maxReceiveCount": .int(count)]).serialized
    }

    /// The configuration of stored (already validated) attributes.
    init(_ attributes: [String: String]) {
        func int(_ name: String, _ fallback: Int) -> Int { attributes[name].flatMap { Int($0) } ?? fallback }
        visibilityTimeout = int("VisibilityTimeout", 30)
        messageRetentionPeriod = int("MessageRetentionPeriod", 345_600)
        delaySeconds = int("DelaySeconds", 0)
        receiveMessageWaitTimeSeconds = int("ReceiveMessageWaitTimeSeconds", 0)
        maximumMessageSize = int("MaximumMessageSize", 262_144)
        fifo = attributes["FifoQueue"] == "true"
        contentBasedDeduplication = attributes["ContentBasedDeduplication"] == "true"
        if let text = attributes["RedrivePolicy"], let policy = try? JSON(parsing: text) {
            deadLetterTargetArn = policy["deadLetterTargetArn"]?.stringValue
            maxReceiveCount = policy["maxReceiveCount"]?.intValue
        }
    }

    /// What GetQueueAttributes reports for the settable attributes (stored values over
    /// SQS's defaults).
    static func reported(_ stored: [String: String], fifo: Bool) -> [String: String] {
        var all: [String: String] = [
            "VisibilityTimeout": "30", "MessageRetentionPeriod": "345600", "DelaySeconds": "0",
            "ReceiveMessageWaitTimeSeconds": "0", "MaximumMessageSize": "262144", "SqsManagedSseEnabled": "true",
        ]
        if fifo {
            all["FifoQueue"] = "true"
            all["ContentBasedDeduplication"] = "false"
            all["DeduplicationScope"] = "queue"
            all["FifoThroughputLimit"] = "perQueue"
        }
        for (key, value) in stored where !(key == "RedrivePolicy" && value.isEmpty) { all[key] = value }
        return all
    }

    /// AWS's rule: 1–80 alphanumerics, hyphens and underscores, plus `.fifo` for FIFO queues.
    static func isValidName(_ name: String) -> Bool {
        let base = name.hasSuffix(".fifo") ? String(name.dropLast(5)) : name
        guard (1...80).contains(name.count), !base.isEmpty else { return false }
        return base.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == "-" || $0 == "_") }
    }
}
