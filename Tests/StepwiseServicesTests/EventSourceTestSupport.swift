import Foundation
import StatesLanguage
import StepwiseEngine
import StepwiseStore
import StepwiseStoreSQLite
import Testing
@testable import StepwiseServices

/// Queues, functions and event source mappings on a fresh SQLite file and a virtual clock,
/// with the pollers running; a Python consumer that appends each event it gets to a file
/// and fails or reports failures as the message bodies say.
struct EventSourceFixture {
    let store: SQLiteStore
    let clock: VirtualClock
    let queues: QueueService
    let functions: FunctionService
    let mappings: EventSourceMappings
    let code: URL

    /// The consumer: a body "fail" raises; with `ReportBatchItemFailures`, bodies starting
    /// with "bad" are reported as failed items.
    static let consumer = """
        import json, os
        def handler(event, context):
            with open(os.path.join(os.path.dirname(__file__), "events.jsonl"), "a") as f:
                f.write(json.dumps(event) + "\\n")
            bodies = [r["body"] for r in event["Records"]]
            if "fail" in bodies:
                raise ValueError("consumer failed")
            return {"batchItemFailures": [{"itemIdentifier": r["messageId"]} for r in event["Records"] if r["body"].startswith("bad")]}
        """

    /// Runs `body` with the pollers running (when `polling`), then stops everything.
    static func with(polling: Bool = true, store existing: SQLiteStore? = nil, code existingCode: URL? = nil,
                     _ body: (EventSourceFixture) async throws -> Void) async throws {
        let store = try existing ?? SQLiteStore.temporary()
        let code = existingCode ?? FileManager.default.temporaryDirectory.appendingPathComponent("stepwise-esm-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: code, withIntermediateDirectories: true)
        try consumer.write(to: code.appendingPathComponent("consumer.py"), atomically: true, encoding: .utf8)
        let clock = VirtualClock()
        let queues = QueueService(store: store, clock: clock)
        let functions = FunctionService(store: store, clock: clock)
        let mappings = EventSourceMappings(store: store, functions: functions, queues: queues, clock: clock)
        let fixture = EventSourceFixture(store: store, clock: clock, queues: queues, functions: functions, mappings: mappings, code: code)
        let outcome: Result<Void, any Error> = await withTaskGroup(of: Void.self) { group in
            if polling { group.addTask { await mappings.run() } }
            let outcome: Result<Void, any Error>
            do { try await body(fixture); outcome = .success(()) } catch { outcome = .failure(error) }
            group.cancelAll()
            return outcome
        }
        functions.shutdown()
        if existing == nil {
            try? FileManager.default.removeItem(at: code)
            try? store.removeFiles()
        }
        try outcome.get()
    }

    func createQueue(_ name: String, _ attributes: [String: String] = [:]) async throws {
        try await queues.createQueue(CreateQueueRequest(queueName: name, attributes: attributes, tags: nil))
    }

    func createConsumer(_ name: String = "consumer") async throws {
        // 30 s, not Lambda's default 3: on a loaded machine a Python process's first start can
        // take longer, and a timed-out batch comes back only after the queue's visibility timeout.
        try await functions.putFunction(FunctionDefinition(name: name, runtime: "python3.12", handler: "consumer.handler",
                                                           codeLocation: code.path, timeout: 30))
    }

    func send(_ queue: String, _ bodies: String...) async throws {
        let entries = bodies.enumerated().map { index, body in
            SendMessageBatchEntry(id: "m\(index)", messageBody: body, messageAttributes: [
                "kind": MessageAttributeValue(dataType: "String", stringValue: "test"),
            ])
        }
        let result = try await queues.sendMessageBatch(queue: queue, entries)
        #expect(result.failed.isEmpty)
    }

    /// Every event the consumer got, in order.
    func events() throws -> [JSON] {
        let url = code.appendingPathComponent("events.jsonl")
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        return try text.split(separator: "\n").map { try JSON(parsing: String($0)) }
    }

    func counts(_ queue: String) async throws -> QueueCounts {
        try await store.queueCounts(queue: queue, now: clock.now())
    }

    /// Waits (in real time, briefly) until no poller runs for `uuid`, or until one does.
    func polling(_ uuid: String, _ expected: Bool) async throws {
        try await ServicesHarness.eventually("the poller of \(uuid) to be \(expected ? "running" : "stopped")") {
            mappings.polling.withLock { ($0[uuid] ?? 0) > 0 } == expected
        }
    }
}
