import Foundation
import StatesLanguage
import StepwiseEngine
import StepwiseStore
import StepwiseStoreSQLite
@testable import StepwiseServices

/// A stack service over every local service, on a fresh SQLite file and a virtual clock, with
/// a folder for templates; everything is removed (and every process killed) afterwards.
struct StackFixture {
    let store: SQLiteStore
    let clock: VirtualClock
    let services: LocalServices
    let engine: Engine
    let stacks: StackService
    let folder: URL
    static let endpoint = "http://127.0.0.1:8083"

    static func with(_ body: (StackFixture) async throws -> Void) async throws {
        let store = try SQLiteStore.temporary()
        let clock = VirtualClock()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("stepwise-stacks-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let services = LocalServices(store: store, clock: clock, region: "us-east-1", account: "123456789012", endpoint: endpoint)
        var integrations = IntegrationRegistry()
        services.register(into: &integrations)
        let engine = try await Engine.open(store: store, clock: clock, integrations: integrations)
        engine.setExecutionLogSink(services.executionLogs)
        let stacks = StackService(store: store, engine: engine, services: services, endpoint: endpoint,
                                  codeDirectory: folder.appendingPathComponent("inline").path)
        let fixture = StackFixture(store: store, clock: clock, services: services, engine: engine, stacks: stacks, folder: folder)
        defer {
            services.functions.shutdown()
            try? FileManager.default.removeItem(at: folder)
            try? store.removeFiles()
        }
        try await body(fixture)
    }

    /// Writes `text` as `NAME/template.yaml` in the fixture's folder (with `files` beside it)
    /// and returns the template's path.
    @discardableResult
    func template(_ text: String, in name: String = "app", files: [String: String] = [:]) throws -> String {
        let directory = folder.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for (path, content) in files {
            let url = directory.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(content.utf8).write(to: url)
        }
        let url = directory.appendingPathComponent("template.yaml")
        try Data(text.utf8).write(to: url)
        return url.path
    }

    func stateMachine(named name: String) async throws -> StateMachineRecord {
        try await engine.describeStateMachine(arn: engine.arns.stateMachine(name))
    }

    func queueExists(_ name: String) async -> Bool { (try? await services.queues.existingQueue(named: name)) != nil }
}

/// The reference sample (../shared/reference beside this checkout), deployed unchanged.
enum ReferenceSample {
    static let templateFile = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("shared/reference/calling-async-api-callback/template.yaml")
    static var present: Bool { FileManager.default.fileExists(atPath: templateFile.path) }
}
