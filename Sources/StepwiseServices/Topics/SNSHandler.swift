import Foundation
import StepwiseEngine
import StepwiseStore

/// SNS's query protocol: form-encoded requests (`Action=Publish&TopicArn=…`, in the body
/// or, for the SubscribeURL/UnsubscribeURL links, the URL's query), XML responses in the
/// shapes botocore's query parser reads, and errors as
/// `<ErrorResponse><Error><Type>Sender</Type><Code>NotFound</Code>…`.
public struct SNSHandler: Sendable {
    public let service: TopicService
    static let namespace = "http://sns.amazonaws.com/doc/2010-03-31/"

    public init(service: TopicService) { self.service = service }

    /// Whether `request` is an SNS call: a query-protocol `Action` SNS has.
    public static func accepts(_ request: ServiceRequest) -> Bool {
        guard let action = QueryForm(request: request)["Action"] else { return false }
        return actions.contains(action)
    }

    static let actions: Set<String> = [
        "CreateTopic", "DeleteTopic", "ListTopics", "GetTopicAttributes", "SetTopicAttributes", "Subscribe",
        "ConfirmSubscription", "Unsubscribe", "ListSubscriptions", "ListSubscriptionsByTopic", "Publish", "PublishBatch",
        "GetSubscriptionAttributes", "SetSubscriptionAttributes",
    ]

    public func handle(_ request: ServiceRequest) async -> ServiceResponse {
        let form = QueryForm(request: request)
        let action = form["Action"] ?? ""
        do throws(SNSError) {
            var result = XMLWriter()
            try await perform(action, form, into: &result)
            return Self.response(action, result: result.text)
        } catch {
            return Self.errorResponse(error)
        }
    }

    private func perform(_ action: String, _ form: QueryForm, into xml: inout XMLWriter) async throws(SNSError) {
        switch action {
        case "CreateTopic":
            let arn = try await service.createTopic(name: try Self.required(form, "Name"), attributes: form.map("Attributes"))
            xml.element("TopicArn", arn)
        case "DeleteTopic":
            try await service.deleteTopic(arn: try Self.required(form, "TopicArn"))
        case "ListTopics":
            let arns = try await service.listTopics()
            let (page, next) = try Self.page(arns, token: form["NextToken"])
            xml.element("Topics") { topics in
                for arn in page { topics.element("member") { $0.element("TopicArn", arn) } }
            }
            xml.element("NextToken", next)
        case "GetTopicAttributes":
            xml.map("Attributes", try await service.topicAttributes(arn: try Self.required(form, "TopicArn")))
        case "SetTopicAttributes":
            try await service.setTopicAttribute(arn: try Self.required(form, "TopicArn"), name: try Self.required(form, "AttributeName"),
                                                value: form["AttributeValue"])
        case "Subscribe":
            let arn = try await service.subscribe(
                topicArn: try Self.required(form, "TopicArn"), protocol: try Self.required(form, "Protocol"), endpoint: form["Endpoint"],
                attributes: form.map("Attributes"), returnArn: form["ReturnSubscriptionArn"] == "true")
            xml.element("SubscriptionArn", arn)
        case "ConfirmSubscription":
            xml.element("SubscriptionArn", try await service.confirmSubscription(topicArn: try Self.required(form, "TopicArn"),
                                                                                 token: try Self.required(form, "Token")))
        case "Unsubscribe":
            try await service.unsubscribe(arn: try Self.required(form, "SubscriptionArn"))
        case "ListSubscriptions", "ListSubscriptionsByTopic":
            let topic = action == "ListSubscriptionsByTopic" ? try Self.required(form, "TopicArn") : nil
            let all = try await service.listSubscriptions(topicArn: topic)
            let (page, next) = try Self.page(all, token: form["NextToken"])
            xml.element("Subscriptions") { list in
                for s in page {
                    list.element("member") { m in
                        m.element("SubscriptionArn", s.confirmed ? s.arn : "PendingConfirmation")
                        m.element("Owner", service.account)
                        m.element("Protocol", s.protocol)
                        m.element("Endpoint", s.endpoint)
                        m.element("TopicArn", s.topicArn)
                    }
                }
            }
            xml.element("NextToken", next)
        case "GetSubscriptionAttributes":
            xml.map("Attributes", try await service.subscriptionAttributes(arn: try Self.required(form, "SubscriptionArn")))
        case "SetSubscriptionAttributes":
            try await service.setSubscriptionAttribute(arn: try Self.required(form, "SubscriptionArn"),
                                                       name: try Self.required(form, "AttributeName"), value: form["AttributeValue"])
        case "Publish":
            guard let topic = form["TopicArn"] ?? form["TargetArn"] else {
                throw .invalid("TopicArn or TargetArn Reason: no value for required parameter")
            }
            let result = try await service.publish(topicArn: topic, Self.publishRequest(form))
            xml.element("MessageId", result.messageId)
            xml.element("SequenceNumber", result.sequenceNumber)
        case "PublishBatch":
            let topic = try Self.required(form, "TopicArn")
            let entries = form.indices(of: "PublishBatchRequestEntries.member.").map { index in
                let entry = form.scoped("PublishBatchRequestEntries.member.\(index).")
                return (id: entry["Id"] ?? "", request: Self.publishRequest(entry))
            }
            let (successful, failed) = try await service.publishBatch(topicArn: topic, entries)
            xml.element("Successful") { list in
                for (id, result) in successful {
                    list.element("member") { m in
                        m.element("Id", id)
                        m.element("MessageId", result.messageId)
                        m.element("SequenceNumber", result.sequenceNumber)
                    }
                }
            }
            xml.element("Failed") { list in
                for (id, error) in failed {
                    list.element("member") { m in
                        m.element("Id", id)
                        m.element("Code", error.code.code)
                        m.element("Message", error.message)
                        m.element("SenderFault", String(error.code.senderFault))
                    }
                }
            }
        default:
            throw SNSError(.invalidAction, "The action \(action) is not valid for this endpoint.")
        }
    }

