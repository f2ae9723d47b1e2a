import Crypto
import Foundation
import StepwiseEngine
import StatesLanguage
import StepwiseStore

/// SendMessage(Batch), ReceiveMessage, DeleteMessage, ChangeMessageVisibility.
extension QueueService {
    /// SendMessage. `queue` is the queue's name.
    public func sendMessage(queue: String, _ request: SendMessageRequest) async throws(SQSError) -> SendMessageResult {
        let record = try await existingQueue(named: queue)
        let draft = try draft(request, config: QueueConfiguration(record.attributes), now: clock.now())
        let results = try await store(queue: queue, [draft])
        guard let result = results.first else { throw SQSError(.internalFailure, "The message was not stored.") }
        return result
    }

    /// SendMessage to a standard queue, validated and answered but not stored: the caller
    /// writes the message in a transaction of its own making (an inline `sqs:sendMessage`
    /// Task, written with its step) and then calls ``messagesStored(queue:count:)``.
    /// Nil for a FIFO queue, whose deduplication needs the send's own transaction.
    public func prepareSend(queue: String, _ request: SendMessageRequest) async throws(SQSError) -> (QueueMessageDraft, SendMessageResult)? {
        guard !queue.hasSuffix(".fifo") else { return nil }
        let record = try await existingQueue(named: queue)
        let draft = try draft(request, config: QueueConfiguration(record.attributes), now: clock.now())
        return (draft, result(of: draft, messageID: draft.messageID, sequence: nil, fifo: false))
    }

    /// Wakes long polls for messages stored outside ``sendMessage(queue:_:)``.
    public func messagesStored(queue: String, count: Int) {
        signals.raise(queue, count: count)
    }

    /// SendMessageBatch: each entry succeeds or fails on its own.
    public func sendMessageBatch(queue: String, _ entries: [SendMessageBatchEntry]) async throws(SQSError) -> BatchResult<SendMessageBatchResultEntry> {
        try Self.checkBatch(entries.map(\.id))
        let record = try await existingQueue(named: queue)
        let config = QueueConfiguration(record.attributes)
        let now = clock.now()
        var answer = BatchResult<SendMessageBatchResultEntry>()
        var accepted: [(String, QueueMessageDraft)] = []
        for entry in entries {
            do throws(SQSError) {
                accepted.append((entry.id, try draft(entry.request, config: config, now: now)))
            } catch {
                answer.failed.append(BatchResultErrorEntry(id: entry.id, error))
            }
        }
        let results = try await store(queue: queue, accepted.map(\.1))
        for ((id, _), result) in zip(accepted, results) {
            answer.successful.append(SendMessageBatchResultEntry(id: id, result: result))
        }
        return answer
    }

    private func store(queue: String, _ drafts: [QueueMessageDraft]) async throws(SQSError) -> [SendMessageResult] {
        guard !drafts.isEmpty else { return [] }
        let now = clock.now()
        let outcomes = try await storing {
            try await self.store.sendMessages(queue: queue, drafts, deduplicationWindow: 300, now: now)
        }
        signals.raise(queue, count: drafts.count)
        let fifo = queue.hasSuffix(".fifo")
        return zip(drafts, outcomes).map { draft, outcome in
            let (id, sequence) = switch outcome {
            case .sent(let id, let sequence), .duplicate(let id, let sequence): (id, sequence)
            }
            return result(of: draft, messageID: id, sequence: sequence, fifo: fifo)
        }
    }

    /// SendMessage's answer for a stored message.
    private func result(of draft: QueueMessageDraft, messageID: String, sequence: Int64?, fifo: Bool) -> SendMessageResult {
        let system = Self.decodeAttributes(draft.systemAttributes)
        return SendMessageResult(
            md5OfMessageBody: draft.md5OfBody, md5OfMessageAttributes: draft.md5OfMessageAttributes,
            md5OfMessageSystemAttributes: MessageDigest.md5(ofAttributes: system), messageId: messageID,
            sequenceNumber: fifo ? sequence.map(Self.sequenceNumber) : nil)
    }

