import Foundation
import StatesLanguage
import StepwiseStore
import StepwiseStoreSQLite
import Synchronization
import Testing
@testable import StepwiseEngine

/// An engine on a fresh SQLite file and a virtual clock, its loops running in the
/// background of one test.
struct EngineHarness {
    let engine: Engine
    let clock: VirtualClock
    let path: String

    static func make(integrations: IntegrationRegistry = IntegrationRegistry(), entropy: Entropy = .system,
                     configuration: EngineConfiguration = EngineConfiguration()) async throws -> EngineHarness {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("stepwise-engine-\(UUID().uuidString).sqlite").path
        let store = try SQLiteStore(path: path)
        let clock = VirtualClock()
        let engine = try await Engine.open(store: store, clock: clock, configuration: configuration, integrations: integrations,
                                           entropy: entropy)
        return EngineHarness(engine: engine, clock: clock, path: path)
    }

    /// Runs `body` with the engine's loops running; stops them afterwards.
    static func with(integrations: IntegrationRegistry = IntegrationRegistry(), entropy: Entropy = .system,
                     configuration: EngineConfiguration = EngineConfiguration(),
                     _ body: (EngineHarness) async throws -> Void) async throws {
        let harness = try await make(integrations: integrations, entropy: entropy, configuration: configuration)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await harness.engine.run() }
            defer { harness.engine.stop() }
            try await body(harness)
            harness.engine.stop()
            group.cancelAll()
        }
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: harness.path + suffix) }
    }

    func removeFiles() {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    func createMachine(_ definition: String, name: String = "machine-\(UUID().uuidString.prefix(8))",
                       type: StepwiseStore.StateMachineType = .standard) async throws -> String {
        try await engine.createStateMachine(name: name, definition: definition, roleArn: "arn:aws:iam::123456789012:role/test", type: type).arn
    }

    /// Polls (briefly, in real time) until the execution leaves RUNNING.
    func waitForEnd(_ arn: String, seconds: Double = 10) async throws -> ExecutionRecord {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            let record = try await engine.describeExecution(arn: arn)
            if record.status != .running { return record }
            _ = await engine.waitForEnd(arn, atMost: .milliseconds(50))
        }
        return try await engine.describeExecution(arn: arn)
    }

    /// Polls until `condition` holds.
    func eventually(_ what: String, seconds: Double = 10, _ condition: () async throws -> Bool) async throws {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try await condition() { return }
            try await Task.sleep(for: .milliseconds(5))
        }
        Issue.record("timed out waiting for \(what)")
    }

    /// Advances the virtual clock once the timer loop waits on it.
    func advance(by seconds: TimeInterval) async throws {
        try await eventually("a timer to be set") { clock.nextDeadline != nil }
        clock.advance(by: seconds)
    }

    func historyTypes(_ arn: String) async throws -> [String] {
        try await engine.history(executionArn: arn).items.map(\.type)
    }
}

/// A stand-in integration: records calls (with their task tokens) and answers as told.
final class RecordingIntegration: Integration {
    private let calls = Mutex<[TaskInvocation]>([])
    private let answer: @Sendable (TaskInvocation) -> IntegrationOutcome

    init(answer: @escaping @Sendable (TaskInvocation) -> IntegrationOutcome) { self.answer = answer }

    func invoke(_ call: IntegrationCall) async -> IntegrationOutcome {
        calls.withLock { $0.append(call.invocation) }
        return answer(call.invocation)
    }

    var invocations: [TaskInvocation] { calls.withLock { $0 } }
}
