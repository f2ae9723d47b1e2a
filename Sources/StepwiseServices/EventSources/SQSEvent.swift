import Foundation
import StatesLanguage

/// The event Lambda hands a function mapped to an SQS queue, and how it reads the
/// function's `batchItemFailures` answer.
enum SQSEvent {
    /// The system attributes Lambda passes on (those of FIFO queues only there).
    static let passedAttributes = [
        "ApproximateReceiveCount", "AWSTraceHeader", "SentTimestamp", "SequenceNumber", "MessageGroupId", "SenderId",
        "MessageDeduplicationId", "ApproximateFirstReceiveTimestamp",
    ]

    /// `{"Records":[{messageId, receiptHandle, body, attributes, messageAttributes, md5OfBody,
    /// eventSource, eventSourceARN, awsRegion}]}`, keys in Lambda's order.
    static func event(_ messages: [SQSMessage], sourceArn: String, region: String) -> JSON {
        .object(["Records": .array(messages.map { record($0, sourceArn: sourceArn, region: region) })])
    }

    static func record(_ message: SQSMessage, sourceArn: String, region: String) -> JSON {
        var attributes: JSONObject = [:]
        for name in passedAttributes {
            if let value = message.attributes?[name] { attributes[name] = .string(value) }
        }
        var messageAttributes: JSONObject = [:]
        for name in (message.messageAttributes ?? [:]).keys.sorted() {
            guard let value = message.messageAttributes?[name] else { continue }
            messageAttributes[name] = Self.attribute(value)
        }
        var record: JSONObject = [
            "messageId": .string(message.messageId), "receiptHandle": .string(message.receiptHandle),
            "body": .string(message.body), "attributes": .object(attributes), "messageAttributes": .object(messageAttributes),
            "md5OfBody": .string(message.md5OfBody),
        ]
        if let digest = message.md5OfMessageAttributes, !messageAttributes.isEmpty { record["md5OfMessageAttributes"] = .string(digest) }
        record["eventSource"] = "aws:sqs"
        record["eventSourceARN"] = .string(sourceArn)
        record["awsRegion"] = .string(region)
        return .object(record)
    }

    /// Lambda's shape of a message attribute: lower-case members, binary as base64, and
    /// both list members always present.
    static func attribute(_ value: MessageAttributeValue) -> JSON {
        var shaped: JSONObject = [:]
        if let text = value.stringValue { shaped["stringValue"] = .string(text) }
        if let data = value.binaryValue { shaped["binaryValue"] = .string(data.base64EncodedString()) }
        shaped["stringListValues"] = .array((value.stringListValues ?? []).map { .string($0) })
        shaped["binaryListValues"] = .array((value.binaryListValues ?? []).map { .string($0.base64EncodedString()) })
        shaped["dataType"] = .string(value.dataType)
        return .object(shaped)
    }

    /// The message ids a `ReportBatchItemFailures` answer names as failed, or nil when the
    /// whole batch failed. As Lambda documents it: a null or empty answer, or a null or
    /// empty `batchItemFailures`, is complete success; invalid JSON, an item without a
    /// non-empty `itemIdentifier`, or one naming no message of the batch is complete failure.
    static func failedItems(_ payload: [UInt8], batch: Set<String>) -> Set<String>? {
        let text = String(decoding: payload, as: UTF8.self)
        if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return [] }
        guard let answer = try? JSON(parsing: text) else { return nil }
        if answer.isNull { return [] }
        guard let object = answer.objectValue else { return nil }
        guard let failures = object["batchItemFailures"], !failures.isNull else { return [] }
        guard let items = failures.arrayValue else { return nil }
        var failed: Set<String> = []
        for item in items {
            guard let id = item["itemIdentifier"]?.stringValue, !id.isEmpty, batch.contains(id) else { return nil }
            failed.insert(id)
        }
        return failed
    }
}
