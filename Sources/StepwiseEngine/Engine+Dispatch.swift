import Foundation
import StatesLanguage
import StepwiseStore
import Synchronization

/// The dispatch loop: performs integration calls after their Task's step committed, and
/// delivers each outcome to the execution's inbox.
extension Engine {
    func dispatchLoop() async {
        await withDiscardingTaskGroup { group in
            let finished = Wakeup()
            let counter = DispatchCounter()
            while !isStopping {
                let capacity = configuration.dispatchConcurrency - counter.value
                if capacity <= 0 {
                    await waitForSignal(finished, atMost: .milliseconds(100))
                    continue
                }
                let now = clock.now()
                let claimed: [DispatchRecord]
                do {
                    claimed = try await store.claimDispatches(
                        node: configuration.nodeName, limit: capacity, now: now,
                        leaseUntil: now.addingTimeInterval(max(configuration.leaseSeconds, 300)))
                } catch {
                    try? await Task.sleep(for: .milliseconds(200))
                    continue
                }
                if claimed.isEmpty {
                    await waitForSignal(dispatchAvailable, atMost: .seconds(1))
                    continue
                }
                for dispatch in claimed {
                    counter.add(1)
                    group.addTask {
                        await self.perform(dispatch)
                        counter.add(-1)
                        finished.signal()
                    }
                }
            }
        }
    }

    func perform(_ dispatch: DispatchRecord) async {
        guard let json = try? JSON(parsing: dispatch.payload), let invocation = try? TaskInvocation(snapshot: json) else {
            try? await store.finishDispatch(id: dispatch.id)
            return
        }
        let outcome: IntegrationOutcome
        if let integration = integrations.integration(for: invocation.resource) {
            outcome = await integration.invoke(IntegrationCall(executionArn: dispatch.executionArn, invocation: invocation, engine: self))
        } else {
            outcome = .failed(Failure(.runtime, cause: "No integration serves the resource '\(invocation.resource.arn)' (state '\(invocation.stateName)')."))
        }
        let now = clock.now()
        let ticket = invocation.ticket
        do {
            switch outcome {
            case .succeeded(let output):
                try await deliverOutcome(.taskSucceeded(ticket, output: output), invocation: invocation, execution: dispatch.executionArn, now: now)
            case .failed(let failure):
                try await deliverOutcome(.taskFailed(ticket, failure), invocation: invocation, execution: dispatch.executionArn, now: now)
            case .submitted(let output):
                try await store.deliver(executionArn: dispatch.executionArn, payload: Self.payload([.taskSubmitted(ticket, output: output)]), now: now)
            case .started:
                break
            }
            try await store.finishDispatch(id: dispatch.id)
            workAvailable.signal()
        } catch {
            // Left claimed: after the lease another pass makes the call again (at least once).
        }
    }

    /// A call's final outcome: through the token when the Task has one (so that it
    /// completes at most once), else straight to the inbox.
    func deliverOutcome(_ event: ExecutionEvent, invocation: TaskInvocation, execution: String, now: Date) async throws {
        if let token = invocation.taskToken, let id = signer.verify(token) {
            _ = try await store.completeToken(tokenID: id, payload: Self.payload([event]), now: now)
        } else {
            try await store.deliver(executionArn: execution, payload: Self.payload([event]), now: now)
        }
    }
}

/// Calls in flight.
final class DispatchCounter: Sendable {
    private let count = Synchronization.Mutex(0)
    var value: Int { count.withLock { $0 } }
    func add(_ n: Int) { count.withLock { $0 += n } }
}
