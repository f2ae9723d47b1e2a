import Foundation
import StatesLanguage
import StepwiseStore

/// SendTaskSuccess, SendTaskFailure, SendTaskHeartbeat.
extension Engine {
    /// Completes the task with `output` (JSON text, at most 256 KiB). Committed when this
    /// returns; a token completes at most once.
    public func sendTaskSuccess(token: String, output: String) async throws {
        let id = try tokenID(token)
        guard output.utf8.count <= Interpreter.maximumPayloadBytes else {
            throw EngineError.invalidOutput("The output is larger than 262144 bytes.")
        }
        guard let value = try? JSON(parsing: output) else { throw EngineError.invalidOutput("Invalid Output: 'Output is not valid JSON'") }
        try await complete(id, with: { .taskSucceeded($0, output: value) })
    }

    /// Fails the task with `error` and `cause`.
    public func sendTaskFailure(token: String, error: String?, cause: String?) async throws {
        let id = try tokenID(token)
        try await complete(id, with: { .taskFailed($0, Failure(ErrorName(error ?? ""), cause: cause)) })
    }

    /// Records a heartbeat: the task's HeartbeatSeconds start again.
    public func sendTaskHeartbeat(token: String) async throws {
        let id = try tokenID(token)
        switch try await store.heartbeat(tokenID: id, now: clock.now()) {
        case .recorded: break  // the heartbeat timer moved later: the timer loop need not wake
        case .unknown: throw EngineError.taskDoesNotExist
        case .closed: throw EngineError.taskTimedOut
        }
    }

    func tokenID(_ token: String) throws -> String {
        guard let id = signer.verify(token) else { throw EngineError.invalidToken("Invalid Token: '\(token.prefix(64))'") }
        return id
    }

    /// Closes the token and, with eager steps, steps its execution before returning: the
    /// state after the Task has been entered when SendTaskSuccess answers.
    ///
    /// The step is computed first, from the execution as last committed with the
    /// completion fed in, and written in the transaction that closes the token. When the
    /// execution moved in between (another step committed, a worker holds it), the token is
    /// completed the usual way and the execution claimed and stepped after.
    private func complete(_ tokenID: String, with event: @escaping @Sendable (Ticket) -> ExecutionEvent) async throws {
        let payload: @Sendable (Int) -> String = { ticket in Self.payload([event(ticket)]) }
        guard let lease = eagerLease, let work = try await store.tokenWork(tokenID: tokenID, now: clock.now()), work.unclaimed else {
            let (completion, claimed) = try await store.completeToken(tokenID: tokenID, now: clock.now(), claimingFor: eagerLease,
                                                                      payload: payload)
            try await completed(completion, claimed: claimed)
            return
        }
        // In a task of its own, as `stepEagerly`: a caller that goes away must not cancel
        // the step between its computation and its commit.
        try await Task {
            var batch = SteppedBatch(capacity: 1)
            let now = self.clock.now()
            batch.add(await self.step(work.execution, now: now, afterCommit: batch.afterCommit, arriving: [event(work.ticket)]),
                      redriveCount: work.execution.execution.redriveCount)
            let outcome = try await self.store.completeToken(
                tokenID: tokenID, now: now, step: batch.steps[0], stepCount: work.stepCount, node: self.configuration.nodeName,
                claimingFor: lease, payload: payload)
            if outcome.stepped {
                self.committed(batch, stillRunnable: outcome.stillRunnable ? 1 : 0)
            } else {
                try await self.completed(outcome.completion, claimed: outcome.claimed)
            }
        }.value
    }

    private func completed(_ completion: TokenCompletion, claimed: ClaimedExecution?) async throws {
        switch completion {
        case .completed:
            if let claimed { await stepEagerly(claimed) } else { workAvailable.signal() }
        case .unknown: throw EngineError.taskDoesNotExist
        case .closed: throw EngineError.taskTimedOut
        }
    }
}