    static func publishRequest(_ form: QueryForm) -> PublishRequest {
        PublishRequest(message: form["Message"], subject: form["Subject"], messageStructure: form["MessageStructure"],
                       messageAttributes: form.messageAttributes("MessageAttributes"), messageGroupId: form["MessageGroupId"],
                       messageDeduplicationId: form["MessageDeduplicationId"])
    }

    static func required(_ form: QueryForm, _ name: String) throws(SNSError) -> String {
        guard let value = form[name] else { throw .invalid("\(name) Reason: no value for required parameter") }
        return value
    }

    /// Pages of 100, as SNS lists; the token is the index of the next item.
    static func page<T>(_ items: [T], token: String?) throws(SNSError) -> ([T], String?) {
        var start = 0
        if let token {
            guard let n = Int(token), n >= 0 else { throw .invalid("NextToken") }
            start = min(n, items.count)
        }
        let end = min(start + 100, items.count)
        return (Array(items[start..<end]), end < items.count ? String(end) : nil)
    }

    static func response(_ action: String, result: String) -> ServiceResponse {
        let requestID = RandomBytes.uuidString()
        let resultElement = result.isEmpty && !hasResult(action) ? "" : "<\(action)Result>\(result)</\(action)Result>"
        let body = """
            <?xml version="1.0"?>
            <\(action)Response xmlns="\(namespace)">\(resultElement)<ResponseMetadata><RequestId>\(requestID)</RequestId></ResponseMetadata></\(action)Response>
            """
        return ServiceResponse(status: 200, headers: ["Content-Type": "text/xml", "x-amzn-RequestId": requestID], body: Array(body.utf8))
    }

    private static func hasResult(_ action: String) -> Bool {
        !["DeleteTopic", "SetTopicAttributes", "Unsubscribe", "SetSubscriptionAttributes"].contains(action)
    }

    static func errorResponse(_ error: SNSError) -> ServiceResponse {
        let requestID = RandomBytes.uuidString()
        var xml = XMLWriter()
        xml.element("Error") { e in
            e.element("Type", error.code.senderFault ? "Sender" : "Receiver")
            e.element("Code", error.code.code)
            e.element("Message", error.message)
        }
        let body = """
            <?xml version="1.0"?>
            <ErrorResponse xmlns="\(namespace)">\(xml.text)<RequestId>\(requestID)</RequestId></ErrorResponse>
            """
        return ServiceResponse(status: error.code.status, headers: ["Content-Type": "text/xml", "x-amzn-RequestId": requestID],
                               body: Array(body.utf8))
    }
}
