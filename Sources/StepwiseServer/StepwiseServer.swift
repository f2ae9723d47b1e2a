import Hummingbird
import Logging
import StepwiseEngine
import ServiceLifecycle
import StepwiseServices

/// `stepwise serve` as a library: the Step Functions API, callbacks, health and metrics
/// on Hummingbird, with the engine running beside the HTTP server in one `ServiceGroup`
/// (`runService()` shuts both down gracefully on SIGTERM or SIGINT: the server stops
/// taking requests, the engine finishes the batch it holds; everything committed stays).
public enum StepwiseServer {
    /// The application for `engine` on `host:port`. `onServerRunning` receives the
    /// bound port (useful with port 0). With `stacks`, `/stepwise/stacks` deploys templates.
    public static func application(
        engine: Engine, metrics: ServerMetrics, host: String = "127.0.0.1", port: Int = 8083,
        credentials: Credentials? = nil, services: LocalServices? = nil, stacks: StackService? = nil, logger: Logger = Logger(label: "stepwise.server"),
        onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        var routes = StepwiseRouter(api: StepFunctionsAPI(engine: engine, metrics: metrics),
                                    verifier: credentials.map(SigV4Verifier.init(credentials:)), services: services, logger: logger)
        routes.stacks = stacks.map(StackAPI.init(service:))
        let router = routes.build()
        router.middlewares.add(MetricsMiddleware())
        return Application(
            router: router,
            configuration: .init(address: .hostname(host, port: port), serverName: "stepwise"),
            services: services.map { [engine, $0] as [any Service] } ?? [engine],
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? port) },
            logger: logger)
    }
}