    /// A validated message ready to store.
    func draft(_ request: SendMessageRequest, config: QueueConfiguration, now: Date) throws(SQSError) -> QueueMessageDraft {
        guard let body = request.messageBody, !body.isEmpty else { throw .missing("MessageBody") }
        if let bad = body.unicodeScalars.first(where: { !Self.isAllowed($0) }) {
            throw SQSError(.invalidMessageContents, "Invalid binary character '#x\(String(bad.value, radix: 16, uppercase: true))' was found in the message body, the set of allowed characters is #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF")
        }
        let attributes = request.messageAttributes ?? [:]
        try Self.validate(attributes)
        let size = body.utf8.count + attributes.reduce(0) { total, entry in
            total + entry.key.utf8.count + entry.value.dataType.utf8.count
                + (entry.value.stringValue?.utf8.count ?? 0) + (entry.value.binaryValue?.count ?? 0)
        }
        guard size <= config.maximumMessageSize else {
            throw SQSError(.invalidParameterValue, "One or more parameters are invalid. Reason: Message must be shorter than \(config.maximumMessageSize) bytes.")
        }
        var delay = config.delaySeconds
        if let seconds = request.delaySeconds {
            guard (0...900).contains(seconds) else {
                throw .invalidParameter("DelaySeconds", seconds, reason: "must be between 0 and 900, if provided")
            }
            guard !config.fifo else {
                throw .invalidParameter("DelaySeconds", seconds, reason: "The request include parameter that is not valid for this queue type")
            }
            delay = seconds
        }
        var groupID: String?
        var deduplicationID: String?
        if config.fifo {
            guard let group = request.messageGroupId, !group.isEmpty else { throw .missing("MessageGroupId") }
            groupID = group
            if let id = request.messageDeduplicationId {
                deduplicationID = id
            } else if config.contentBasedDeduplication {
                deduplicationID = MessageDigest.hex(SHA256.hash(data: Array(body.utf8)))
            } else {
                throw SQSError(.invalidParameterValue, "The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly")
            }
        } else {
            groupID = request.messageGroupId
            if request.messageDeduplicationId != nil {
                throw .invalidParameter("MessageDeduplicationId", request.messageDeduplicationId ?? "", reason: "The request includes a parameter that is not valid for this queue type")
            }
        }
        return QueueMessageDraft(
            messageID: RandomBytes.uuidString(), body: body,
            messageAttributes: attributes.isEmpty ? nil : Self.encodeAttributes(attributes),
            systemAttributes: request.messageSystemAttributes.flatMap { $0.isEmpty ? nil : Self.encodeAttributes($0) },
            md5OfBody: MessageDigest.md5(ofBody: body), md5OfMessageAttributes: MessageDigest.md5(ofAttributes: attributes),
            sentAt: now, visibleAt: now.addingTimeInterval(Double(delay)),
            expiresAt: now.addingTimeInterval(Double(config.messageRetentionPeriod)),
            groupID: groupID, deduplicationID: deduplicationID)
    }

    // MARK: Receiving

    /// ReceiveMessage: waits up to WaitTimeSeconds (or the queue's
    /// ReceiveMessageWaitTimeSeconds) for a message, woken by sends and by messages
    /// becoming visible.
    public func receiveMessage(queue: String, _ request: ReceiveMessageRequest) async throws(SQSError) -> [SQSMessage] {
        let record = try await existingQueue(named: queue)
        let config = QueueConfiguration(record.attributes)
        let limit = request.maxNumberOfMessages ?? 1
        guard (1...10).contains(limit) else {
            throw .invalidParameter("MaxNumberOfMessages", limit, reason: "Must be between 1 and 10, if provided")
        }
        let waitSeconds = request.waitTimeSeconds ?? config.receiveMessageWaitTimeSeconds
        guard (0...20).contains(waitSeconds) else {
            throw .invalidParameter("WaitTimeSeconds", waitSeconds, reason: "Must be >= 0 and <= 20, if provided")
        }
        let visibility = request.visibilityTimeout ?? config.visibilityTimeout
        guard (0...43_200).contains(visibility) else {
            throw .invalidParameter("VisibilityTimeout", visibility, reason: "Must be between 0 and 43200, if provided")
        }
        let redrive = try await redriveTarget(config, source: queue)
        let deadline = clock.now().addingTimeInterval(Double(waitSeconds))
        while true {
            let signal = signals.waiter(queue)
            var waited = false
            defer { signals.remove(queue, signal, passingOn: !waited) }
            let now = clock.now()
            let receive = QueueReceive(limit: limit, visibleUntil: now.addingTimeInterval(Double(visibility)),
                                       receiptHandles: (0..<limit).map { _ in Self.newHandleSecret() },
                                       fifo: config.fifo, redrive: redrive)
            let received = try await storing { try await self.store.receiveMessages(queue: queue, receive, now: now) }
            if !received.isEmpty {
                return received.map { message(of: $0, request: request, queue: queue) }
            }
            if now >= deadline || Task.isCancelled { return [] }
            let nextVisible = try await storing { try await self.store.nextVisibleAt(queue: queue, now: now) }
            let wakeAt = min(deadline, nextVisible ?? deadline)
            await withTaskGroup(of: Void.self) { group in
                group.addTask { await signal.wait() }
                group.addTask { try? await self.clock.sleep(until: wakeAt) }
                await group.next()
                group.cancelAll()
            }
            waited = true
        }
    }

    /// The dead-letter queue of a queue's RedrivePolicy, if it still exists.
    private func redriveTarget(_ config: QueueConfiguration, source: String) async throws(SQSError) -> RedriveTarget? {
        guard let arn = config.deadLetterTargetArn, let max = config.maxReceiveCount, let name = queueName(fromArn: arn),
              let dlq = try await storing({ try await self.store.queue(named: name) }) else { return nil }
        return RedriveTarget(queueName: name, maxReceiveCount: max, sourceArn: self.arn(ofQueue: source),
                             retentionSeconds: Double(QueueConfiguration(dlq.attributes).messageRetentionPeriod))
    }

