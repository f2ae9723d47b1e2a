import Foundation

// The request and response shapes of SQS's JSON protocol, as botocore's
// `sqs/2012-11-05/service-2.json` names their members.

/// A message attribute (SQS and SNS): `String`, `Number` or `Binary` (with an optional
/// `.custom` suffix), carrying a string or binary value.
public struct MessageAttributeValue: Codable, Sendable, Equatable {
    public var dataType: String
    public var stringValue: String?
    public var binaryValue: Data?
    public var stringListValues: [String]?
    public var binaryListValues: [Data]?

    public init(dataType: String, stringValue: String? = nil, binaryValue: Data? = nil) {
        self.dataType = dataType
        self.stringValue = stringValue
        self.binaryValue = binaryValue
    }

    enum CodingKeys: String, CodingKey {
        case dataType = "DataType", stringValue = "StringValue", binaryValue = "BinaryValue"
        case stringListValues = "StringListValues", binaryListValues = "BinaryListValues"
    }
}

public struct CreateQueueRequest: Codable, Sendable {
    public var queueName: String
    public var attributes: [String: String]?
    public var tags: [String: String]?
    enum CodingKeys: String, CodingKey { case queueName = "QueueName", attributes = "Attributes", tags = "tags" }
}

public struct SendMessageRequest: Codable, Sendable {
    public var queueUrl: String?
    public var messageBody: String?
    public var delaySeconds: Int?
    public var messageAttributes: [String: MessageAttributeValue]?
    public var messageSystemAttributes: [String: MessageAttributeValue]?
    public var messageDeduplicationId: String?
    public var messageGroupId: String?

    public init(queueUrl: String?, messageBody: String?, delaySeconds: Int? = nil,
                messageAttributes: [String: MessageAttributeValue]? = nil,
                messageDeduplicationId: String? = nil, messageGroupId: String? = nil) {
        self.queueUrl = queueUrl
        self.messageBody = messageBody
        self.delaySeconds = delaySeconds
        self.messageAttributes = messageAttributes
        self.messageDeduplicationId = messageDeduplicationId
        self.messageGroupId = messageGroupId
    }

    enum CodingKeys: String, CodingKey {
        case queueUrl = "QueueUrl", messageBody = "MessageBody", delaySeconds = "DelaySeconds"
        case messageAttributes = "MessageAttributes", messageSystemAttributes = "MessageSystemAttributes"
        case messageDeduplicationId = "MessageDeduplicationId", messageGroupId = "MessageGroupId"
    }
}

/// SendMessageBatchRequestEntry: a SendMessageRequest with an `Id`.
public struct SendMessageBatchEntry: Codable, Sendable {
    public var id: String
    public var messageBody: String?
    public var delaySeconds: Int?
    public var messageAttributes: [String: MessageAttributeValue]?
    public var messageSystemAttributes: [String: MessageAttributeValue]?
    public var messageDeduplicationId: String?
    public var messageGroupId: String?

    enum CodingKeys: String, CodingKey {
        case id = "Id", messageBody = "MessageBody", delaySeconds = "DelaySeconds"
        case messageAttributes = "MessageAttributes", messageSystemAttributes = "MessageSystemAttributes"
        case messageDeduplicationId = "MessageDeduplicationId", messageGroupId = "MessageGroupId"
    }

    var request: SendMessageRequest {
        var r = SendMessageRequest(queueUrl: nil, messageBody: messageBody, delaySeconds: delaySeconds,
                                   messageAttributes: messageAttributes,
                                   messageDeduplicationId: messageDeduplicationId, messageGroupId: messageGroupId)
        r.messageSystemAttributes = messageSystemAttributes
        return r
    }
}

public struct SendMessageResult: Codable, Sendable, Equatable {
    public var md5OfMessageBody: String
    public var md5OfMessageAttributes: String?
    public var md5OfMessageSystemAttributes: String?
    public var messageId: String
    public var sequenceNumber: String?

    enum CodingKeys: String, CodingKey {
        case md5OfMessageBody = "MD5OfMessageBody", md5OfMessageAttributes = "MD5OfMessageAttributes"
        case md5OfMessageSystemAttributes = "MD5OfMessageSystemAttributes", messageId = "MessageId"
        case sequenceNumber = "SequenceNumber"
    }
}

