import Foundation
import StatesLanguage
import StepwiseEngine
import StepwiseStore
import Synchronization

/// An HTTP/HTTPS delivery for the server to make (POST `url` with `headers` and `body`);
/// a thrown error makes the delivery be tried again later.
public struct HTTPDelivery: Sendable, Equatable {
    public var url: String
    public var headers: [String: String]
    public var body: String
}

/// Local SNS: topics, subscriptions (`sqs` with RawMessageDelivery, `lambda`, `http`/`https`
/// with the confirmation handshake) and publishing. A publish puts one delivery per
/// subscription in the store's outbox in one transaction; deliveries are made right after,
/// and again by ``run()`` until they succeed: never lost.
public final class TopicService: Sendable {
    public let store: any TopicStore
    public let queues: QueueService?
    public let clock: any EngineClock
    public let region: String
    public let account: String
    /// The URL the server is reached at: SubscribeURL and UnsubscribeURL start with it.
    public let endpoint: String
    /// Invokes a function with an SNS event (`functionArn`, event JSON text).
    public typealias FunctionDelivery = @Sendable (_ functionArn: String, _ eventJSON: String) async throws -> Void
    public typealias HTTPDeliverer = @Sendable (HTTPDelivery) async throws -> Void

    private let hooks = Mutex<(function: FunctionDelivery?, http: HTTPDeliverer?)>((nil, nil))
    let deliveriesAvailable = QueueSignals()
    /// Topic records as Publish last read them (see ``RecordCache``).
    let records = RecordCache<String, TopicRecord>()
    /// How many ``run()`` loops deliver (none: publishes deliver in line).
    let running = Mutex(0)

    public init(store: any TopicStore, queues: QueueService?, clock: any EngineClock, region: String = "us-east-1",
                account: String = "123456789012", endpoint: String = "http://127.0.0.1:8083") {
        self.store = store
        self.queues = queues
        self.clock = clock
        self.region = region
        self.account = account
        self.endpoint = endpoint.hasSuffix("/") ? String(endpoint.dropLast()) : endpoint
    }

    /// How `lambda` subscriptions are delivered (the functions service wires this).
    public func setFunctionDelivery(_ deliver: FunctionDelivery?) { hooks.withLock { $0.function = deliver } }
    /// How `http`/`https` subscriptions are delivered (the server wires this).
    public func setHTTPDelivery(_ deliver: HTTPDeliverer?) { hooks.withLock { $0.http = deliver } }
    var functionDelivery: FunctionDelivery? { hooks.withLock { $0.function } }
    var httpDelivery: HTTPDeliverer? { hooks.withLock { $0.http } }

    public func arn(ofTopic name: String) -> String { "arn:aws:sns:\(region):\(account):\(name)" }

    // MARK: Topics

