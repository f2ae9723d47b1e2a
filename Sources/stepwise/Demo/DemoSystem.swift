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

/// A loopback port nothing listens on (bound to port 0, then released).
enum LoopbackPort {
    static func free() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw CommandFailure("Cannot open a socket to find a free port.") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else { throw CommandFailure("Cannot bind a loopback port for the demo's server.") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
