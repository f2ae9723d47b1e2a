import Foundation
import StatesLanguage
import StepwiseEngine
import StepwiseStore

/// `arn:aws:states:::aws-sdk:sns:<action>` (request-response and `.waitForTaskToken`) over
/// the local topics: `publish`, `publishBatch`, `createTopic`, `deleteTopic`, `listTopics`,
/// `subscribe`, `unsubscribe`, `getTopicAttributes`, `setTopicAttributes`,
/// `listSubscriptions`, `listSubscriptionsByTopic`, with the SDK's PascalCase parameters
/// and results (botocore's SNS shapes) and errors as `Sns.<Name>Exception`.
public struct AWSSDKSNSIntegration: Integration {
    public let topics: TopicService

    public init(topics: TopicService) { self.topics = topics }

    public func invoke(_ call: IntegrationCall) async -> IntegrationOutcome {
        let invocation = call.invocation
        guard case .integration(_, let action) = invocation.resource.kind else {
            return .failed(AWSSDKError.unsupported(service: "Sns", action: invocation.resource.arn))
        }
        let parameters = invocation.parameters.objectValue ?? [:]
        do throws(SNSError) {
            guard let result = try await perform(action, parameters) else {
                return .failed(AWSSDKError.unsupported(service: "Sns", action: action))
            }
            return invocation.resource.pattern == .waitForTaskToken ? .submitted(.object(result)) : .succeeded(.object(result))
        } catch {
            return .failed(Self.failure(error))
        }
    }

    /// The action's result, or nil for an action Stepwise does not have.
    private func perform(_ action: String, _ p: JSONObject) async throws(SNSError) -> JSONObject? {
        switch action {
        case "publish":
            guard let topic = p["TopicArn"]?.stringValue ?? p["TargetArn"]?.stringValue else {
                throw .invalid("TopicArn or TargetArn Reason: no value for required parameter")
            }
            let result = try await topics.publish(topicArn: topic, try SNSIntegration.request(p))
            return Self.published(result)
        case "publishBatch":
            let topic = try Self.required(p, "TopicArn")
            var entries: [(id: String, request: PublishRequest)] = []
            for entry in p["PublishBatchRequestEntries"]?.arrayValue ?? [] {
                let fields = entry.objectValue ?? [:]
                entries.append((fields["Id"]?.stringValue ?? "", try SNSIntegration.request(fields)))
            }
            let (successful, failed) = try await topics.publishBatch(topicArn: topic, entries)
            return [
                "Failed": .array(failed.map { id, error in
                    ["Code": .string(error.code.code), "Id": .string(id), "Message": .string(error.message), "SenderFault": .bool(error.code.senderFault)]
                }),
                "Successful": .array(successful.map { id, result in
                    var entry = Self.published(result)
                    entry["Id"] = .string(id)
                    return .object(entry)
                }),
            ]
        case "createTopic":
            let arn = try await topics.createTopic(name: try Self.required(p, "Name"), attributes: Self.strings(p["Attributes"]))
            return ["TopicArn": .string(arn)]
        case "deleteTopic":
            try await topics.deleteTopic(arn: try Self.required(p, "TopicArn"))
            return [:]
        case "listTopics":
            let (page, next) = try SNSHandler.page(try await topics.listTopics(), token: p["NextToken"]?.stringValue)
            var result: JSONObject = ["Topics": .array(page.map { ["TopicArn": .string($0)] })]
            if let next { result["NextToken"] = .string(next) }
            return result
        case "getTopicAttributes":
            return ["Attributes": Self.object(try await topics.topicAttributes(arn: try Self.required(p, "TopicArn")))]
        case "setTopicAttributes":
            try await topics.setTopicAttribute(arn: try Self.required(p, "TopicArn"), name: try Self.required(p, "AttributeName"),
                                               value: p["AttributeValue"]?.stringValue)
            return [:]
        case "subscribe":
            let arn = try await topics.subscribe(
                topicArn: try Self.required(p, "TopicArn"), protocol: try Self.required(p, "Protocol"),
                endpoint: p["Endpoint"]?.stringValue, attributes: Self.strings(p["Attributes"]),
                returnArn: p["ReturnSubscriptionArn"]?.boolValue ?? false)
            return ["SubscriptionArn": .string(arn)]
        case "unsubscribe":
            try await topics.unsubscribe(arn: try Self.required(p, "SubscriptionArn"))
            return [:]
        case "listSubscriptions", "listSubscriptionsByTopic":
            let topic = action == "listSubscriptionsByTopic" ? try Self.required(p, "TopicArn") : nil
            let (page, next) = try SNSHandler.page(try await topics.listSubscriptions(topicArn: topic), token: p["NextToken"]?.stringValue)
            var result: JSONObject = ["Subscriptions": .array(page.map { s in
                ["Endpoint": .string(s.endpoint), "Owner": .string(topics.account), "Protocol": .string(s.protocol),
                 "SubscriptionArn": .string(s.confirmed ? s.arn : "PendingConfirmation"), "TopicArn": .string(s.topicArn)]
            })]
            if let next { result["NextToken"] = .string(next) }
            return result
        default:
            return nil
        }
    }

    private static func published(_ result: PublishResult) -> JSONObject {
        var output: JSONObject = ["MessageId": .string(result.messageId)]
        if let sequence = result.sequenceNumber { output["SequenceNumber"] = .string(sequence) }
        return output
    }

    private static func required(_ p: JSONObject, _ name: String) throws(SNSError) -> String {
        guard let value = p[name]?.stringValue else { throw .invalid("\(name) Reason: no value for required parameter") }
        return value
    }

    private static func strings(_ value: JSON?) -> [String: String] {
        var out: [String: String] = [:]
        for (key, item) in value?.objectValue ?? [:] { out[key] = item.stringValue ?? item.serialized }
        return out
    }

    private static func object(_ attributes: [String: String]) -> JSON {
        var out: JSONObject = [:]
        for key in attributes.keys.sorted() { out[key] = .string(attributes[key] ?? "") }
        return .object(out)
    }

    static func failure(_ error: SNSError) -> Failure {
        let modeled = error.code.shape.hasSuffix("Exception")
        return AWSSDKError.failure(service: "Sns", exception: modeled ? error.code.shape : nil, message: error.message, status: error.code.status)
    }
}
