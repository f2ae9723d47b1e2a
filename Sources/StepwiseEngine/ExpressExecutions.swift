import Foundation
import StatesLanguage
import StepwiseStore
import Synchronization

/// EXPRESS executions: run in memory, at-most-once, no history kept in the store (as on
/// AWS, where their history goes to logs only). StartSyncExecution waits for the end;
/// StartExecution runs them in the background of the engine's ``Engine/run()``.
final class ExpressExecutions: Sendable {
    private struct Job: Sendable {
        var engine: Engine
        var machine: StateMachineRecord
        var record: ExecutionRecord
    }

    private let queue = Mutex<[Job]>([])
    private let queued = Wakeup()
    /// Recently ended and running express executions, for DescribeExecution.
    private let records = Mutex<[String: ExecutionRecord]>([:])

    func record(_ arn: String) -> ExecutionRecord? { records.withLock { $0[arn] } }

    func wake() { queued.signal() }

    func start(engine: Engine, machine: StateMachineRecord, name: String, input: String) async throws -> ExecutionRecord {
        let record = newRecord(engine: engine, machine: machine, name: name, input: input)
        queue.withLock { $0.append(Job(engine: engine, machine: machine, record: record)) }
        queued.signal()
        return record
    }

    func runToEnd(engine: Engine, machine: StateMachineRecord, name: String, input: String) async throws -> ExecutionRecord {
        await execute(engine: engine, machine: machine, record: newRecord(engine: engine, machine: machine, name: name, input: input))
    }

    /// Runs queued asynchronous express executions until `stopped`.
    func run(stopped: @escaping @Sendable () -> Bool) async {
        await withDiscardingTaskGroup { group in
            while !stopped() {
                let jobs = queue.withLock { q -> [Job] in
                    defer { q.removeAll() }
                    return q
                }
                for job in jobs {
                    group.addTask { [self] in
                        _ = await self.execute(engine: job.engine, machine: job.machine, record: job.record)
                    }
                }
                if jobs.isEmpty { await queued.wait() }
            }
        }
    }

    private func newRecord(engine: Engine, machine: StateMachineRecord, name: String, input: String) -> ExecutionRecord {
        ExecutionRecord(
            arn: engine.arns.execution(machine: machine.name, name: name, express: true, id: RandomBytes.uuidString()),
            stateMachineArn: machine.arn, name: name, input: input, startDate: engine.clock.now(),
            definitionID: Engine.definitionID(machine.definition))
    }

    /// Drives one execution to its end with the interpreter, calling integrations and
    /// sleeping on the engine's clock.
    func execute(engine: Engine, machine: StateMachineRecord, record: ExecutionRecord) async -> ExecutionRecord {
        var record = record
        records.withLock { $0[record.arn] = record }
        let outcome: ExecutionOutcome
        do {
            let definition = try StateMachine(parsing: machine.definition, type: .express)
            outcome = await drive(engine: engine, definition: definition, record: record)
        } catch {
            outcome = .failed(Failure(.runtime, cause: "\(error)"))
        }
        let ending = Engine.ending(outcome, now: engine.clock.now())
        record.status = ending.status
        record.output = ending.output
        record.error = ending.error
        record.cause = ending.cause
        record.stopDate = ending.stopDate
        engine.configuration.observer?.expressEnded(status: ending.status)
        records.withLock { records in
            records[record.arn] = record
            if records.count > 10_000 {
                for key in records.filter({ $0.value.status != .running }).keys.prefix(1000) { records[key] = nil }
            }
        }
        return record
    }

    private func drive(engine: Engine, definition: StateMachine, record: ExecutionRecord) async -> ExecutionOutcome {
        let interpreter = Interpreter(machine: definition)
        let input = (try? JSON(parsing: record.input)) ?? .object([:])
        let context = ContextObject(
            execution: .init(id: record.arn, name: record.name, input: input, roleArn: "",
                             startTime: Timestamps.iso8601(record.startDate), redriveCount: nil),
            stateMachineId: record.stateMachineArn, stateMachineName: String(record.stateMachineArn.split(separator: ":").last ?? ""))
        let environment = InterpreterEnvironment(entropy: engine.entropy, region: engine.configuration.region) { _ in "" }
        var (state, effects) = interpreter.start(input: input, context: context, now: engine.clock.now(), environment: environment)
        let (events, continuation) = AsyncStream<ExecutionEvent>.makeStream()
        return await withTaskGroup(of: Void.self) { group in
            var iterator = events.makeAsyncIterator()
            while true {
                var recorded: [HistoryEvent] = []
                for effect in effects {
                    switch effect {
                    case .record(let event):
                        recorded.append(event)
                    case .invoke(let invocation):
                        continuation.yield(.taskStarted(invocation.ticket))
                        group.addTask {
                            let integration = engine.integrations.integration(for: invocation.resource)
                            let outcome = await integration?.invoke(IntegrationCall(executionArn: record.arn, invocation: invocation, engine: engine))
                                ?? .failed(Failure(.runtime, cause: "No integration serves the resource '\(invocation.resource.arn)'."))
                            switch outcome {
                            case .succeeded(let output), .submitted(let output): continuation.yield(.taskSucceeded(invocation.ticket, output: output))
                            case .failed(let failure): continuation.yield(.taskFailed(invocation.ticket, failure))
                            case .started: continuation.yield(.taskFailed(invocation.ticket, Failure(.runtime, cause: "EXPRESS executions cannot wait for jobs.")))
                            }
                        }
                        if let seconds = invocation.timeoutSeconds {
                            group.addTask {
                                try? await engine.clock.sleep(until: engine.clock.now().addingTimeInterval(TimeInterval(seconds)))
                                continuation.yield(.taskTimedOut(invocation.ticket, Failure(.timeout)))
                            }
                        }
                    case .schedule(let timer):
                        group.addTask {
                            try? await engine.clock.sleep(until: timer.dueAt)
                            continuation.yield(.timerFired(timer.ticket))
                        }
                    case .cancel, .finish:
                        break
                    }
                }
                if !recorded.isEmpty { engine.logExpress(recorded, execution: record) }
                if let outcome = state.outcome {
                    group.cancelAll()
                    continuation.finish()
                    return outcome
                }
                guard let event = await iterator.next() else {
                    return .failed(Failure(.runtime, cause: "The execution was interrupted."))
                }
                effects = interpreter.handle(event, in: &state, now: engine.clock.now(), environment: environment)
            }
        }
    }
}
