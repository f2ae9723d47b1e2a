import Crypto
import Foundation
import StatesLanguage
import StepwiseStore
import Synchronization

/// The worker loop: claims runnable executions, feeds them their inbox through the
/// interpreter, and commits every step of the batch in one transaction.
extension Engine {
    /// Pipelined: while one batch commits (waiting for its fsync), the next is claimed and
    /// stepped. A batch never holds an execution of the batch still committing: that one is
    /// still claimed.
    func workerLoop() async {
        var previous: SteppedBatch?
        while !isStopping {
            async let committed: Void = commit(previous)
            let next: SteppedBatch?
            do { next = try await claimAndStep() } catch {
                next = nil
                try? await Task.sleep(for: .milliseconds(200))
            }
            await committed
            previous = next
            if next == nil {
                // Woken by new work; the poll also picks up claims other nodes let expire.
                await waitForSignal(workAvailable, atMost: .seconds(1))
            }
        }
        await commit(previous)
    }

    /// Steps of the claimed executions, not yet committed.
    struct SteppedBatch: Sendable {
        var steps: [ExecutionStep]
        /// The redrive count of each step's execution (what its log events show).
        var redriveCounts: [Int]
        var ended: [(String, ExecutionStep.Ending)]
        var activities: Set<String>
        /// What inline integrations do once the batch committed.
        var afterCommit: AfterCommit

        init(capacity: Int) {
            steps = []
            steps.reserveCapacity(capacity)
            redriveCounts = []
            redriveCounts.reserveCapacity(capacity)
            ended = []
            activities = []
            afterCommit = AfterCommit()
        }

        mutating func add(_ step: ExecutionStep, redriveCount: Int = 0) {
            if let ending = step.ending { ended.append((step.executionArn, ending)) }
            for token in step.openTokens { if let arn = token.activityArn { activities.insert(arn) } }
            steps.append(step)
            redriveCounts.append(redriveCount)
        }
    }

    /// Claims up to one batch of runnable executions and steps them; nil when none is runnable.
    func claimAndStep() async throws -> SteppedBatch? {
        let now = clock.now()
        let claimed = try await store.claimRunnable(
            node: configuration.nodeName, limit: configuration.batchSize, now: now,
            leaseUntil: now.addingTimeInterval(configuration.leaseSeconds))
        if claimed.isEmpty { return nil }
        var batch = SteppedBatch(capacity: claimed.count)
        for work in claimed {
            batch.add(await self.step(work, now: now, afterCommit: batch.afterCommit), redriveCount: work.execution.redriveCount)
        }
        return batch
    }

    /// Commits a stepped batch and wakes whatever its writes concern. A failed commit
    /// leaves the executions claimed: once the lease expires they are stepped again.
    func commit(_ batch: SteppedBatch?) async {
        guard let batch else { return }
        let stillRunnable: Int
        do { stillRunnable = try await store.commit(batch.steps, node: configuration.nodeName) } catch { return }
        committed(batch, stillRunnable: stillRunnable)
    }

    /// Acts on a batch's committed writes: runs the inline calls' after-commit actions and
    /// wakes whatever the writes concern.
    func committed(_ batch: SteppedBatch, stillRunnable: Int) {
        let steps = batch.steps
        batch.afterCommit.run()
        logCommitted(batch)
        if steps.contains(where: { !$0.dispatches.isEmpty }) { dispatchAvailable.signal() }
        timersChanged.armed(steps.lazy.flatMap(\.timers).map(\.dueAt))
        // Deliveries make other executions runnable; entries that reached a claimed
        // execution while it was stepped leave it runnable once released.
        if stillRunnable > 0 || steps.contains(where: { !$0.deliveries.isEmpty }) { workAvailable.signal() }
        for arn in batch.activities { activityWaiters.signal(arn) }
        for (arn, _) in batch.ended { executionWaiters.finished(arn) }
        if let observer = configuration.observer {
            let entered = steps.reduce(0) { $0 + $1.events.count { $0.type.hasSuffix("StateEntered") } }
            observer.committed(stateTransitions: entered, ended: batch.ended.map { ($0.0, $0.1.status) })
        }
    }

