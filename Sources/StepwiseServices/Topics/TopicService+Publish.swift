import Crypto
import Foundation
import StepwiseEngine
import StatesLanguage
import StepwiseStore

/// One message for Publish or one entry of PublishBatch.
public struct PublishRequest: Sendable {
    public var message: String?
    public var subject: String?
    public var messageStructure: String?
    public var messageAttributes: [String: MessageAttributeValue]?
    public var messageGroupId: String?
    public var messageDeduplicationId: String?

    public init(message: String?, subject: String? = nil, messageStructure: String? = nil,
                messageAttributes: [String: MessageAttributeValue]? = nil, messageGroupId: String? = nil,
                messageDeduplicationId: String? = nil) {
        self.message = message
        self.subject = subject
        self.messageStructure = messageStructure
        self.messageAttributes = messageAttributes
        self.messageGroupId = messageGroupId
        self.messageDeduplicationId = messageDeduplicationId
    }
}

/// What Publish answers.
public struct PublishResult: Sendable, Equatable {
    public var messageId: String
    public var sequenceNumber: String?
}

/// Publish and PublishBatch.
extension TopicService {
    public func publish(topicArn: String, _ request: PublishRequest) async throws(SNSError) -> PublishResult {
        let topic = try await existingTopic(topicArn)
        let notification = try notification(request, topic: topic.arn, attributes: topic.attributes, fifo: topic.name.hasSuffix(".fifo"))
        try await enqueue(topicArn, [notification])
        return PublishResult(messageId: notification.messageId, sequenceNumber: notification.sequenceNumber)
    }

    /// PublishBatch: 1–10 entries with distinct ids; each succeeds or fails on its own.
    public func publishBatch(topicArn: String, _ entries: [(id: String, request: PublishRequest)]) async throws(SNSError)
        -> (successful: [(id: String, result: PublishResult)], failed: [(id: String, error: SNSError)]) {
        guard !entries.isEmpty else { throw SNSError(.emptyBatchRequest, "The batch request doesn't contain any entries") }
        guard entries.count <= 10 else { throw SNSError(.tooManyEntriesInBatchRequest, "The batch request contains more entries than permissible") }
        let ids = entries.map(\.id)
        guard Set(ids).count == ids.count else { throw SNSError(.batchEntryIdsNotDistinct, "Two or more batch entries in the request have the same Id") }
        for id in ids where !(1...80).contains(id.count) || !id.unicodeScalars.allSatisfy({ $0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == "-" || $0 == "_") }) {
            throw SNSError(.invalidBatchEntryId, "The Id of a batch entry in a batch request doesn't abide by the specification")
        }
        let topic = try await existingTopic(topicArn)
        var successful: [(id: String, result: PublishResult)] = []
        var failed: [(id: String, error: SNSError)] = []
        var notifications: [SNSNotification] = []
        for (id, request) in entries {
            do throws(SNSError) {
                let n = try notification(request, topic: topic.arn, attributes: topic.attributes, fifo: topic.name.hasSuffix(".fifo"))
                notifications.append(n)
                successful.append((id, PublishResult(messageId: n.messageId, sequenceNumber: n.sequenceNumber)))
            } catch {
                failed.append((id, error))
            }
        }
        if !notifications.isEmpty { try await enqueue(topicArn, notifications) }
        return (successful, failed)
    }

    /// Publish, prepared to be written by someone else's transaction (an `sns:publish` Task,
    /// written with its step) and then followed by ``deliveriesStored()``.
    public func preparePublish(topicArn: String, _ request: PublishRequest) async throws(SNSError) -> (TopicPublish, PublishResult) {
        let topic = try await existingTopic(topicArn)
        let notification = try notification(request, topic: topic.arn, attributes: topic.attributes, fifo: topic.name.hasSuffix(".fifo"))
        return (TopicPublish(topicArn: topicArn, payloads: [notification.encoded], at: notification.timestamp),
                PublishResult(messageId: notification.messageId, sequenceNumber: notification.sequenceNumber))
    }

    private func enqueue(_ topicArn: String, _ notifications: [SNSNotification]) async throws(SNSError) {
        let payloads = notifications.map(\.encoded)
        let now = clock.now()
        guard let stored = try await storing({ try await self.store.publish(topicArn: topicArn, payloads: payloads, now: now) }) else {
            throw .noSuchTopic
        }
        if stored > 0 { await deliveriesEnqueued() }
    }

    /// Validates one message and makes its notification.
    func notification(_ request: PublishRequest, topic: String, attributes: [String: String], fifo: Bool) throws(SNSError) -> SNSNotification {
        guard let message = request.message else { throw .invalid("Message Reason: no value for required parameter") }
        guard !message.isEmpty else { throw .invalid("Empty message") }
        guard message.utf8.count <= 262_144 else { throw .invalid("Message too long") }
        if let subject = request.subject {
            guard !subject.isEmpty, subject.count <= 100,
                  subject.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value != 0x7F }) else { throw .invalid("Subject") }
        }
        var byProtocol: [String: String]?
        if let structure = request.messageStructure {
            guard structure == "json" else { throw .invalid("MessageStructure") }
            guard let json = try? JSON(parsing: message), case .object(let object) = json else {
                throw .invalid("Message Structure - No JSON message body is parseable")
            }
            guard object["default"] != nil else { throw .invalid("Message Structure - No default entry in JSON message body") }
            var map: [String: String] = [:]
            for (key, value) in object { map[key] = value.stringValue ?? value.serialized }
            byProtocol = map
        }
        if let attributes = request.messageAttributes {
            for (name, value) in attributes {
                let type = value.dataType
                guard type.hasPrefix("String") || type.hasPrefix("Number") || type.hasPrefix("Binary") else {
                    throw SNSError(.invalidParameterValue, "The message attribute '\(name)' has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String.")
                }
                if !type.hasPrefix("Binary"), value.stringValue == nil {
                    throw SNSError(.invalidParameterValue, "The message attribute '\(name)' must contain non-empty message attribute value for message attribute type '\(type)'.")
                }
            }
        }
        var groupID: String?
        var deduplicationID: String?
        var sequence: String?
        let now = clock.now()
        if fifo {
            guard let group = request.messageGroupId, !group.isEmpty else {
                throw .invalid("The MessageGroupId parameter is required for FIFO topics")
            }
            groupID = group
            if let id = request.messageDeduplicationId {
                deduplicationID = id
            } else if attributes["ContentBasedDeduplication"] == "true" {
                deduplicationID = MessageDigest.hex(SHA256.hash(data: Array(message.utf8)))
            } else {
                throw .invalid("The topic should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly")
            }
            let micros = Int64(now.timeIntervalSince1970 * 1_000_000)
            sequence = String(format: "1%019lld", micros)
        } else if request.messageGroupId != nil {
            throw .invalid("MessageGroupId Reason: The request includes MessageGroupId parameter that is not valid for this topic type")
        }
        return SNSNotification(
            messageId: RandomBytes.uuidString(), topicArn: topic, subject: request.subject, message: message,
            messagesByProtocol: byProtocol, timestamp: now, messageAttributes: request.messageAttributes,
            messageGroupId: groupID, messageDeduplicationId: deduplicationID, sequenceNumber: sequence)
    }
}
