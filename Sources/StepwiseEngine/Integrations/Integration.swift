import StatesLanguage
import StepwiseStore

/// A service a Task state can call: Step Functions' own, a local service, a test stub.
///
/// The engine calls `invoke` after the Task's state change is committed, at least once:
/// after a crash, a call whose outcome was not recorded is made again.
public protocol Integration: Sendable {
    func invoke(_ call: IntegrationCall) async -> IntegrationOutcome
}

/// One call of a Task to its resource.
public struct IntegrationCall: Sendable {
    public var executionArn: String
    public var invocation: TaskInvocation
    /// The engine making the call (for integrations that start executions or reach the
    /// local services that share its store).
    public var engine: Engine

    public init(executionArn: String, invocation: TaskInvocation, engine: Engine) {
        self.executionArn = executionArn
        self.invocation = invocation
        self.engine = engine
    }
}

/// How a call went.
public enum IntegrationOutcome: Sendable, Equatable {
    /// Request-response: the Task's result.
    case succeeded(JSON)
    /// The call failed: the Task fails with this error.
    case failed(Failure)
    /// `.waitForTaskToken`: the request was delivered (with the service's response); the
    /// Task now waits for SendTaskSuccess/Failure with its token.
    case submitted(JSON)
    /// `.sync`: the job started; its end will be reported later through the engine.
    case started
}

/// Finds the integration for a Task's resource.
public struct IntegrationRegistry: Sendable {
    private var byService: [String: any Integration] = [:]
    private var fallback: (any Integration)?

    public init() {}

    /// Serves every action of `service` (`sqs`, `sns`, `lambda`, `states`, `aws-sdk:sfn`, …).
    public mutating func register(service: String, _ integration: any Integration) {
        byService[service] = integration
    }

    /// Serves any resource nothing else serves (tests, `stepwise run`).
    public mutating func registerFallback(_ integration: any Integration) { fallback = integration }

    func integration(for resource: TaskResource) -> (any Integration)? {
        switch resource.kind {
        case .integration(let service, _): return byService[service] ?? fallback
        case .function: return byService["lambda"] ?? fallback
        case .activity: return nil
        }
    }
}

/// An integration whose whole effect is a write to the engine's own store, so that it can
/// be made inside the transaction of the step that starts its Task, instead of through a
/// dispatch after it: `sqs:sendMessage` to a local queue, `sns:publish` to a local topic.
///
/// Exactly once rather than at least once: the message is written with the step (and with
/// the Task's token, so a worker that receives it at once can always complete it), and the
/// Task's outcome is fed to the interpreter in the same step. It saves the dispatch's
/// claim, the call's own transaction, the delivery of its outcome and the step that
/// records it.
public protocol InlineIntegration: Integration {
    /// Validates the call and returns what to write with the step and how the call went;
    /// nil when this call must be dispatched as usual (`invoke` then makes it).
    func prepare(_ call: IntegrationCall) async -> InlinePreparation?
}

/// An inline call, prepared: its writes, its outcome, and what to do once they committed.
public struct InlinePreparation: Sendable {
    public var queueSends: [QueueSend]
    public var topicPublishes: [TopicPublish]
    public var outcome: IntegrationOutcome
    /// Runs after the step's transaction committed (wakes the queue's long polls, the
    /// topic's deliverer).
    public var afterCommit: @Sendable () -> Void

    public init(queueSends: [QueueSend] = [], topicPublishes: [TopicPublish] = [], outcome: IntegrationOutcome,
                afterCommit: @escaping @Sendable () -> Void = {}) {
        self.queueSends = queueSends
        self.topicPublishes = topicPublishes
        self.outcome = outcome
        self.afterCommit = afterCommit
    }
}
