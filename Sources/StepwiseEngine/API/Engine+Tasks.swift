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
        case .recorded: timersChanged.signal()
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
    private func complete(_ tokenID: String, with event: @escaping @Sendable (Ticket) -> ExecutionEvent) async throws {
        let (completion, claimed) = try await store.completeToken(
            tokenID: tokenID, now: clock.now(), claimingFor: eagerLease) { ticket in Self.payload([event(ticket)]) }
        switch completion {
        case .completed:
            if let claimed { await stepEagerly(claimed) } else { workAvailable.signal() }
        case .unknown: throw EngineError.taskDoesNotExist
        case .closed: throw EngineError.taskTimedOut
        }
    }
}