public struct ReceiveMessageRequest: Codable, Sendable {
    public var queueUrl: String?
    public var attributeNames: [String]?
    public var messageSystemAttributeNames: [String]?
    public var messageAttributeNames: [String]?
    public var maxNumberOfMessages: Int?
    public var visibilityTimeout: Int?
    public var waitTimeSeconds: Int?
    public var receiveRequestAttemptId: String?

    public init(queueUrl: String?, maxNumberOfMessages: Int? = nil, visibilityTimeout: Int? = nil, waitTimeSeconds: Int? = nil,
                messageSystemAttributeNames: [String]? = nil, messageAttributeNames: [String]? = nil) {
        self.queueUrl = queueUrl
        self.maxNumberOfMessages = maxNumberOfMessages
        self.visibilityTimeout = visibilityTimeout
        self.waitTimeSeconds = waitTimeSeconds
        self.messageSystemAttributeNames = messageSystemAttributeNames
        self.messageAttributeNames = messageAttributeNames
    }

    enum CodingKeys: String, CodingKey {
        case queueUrl = "QueueUrl", attributeNames = "AttributeNames", messageSystemAttributeNames = "MessageSystemAttributeNames"
        case messageAttributeNames = "MessageAttributeNames", maxNumberOfMessages = "MaxNumberOfMessages"
        case visibilityTimeout = "VisibilityTimeout", waitTimeSeconds = "WaitTimeSeconds"
        case receiveRequestAttemptId = "ReceiveRequestAttemptId"
    }
}

/// A received message.
public struct SQSMessage: Codable, Sendable, Equatable {
    public var messageId: String
    public var receiptHandle: String
    public var md5OfBody: String
    public var body: String
    public var attributes: [String: String]?
    public var md5OfMessageAttributes: String?
    public var messageAttributes: [String: MessageAttributeValue]?

    enum CodingKeys: String, CodingKey {
        case messageId = "MessageId", receiptHandle = "ReceiptHandle", md5OfBody = "MD5OfBody", body = "Body"
        case attributes = "Attributes", md5OfMessageAttributes = "MD5OfMessageAttributes"
        case messageAttributes = "MessageAttributes"
    }
}

/// The `Id` + `ReceiptHandle` (+ `VisibilityTimeout`) entries of DeleteMessageBatch and
/// ChangeMessageVisibilityBatch.
public struct ReceiptBatchEntry: Codable, Sendable {
    public var id: String
    public var receiptHandle: String?
    public var visibilityTimeout: Int?
    enum CodingKeys: String, CodingKey { case id = "Id", receiptHandle = "ReceiptHandle", visibilityTimeout = "VisibilityTimeout" }
}

/// BatchResultErrorEntry.
public struct BatchResultErrorEntry: Codable, Sendable, Equatable {
    public var id: String
    public var senderFault: Bool
    public var code: String
    public var message: String?
    enum CodingKeys: String, CodingKey { case id = "Id", senderFault = "SenderFault", code = "Code", message = "Message" }

    init(id: String, _ error: SQSError) {
        self.id = id
        senderFault = error.code.senderFault
        code = error.code.queryCode
        message = error.message
    }
}

/// The `Successful` / `Failed` halves of a batch answer.
public struct BatchResult<Entry: Codable & Sendable & Equatable>: Codable, Sendable, Equatable {
    public var successful: [Entry] = []
    public var failed: [BatchResultErrorEntry] = []
    enum CodingKeys: String, CodingKey { case successful = "Successful", failed = "Failed" }
}

/// SendMessageBatchResultEntry.
public struct SendMessageBatchResultEntry: Codable, Sendable, Equatable {
    public var id: String
    public var result: SendMessageResult

    enum CodingKeys: String, CodingKey { case id = "Id" }

    init(id: String, result: SendMessageResult) {
        self.id = id
        self.result = result
    }

    public init(from decoder: any Decoder) throws {
        id = try decoder.container(keyedBy: CodingKeys.self).decode(String.self, forKey: .id)
        result = try SendMessageResult(from: decoder)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try result.encode(to: encoder)
    }
}

/// The `Id` of a successful DeleteMessageBatch / ChangeMessageVisibilityBatch entry.
public struct BatchResultEntry: Codable, Sendable, Equatable {
    public var id: String
    enum CodingKeys: String, CodingKey { case id = "Id" }
}