    private func message(of received: ReceivedQueueMessage, request: ReceiveMessageRequest, queue: String) -> SQSMessage {
        let m = received.message
        let wanted = Set((request.attributeNames ?? []) + (request.messageSystemAttributeNames ?? []))
        var system: [String: String] = [
            "SenderId": account,
            "SentTimestamp": Self.milliseconds(m.sentAt),
            "ApproximateReceiveCount": String(received.receiveCount),
            "ApproximateFirstReceiveTimestamp": Self.milliseconds(received.firstReceivedAt),
        ]
        if queue.hasSuffix(".fifo") {
            system["SequenceNumber"] = Self.sequenceNumber(received.sequenceNumber)
            system["MessageGroupId"] = m.groupID
            system["MessageDeduplicationId"] = m.deduplicationID
        }
        system["DeadLetterQueueSourceArn"] = m.deadLetterSourceArn
        if let trace = Self.decodeAttributes(m.systemAttributes)?["AWSTraceHeader"]?.stringValue { system["AWSTraceHeader"] = trace }
        let attributes = wanted.contains("All") ? system : system.filter { wanted.contains($0.key) }

        let names = request.messageAttributeNames ?? []
        let all = Self.decodeAttributes(m.messageAttributes) ?? [:]
        let selected = all.filter { name, _ in
            names.contains { $0 == "All" || $0 == ".*" || $0 == name || ($0.hasSuffix(".*") && name.hasPrefix(String($0.dropLast(1)))) }
        }
        return SQSMessage(
            messageId: m.messageID, receiptHandle: Self.receiptHandle(messageID: m.messageID, secret: received.receiptHandle),
            md5OfBody: m.md5OfBody, body: m.body, attributes: attributes.isEmpty ? nil : attributes,
            md5OfMessageAttributes: MessageDigest.md5(ofAttributes: selected), messageAttributes: selected.isEmpty ? nil : selected)
    }

    // MARK: Receipt handles

    /// DeleteMessage. A handle that is not the message's latest succeeds without deleting
    /// (as SQS documents); a malformed one is ReceiptHandleIsInvalid.
    public func deleteMessage(queue: String, receiptHandle: String) async throws(SQSError) {
        guard let (messageID, secret) = Self.parseReceiptHandle(receiptHandle) else { throw .invalidReceiptHandle(receiptHandle) }
        _ = try await storing { try await self.store.deleteMessage(queue: queue, messageID: messageID, receiptHandle: secret) }
    }

    /// ChangeMessageVisibility: the in-flight message becomes visible `timeout` seconds from now.
    public func changeMessageVisibility(queue: String, receiptHandle: String, timeout: Int) async throws(SQSError) {
        guard (0...43_200).contains(timeout) else {
            throw .invalidParameter("VisibilityTimeout", timeout, reason: "VisibilityTimeout must be an integer between 0 and 43200")
        }
        guard let (messageID, secret) = Self.parseReceiptHandle(receiptHandle) else { throw .invalidReceiptHandle(receiptHandle) }
        let now = clock.now()
        let outcome = try await storing {
            try await self.store.changeVisibility(queue: queue, messageID: messageID, receiptHandle: secret,
                                                  visibleAt: now.addingTimeInterval(Double(timeout)), now: now)
        }
        switch outcome {
        case .done: if timeout == 0 { signals.raise(queue, count: 1) }
        case .stale: throw SQSError(.messageNotInflight, "Message does not exist or is not available for visibility timeout change.")
        case .gone: throw .invalidReceiptHandle(receiptHandle)
        }
    }

    /// DeleteMessageBatch / ChangeMessageVisibilityBatch: each entry on its own.
    public func receiptBatch(queue: String, _ entries: [ReceiptBatchEntry], changeVisibility: Bool) async throws(SQSError) -> BatchResult<BatchResultEntry> {
        try Self.checkBatch(entries.map(\.id))
        _ = try await existingQueue(named: queue)
        var answer = BatchResult<BatchResultEntry>()
        for entry in entries {
            do throws(SQSError) {
                guard let handle = entry.receiptHandle else { throw .missing("ReceiptHandle") }
                if changeVisibility {
                    try await changeMessageVisibility(queue: queue, receiptHandle: handle, timeout: entry.visibilityTimeout ?? 0)
                } else {
                    try await deleteMessage(queue: queue, receiptHandle: handle)
                }
                answer.successful.append(BatchResultEntry(id: entry.id))
            } catch {
                if error.code == .queueDoesNotExist { throw error }
                answer.failed.append(BatchResultErrorEntry(id: entry.id, error))
            }
        }
        return answer
    }
}
