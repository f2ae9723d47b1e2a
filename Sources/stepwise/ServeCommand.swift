import ArgumentParser
import Foundation
import Logging
import Metrics
import Prometheus
import ServiceLifecycle
import StepwiseEngine
import StepwiseServer
import StepwiseServices
import StepwiseStore
import StepwiseStoreSQLite

/// `stepwise serve`: the AWS Step Functions API on a durable engine.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the AWS Step Functions API (for the AWS CLI and SDKs) on a durable engine.",
        discussion: """
            Point the tools you already use at it: \
            `aws stepfunctions --endpoint-url http://127.0.0.1:8083 list-state-machines`. \
            Executions, tokens and timers live in the SQLite file given by --data and survive \
            restarts. SIGTERM or SIGINT stop taking requests, let the engine finish its batch \
            and exit. Also served: POST /callbacks/{token}/success|failure|heartbeat, \
            GET /healthz, GET /metrics (Prometheus), and /stepwise/stacks for \
            `stepwise deploy`, `stepwise stacks` and `stepwise delete`.

            --credentials turns on SigV4 verification: a file shaped like ~/.aws/credentials \
            (sections each holding aws_access_key_id and aws_secret_access_key); requests \
            signed by any other key, or not signed, are refused as AWS refuses them.
            """
    )

    @Option(help: "The TCP port (0 picks a free one).")
    var port = 8083
    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"
    @Option(help: "The SQLite database file.")
    var data = "./stepwise.sqlite"
    @Option(help: "The region in ARNs.")
    var region = "us-east-1"
    @Option(help: "The account id in ARNs.")
    var account = "123456789012"
    @Option(help: "Verify SigV4 signatures against these access keys (an AWS credentials file).")
    var credentials: String?
    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel = "info"
    @Flag(inversion: .prefixedNo,
          help: "StartExecution and SendTask* run the execution until it waits again before they answer (off: they answer once their own write committed, and the workers step the execution).")
    var eagerSteps = true

    func run() async throws {
        let logger = {
            var logger = Logger(label: "stepwise")
            logger.logLevel = Logger.Level(rawValue: logLevel) ?? .info
            return logger
        }()
        let keys: Credentials?
        do { keys = try credentials.map(Credentials.init(contentsOf:)) } catch {
            var stderr = StandardError()
            print("stepwise serve: \(error)", to: &stderr)
            throw ExitCode(2)
        }
        DescriptorLimit.raise()
        let metrics = ServerMetrics()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: metrics.registry))
        var configuration = EngineConfiguration(region: region, account: account, eagerSteps: eagerSteps)
        configuration.observer = metrics
        let store = try Self.openStore(path: data)
        let host = self.host
        let services = LocalServices(
            store: store, clock: SystemClock(), region: region, account: account, endpoint: "http://\(host):\(port)")
        var integrations = IntegrationRegistry()
        services.register(into: &integrations)
        let engine = try await Engine.open(store: store, configuration: configuration, integrations: integrations)
        engine.setExecutionLogSink(services.executionLogs)
        let stacks = StackService(store: store, engine: engine, services: services, endpoint: "http://\(host):\(port)")
        let app = StepwiseServer.application(
            engine: engine, metrics: metrics, host: host, port: port, credentials: keys, services: services, stacks: stacks, logger: logger,
            onServerRunning: { port in
                logger.notice("stepwise serving the Step Functions API", metadata: [
                    "endpoint": .string("http://\(host):\(port)"), "data": .string(data),
                    "sigv4": .string(keys == nil ? "off" : "on"),
                ])
            })
        try await app.runService()
    }
}

extension ServeCommand {
    /// The durable store behind the server: one SQLite file (created when missing).
    static func openStore(path: String) throws -> SQLiteStore {
        do { return try SQLiteStore(path: path) } catch {
            throw CommandFailure("Cannot open the database '\(path)': \(error)")
        }
    }
}