    /// One execution's step: start it or feed it its inbox, and turn the effects into
    /// what the store must write.
    /// `roleArn` is the state machine's when the caller has it at hand (StartExecution);
    /// else it is read from the store for a first step. `arriving` are events fed after the
    /// inbox that are not in it (a completion committed with this step).
    func step(_ work: ClaimedExecution, now: Date, afterCommit: AfterCommit, roleArn knownRoleArn: String? = nil,
              arriving: [ExecutionEvent] = []) async -> ExecutionStep {
        let execution = work.execution
        var step = ExecutionStep(executionArn: execution.arn, consumedThrough: work.inbox.last?.id)
        let interpreter: Interpreter
        do { interpreter = try await self.interpreter(definitionID: execution.definitionID) } catch {
            step.ending = .init(status: .failed, error: "States.Runtime", cause: "The state machine definition could not be loaded: \(error)", stopDate: now)
            return step
        }
        let machine = interpreter.machine
        let minted = MintedTokens(signer: signer)
        var environment = InterpreterEnvironment(entropy: entropy, region: configuration.region) { ticket in minted.mint(ticket) }
        environment.missingActivities = await missingActivities(interpreter.activityArns)
        var state: ExecutionState
        var effects: [Effect]
        // RedriveExecution put its entry first in the (then empty) inbox.
        let redriven = work.inbox.first?.payload == Self.redrivePayload
        if let snapshot = work.snapshot {
            do { state = try ExecutionState(snapshot: try JSON(parsing: snapshot), machine: machine) } catch {
                step.ending = .init(status: .failed, error: "States.Runtime", cause: "The execution's stored state is unreadable.", stopDate: now)
                return step
            }
            effects = []
        } else {
            let input = (try? JSON(parsing: execution.input)) ?? .object([:])
            let context = ContextObject(
                execution: .init(id: execution.arn, name: execution.name, input: input,
                                 roleArn: await roleArn(known: knownRoleArn, execution.stateMachineArn),
                                 startTime: Timestamps.iso8601(execution.startDate), redriveCount: execution.redriveCount),
                stateMachineId: execution.stateMachineArn,
                stateMachineName: String(execution.stateMachineArn.split(separator: ":").last ?? ""))
            if redriven {
                state = ExecutionState(unstarted: context)
                effects = []
            } else {
                (state, effects) = interpreter.start(input: input, context: context, now: now, environment: environment)
            }
        }
        if redriven {
            do {
                let last = try await store.history(executionArn: execution.arn, after: nil, limit: 1, reverse: true).first?.eventID ?? 0
                effects = interpreter.redrive(&state, redriveCount: execution.redriveCount, lastEventID: last, now: now, environment: environment)
            } catch {
                // Left runnable and unconsumed: the next pass tries again.
                return ExecutionStep(executionArn: execution.arn)
            }
        }
        var pending: [ExecutionEvent] = []
        for entry in work.inbox where entry.payload != Self.redrivePayload {
            guard let events = try? Self.events(fromPayload: entry.payload) else { continue }
            pending.append(contentsOf: events)
        }
        pending += arriving
        var index = 0
        while true {
            let immediate = await apply(effects, to: &step, execution: execution, minted: minted,
                                        afterCommit: afterCommit, now: now)
            pending.insert(contentsOf: immediate, at: index)
            guard index < pending.count, !state.isFinished else { break }
            effects = interpreter.handle(pending[index], in: &state, now: now, environment: environment)
            index += 1
        }
        step.snapshot = state.isFinished ? nil : state.snapshot.serialized
        return step
    }

