import Foundation
import StatesLanguage
import StepwiseStore

/// Delivering the outbox: SQS queues (the SNS envelope, or the raw message), functions
/// (Lambda's SNS event) and HTTP endpoints (through the hooks). A failed delivery is tried
/// again with a growing delay (at most five minutes apart) until it succeeds.
extension TopicService {
    /// Delivers what is due now; returns how many deliveries succeeded.
    @discardableResult
    public func deliverDue(limit: Int = 64) async -> Int {
        var delivered = 0
        while true {
            let now = clock.now()
            guard let batch = try? await store.claimDeliveries(limit: limit, now: now, leaseUntil: now.addingTimeInterval(120)),
                  !batch.isEmpty else { return delivered }
            for delivery in batch {
                let ok = await deliver(delivery)
                if ok {
                    try? await store.finishDelivery(id: delivery.id)
                    delivered += 1
                } else {
                    let delay = min(300, pow(2, Double(min(delivery.attempts, 10))))
                    try? await store.retryDelivery(id: delivery.id, at: clock.now().addingTimeInterval(delay))
                }
            }
            if batch.count < limit { return delivered }
        }
    }

    /// Delivers due deliveries until cancelled: woken by publishes, and by the clock
    /// when a retry falls due. A `Service` body for the server's ServiceGroup.
    public func run() async {
        running.withLock { $0 += 1 }
        defer { running.withLock { $0 -= 1 } }
        while !Task.isCancelled {
            let signal = deliveriesAvailable.waiter("outbox")
            defer { deliveriesAvailable.remove("outbox", signal) }
            await deliverDue()
            let next = (try? await store.nextDeliveryDue()) ?? clock.now().addingTimeInterval(60)
            await withTaskGroup(of: Void.self) { group in
                group.addTask { await signal.wait() }
                group.addTask { try? await self.clock.sleep(until: next) }
                await group.next()
                group.cancelAll()
            }
        }
    }

    /// After a publish: wakes ``run()``, or delivers at once when nothing runs it.
    func deliveriesEnqueued() async {
        if running.withLock({ $0 }) > 0 {
            deliveriesAvailable.raise("outbox")
        } else {
            await deliverDue()
        }
    }

    /// After deliveries were stored by another transaction (``preparePublish(topicArn:_:)``):
    /// as ``deliveriesEnqueued()``, without waiting for an inline delivery.
    public func deliveriesStored() {
        if running.withLock({ $0 }) > 0 {
            deliveriesAvailable.raise("outbox")
        } else {
            Task { await self.deliverDue() }
        }
    }

    private func deliver(_ delivery: TopicDelivery) async -> Bool {
        guard let notification = SNSNotification.decode(delivery.payload) else { return true }  // unreadable: drop, never loop
        let s = delivery.subscription
        switch s.protocol {
        case "sqs":
            return await deliverToQueue(notification, s)
        case "lambda":
            guard let hook = functionDelivery else { return false }
            let event = notification.lambdaEvent(subscriptionArn: s.arn, endpoint: endpoint)
            do { try await hook(s.endpoint, event.serialized) } catch { return false }
            return true
        case "http", "https":
            guard let hook = httpDelivery else { return false }
            let raw = s.attributes["RawMessageDelivery"]?.lowercased() == "true" && notification.type == "Notification"
            let body = raw ? notification.message(for: s.protocol)
                : JSON.object(notification.envelope(proto: s.protocol, subscriptionArn: s.arn, endpoint: endpoint)).serialized
            var headers = [
                "Content-Type": "text/plain; charset=UTF-8", "x-amz-sns-message-type": notification.type,
                "x-amz-sns-message-id": notification.messageId, "x-amz-sns-topic-arn": notification.topicArn,
            ]
            if notification.type == "Notification" { headers["x-amz-sns-subscription-arn"] = s.arn }
            if raw { headers["x-amz-sns-rawdelivery"] = "true" }
            do { try await hook(HTTPDelivery(url: s.endpoint, headers: headers, body: body)) } catch { return false }
            return true
        default:
            return true
        }
    }

    private func deliverToQueue(_ notification: SNSNotification, _ s: SubscriptionRecord) async -> Bool {
        guard let queues, let name = s.endpoint.split(separator: ":").last.map(String.init) else { return false }
        let raw = s.attributes["RawMessageDelivery"]?.lowercased() == "true"
        var request = SendMessageRequest(queueUrl: nil, messageBody: nil)
        if raw {
            request.messageBody = notification.message(for: "sqs")
            // SQS has no String.Array type: SNS sends such attributes as String.
            request.messageAttributes = notification.messageAttributes?.mapValues { value in
                var v = value
                if v.dataType == "String.Array" { v.dataType = "String" }
                return v
            }
        } else {
            request.messageBody = JSON.object(notification.envelope(proto: "sqs", subscriptionArn: s.arn, endpoint: endpoint)).serialized
        }
        if name.hasSuffix(".fifo") {
            request.messageGroupId = notification.messageGroupId ?? "default"
            request.messageDeduplicationId = notification.messageDeduplicationId ?? notification.messageId
        }
        do {
            _ = try await queues.sendMessage(queue: name, request)
            return true
        } catch {
            return false
        }
    }
}
