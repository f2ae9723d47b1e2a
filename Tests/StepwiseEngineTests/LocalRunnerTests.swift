import Foundation
import StatesLanguage
import Testing
@testable import StepwiseEngine

@Suite struct LocalRunnerTests {
    static let sqs = TaskResource(arn: "arn:aws:states:::sqs:sendMessage", kind: .integration(service: "sqs", action: "sendMessage"), pattern: .requestResponse)

    @Test("a Wait of a year passes in virtual time")
    func yearLongWait() {
        let machine = StateMachine(graphs: [StateGraph(startAt: 0, states: [
            State(name: "Sleep", kind: .wait(WaitState(duration: .seconds(31_536_000))), transition: .end),
        ])])
        let began = Date()
        let result = LocalRunner(machine: machine).run(input: ["a": 1])
        #expect(result.outcome == .succeeded(output: ["a": 1]))
        #expect(result.elapsed == 31_536_000)
        #expect(Date().timeIntervalSince(began) < 5)
    }

    @Test("mocks answer successive attempts in turn, so a retry can succeed")
    func mockedRetry() throws {
        let retrier = Retrier(errorEquals: ["Flaky"], intervalSeconds: 2, maxAttempts: 3, backoffRate: 2)
        let machine = StateMachine(graphs: [StateGraph(startAt: 0, states: [
            State(name: "Call", kind: .task(TaskState(resource: Self.sqs, retry: [retrier])), transition: .end),
        ])])
        let mock = try TaskResponder.mock(["Call": [["Throw": ["Error": "Flaky", "Cause": "1"]], ["Throw": ["Error": "Flaky"]], ["Return": ["done": true]]]])
        let result = LocalRunner(machine: machine, responder: mock).run(input: [:])
        #expect(result.outcome == .succeeded(output: ["done": true]))
        #expect(result.elapsed == 6)  // 2 s, then 4 s
        #expect(result.history.filter { $0.type.rawValue == "TaskScheduled" }.count == 3)
    }

    @Test("a Task with no integration fails clearly")
    func noIntegration() {
        let machine = StateMachine(graphs: [StateGraph(startAt: 0, states: [
            State(name: "Call", kind: .task(TaskState(resource: Self.sqs)), transition: .end),
        ])])
        let result = LocalRunner(machine: machine).run(input: [:])
        guard case .failed(let failure) = result.outcome else { Issue.record("expected failure"); return }
        #expect(failure.cause?.contains("No integration for resource 'arn:aws:states:::sqs:sendMessage'") == true)
    }

    @Test("the execution's TimeoutSeconds ends a long wait as TIMED_OUT")
    func executionTimeout() {
        let machine = StateMachine(timeoutSeconds: 60, graphs: [StateGraph(startAt: 0, states: [
            State(name: "Sleep", kind: .wait(WaitState(duration: .seconds(3600))), transition: .end),
        ])])
        let result = LocalRunner(machine: machine).run(input: [:])
        #expect(result.outcome.status == "TIMED_OUT")
        #expect(result.elapsed == 60)
        #expect(result.history.last?.type == .executionTimedOut)
    }

    @Test("mock documents that cannot work are refused", arguments: [JSON.array([]), ["S": []], ["S": ["Throw": ["Cause": "x"]]]])
    func badMocks(document: JSON) {
        #expect(throws: MockError.self) { try TaskResponder.mock(document) }
    }

    @Test("the virtual clock wakes sleepers only when advanced past their deadline")
    func virtualClock() async throws {
        let clock = VirtualClock()
        let deadline = clock.now().addingTimeInterval(10)
        async let woke: Void = clock.sleep(until: deadline)
        while clock.nextDeadline == nil { await Task.yield() }
        clock.advance(by: 5)
        #expect(clock.nextDeadline == deadline)
        clock.advance(by: 5)
        try await woke
        #expect(clock.now() == deadline)
    }
}