    /// Translates effects into the step's writes. Returns events to feed back at once
    /// (a Task's start, an inline call's outcome).
    func apply(_ effects: [Effect], to step: inout ExecutionStep, execution: ExecutionRecord, minted: MintedTokens,
               afterCommit: AfterCommit, now: Date) async -> [ExecutionEvent] {
        var immediate: [ExecutionEvent] = []
        for effect in effects {
            switch effect {
            case .record(let event):
                step.events.append(HistoryRecord(
                    eventID: event.id, previousEventID: event.previousEventID, timestamp: event.timestamp,
                    type: event.type.rawValue, detailsKey: event.detailsKey, details: event.detailsText))
            case .invoke(let invocation):
                immediate += await schedule(invocation, into: &step, execution: execution, minted: minted,
                                            afterCommit: afterCommit, now: now)
            case .schedule(let timer):
                step.timers.append(TimerRecord(
                    executionArn: execution.arn, ticket: timer.ticket, kind: .interpreter, dueAt: timer.dueAt,
                    payload: Self.payload([.timerFired(timer.ticket)])))
            case .cancel(let ticket):
                step.closeTickets.append(ticket)
                step.cancelTimerTickets.append(ticket)
            case .finish(let outcome):
                step.ending = Self.ending(outcome, now: now)
                if let parent = execution.parentExecutionArn, let ticket = execution.parentTicket {
                    step.deliveries.append(InboxDelivery(
                        executionArn: parent, payload: Self.payload([StepFunctionsIntegration.childEnded(execution, outcome, ticket: ticket, now: now)])))
                }
            }
        }
        return immediate
    }

    func schedule(_ invocation: TaskInvocation, into step: inout ExecutionStep, execution: ExecutionRecord,
                  minted: MintedTokens, afterCommit: AfterCommit, now: Date) async -> [ExecutionEvent] {
        let ticket = invocation.ticket
        let inline = await prepareInline(invocation, execution: execution)
        // An inline call's writes and after-commit action join this step.
        func take(_ inline: InlinePreparation) {
            step.queueSends += inline.queueSends
            step.topicPublishes += inline.topicPublishes
            afterCommit.add(inline.afterCommit)
        }
        // A call that ended inline ends its Task in this very step: no token, no timeout.
        switch inline?.outcome {
        case .failed(let failure)?:
            return [.taskStarted(ticket), .taskFailed(ticket, failure)]
        case .succeeded(let output)?:
            if let inline { take(inline) }
            return [.taskStarted(ticket), .taskSucceeded(ticket, output: output)]
        default:
            break
        }
        let tokenID = invocation.taskToken == nil ? nil : minted.id(for: ticket)
        if let tokenID, let token = invocation.taskToken {
            var record = TokenRecord(tokenID: tokenID, token: token, executionArn: execution.arn, ticket: ticket, createdAt: now,
                                     heartbeatSeconds: invocation.heartbeatSeconds)
            if case .activity(let arn) = invocation.resource.kind {
                record.activityArn = arn
                record.input = Self.activityInput(invocation.parameters, executionInput: execution.input)
            }
            step.openTokens.append(record)
        }
        if let seconds = invocation.timeoutSeconds {
            step.timers.append(TimerRecord(
                executionArn: execution.arn, ticket: ticket, kind: .taskTimeout, dueAt: now.addingTimeInterval(TimeInterval(seconds)),
                payload: Self.payload([.taskTimedOut(ticket, Failure(.timeout))]), tokenID: tokenID))
        }
        if let seconds = invocation.heartbeatSeconds {
            step.timers.append(TimerRecord(
                executionArn: execution.arn, ticket: ticket, kind: .heartbeat, dueAt: now.addingTimeInterval(TimeInterval(seconds)),
                payload: Self.payload([.taskTimedOut(ticket, Failure(.heartbeatTimeout))]), tokenID: tokenID))
        }
        if case .activity = invocation.resource.kind { return [] }  // started when a worker takes it
        if let inline, case .submitted(let output) = inline.outcome {
            take(inline)
            return [.taskStarted(ticket), .taskSubmitted(ticket, output: output)]
        }
        step.dispatches.append(DispatchRecord(executionArn: execution.arn, ticket: ticket, payload: invocation.snapshot.serialized))
        return [.taskStarted(ticket)]
    }

    /// An inline integration's preparation of this call (see ``InlineIntegration``); nil
    /// when the call goes through a dispatch.
    func prepareInline(_ invocation: TaskInvocation, execution: ExecutionRecord) async -> InlinePreparation? {
        guard let integration = integrations.integration(for: invocation.resource) as? any InlineIntegration,
              let prepared = await integration.prepare(IntegrationCall(executionArn: execution.arn, invocation: invocation, engine: self))
        else { return nil }
        // `.started` (a `.sync` job) has no inline form.
        if case .started = prepared.outcome { return nil }
        return prepared
    }