    /// CreateTopic: idempotent for the same name and attributes. Returns the topic's ARN.
    @discardableResult
    public func createTopic(name: String, attributes: [String: String] = [:]) async throws(SNSError) -> String {
        let fifo = name.hasSuffix(".fifo")
        let base = fifo ? String(name.dropLast(5)) : name
        guard (1...256).contains(name.count), !base.isEmpty,
              base.unicodeScalars.allSatisfy({ $0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == "-" || $0 == "_") }) else {
            throw .invalid("Topic Name")
        }
        if (attributes["FifoTopic"] == "true") != fifo {
            throw fifo ? .invalid("Topic Name") : .invalid("Topic Name")
        }
        let allowed: Set<String> = ["DisplayName", "Policy", "DeliveryPolicy", "KmsMasterKeyId", "FifoTopic",
                                    "ContentBasedDeduplication", "SignatureVersion", "TracingConfig", "ArchivePolicy",
                                    "FifoThroughputScope", "DataProtectionPolicy"]
        if let unknown = attributes.keys.sorted().first(where: { !allowed.contains($0) && !$0.hasSuffix("FeedbackRoleArn") && !$0.hasSuffix("FeedbackSampleRate") }) {
            throw .invalid("Attributes Reason: Unknown attribute \(unknown)")
        }
        if attributes["ContentBasedDeduplication"] == "true", !fifo {
            throw .invalid("Attributes Reason: Content based deduplication can only be set for FIFO topics")
        }
        let record = TopicRecord(arn: arn(ofTopic: name), name: name, attributes: attributes, createdAt: clock.now())
        let stored = try await storing { try await self.store.createTopic(record) }
        if stored.attributes != attributes, !attributes.isEmpty {
            throw .invalid("Attributes Reason: Topic already exists with different attributes")
        }
        return stored.arn
    }

    public func deleteTopic(arn: String) async throws(SNSError) {
        _ = try await storing { try await self.store.deleteTopic(arn: arn) }
        records.remove(arn)
    }

    public func listTopics() async throws(SNSError) -> [String] {
        try await storing { try await self.store.listTopics() }.map(\.arn)
    }

    /// The topic's record; recently read records are reused (changes made through this
    /// service are seen at once, another node's within a second).
    func existingTopic(_ arn: String) async throws(SNSError) -> TopicRecord {
        let now = clock.now()
        guard let topic = try await storing({
            try await self.records.value(for: arn, now: now) { try await self.store.topic(arn: arn) }
        }) else { throw .noSuchTopic }
        return topic
    }

    /// GetTopicAttributes: the stored attributes over SNS's defaults and counts.
    public func topicAttributes(arn: String) async throws(SNSError) -> [String: String] {
        let topic = try await existingTopic(arn)
        let subscriptions = try await storing { try await self.store.listSubscriptions(topicArn: arn) }
        var all: [String: String] = [
            "TopicArn": arn, "Owner": account, "DisplayName": "",
            "SubscriptionsConfirmed": String(subscriptions.filter(\.confirmed).count),
            "SubscriptionsPending": String(subscriptions.filter { !$0.confirmed }.count),
            "SubscriptionsDeleted": "0",
            "Policy": Self.defaultPolicy(topicArn: arn, account: account),
            "EffectiveDeliveryPolicy": #"{"http":{"defaultHealthyRetryPolicy":{"minDelayTarget":20,"maxDelayTarget":20,"numRetries":3,"numMaxDelayRetries":0,"numNoDelayRetries":0,"numMinDelayRetries":0,"backoffFunction":"linear"},"disableSubscriptionOverrides":false,"defaultRequestPolicy":{"headerContentType":"text/plain; charset=UTF-8"}}}"#,
        ]
        if topic.name.hasSuffix(".fifo") {
            all["FifoTopic"] = "true"
            all["ContentBasedDeduplication"] = "false"
        }
        for (key, value) in topic.attributes { all[key] = value }
        return all
    }

    public func setTopicAttribute(arn: String, name: String, value: String?) async throws(SNSError) {
        // Read afresh: the update merges into what is stored.
        guard let topic = try await storing({ try await self.store.topic(arn: arn) }) else { throw .noSuchTopic }
        guard name != "FifoTopic" else { throw .invalid("AttributeName") }
        var attributes = topic.attributes
        attributes[name] = value ?? ""
        let updated = attributes
        _ = try await storing { try await self.store.updateTopic(arn: arn, attributes: updated) }
        records.remove(arn)
    }

    /// Puts attributes back to SNS's defaults (a stack's update whose template no longer
    /// sets them): their stored values go, so GetTopicAttributes reports the defaults.
    public func resetTopicAttributes(arn: String, names: Set<String>) async throws(SNSError) {
        guard let topic = try await storing({ try await self.store.topic(arn: arn) }) else { throw .noSuchTopic }
        let kept = topic.attributes.filter { !names.contains($0.key) || $0.key == "FifoTopic" }
        guard kept.count != topic.attributes.count else { return }
        _ = try await storing { try await self.store.updateTopic(arn: arn, attributes: kept) }
        records.remove(arn)
    }

    static func defaultPolicy(topicArn: String, account: String) -> String {
        JSON.object([
            "Version": "2008-10-17", "Id": "__default_policy_ID",
            "Statement": [[
                "Sid": "__default_statement_ID", "Effect": "Allow", "Principal": ["AWS": "*"],
                "Action": ["SNS:GetTopicAttributes", "SNS:SetTopicAttributes", "SNS:AddPermission", "SNS:RemovePermission",
                           "SNS:DeleteTopic", "SNS:Subscribe", "SNS:ListSubscriptionsByTopic", "SNS:Publish"],
                "Resource": .string(topicArn), "Condition": ["StringEquals": ["AWS:SourceOwner": .string(account)]],
            ]],
        ]).serialized
    }

    /// Runs a store call, turning its errors into SNS's.
    func storing<T: Sendable>(_ body: @Sendable () async throws -> T) async throws(SNSError) -> T {
        do {
            return try await body()
        } catch StoreError.notFound {
            throw .noSuchTopic
        } catch {
            throw SNSError(.internalError, "Internal error: \(error)")
        }
    }
}
