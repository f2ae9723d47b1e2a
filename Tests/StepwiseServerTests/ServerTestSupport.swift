import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import StatesLanguage
import StepwiseEngine
import StepwiseServer
import StepwiseStoreSQLite
import Testing

/// A router over a real engine on a temporary SQLite store, driven through Hummingbird's
/// router test client.
struct ServerHarness {
    let client: any TestClientProtocol
    let engine: Engine
    let metrics: ServerMetrics

    /// Runs `body` with a fresh engine (its loops running) and router.
    static func run(credentials: Credentials? = nil, _ body: @Sendable (ServerHarness) async throws -> Void) async throws {
        let store = try SQLiteStore.temporary()
        defer { try? store.removeFiles() }
        let metrics = ServerMetrics()
        var configuration = EngineConfiguration()
        configuration.observer = metrics
        let engine = try await Engine.open(store: store, configuration: configuration)
        let router = StepwiseRouter(
            api: StepFunctionsAPI(engine: engine, metrics: metrics, activityPoll: .milliseconds(300)),
            verifier: credentials.map(SigV4Verifier.init(credentials:))).build()
        let app = Application(router: router)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await engine.run() }
            defer {
                engine.stop()
                group.cancelAll()
            }
            try await app.test(.router) { client in
                try await body(ServerHarness(client: client, engine: engine, metrics: metrics))
            }
        }
    }

    /// Calls an operation; the HTTP status and the JSON body.
    @discardableResult
    func call(_ operation: String, _ request: JSONObject = [:], headers: HTTPFields = [:]) async throws -> (status: HTTPResponse.Status, body: JSON) {
        var fields = headers
        fields[.contentType] = "application/x-amz-json-1.0"
        fields[HTTPField.Name("X-Amz-Target")!] = "AWSStepFunctions.\(operation)"
        return try await raw(body: JSON.object(request).serialized, headers: fields)
    }

    func raw(uri: String = "/", body: String, headers: HTTPFields = [:]) async throws -> (status: HTTPResponse.Status, body: JSON) {
        try await client.execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: body)) { response in
            (response.status, (try? JSON(parsing: String(buffer: response.body))) ?? .null)
        }
    }

    /// Calls an operation that must succeed.
    @discardableResult
    func ok(_ operation: String, _ request: JSONObject = [:]) async throws -> JSON {
        let (status, body) = try await call(operation, request)
        #expect(status == .ok, "\(operation) answered \(status): \(body.serialized)")
        return body
    }

    /// Calls an operation that must fail with `code`; returns the message.
    @discardableResult
    func fails(_ operation: String, _ request: JSONObject, with code: String,
               sourceLocation: SourceLocation = #_sourceLocation) async throws -> String {
        let (status, body) = try await call(operation, request)
        #expect(status == .badRequest, sourceLocation: sourceLocation)
        #expect(body["__type"]?.stringValue == code, "\(body.serialized)", sourceLocation: sourceLocation)
        return body["message"]?.stringValue ?? ""
    }

    func createStateMachine(_ name: String = "Machine", definition: JSON = ServerHarness.passDefinition, type: String? = nil) async throws -> String {
        var request: JSONObject = ["name": .string(name), "definition": .string(definition.serialized), "roleArn": .string(ServerHarness.role)]
        if let type { request["type"] = .string(type) }
        return try await ok("CreateStateMachine", request)["stateMachineArn"]?.stringValue ?? ""
    }

    /// Polls DescribeExecution until the execution is no longer RUNNING.
    func waitForEnd(_ executionArn: String) async throws -> JSON {
        for _ in 0..<500 {
            let described = try await ok("DescribeExecution", ["executionArn": .string(executionArn)])
            if described["status"]?.stringValue != "RUNNING" { return described }
            try await Task.sleep(for: .milliseconds(10))
        }
        Issue.record("\(executionArn) did not end")
        return .null
    }

    static let role = "arn:aws:iam::123456789012:role/stepwise"
    static let passDefinition: JSON = [
        "StartAt": "Hello",
        "States": ["Hello": ["Type": "Pass", "Result": ["greeting": "hi"], "ResultPath": "$.result", "End": true]],
    ]

    static func activityDefinition(_ activityArn: String, heartbeat: Int? = nil) -> JSON {
        var task: JSONObject = ["Type": "Task", "Resource": .string(activityArn), "End": true]
        if let heartbeat { task["HeartbeatSeconds"] = .int(heartbeat) }
        return ["StartAt": "Work", "States": ["Work": .object(task)]]
    }
}