    /// The text a worker gets from GetActivityTask: the execution's input text as it was
    /// sent when the Task passes that input on unchanged (AWS hands it out verbatim), else
    /// the Task's input serialised.
    static func activityInput(_ input: JSON, executionInput: String) -> String {
        if let original = try? JSON(parsing: executionInput), original == input { return executionInput }
        return input.serialized
    }

    static func ending(_ outcome: ExecutionOutcome, now: Date) -> ExecutionStep.Ending {
        switch outcome {
        case .succeeded(let output): .init(status: .succeeded, output: output.serialized, stopDate: now)
        // A failure reported without an error name (SendTaskFailure) ends with none.
        case .failed(let f): .init(status: .failed, error: f.error.rawValue.isEmpty ? nil : f.error.rawValue, cause: f.cause, stopDate: now)
        case .timedOut(let f): .init(status: .timedOut, error: f?.error.rawValue, cause: f?.cause, stopDate: now)
        case .aborted(let f): .init(status: .aborted, error: f?.error.rawValue, cause: f?.cause, stopDate: now)
        }
    }

    /// Inbox payloads hold one or more events, so that a call's start and outcome can
    /// arrive in one write.
    static func payload(_ events: [ExecutionEvent]) -> String {
        events.count == 1 ? events[0].snapshot.serialized : JSON.array(events.map(\.snapshot)).serialized
    }

    static func events(fromPayload text: String) throws -> [ExecutionEvent] {
        let json = try JSON(parsing: text)
        if case .array(let items) = json { return try items.map { try ExecutionEvent(snapshot: $0) } }
        return [try ExecutionEvent(snapshot: json)]
    }

    /// The interpreter of the definition with this id, made once per process.
    func interpreter(definitionID: String) async throws -> Interpreter {
        try await interpreters.interpreter(definitionID) { [store] in
            guard let text = try await store.definition(id: definitionID) else {
                throw EngineError.storage("definition \(definitionID) is missing")
            }
            return Interpreter(machine: try StateMachine(parsing: text))
        }
    }

    /// The id a definition text is stored under: a SHA-256 digest of the text.
    static func definitionID(_ text: String) -> String {
        SHA256.hash(data: Data(text.utf8)).hexEncoded
    }

    /// Which of a machine's activities do not exist (none for most machines, which call none).
    func missingActivities(_ activityArns: Set<String>) async -> Set<String> {
        var missing: Set<String> = []
        for arn in activityArns {
            // A read that fails proves nothing: the Task is scheduled and waits for a worker,
            // as it would for an activity deleted after this check.
            do { if try await store.activity(arn: arn) == nil { missing.insert(arn) } } catch {}
        }
        return missing
    }

    func roleArn(known: String?, _ stateMachineArn: String) async -> String {
        if let known { return known }
        return (try? await store.stateMachine(arn: stateMachineArn))?.roleArn ?? ""
    }

    /// Waits for `wakeup`, or at most `duration`.
    func waitForSignal(_ wakeup: Wakeup, atMost duration: Duration) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await wakeup.wait() }
            group.addTask { try? await Task.sleep(for: duration) }
            await group.next()
            group.cancelAll()
        }
    }
}

/// Tokens minted while one execution steps, so that their rows are written in the same
/// transaction as the step.
final class MintedTokens: Sendable {
    let signer: TaskTokenSigner
    private let tokens = Mutex<[Ticket: (id: String, token: String)]>([:])

    init(signer: TaskTokenSigner) { self.signer = signer }

    func mint(_ ticket: Ticket) -> String {
        let minted = signer.mint()
        tokens.withLock { $0[ticket] = minted }
        return minted.token
    }

    func id(for ticket: Ticket) -> String? { tokens.withLock { $0[ticket]?.id } }
}

/// Actions to run once a batch's transaction committed (collected while its steps run).
final class AfterCommit: Sendable {
    private let actions = Mutex<[@Sendable () -> Void]>([])

    func add(_ action: @escaping @Sendable () -> Void) { actions.withLock { $0.append(action) } }

    func run() {
        for action in actions.withLock({ $0 }) { action() }
    }
}
