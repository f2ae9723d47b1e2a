import Foundation

/// An SNS topic: its ARN, name and the attributes set on it (SNS's string map).
public struct TopicRecord: Sendable, Equatable {
    public var arn: String
    public var name: String
    public var attributes: [String: String]
    public var createdAt: Date

    public init(arn: String, name: String, attributes: [String: String], createdAt: Date) {
        self.arn = arn
        self.name = name
        self.attributes = attributes
        self.createdAt = createdAt
    }
}

/// A subscription of an endpoint to a topic.
public struct SubscriptionRecord: Sendable, Equatable {
    public var arn: String
    public var topicArn: String
    /// `sqs`, `lambda`, `http`, `https`, …
    public var `protocol`: String
    public var endpoint: String
    /// `RawMessageDelivery`, `FilterPolicy`, …
    public var attributes: [String: String]
    /// http/https subscriptions wait for ConfirmSubscription with `confirmationToken`.
    public var confirmed: Bool
    public var confirmationToken: String?

    public init(arn: String, topicArn: String, protocol: String, endpoint: String, attributes: [String: String],
                confirmed: Bool, confirmationToken: String? = nil) {
        self.arn = arn
        self.topicArn = topicArn
        self.protocol = `protocol`
        self.endpoint = endpoint
        self.attributes = attributes
        self.confirmed = confirmed
        self.confirmationToken = confirmationToken
    }
}

/// A delivery waiting in the outbox: one notification for one subscription, kept until
/// it was delivered.
public struct TopicDelivery: Sendable, Equatable {
    public var id: Int64
    public var subscription: SubscriptionRecord
    /// The notification (the service's own JSON text).
    public var payload: String
    /// Failed attempts so far.
    public var attempts: Int

    public init(id: Int64, subscription: SubscriptionRecord, payload: String, attempts: Int) {
        self.id = id
        self.subscription = subscription
        self.payload = payload
        self.attempts = attempts
    }
}

/// Local SNS topics, subscriptions and the outbox of their deliveries. "Now" is always an
/// argument.
public protocol TopicStore: Sendable {
    /// Creates the topic, or returns the one that already has the ARN (CreateTopic is
    /// idempotent).
    func createTopic(_ record: TopicRecord) async throws -> TopicRecord
    func topic(arn: String) async throws -> TopicRecord?
    /// False when the topic does not exist.
    func updateTopic(arn: String, attributes: [String: String]) async throws -> Bool
    /// Deletes the topic, its subscriptions and their pending deliveries.
    @discardableResult func deleteTopic(arn: String) async throws -> Bool
    /// In creation order.
    func listTopics() async throws -> [TopicRecord]

    /// Adds the subscription, or returns the topic's existing one for the same protocol and
    /// endpoint. Fails with ``StoreError/notFound`` when the topic does not exist.
    func subscribe(_ record: SubscriptionRecord) async throws -> SubscriptionRecord
    func subscription(arn: String) async throws -> SubscriptionRecord?
    /// Replaces the attributes and confirmation state; false when absent.
    func updateSubscription(_ record: SubscriptionRecord) async throws -> Bool
    @discardableResult func unsubscribe(arn: String) async throws -> Bool
    /// In creation order; all topics' when `topicArn` is nil.
    func listSubscriptions(topicArn: String?) async throws -> [SubscriptionRecord]

    /// Puts one delivery per confirmed subscription of the topic in the outbox, in one
    /// transaction, due at `now`: `payloads` are the notifications to deliver (PublishBatch
    /// has several). Returns how many deliveries it stored, nil when the topic does not exist.
    func publish(topicArn: String, payloads: [String], now: Date) async throws -> Int?
    /// Puts a delivery for one subscription (SubscriptionConfirmation messages).
    func enqueueDelivery(subscriptionArn: String, payload: String, now: Date) async throws
    /// Claims due deliveries until `leaseUntil` (a crashed deliverer's claims come back).
    func claimDeliveries(limit: Int, now: Date, leaseUntil: Date) async throws -> [TopicDelivery]
    /// The delivery succeeded; it goes.
    func finishDelivery(id: Int64) async throws
    /// The delivery failed; it is tried again at `retryAt`.
    func retryDelivery(id: Int64, at retryAt: Date) async throws
    /// The earliest due time of a delivery.
    func nextDeliveryDue() async throws -> Date?
}
