import Foundation
import StatesLanguage
import StepwiseEngine
import StepwiseStore
import Synchronization

/// The pollers: one per enabled mapping, receiving from its queue and invoking its function
/// as Lambda's SQS pollers do.
extension EventSourceMappings {
    /// Polls every enabled mapping until cancelled (graceful shutdown). Mappings are re-read
    /// whenever one is created, updated or deleted, and at start, so they survive restarts.
    public func run() async {
        await withDiscardingTaskGroup { group in
            var workers: [String: MappingWorker] = [:]
            while !Task.isCancelled {
                // Taken before reading, so that a change made meanwhile is not missed.
                let changed = changes.withLock { $0 }
                if let mappings = try? await allMappings() {
                    let wanted = Dictionary(mappings.filter(\.enabled).map { ($0.uuid, $0) }, uniquingKeysWith: { a, _ in a })
                    for (uuid, worker) in workers where wanted[uuid] != worker.record {
                        worker.stop()
                        workers[uuid] = nil
                    }
                    for (uuid, record) in wanted where workers[uuid] == nil {
                        let worker = MappingWorker(record: record)
                        workers[uuid] = worker
                        group.addTask { await self.poll(worker) }
                    }
                }
                await changed.wait()
            }
            for worker in workers.values { worker.stop() }
        }
    }

    private func allMappings() async throws -> [EventSourceMappingRecord] {
        var all: [EventSourceMappingRecord] = []
        var cursor: String?
        repeat {
            let page = try await store.listEventSourceMappings(functionArn: nil, eventSourceArn: nil, limit: 1_000, cursor: cursor)
            all += page.items
            cursor = page.nextCursor
        } while cursor != nil
        return all
    }

    /// Gathers batches one at a time and hands each to the function, with a few batches in
    /// flight at most, until the worker is stopped.
    func poll(_ worker: MappingWorker) async {
        guard let queue = queues.queueName(fromArn: worker.record.eventSourceArn) else { return }
        let uuid = worker.record.uuid
        polling.withLock { $0[uuid, default: 0] += 1 }
        defer {
            polling.withLock { counts in
                counts[uuid, default: 1] -= 1
                if counts[uuid] == 0 { counts[uuid] = nil }
            }
        }
        let reserved = (try? await functions.function(named: worker.record.functionArn))?.reservedConcurrency
        let limit = max(1, min(batchesInFlight, reserved ?? batchesInFlight))
        await withTaskGroup(of: Void.self) { group in
            var running = 0
            while !worker.isStopped, !Task.isCancelled {
                if running >= limit {
                    await group.next()
                    running -= 1
                    continue
                }
                let batch = await gather(worker, queue: queue)
                guard !batch.isEmpty else { continue }
                running += 1
                group.addTask { await self.deliver(batch, mapping: worker.record, queue: queue) }
            }
        }
    }

    /// One batch: a long poll for the first messages, then up to the batching window for
    /// more, until BatchSize. Empty when stopped or after a long poll found nothing.
    func gather(_ worker: MappingWorker, queue: String) async -> [SQSMessage] {
        let mapping = worker.record
        do {
            var batch = try await receive(worker, queue: queue, limit: min(10, mapping.batchSize),
                                          until: clock.now().addingTimeInterval(20))
            guard !batch.isEmpty, mapping.maximumBatchingWindowInSeconds > 0 else { return batch }
            let windowEnd = clock.now().addingTimeInterval(Double(mapping.maximumBatchingWindowInSeconds))
            while batch.count < mapping.batchSize, !worker.isStopped {
                let more = try await receive(worker, queue: queue, limit: min(10, mapping.batchSize - batch.count), until: windowEnd)
                if more.isEmpty { break }
                batch += more
            }
            return batch
        } catch {
            // The queue went (or the store failed): try again a little later, not in a busy loop.
            await worker.pause(until: clock.now().addingTimeInterval(10), clock: clock)
            return []
        }
    }

