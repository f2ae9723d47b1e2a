import Synchronization
import Foundation
import StatesLanguage
import StepwiseStore
import Testing
@testable import StepwiseEngine

@Suite(.serialized) struct EngineExecutionTests {
    @Test("an execution runs to its end and its history is stored in AWS's order")
    func passChain() async throws {
        try await EngineHarness.with { h in
            let arn = try await h.createMachine(#"{"StartAt":"A","States":{"A":{"Type":"Pass","Result":1,"ResultPath":"$.a","Next":"B"},"B":{"Type":"Succeed"}}}"#)
            let execution = try await h.engine.startExecution(stateMachineArn: arn, name: "first", input: #"{"x":true}"#)
            let ended = try await h.waitForEnd(execution.arn)
            #expect(ended.status == .succeeded)
            #expect(try JSON(parsing: ended.output ?? "") == ["x": true, "a": 1])
            #expect(try await h.historyTypes(execution.arn) == ["ExecutionStarted", "PassStateEntered", "PassStateExited", "SucceedStateEntered", "SucceedStateExited", "ExecutionSucceeded"])
            let page = try await h.engine.history(executionArn: execution.arn, reverse: true, limit: 2)
            #expect(page.items.map(\.eventID) == [6, 5])
            #expect(page.nextCursor != nil)
        }
    }

    @Test("execution names: same name and input while running is the same execution, otherwise ExecutionAlreadyExists")
    func names() async throws {
        try await EngineHarness.with { h in
            let arn = try await h.createMachine(#"{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":100,"End":true}}}"#)
            let first = try await h.engine.startExecution(stateMachineArn: arn, name: "once", input: "{}")
            let again = try await h.engine.startExecution(stateMachineArn: arn, name: "once", input: "{}")
            #expect(again.arn == first.arn)
            await #expect(throws: EngineError.executionAlreadyExists(arn: first.arn)) {
                _ = try await h.engine.startExecution(stateMachineArn: arn, name: "once", input: #"{"other":1}"#)
            }
            await #expect(throws: EngineError.invalidName("Invalid Name: 'bad name'")) {
                _ = try await h.engine.startExecution(stateMachineArn: arn, name: "bad name")
            }
            await #expect(throws: EngineError.self) { _ = try await h.engine.startExecution(stateMachineArn: arn, input: "{not json") }
        }
    }

    @Test("a Wait until a timestamp in the past passes at once; a long Wait passes when the virtual clock does")
    func waits() async throws {
        try await EngineHarness.with { h in
            let past = try await h.createMachine(#"{"StartAt":"W","States":{"W":{"Type":"Wait","Timestamp":"2001-01-01T00:00:00Z","End":true}}}"#)
            let a = try await h.engine.startExecution(stateMachineArn: past)
            #expect(try await h.waitForEnd(a.arn).status == .succeeded)
            let year = try await h.createMachine(#"{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":31536000,"End":true}}}"#)
            let b = try await h.engine.startExecution(stateMachineArn: year)
            try await h.advance(by: 31_536_000)
            #expect(try await h.waitForEnd(b.arn).status == .succeeded)
        }
    }

    @Test("retries back off on the virtual clock, then succeed")
    func retries() async throws {
        let counting = CountingIntegration(failures: 2)
        var registry = IntegrationRegistry()
        registry.register(service: "lambda", counting)
        try await EngineHarness.with(integrations: registry) { h in
            let arn = try await h.createMachine(#"""
            {"StartAt":"Call","States":{"Call":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"f"},
             "Retry":[{"ErrorEquals":["Busy"],"IntervalSeconds":2,"BackoffRate":3,"MaxAttempts":3}],"End":true}}}
            """#)
            let execution = try await h.engine.startExecution(stateMachineArn: arn)
            try await h.eventually("the first call") { counting.calls == 1 }
            try await h.advance(by: 2)
            try await h.eventually("the second call") { counting.calls == 2 }
            try await h.advance(by: 6)
            let ended = try await h.waitForEnd(execution.arn)
            #expect(ended.status == .succeeded)
            #expect(counting.calls == 3)
        }
    }

    @Test("a Map of 1,000 items with MaxConcurrency 10 calls its task 1,000 times, never more than 10 at once")
    func bigMap() async throws {
        let counting = CountingIntegration(failures: 0)
        var registry = IntegrationRegistry()
        registry.register(service: "lambda", counting)
        try await EngineHarness.with(integrations: registry) { h in
            let arn = try await h.createMachine(#"""
            {"StartAt":"Each","States":{"Each":{"Type":"Map","MaxConcurrency":10,"ItemProcessor":{"StartAt":"Call","States":{
              "Call":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"n.$":"$"},"OutputPath":"$.n","End":true}}},"End":true}}}
            """#)
            let items = JSON.array((0..<1000).map { .int($0) }).serialized
            let execution = try await h.engine.startExecution(stateMachineArn: arn, input: items)
            let ended = try await h.waitForEnd(execution.arn, seconds: 60)
            #expect(ended.status == .succeeded)
            #expect(try JSON(parsing: ended.output ?? "") == JSON(parsing: items))
            #expect(counting.calls == 1000)
            #expect(counting.peak <= 10)
        }
    }

    @Test("activities: a worker takes the task with GetActivityTask and completes it")
    func activities() async throws {
        try await EngineHarness.with { h in
            let activity = try await h.engine.createActivity(name: "review")
            let arn = try await h.createMachine(#"{"StartAt":"Review","States":{"Review":{"Type":"Task","Resource":"\#(activity.arn)","TimeoutSeconds":600,"End":true}}}"#)
            let execution = try await h.engine.startExecution(stateMachineArn: arn, input: #"{"doc":7}"#)
            let task = try #require(try await h.engine.getActivityTask(activityArn: activity.arn, workerName: "w1", wait: .seconds(5)))
            #expect(try JSON(parsing: task.input) == ["doc": 7])
            try await h.engine.sendTaskSuccess(token: task.token, output: #"{"approved":true}"#)
            let ended = try await h.waitForEnd(execution.arn)
            #expect(ended.status == .succeeded)
            #expect(try await h.historyTypes(execution.arn) == ["ExecutionStarted", "TaskStateEntered", "ActivityScheduled", "ActivityStarted", "ActivitySucceeded", "TaskStateExited", "ExecutionSucceeded"])
            #expect(try await h.engine.getActivityTask(activityArn: activity.arn, workerName: nil, wait: .milliseconds(50)) == nil)
        }
    }

    @Test("states:startExecution.sync waits for the child and returns its description")
    func childSync() async throws {
        try await EngineHarness.with { h in
            let child = try await h.createMachine(#"{"StartAt":"P","States":{"P":{"Type":"Pass","Result":{"done":true},"End":true}}}"#, name: "child")
            let parent = try await h.createMachine(#"""
            {"StartAt":"Run","States":{"Run":{"Type":"Task","Resource":"arn:aws:states:::states:startExecution.sync:2",
             "Parameters":{"StateMachineArn":"\#(child)","Input":{"AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID.$":"$$.Execution.Id"}},
             "OutputPath":"$.Output","End":true}}}
            """#, name: "parent")
            let execution = try await h.engine.startExecution(stateMachineArn: parent)
            let ended = try await h.waitForEnd(execution.arn)
            #expect(ended.status == .succeeded)
            #expect(ended.output == #""{\"done\":true}""# || ended.output == #"{"done":true}"#)
        }
    }

    @Test("a .sync parent records TaskSubmitted before the child's end, whether the child succeeds or fails",
          arguments: [true, false])
    func childSyncHistory(eagerSteps: Bool) async throws {
        try await EngineHarness.with(configuration: EngineConfiguration(eagerSteps: eagerSteps)) { h in
            let good = try await h.createMachine(#"{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}"#, name: "good")
            let bad = try await h.createMachine(#"{"StartAt":"F","States":{"F":{"Type":"Fail","Error":"Boom","Cause":"no"}}}"#, name: "bad")
            for (child, pattern, status) in [(good, ".sync", ExecutionStatus.succeeded), (bad, ".sync:2", .failed)] {
                let parent = try await h.createMachine(#"""
                    {"StartAt":"Run","States":{"Run":{"Type":"Task","Resource":"arn:aws:states:::states:startExecution\#(pattern)",
                     "Parameters":{"StateMachineArn":"\#(child)"},"End":true}}}
                    """#)
                let execution = try await h.engine.startExecution(stateMachineArn: parent)
                #expect(try await h.waitForEnd(execution.arn).status == status)
                let end = status == .succeeded ? ["TaskSucceeded", "TaskStateExited", "ExecutionSucceeded"] : ["TaskFailed", "ExecutionFailed"]
                #expect(try await h.historyTypes(execution.arn)
                        == ["ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskSubmitted"] + end)
                let submitted = try #require(try await h.engine.history(executionArn: execution.arn).items.first { $0.type == "TaskSubmitted" })
                let details = try JSON(parsing: #require(submitted.details))
                let output = try JSON(parsing: #require(details["output"]?.stringValue))
                #expect(output["ExecutionArn"]?.stringValue?.contains(":execution:") == true)
                #expect(output["StartDate"]?.intValue != nil)
            }
        }
    }

    @Test("a Task on an activity that does not exist fails the execution with States.Runtime, scheduling nothing, past a States.ALL catcher")
    func missingActivity() async throws {
        try await EngineHarness.with { h in
            let activity = try await h.engine.createActivity(name: "gone")
            try await h.engine.deleteActivity(arn: activity.arn)
            let machine = try await h.createMachine(#"""
                {"StartAt":"ActivityTask","States":{"ActivityTask":{"Type":"Task","Resource":"\#(activity.arn)",
                 "Catch":[{"ErrorEquals":["States.ALL"],"Next":"Caught"}],"End":true},"Caught":{"Type":"Succeed"}}}
                """#)
            let execution = try await h.engine.startExecution(stateMachineArn: machine)
            let ended = try await h.waitForEnd(execution.arn)
            #expect(ended.status == .failed)
            #expect(ended.error == "States.Runtime")
            #expect(ended.cause == "An error occurred while executing the state 'ActivityTask' (entered at the event id #2). The activity \(activity.arn) does not exist.")
            #expect(try await h.historyTypes(execution.arn) == ["ExecutionStarted", "TaskStateEntered", "ExecutionFailed"])
        }
    }

    @Test("the execution's TimeoutSeconds ends it TIMED_OUT")
    func executionTimeout() async throws {
        try await EngineHarness.with { h in
            let arn = try await h.createMachine(#"{"TimeoutSeconds":5,"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":60,"End":true}}}"#)
            let execution = try await h.engine.startExecution(stateMachineArn: arn)
            try await h.advance(by: 5)
            #expect(try await h.waitForEnd(execution.arn).status == .timedOut)
        }
    }
}

/// Fails the first `failures` calls with `Busy`, then echoes the parameters; tracks how
/// many calls run at once.
final class CountingIntegration: Integration {
    private let state = Synchronization.Mutex<(calls: Int, running: Int, peak: Int)>((0, 0, 0))
    let failures: Int

    init(failures: Int) { self.failures = failures }

    var calls: Int { state.withLock { $0.calls } }
    var peak: Int { state.withLock { $0.peak } }

    func invoke(_ call: IntegrationCall) async -> IntegrationOutcome {
        let n = state.withLock { s -> Int in
            s.calls += 1
            s.running += 1
            s.peak = max(s.peak, s.running)
            return s.calls
        }
        await Task.yield()
        state.withLock { $0.running -= 1 }
        return n <= failures ? .failed(Failure("Busy", cause: "try later")) : .succeeded(call.invocation.parameters)
    }
}
