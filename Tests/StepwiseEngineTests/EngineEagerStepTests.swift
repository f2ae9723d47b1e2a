import Foundation
import StatesLanguage
import StepwiseStore
import Testing
@testable import StepwiseEngine

/// Eager steps: the API call that makes an execution runnable steps it. The engine's loops
/// do not run in these tests, so whatever moved was moved by the call itself.
@Suite struct EngineEagerStepTests {
    static let passThenWait = #"""
    {"StartAt":"P","States":{"P":{"Type":"Pass","Result":{"a":1},"Next":"W"},
     "W":{"Type":"Wait","Seconds":60,"End":true}}}
    """#

    @Test("StartExecution runs the execution until it waits before it returns")
    func startSteps() async throws {
        let h = try await EngineHarness.make()
        defer { h.removeFiles() }
        let waiting = try await h.engine.startExecution(stateMachineArn: try await h.createMachine(Self.passThenWait))
        #expect(try await h.historyTypes(waiting.arn) == [
            "ExecutionStarted", "PassStateEntered", "PassStateExited", "WaitStateEntered",
        ])
        #expect(try await h.engine.describeExecution(arn: waiting.arn).status == .running)

        let pass = #"{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}"#
        let done = try await h.engine.startExecution(stateMachineArn: try await h.createMachine(pass), input: #"{"n":2}"#)
        let described = try await h.engine.describeExecution(arn: done.arn)
        #expect(described.status == .succeeded)
        #expect(described.output == #"{"n":2}"#)
    }

    @Test("SendTaskSuccess and SendTaskFailure enter the next state before they return")
    func completionSteps() async throws {
        let h = try await EngineHarness.make()
        defer { h.removeFiles() }
        let activity = try await h.engine.createActivity(name: "work").arn
        let definition = """
        {"StartAt":"Do","States":{"Do":{"Type":"Task","Resource":"\(activity)","Catch":[{"ErrorEquals":["States.ALL"],"Next":"Caught"}],
         "Next":"Done"},"Done":{"Type":"Succeed"},"Caught":{"Type":"Pass","End":true}}}
        """
        let machine = try await h.createMachine(definition)
        let succeeding = try await h.engine.startExecution(stateMachineArn: machine)
        let failing = try await h.engine.startExecution(stateMachineArn: machine)
        let first = try #require(try await h.engine.getActivityTask(activityArn: activity, workerName: nil, wait: .zero))
        let second = try #require(try await h.engine.getActivityTask(activityArn: activity, workerName: nil, wait: .zero))
        #expect(try await h.engine.describeExecution(arn: succeeding.arn).status == .running)

        try await h.engine.sendTaskSuccess(token: first.token, output: #"{"ok":true}"#)
        try await h.engine.sendTaskFailure(token: second.token, error: "Broken", cause: "on purpose")
        let statuses = [try await h.engine.describeExecution(arn: succeeding.arn), try await h.engine.describeExecution(arn: failing.arn)]
        #expect(statuses.map(\.status) == [.succeeded, .succeeded])
        #expect(statuses.compactMap(\.output).sorted() == [
            #"{"Error":"Broken","Cause":"on purpose"}"#, #"{"ok":true}"#,
        ])
    }

    @Test("with eager steps off, StartExecution leaves the execution to the workers")
    func eagerStepsOff() async throws {
        let h = try await EngineHarness.make(configuration: EngineConfiguration(eagerSteps: false))
        defer { h.removeFiles() }
        let execution = try await h.engine.startExecution(stateMachineArn: try await h.createMachine(Self.passThenWait))
        #expect(try await h.historyTypes(execution.arn).isEmpty)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await h.engine.run() }
            try await h.eventually("the workers to step it") {
                try await h.historyTypes(execution.arn).last == "WaitStateEntered"
            }
            h.engine.stop()
            group.cancelAll()
        }
    }
}
