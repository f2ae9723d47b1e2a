import Foundation
import StatesLanguage
import StepwiseEngine
import StepwiseStore

/// Local SQS: queues and their messages with SQS's semantics (visibility timeouts, delays,
/// long polling, FIFO groups and deduplication, redrive to a dead-letter queue), kept in
/// the engine's store. All time comes from the injected clock.
///
/// Queues are named by their URL's last path component, so a URL of any host reaches them.
public final class QueueService: Sendable {
    public let store: any QueueStore
    public let clock: any EngineClock
    public let region: String
    public let account: String
    let signals = QueueSignals()
    /// Queue records as the message calls last read them (see ``RecordCache``).
    let records = RecordCache<String, QueueRecord>()

    public init(store: any QueueStore, clock: any EngineClock, region: String = "us-east-1", account: String = "123456789012") {
        self.store = store
        self.clock = clock
        self.region = region
        self.account = account
    }

    /// `arn:aws:sqs:REGION:ACCOUNT:NAME`.
    public func arn(ofQueue name: String) -> String { "arn:aws:sqs:\(region):\(account):\(name)" }

    /// `BASE/ACCOUNT/NAME` (BASE like `http://127.0.0.1:8083`).
    public func url(ofQueue name: String, base: String) -> String {
        let trimmed = base.hasSuffix("/") ? String(base.dropLast()) : base
        return "\(trimmed)/\(account)/\(name)"
    }

    /// The queue a URL names: its last path component.
    public static func queueName(fromURL url: String) -> String? {
        let withoutQuery = url.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? url
        guard let last = withoutQuery.split(separator: "/").last, !last.isEmpty else { return nil }
        return String(last)
    }

    /// The queue an ARN of this region and account names.
    func queueName(fromArn arn: String) -> String? {
        let prefix = "arn:aws:sqs:\(region):\(account):"
        return arn.hasPrefix(prefix) ? String(arn.dropFirst(prefix.count)) : nil
    }

    // MARK: Queues

    /// CreateQueue: idempotent when the attributes match; QueueNameExists when they differ.
    /// Returns the queue's name.
    @discardableResult
    public func createQueue(_ request: CreateQueueRequest) async throws(SQSError) -> String {
        let name = request.queueName
        guard QueueConfiguration.isValidName(name) else {
            throw SQSError(.invalidParameterValue, "Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length")
        }
        let attributes = try QueueConfiguration.validate(request.attributes ?? [:], fifoName: name.hasSuffix(".fifo"), creating: true)
        try await checkDeadLetterTarget(attributes)
        let now = clock.now()
        let stored = try await storing { try await self.store.createQueue(QueueRecord(name: name, attributes: attributes, createdAt: now, updatedAt: now)) }
        if stored.createdAt != now || stored.attributes != attributes {
            let given = QueueConfiguration.reported(attributes, fifo: name.hasSuffix(".fifo"))
            let existing = QueueConfiguration.reported(stored.attributes, fifo: name.hasSuffix(".fifo"))
            if let differing = given.keys.sorted().first(where: { given[$0] != existing[$0] }) {
                throw SQSError(.queueNameExists, "A queue already exists with the same name and a different value for attribute \(differing)")
            }
        }
        return name
    }

    /// GetQueueUrl's check: the name of an existing queue. Recently read records are reused
    /// (changes made through this service are seen at once, another node's within a second).
    public func existingQueue(named name: String) async throws(SQSError) -> QueueRecord {
        let now = clock.now()
        guard let record = try await storing({
            try await self.records.value(for: name, now: now) { try await self.store.queue(named: name) }
        }) else { throw .noSuchQueue }
        return record
    }

    /// GetQueueAttributes: `All`, or the named attributes (unknown names are InvalidAttributeName).
    public func queueAttributes(_ name: String, names: [String]) async throws(SQSError) -> [String: String] {
        let record = try await existingQueue(named: name)
        let config = QueueConfiguration(record.attributes)
        let counts = try await storing { try await self.store.queueCounts(queue: name, now: self.clock.now()) }
        var all = QueueConfiguration.reported(record.attributes, fifo: config.fifo)
        all["QueueArn"] = arn(ofQueue: name)
        all["CreatedTimestamp"] = String(Int(record.createdAt.timeIntervalSince1970))
        all["LastModifiedTimestamp"] = String(Int(record.updatedAt.timeIntervalSince1970))
        all["ApproximateNumberOfMessages"] = String(counts.visible)
        all["ApproximateNumberOfMessagesNotVisible"] = String(counts.notVisible)
        all["ApproximateNumberOfMessagesDelayed"] = String(counts.delayed)
        if names.contains("All") { return all }
        let known = QueueConfiguration.settable.union(all.keys)
        var selected: [String: String] = [:]
        for n in names {
            guard known.contains(n) else { throw SQSError(.invalidAttributeName, "Unknown Attribute \(n).") }
            if let value = all[n] { selected[n] = value }
        }
        return selected
    }

    /// SetQueueAttributes.
    ///
    /// `replacingAll` (a stack's update, where the template is the whole configuration):
    /// attributes left out go back to SQS's defaults instead of keeping their values.
    public func setQueueAttributes(_ name: String, _ attributes: [String: String],
                                   replacingAll: Bool = false) async throws(SQSError) {
        // Read afresh: the update merges into what is stored.
        guard let record = try await storing({ try await self.store.queue(named: name) }) else { throw .noSuchQueue }
        let validated = try QueueConfiguration.validate(attributes, fifoName: name.hasSuffix(".fifo"), creating: false)
        try await checkDeadLetterTarget(validated)
        // FifoQueue is fixed at creation; nothing else survives a replacement.
        var merged = replacingAll ? record.attributes.filter { $0.key == "FifoQueue" } : record.attributes
        for (key, value) in validated { merged[key] = value }
        let updated = merged
        guard try await storing({ try await self.store.updateQueue(named: name, attributes: updated, now: self.clock.now()) }) else {
            throw .noSuchQueue
        }
        records.remove(name)
    }

    /// ListQueues: names in order, those starting with `prefix`.
    public func listQueues(prefix: String?) async throws(SQSError) -> [String] {
        try await storing { try await self.store.listQueues(prefix: prefix) }.map(\.name)
    }

    public func deleteQueue(_ name: String) async throws(SQSError) {
        guard try await storing({ try await self.store.deleteQueue(named: name) }) else { throw .noSuchQueue }
        records.remove(name)
        signals.raise(name)
    }

    public func purgeQueue(_ name: String) async throws(SQSError) {
        guard try await storing({ try await self.store.purgeQueue(named: name) }) else { throw .noSuchQueue }
    }

    /// A RedrivePolicy must name an existing queue of the same type.
    private func checkDeadLetterTarget(_ attributes: [String: String]) async throws(SQSError) {
        guard let policy = attributes["RedrivePolicy"], !policy.isEmpty,
              let target = QueueConfiguration(attributes).deadLetterTargetArn else { return }
        guard let name = queueName(fromArn: target),
              try await storing({ try await self.store.queue(named: name) }) != nil else {
            throw SQSError(.invalidParameterValue, "Value \(policy) for parameter RedrivePolicy is invalid. Reason: Dead letter target does not exist.")
        }
    }

    /// Runs a store call, turning its errors into SQS's.
    func storing<T: Sendable>(_ body: @Sendable () async throws -> T) async throws(SQSError) -> T {
        do {
            return try await body()
        } catch StoreError.notFound {
            throw .noSuchQueue
        } catch {
            throw SQSError(.internalFailure, "The request processing has failed because of an unknown error, exception or failure. (\(error))")
        }
    }
}
