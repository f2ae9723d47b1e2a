import Foundation
import StatesLanguage
import StepwiseStore
import Synchronization
import Testing
@testable import StepwiseEngine

/// Inline integrations: the call is prepared during the step that starts its Task, its
/// writes commit with that step, and its outcome is fed in the same step — no dispatch.
@Suite struct EngineInlineIntegrationTests {
    /// Answers every call inline with `outcome`; counts prepares, dispatched calls, and
    /// after-commit actions (checking the step was committed by then).
    final class InlineStub: InlineIntegration {
        let outcome: IntegrationOutcome
        let prepared = Mutex(0)
        let invoked = Mutex(0)
        let committedBeforeHook = Mutex<[Bool]>([])
        let store = Mutex<(any Store)?>(nil)

        init(_ outcome: IntegrationOutcome) { self.outcome = outcome }

        func invoke(_ call: IntegrationCall) async -> IntegrationOutcome {
            invoked.withLock { $0 += 1 }
            return outcome
        }

        func prepare(_ call: IntegrationCall) async -> InlinePreparation? {
            prepared.withLock { $0 += 1 }
            let engine = call.engine
            let arn = call.executionArn
            return InlinePreparation(outcome: outcome) { [self] in
                // Runs once the step committed: its TaskStarted is readable.
                Task {
                    let stored = (try? await engine.history(executionArn: arn).items.map(\.type).contains("TaskStarted")) ?? false
                    self.committedBeforeHook.withLock { $0.append(stored) }
                }
            }
        }
    }

    static let callback = """
        {"StartAt":"Send","States":{"Send":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken",
         "Parameters":{"MessageBody.$":"$$.Task.Token"},"TimeoutSeconds":60,"End":true}}}
        """

    @Test("a waitForTaskToken call prepared inline is submitted in its starting step and never dispatched")
    func submittedInline() async throws {
        let stub = InlineStub(.submitted(["MessageId": "m-1"]))
        var registry = IntegrationRegistry()
        registry.register(service: "sqs", stub)
        try await EngineHarness.with(integrations: registry) { h in
            let machine = try await h.createMachine(Self.callback)
            let execution = try await h.engine.startExecution(stateMachineArn: machine)
            try await h.eventually("TaskSubmitted") { try await h.historyTypes(execution.arn).contains("TaskSubmitted") }
            #expect(try await h.historyTypes(execution.arn) == [
                "ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskSubmitted"])
            #expect(stub.prepared.withLock { $0 } == 1)
            #expect(stub.invoked.withLock { $0 } == 0)
            try await h.eventually("the after-commit action") { !stub.committedBeforeHook.withLock { $0.isEmpty } }
            #expect(stub.committedBeforeHook.withLock { $0 } == [true])
            let submitted = try await h.engine.history(executionArn: execution.arn).items.last
            #expect(submitted?.details?.contains("m-1") == true)
        }
    }

    @Test("a call that fails inline fails its Task in the same step and leaves no open token or timer")
    func failedInline() async throws {
        let stub = InlineStub(.failed(Failure("SQS.QueueDoesNotExistException", cause: "no such queue")))
        var registry = IntegrationRegistry()
        registry.register(service: "sqs", stub)
        try await EngineHarness.with(integrations: registry) { h in
            let machine = try await h.createMachine(Self.callback)
            let execution = try await h.engine.startExecution(stateMachineArn: machine)
            let ended = try await h.waitForEnd(execution.arn)
            #expect(ended.status == .failed)
            #expect(ended.error == "SQS.QueueDoesNotExistException")
            #expect(try await h.engine.store.openWork() == OpenWork(executions: 0, tokens: 0))
            #expect(try await h.engine.store.nextTimerDue() == nil)
            #expect(stub.invoked.withLock { $0 } == 0)
        }
    }
}
