import Foundation
import ServiceLifecycle
import StatesLanguage
import StepwiseStore
import Synchronization

/// The durable execution engine: state machines, executions, history, task tokens,
/// timers and activities, kept in a ``Store``.
///
/// Its loops — stepping runnable executions in batches (group commit), firing due timers,
/// and dispatching integration calls — run in ``run()``, a `Service` for a
/// `ServiceGroup`. Every API call that changes something has committed when it returns:
/// StartExecution's execution and SendTask*'s completion survive a crash that follows.
/// Integration calls are made at least once (a call whose outcome was not recorded before
/// a crash is made again); everything inside the store happens exactly once.
public final class Engine: Service, Sendable {
    public let store: any Store
    public let clock: any EngineClock
    public let configuration: EngineConfiguration
    public let arns: ARNs
    let integrations: IntegrationRegistry
    let signer: TaskTokenSigner
    let entropy: Entropy
    let interpreters = InterpreterCache()
    /// State machines as StartExecution last read them (see ``RecordCache``).
    let stateMachines = RecordCache<String, StateMachineRecord>()
    let workAvailable = Wakeup()
    let timersChanged = TimerAlarm()
    let dispatchAvailable = Wakeup()
    let activityWaiters = ActivityWaiters()
    let executionWaiters = ExecutionWaiters()
    let express = ExpressExecutions()
    let executionLogs = ExecutionLogShipper()

    /// Opens an engine on a store, taking the token-signing key the store holds (or
    /// giving it one).
    public static func open(store: any Store, clock: any EngineClock = SystemClock(),
                            configuration: EngineConfiguration = EngineConfiguration(),
                            integrations: IntegrationRegistry = IntegrationRegistry(),
                            entropy: Entropy = .system) async throws -> Engine {
        let key = try await store.secret(named: "task-token-key", proposed: TaskTokenSigner.newKey())
        return Engine(store: store, clock: clock, configuration: configuration, integrations: integrations,
                      signer: TaskTokenSigner(key: key), entropy: entropy)
    }

    init(store: any Store, clock: any EngineClock, configuration: EngineConfiguration,
         integrations: IntegrationRegistry, signer: TaskTokenSigner, entropy: Entropy) {
        self.store = store
        self.clock = clock
        self.configuration = configuration
        self.arns = ARNs(region: configuration.region, account: configuration.account)
        var integrations = integrations
        integrations.register(service: "states", StepFunctionsIntegration())
        integrations.register(service: "aws-sdk:sfn", AWSSDKStepFunctionsIntegration())
        self.integrations = integrations
        self.signer = signer
        self.entropy = entropy
    }

    let stopping = Mutex(false)
    /// Set when the server drains: GetActivityTask long polls answer empty at once.
    let longPollsEnded = Mutex(false)

    /// Runs the engine's loops until cancelled or shut down gracefully (each loop finishes
    /// the batch it holds: nothing is lost either way, since every change is committed
    /// before it is acted upon).
    public func run() async throws {
        await withGracefulShutdownHandler {
            await withDiscardingTaskGroup { group in
                group.addTask { await self.workerLoop() }
                group.addTask { await self.timerLoop() }
                group.addTask { await self.dispatchLoop() }
                group.addTask { await self.express.run(stopped: { self.isStopping }) }
                group.addTask { await self.executionLogLoop() }
            }
        } onGracefulShutdown: {
            self.stop()
        }
    }

    /// Asks the loops to finish what they hold and return.
    public func stop() {
        stopping.withLock { $0 = true }
        workAvailable.signal()
        timersChanged.ring()
        dispatchAvailable.signal()
        express.wake()
        executionLogs.wake()
    }

    var isStopping: Bool { stopping.withLock { $0 } || Task.isCancelled }

    /// Answers every waiting (and later) GetActivityTask long poll with no task, as a
    /// draining server must: a poll holding its request open for up to 60 s would hold the
    /// graceful shutdown too. Tasks stay in the store for the next server.
    public func endLongPolls() {
        longPollsEnded.withLock { $0 = true }
        activityWaiters.signalAll()
    }
}
