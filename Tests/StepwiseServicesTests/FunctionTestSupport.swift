import Foundation
import StatesLanguage
import StepwiseStore
import StepwiseStoreSQLite
@testable import StepwiseServices

/// A function service on a fresh SQLite store, with a code directory; everything is
/// removed (and every process killed) afterwards.
struct FunctionFixture {
    let store: SQLiteStore
    let service: FunctionService
    let code: URL

    static func with(nodeModules: [String]? = [], _ body: (FunctionFixture) async throws -> Void) async throws {
        let store = try SQLiteStore.temporary()
        let code = FileManager.default.temporaryDirectory.appendingPathComponent("stepwise-code-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: code, withIntermediateDirectories: true)
        let service = FunctionService(store: store, configuration: .init(nodeModules: nodeModules, codeDirectory: code.appendingPathComponent("uploaded").path))
        let fixture = FunctionFixture(store: store, service: service, code: code)
        do {
            try await body(fixture)
        } catch {
            service.shutdown()
            try? FileManager.default.removeItem(at: code)
            try? store.removeFiles()
            throw error
        }
        service.shutdown()
        try? FileManager.default.removeItem(at: code)
        try? store.removeFiles()
    }

    /// Writes a file of the function's code.
    func write(_ name: String, _ text: String, executable: Bool = false) throws {
        let url = code.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
        if executable { try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path) }
    }

    @discardableResult
    /// `timeout` is generous by default: a loaded machine can take seconds to start Python,
    /// and a test that is not about timeouts must not hit one (the timeout test sets its own).
    func create(_ name: String, runtime: String, handler: String, timeout: Double = 30,
                environment: [String: String] = [:], reserved: Int? = nil) async throws -> FunctionRecord {
        try await service.createFunction(FunctionDefinition(
            name: name, runtime: runtime, handler: handler, codeLocation: code.path, timeout: timeout,
            environment: environment, reservedConcurrency: reserved))
    }

    func invoke(_ name: String, _ event: JSON = [:]) async throws -> (JSON, FunctionResult) {
        let result = try await service.invoke(name, payload: Array(event.serialized.utf8))
        return (try JSON(parsing: result.payload), result)
    }

    /// Every message logged in the function's log group, in time order.
    func logMessages(_ name: String) async throws -> [String] {
        try await store.logEvents(groupName: FunctionService.logGroupName(name), LogEventQuery(limit: 10_000)).map(\.message)
    }
}