    /// Receives up to `limit` messages, waiting until `deadline` for one to arrive or become
    /// visible (woken by the queue's sends, not by polling).
    private func receive(_ worker: MappingWorker, queue: String, limit: Int, until deadline: Date) async throws(SQSError) -> [SQSMessage] {
        while true {
            let signal = queues.signals.waiter(queue)
            var waited = false
            defer { queues.signals.remove(queue, signal, passingOn: !waited) }
            let request = ReceiveMessageRequest(queueUrl: nil, maxNumberOfMessages: limit, waitTimeSeconds: 0,
                                                messageSystemAttributeNames: ["All"], messageAttributeNames: ["All"])
            let received = try await queues.receiveMessage(queue: queue, request)
            if !received.isEmpty { return received }
            let now = clock.now()
            if now >= deadline || worker.isStopped || Task.isCancelled { return [] }
            let nextVisible = try? await queues.store.nextVisibleAt(queue: queue, now: now)
            let wakeAt = min(deadline, nextVisible ?? deadline)
            worker.watch(signal)
            await withTaskGroup(of: Void.self) { group in
                group.addTask { await signal.wait() }
                group.addTask { try? await self.clock.sleep(until: wakeAt) }
                await group.next()
                group.cancelAll()
            }
            worker.unwatch(signal)
            waited = true
        }
    }

    /// Drops (deletes) the messages no `FilterCriteria` filter lets through, invokes the
    /// function with the rest and deletes what succeeded: everything, nothing
    /// (a function error, or an invocation that could not run), or, with
    /// `ReportBatchItemFailures`, all but the failed items. Messages left reappear after the
    /// queue's visibility timeout, and its RedrivePolicy moves them to the dead-letter queue.
    func deliver(_ gathered: [SQSMessage], mapping: EventSourceMappingRecord, queue: String) async {
        var batch = gathered
        if let filter = EventFilter(criteria: mapping.filterCriteria) {
            // Lambda deletes the SQS messages that no filter lets through.
            let passing = batch.filter { filter.passes(SQSEvent.record($0, sourceArn: mapping.eventSourceArn, region: queues.region)) }
            let passed = Set(passing.map(\.messageId))
            for message in batch where !passed.contains(message.messageId) {
                try? await queues.deleteMessage(queue: queue, receiptHandle: message.receiptHandle)
            }
            batch = passing
            guard !batch.isEmpty else { return }
        }
        let event = SQSEvent.event(batch, sourceArn: mapping.eventSourceArn, region: queues.region)
        let result: FunctionResult
        do {
            result = try await functions.invoke(mapping.functionArn, payload: Array(event.serialized.utf8), type: .requestResponse)
        } catch {
            return
        }
        let ids = Set(batch.map(\.messageId))
        let failed: Set<String>
        if result.functionError != nil {
            failed = ids
        } else if mapping.functionResponseTypes.contains("ReportBatchItemFailures") {
            failed = SQSEvent.failedItems(result.payload, batch: ids) ?? ids
        } else {
            failed = []
        }
        for message in batch where !failed.contains(message.messageId) {
            try? await queues.deleteMessage(queue: queue, receiptHandle: message.receiptHandle)
        }
    }
}

/// The poller of one mapping, as it was when the poller started; stopped when the mapping
/// changes, is disabled or deleted.
final class MappingWorker: Sendable {
    let record: EventSourceMappingRecord
    private let state = Mutex<(stopped: Bool, waiting: [Signal])>((false, []))

    init(record: EventSourceMappingRecord) { self.record = record }

    var isStopped: Bool { state.withLock { $0.stopped } }

    /// Stops the poller: its waits end now, its batches in flight finish.
    func stop() {
        let waiting = state.withLock { s in
            s.stopped = true
            defer { s.waiting = [] }
            return s.waiting
        }
        for signal in waiting { signal.raise() }
    }

    /// Lets ``stop()`` end a wait on `signal` (at once when already stopped).
    func watch(_ signal: Signal) {
        let stopped = state.withLock { s in
            if !s.stopped { s.waiting.append(signal) }
            return s.stopped
        }
        if stopped { signal.raise() }
    }

    func unwatch(_ signal: Signal) {
        state.withLock { s in s.waiting.removeAll { $0 === signal } }
    }

    /// Sleeps on the clock until `deadline`, or until stopped.
    func pause(until deadline: Date, clock: any EngineClock) async {
        let signal = Signal()
        watch(signal)
        defer { unwatch(signal) }
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await signal.wait() }
            group.addTask { try? await clock.sleep(until: deadline) }
            await group.next()
            group.cancelAll()
        }
    }
}
