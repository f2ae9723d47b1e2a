import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import StepwiseEngine
import StepwiseServer
import StepwiseServices
import StepwiseStoreSQLite

/// A whole Stepwise (store, engine, local services, stacks and the HTTP API) running inside
/// the demo's process on a free loopback port, so that the example's functions, which are
/// separate processes calling the AWS API, reach it.
struct DemoSystem: Sendable {
    let store: SQLiteStore
    let engine: Engine
    let stacks: StackService
    let endpoint: String
    private let group: ServiceGroup
    private let server: Task<Void, any Error>

    static func start(dataFolder: String, region: String = "us-east-1", account: String = "123456789012") async throws -> DemoSystem {
        let store = try SQLiteStore(path: "\(dataFolder)/demo.sqlite")
        let port = try LoopbackPort.free()
        let endpoint = "http://127.0.0.1:\(port)"
        var logger = Logger(label: "stepwise.demo")
        logger.logLevel = .error
        let services = LocalServices(store: store, clock: SystemClock(), region: region, account: account, endpoint: endpoint)
        var integrations = IntegrationRegistry()
        services.register(into: &integrations)
        let engine = try await Engine.open(store: store, configuration: EngineConfiguration(region: region, account: account),
                                           integrations: integrations)
        engine.setExecutionLogSink(services.executionLogs)
        let stacks = StackService(store: store, engine: engine, services: services, endpoint: endpoint,
                                  codeDirectory: "\(dataFolder)/code")
        let (started, ready) = AsyncStream<Void>.makeStream()
        let app = StepwiseServer.application(
            engine: engine, metrics: ServerMetrics(), host: "127.0.0.1", port: port, services: services, stacks: stacks,
            logger: logger, onServerRunning: { _ in ready.yield(); ready.finish() })
        // What `runService` does (the application runs the engine and services itself),
        // keeping the group so that `stop` can shut it all down gracefully.
        let group = ServiceGroup(configuration: .init(services: [app], logger: logger))
        let server = Task { try await group.run() }
        for await _ in started { break }
        return DemoSystem(store: store, engine: engine, stacks: stacks, endpoint: endpoint, group: group, server: server)
    }

    /// Stops the server, the engine and every function process.
    func stop() async {
        await group.triggerGracefulShutdown()
        _ = await server.result
    }
}
