import Foundation
import StepwiseStore
import StatesLanguage
import StepwiseEngine

/// Subscribe, ConfirmSubscription, Unsubscribe, ListSubscriptions(ByTopic) and
/// subscription attributes.
extension TopicService {
    static let subscriptionAttributeNames: Set<String> = [
        "RawMessageDelivery", "FilterPolicy", "FilterPolicyScope", "DeliveryPolicy", "RedrivePolicy",
        "SubscriptionRoleArn", "ReplayPolicy",
    ]

    /// Subscribe. `sqs` and `lambda` subscriptions are confirmed at once; `http`/`https`
    /// ones are pending until the endpoint confirms with the token it is sent. Returns the
    /// subscription's ARN (`pending confirmation` while pending, unless `returnArn`).
    public func subscribe(topicArn: String, protocol proto: String, endpoint: String?, attributes: [String: String] = [:],
                          returnArn: Bool = false) async throws(SNSError) -> String {
        _ = try await existingTopic(topicArn)
        guard let endpoint, !endpoint.isEmpty else { throw .invalid("Endpoint") }
        switch proto {
        case "sqs":
            guard endpoint.hasPrefix("arn:aws:sqs:") else { throw .invalid("SQS endpoint ARN") }
        case "lambda":
            guard endpoint.hasPrefix("arn:aws:lambda:") else { throw .invalid("Lambda endpoint ARN") }
        case "http", "https":
            guard endpoint.lowercased().hasPrefix("\(proto)://") else { throw .invalid("Endpoint must match the specified protocol") }
        default:
            throw .invalid("Amazon SNS does not support this protocol string: \(proto)")
        }
        try Self.checkSubscriptionAttributes(attributes)
        let pending = proto == "http" || proto == "https"
        let record = SubscriptionRecord(
            arn: "\(topicArn):\(RandomBytes.uuidString())", topicArn: topicArn, protocol: proto, endpoint: endpoint,
            attributes: attributes, confirmed: !pending, confirmationToken: pending ? Self.newToken() : nil)
        let stored = try await storing { try await self.store.subscribe(record) }
        if stored.arn == record.arn, pending {
            try await requestConfirmation(stored)
        }
        return stored.confirmed || returnArn ? stored.arn : "pending confirmation"
    }

    /// Sends the SubscriptionConfirmation message to an http/https endpoint.
    private func requestConfirmation(_ subscription: SubscriptionRecord) async throws(SNSError) {
        let notification = SNSNotification(
            type: "SubscriptionConfirmation", messageId: RandomBytes.uuidString(), topicArn: subscription.topicArn,
            message: "You have chosen to subscribe to the topic \(subscription.topicArn).\nTo confirm the subscription, visit the SubscribeURL included in this message.",
            timestamp: clock.now(), token: subscription.confirmationToken)
        let payload = notification.encoded
        let now = clock.now()
        try await storing { try await self.store.enqueueDelivery(subscriptionArn: subscription.arn, payload: payload, now: now) }
        await deliveriesEnqueued()
    }

    /// ConfirmSubscription: the token sent in the SubscriptionConfirmation message.
    public func confirmSubscription(topicArn: String, token: String) async throws(SNSError) -> String {
        _ = try await existingTopic(topicArn)
        let subscriptions = try await storing { try await self.store.listSubscriptions(topicArn: topicArn) }
        guard var subscription = subscriptions.first(where: { $0.confirmationToken == token }) else { throw .invalid("Token") }
        if !subscription.confirmed {
            subscription.confirmed = true
            let confirmed = subscription
            _ = try await storing { try await self.store.updateSubscription(confirmed) }
        }
        return subscription.arn
    }

    public func unsubscribe(arn: String) async throws(SNSError) {
        guard try await storing({ try await self.store.unsubscribe(arn: arn) }) else { throw .noSuchSubscription }
    }

    /// All subscriptions, or a topic's (NotFound when the topic does not exist).
    public func listSubscriptions(topicArn: String?) async throws(SNSError) -> [SubscriptionRecord] {
        if let topicArn { _ = try await existingTopic(topicArn) }
        return try await storing { try await self.store.listSubscriptions(topicArn: topicArn) }
    }

    public func subscriptionAttributes(arn: String) async throws(SNSError) -> [String: String] {
        guard let s = try await storing({ try await self.store.subscription(arn: arn) }) else { throw .noSuchSubscription }
        var all: [String: String] = [
            "SubscriptionArn": s.arn, "TopicArn": s.topicArn, "Protocol": s.protocol, "Endpoint": s.endpoint,
            "Owner": account, "ConfirmationWasAuthenticated": String(s.confirmed), "PendingConfirmation": String(!s.confirmed),
            "RawMessageDelivery": "false", "SubscriptionPrincipal": "arn:aws:iam::\(account):user/stepwise",
        ]
        for (key, value) in s.attributes { all[key] = value }
        return all
    }

    public func setSubscriptionAttribute(arn: String, name: String, value: String?) async throws(SNSError) {
        guard var s = try await storing({ try await self.store.subscription(arn: arn) }) else { throw .noSuchSubscription }
        try Self.checkSubscriptionAttributes([name: value ?? ""])
        s.attributes[name] = value ?? ""
        let updated = s
        _ = try await storing { try await self.store.updateSubscription(updated) }
    }

    static func checkSubscriptionAttributes(_ attributes: [String: String]) throws(SNSError) {
        for (name, value) in attributes {
            guard subscriptionAttributeNames.contains(name) else { throw .invalid("Attributes Reason: Unknown attribute \(name)") }
            if name == "RawMessageDelivery", !["true", "false"].contains(value.lowercased()) {
                throw .invalid("Attributes Reason: RawMessageDelivery: Invalid value [\(value)]. Must be true or false.")
            }
        }
    }

    static func newToken() -> String {
        RandomBytes.make(64).hexEncoded
    }
}
