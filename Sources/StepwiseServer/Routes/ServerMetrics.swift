import Prometheus
import StepwiseEngine
import StepwiseStore

/// The server's Prometheus metrics (`/metrics`): what the API sees (executions started,
/// requests and their errors, callback resume latency) and what the engine reports
/// after each commit (executions ended by status, state transitions).
public final class ServerMetrics: EngineObserver, Sendable {
    /// Everything registered here is rendered by `/metrics`; Hummingbird's own HTTP
    /// metrics join it when `serve` bootstraps swift-metrics with this registry.
    public let registry: PrometheusCollectorRegistry
    private let stateTransitions: Counter
    private let callbackLatency: DurationHistogram
    private let openExecutions: Gauge
    private let openTokens: Gauge

    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
        stateTransitions = registry.makeCounter(descriptor: Self.name(
            "state_transitions", "total", "States entered by STANDARD executions."))
        callbackLatency = registry.makeDurationHistogram(
            descriptor: Self.name("callback_resume", "seconds",
                                  "Time for SendTaskSuccess/Failure (or a plain-HTTP callback) to hand a task's outcome to its execution (with eager steps, until the states after the Task ran)."),
            buckets: [.milliseconds(1), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50),
                      .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(5)])
        openExecutions = registry.makeGauge(descriptor: Self.name(
            "open_executions", "", "STANDARD executions running now (read from the store at each scrape)."))
        openTokens = registry.makeGauge(descriptor: Self.name(
            "open_task_tokens", "", "Task tokens waiting for SendTaskSuccess/Failure (read from the store at each scrape)."))
        // Present from the start, so dashboards see zeros rather than gaps.
        for status in ExecutionStatus.allCases where status != .running && status != .pendingRedrive {
            _ = ended(status)
        }
    }

    func executionStarted(type: String) {
        registry.makeCounter(descriptor: Self.name("executions_started", "total", "Executions started through the API."),
                             labels: [("type", type)]).increment()
    }

    func callbackResumed(after duration: Duration) {
        callbackLatency.record(duration)
    }

    func record(_ open: OpenWork) {
        openExecutions.set(Double(open.executions))
        openTokens.set(Double(open.tokens))
    }

    func request(_ operation: String, error: String?) {
        registry.makeCounter(
            descriptor: Self.name("api_requests", "total", "Step Functions API requests by operation and error code (empty when it succeeded)."),
            labels: [("operation", operation), ("error", error ?? "")]).increment()
    }

    private func ended(_ status: ExecutionStatus) -> Counter {
        registry.makeCounter(descriptor: Self.name("executions_ended", "total", "STANDARD executions that ended, by status."),
                             labels: [("status", status.rawValue)])
    }

    public func expressEnded(status: ExecutionStatus) {
        registry.makeCounter(descriptor: Self.name("express_executions_ended", "total", "EXPRESS executions that ended, by status."),
                             labels: [("status", status.rawValue)]).increment()
    }

    public func committed(stateTransitions: Int, ended: [(executionArn: String, status: ExecutionStatus)]) {
        if stateTransitions > 0 { self.stateTransitions.increment(by: Int64(stateTransitions)) }
        for (_, status) in ended { self.ended(status).increment() }
    }

    private static func name(_ metric: String, _ unit: String, _ help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(namespace: "stepwise", metricName: metric, unitName: unit, helpText: help)
    }

    /// The Prometheus text exposition.
    public func render() -> String { registry.emitToString() }
}
