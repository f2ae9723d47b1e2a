import Foundation
import HTTPTypes
import Hummingbird
import StatesLanguage
import StepwiseEngine
import StepwiseServices
import StepwiseStore
import StepwiseStoreSQLite
import Synchronization
import Testing

/// An engine with every integration `LocalServices` registers, on one SQLite file.
struct LocalIntegrationHarness {
    let engine: Engine
    let services: LocalServices
    static let endpoint = "http://127.0.0.1:8083"

    static func with(_ body: (LocalIntegrationHarness) async throws -> Void) async throws {
        let store = try SQLiteStore.temporary()
        defer { try? store.removeFiles() }
        let clock = VirtualClock()
        let services = LocalServices(store: store, clock: clock, region: "us-east-1", account: "123456789012", endpoint: endpoint)
        var registry = IntegrationRegistry()
        services.register(into: &registry)
        let engine = try await Engine.open(store: store, clock: clock, integrations: registry)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await engine.run() }
            defer { engine.stop() }
            try await body(LocalIntegrationHarness(engine: engine, services: services))
            engine.stop()
            group.cancelAll()
        }
    }

    /// Runs a one-Task machine to its end.
    func run(_ definition: String, input: String = "{}") async throws -> ExecutionRecord {
        let machine = try await engine.createStateMachine(
            name: "m-\(UUID().uuidString.prefix(8))", definition: definition, roleArn: "arn:aws:iam::123456789012:role/r", type: .standard)
        let execution = try await engine.startExecution(stateMachineArn: machine.arn, input: input)
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            let record = try await engine.describeExecution(arn: execution.arn)
            if record.status != .running { return record }
            _ = await engine.waitForEnd(execution.arn, atMost: .milliseconds(50))
        }
        return try await engine.describeExecution(arn: execution.arn)
    }

    /// A machine of one Task on `resource` with these `Parameters` (JSON text).
    static func task(_ resource: String, _ parameters: String) -> String {
        #"{"StartAt":"Call","States":{"Call":{"Type":"Task","Resource":"\#(resource)","Parameters":\#(parameters),"End":true}}}"#
    }
}

/// What the local HTTP server saw of a request.
struct SeenRequest: Sendable {
    var method: String
    var uri: String
    var contentType: String?
    var custom: String?
    var body: String
}

/// A Hummingbird server on 127.0.0.1 (a free port) that records requests: `/json` answers
/// JSON, `/text` plain text, `/missing` a JSON 404.
enum LocalHTTPServer {
    static func with(_ body: (String, @Sendable () -> [SeenRequest]) async throws -> Void) async throws {
        let seen = Mutex<[SeenRequest]>([])
        let router = Router()
        let handler: @Sendable (Request, BasicRequestContext) async throws -> Response = { request, _ in
            let text = String(buffer: try await request.body.collect(upTo: 1 << 20))
            seen.withLock {
                $0.append(SeenRequest(method: request.method.rawValue, uri: request.uri.description,
                                      contentType: request.headers[.contentType], custom: request.headers[HTTPField.Name("X-Custom")!], body: text))
            }
            switch request.uri.path {
            case "/json":
                return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: #"{"ok":true,"n":1}"#)))
            case "/missing":
                return Response(status: .notFound, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: #"{"message":"nope"}"#)))
            default:
                return Response(status: .ok, headers: [.contentType: "text/plain"], body: .init(byteBuffer: ByteBuffer(string: "hello")))
            }
        }
        for path in ["json", "text", "missing"] {
            router.get(RouterPath(path), use: handler)
            router.post(RouterPath(path), use: handler)
            router.put(RouterPath(path), use: handler)
        }
        let port = Mutex<Int?>(nil)
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                              onServerRunning: { channel in port.withLock { $0 = channel.localAddress?.port } })
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await app.run() }
            // A bound, not a sleep: a loaded machine can take seconds to start the server.
            let deadline = Date().addingTimeInterval(30)
            while port.withLock({ $0 }) == nil, Date() < deadline { try await Task.sleep(for: .milliseconds(10)) }
            let bound = try #require(port.withLock { $0 })
            try await body("http://127.0.0.1:\(bound)", { seen.withLock { $0 } })
            group.cancelAll()
        }
    }
}
