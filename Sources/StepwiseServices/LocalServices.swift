import Foundation
import ServiceLifecycle
import StatesLanguage
import StepwiseEngine
import StepwiseStore

/// Every local service of one `stepwise serve`, on the engine's store and clock: queues,
/// topics, functions and logs, their wire-protocol handlers, and the Step Functions
/// integrations that reach them.
public final class LocalServices: Service, Sendable {
    public let queues: QueueService
    public let topics: TopicService
    public let functions: FunctionService
    /// Queue → function mappings and their pollers.
    public let eventSourceMappings: EventSourceMappings
    let sqs: SQSHandler
    let sns: SNSHandler
    let lambda: LambdaAPI
    let logs: LogsAPI
    /// Where the engine writes the history events of state machines with a `loggingConfiguration`.
    public let executionLogs: ExecutionLogWriter

    /// - Parameter endpoint: the server's own URL: queue URLs are formed from it, and
    ///   functions get it as `AWS_ENDPOINT_URL`.
    public init(store: any QueueStore & TopicStore & FunctionStore & LogStore & EventSourceMappingStore, clock: any EngineClock,
                region: String, account: String, endpoint: String, nodeModules: [String]? = nil) {
        queues = QueueService(store: store, clock: clock, region: region, account: account)
        topics = TopicService(store: store, queues: queues, clock: clock, region: region, account: account, endpoint: endpoint)
        functions = FunctionService(
            store: store,
            configuration: .init(region: region, account: account, endpointURL: endpoint, nodeModules: nodeModules),
            clock: clock)
        eventSourceMappings = EventSourceMappings(store: store, functions: self.functions, queues: queues, clock: clock)
        sqs = SQSHandler(service: queues, baseURL: endpoint)
        sns = SNSHandler(service: topics)
        lambda = LambdaAPI(functions: functions, eventSourceMappings: eventSourceMappings)
        logs = LogsAPI(store: store, clock: clock, region: region, account: account)
        executionLogs = ExecutionLogWriter(store: store, clock: clock)
        let functions = self.functions
        // A topic's `lambda` subscriptions invoke the function asynchronously, as SNS does.
        topics.setFunctionDelivery { functionArn, event in
            _ = try await functions.invoke(functionArn, payload: Array(event.utf8), type: .event)
        }
    }

    /// Adds the `sqs`, `sns`, `lambda` and `http` integrations (and the plain function-ARN
    /// resource), and the AWS SDK integrations `aws-sdk:sqs`, `aws-sdk:sns`, `aws-sdk:lambda`.
    public func register(into registry: inout IntegrationRegistry) {
        registry.register(service: "sqs", SQSIntegration(queues: queues))
        registry.register(service: "sns", SNSIntegration(topics: topics))
        registry.register(service: "lambda", LambdaIntegration(functions: functions))
        registry.register(service: "http", HTTPInvokeIntegration())
        registry.register(service: "aws-sdk:sqs", AWSSDKSQSIntegration(handler: sqs))
        registry.register(service: "aws-sdk:sns", AWSSDKSNSIntegration(topics: topics))
        registry.register(service: "aws-sdk:lambda", AWSSDKLambdaIntegration(functions: functions))
    }

    /// Answers a request meant for one of the services, or nil when none of them takes it.
    public func handle(_ request: ServiceRequest) async -> ServiceResponse? {
        if SQSHandler.accepts(request) { return await sqs.handle(request) }
        let target = request.header("X-Amz-Target") ?? ""
        if target.hasPrefix("Logs_20140328.") { return await logs.handle(request) }
        if request.path.hasPrefix("/2015-03-31/") { return await lambda.handle(request) }
        if SNSHandler.accepts(request) { return await sns.handle(request) }
        return nil
    }

    /// Delivers topic messages, runs `Event` invocations and polls the queues of event source
    /// mappings until graceful shutdown (or
    /// cancellation), then stops every function process.
    public func run() async throws {
        await cancelWhenGracefulShutdown {
            await withDiscardingTaskGroup { group in
                group.addTask { await self.topics.run() }
                group.addTask { await self.functions.run() }
                group.addTask { await self.eventSourceMappings.run() }
            }
        }
        functions.shutdown()
    }
}
