import Foundation
import StatesLanguage

/// A message published to a topic (or a SubscriptionConfirmation), as kept in the outbox
/// until each subscription has it; rendered per protocol at delivery.
struct SNSNotification: Codable, Sendable, Equatable {
    var type: String
    var messageId: String
    var topicArn: String
    var subject: String?
    var message: String
    /// MessageStructure `json`: the message per protocol (`default`, `sqs`, `lambda`, …).
    var messagesByProtocol: [String: String]?
    var timestamp: Date
    var messageAttributes: [String: MessageAttributeValue]?
    var messageGroupId: String?
    var messageDeduplicationId: String?
    var sequenceNumber: String?
    /// SubscriptionConfirmation: the token ConfirmSubscription takes.
    var token: String?

    init(type: String = "Notification", messageId: String, topicArn: String, subject: String? = nil, message: String,
         messagesByProtocol: [String: String]? = nil, timestamp: Date, messageAttributes: [String: MessageAttributeValue]? = nil,
         messageGroupId: String? = nil, messageDeduplicationId: String? = nil, sequenceNumber: String? = nil, token: String? = nil) {
        self.type = type
        self.messageId = messageId
        self.topicArn = topicArn
        self.subject = subject
        self.message = message
        self.messagesByProtocol = messagesByProtocol
        self.timestamp = timestamp
        self.messageAttributes = messageAttributes
        self.messageGroupId = messageGroupId
        self.messageDeduplicationId = messageDeduplicationId
        self.sequenceNumber = sequenceNumber
        self.token = token
    }

    var encoded: String {
        (try? JSONEncoder().encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    static func decode(_ text: String) -> SNSNotification? {
        try? JSONDecoder().decode(SNSNotification.self, from: Data(text.utf8))
    }

    /// The message a subscription of `proto` gets.
    func message(for proto: String) -> String {
        messagesByProtocol?[proto] ?? messagesByProtocol?["default"] ?? message
    }

    /// SNS's JSON envelope, as an SQS queue or an HTTP endpoint receives it, in AWS's key
    /// order. `lambdaStyle` gives the spelling of Lambda's SNS event (`SigningCertUrl`,
    /// `UnsubscribeUrl`, Subject always present).
    func envelope(proto: String, subscriptionArn: String, endpoint: String, lambdaStyle: Bool = false) -> JSONObject {
        var o: JSONObject = ["Type": .string(type), "MessageId": .string(messageId)]
        if let token { o["Token"] = .string(token) }
        if let sequenceNumber { o["SequenceNumber"] = .string(sequenceNumber) }
        o["TopicArn"] = .string(topicArn)
        if let subject { o["Subject"] = .string(subject) } else if lambdaStyle { o["Subject"] = .null }
        o["Message"] = .string(message(for: proto))
        if type == "SubscriptionConfirmation" {
            o["SubscribeURL"] = .string("\(endpoint)/?Action=ConfirmSubscription&TopicArn=\(Self.escape(topicArn))&Token=\(token ?? "")")
        }
        o["Timestamp"] = .string(Self.timestamp(timestamp))
        o["SignatureVersion"] = "1"
        o["Signature"] = .string(Self.signature(messageId))
        o[lambdaStyle ? "SigningCertUrl" : "SigningCertURL"] = .string("\(endpoint)/SimpleNotificationService-stepwise.pem")
        if type == "Notification" {
            o[lambdaStyle ? "UnsubscribeUrl" : "UnsubscribeURL"] = .string("\(endpoint)/?Action=Unsubscribe&SubscriptionArn=\(Self.escape(subscriptionArn))")
        }
        if let attributes = messageAttributes, !attributes.isEmpty || lambdaStyle {
            var rendered: JSONObject = [:]
            for name in attributes.keys.sorted() {
                guard let value = attributes[name] else { continue }
                let text = value.stringValue ?? value.binaryValue?.base64EncodedString() ?? ""
                rendered[name] = ["Type": .string(value.dataType), "Value": .string(text)]
            }
            o["MessageAttributes"] = .object(rendered)
        } else if lambdaStyle {
            o["MessageAttributes"] = [:]
        }
        return o
    }

    /// Lambda's SNS event: one record.
    func lambdaEvent(subscriptionArn: String, endpoint: String) -> JSON {
        ["Records": [[
            "EventSource": "aws:sns", "EventVersion": "1.0", "EventSubscriptionArn": .string(subscriptionArn),
            "Sns": .object(envelope(proto: "lambda", subscriptionArn: subscriptionArn, endpoint: endpoint, lambdaStyle: true)),
        ]]]
    }

    /// `2026-01-01T00:00:00.000Z`.
    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }

    /// Not a real signature (there is no key to check it with): stable, base64, SNS-sized.
    static func signature(_ messageId: String) -> String {
        Data((String(repeating: messageId, count: 8)).utf8.prefix(256)).base64EncodedString()
    }

    static func escape(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}
