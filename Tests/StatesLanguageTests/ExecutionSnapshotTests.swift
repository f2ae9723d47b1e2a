import Foundation
import Testing
@testable import StatesLanguage

@Suite struct ExecutionSnapshotTests {
    @Test("an execution restored from its snapshot mid-Map finishes exactly as one never stored")
    func resumeFromSnapshot() throws {
        let retrier = Retrier(errorEquals: ["Again"], intervalSeconds: 1, maxAttempts: 2)
        let machine = StateMachine(graphs: [
            StateGraph(startAt: 0, states: [State(name: "Each", kind: .map(MapState(processor: 1, maxConcurrency: .literal(2), retry: [retrier])), transition: .end)]),
            StateGraph(startAt: 0, states: [InterpreterTests.task("Work", next: .end, pattern: .waitForTaskToken)]),
        ])
        let interpreter = Interpreter(machine: machine)
        let env = InterpreterTests.environment
        let now = InterpreterTests.start
        let input: JSON = [1, 2, 3]
        var (state, effects) = interpreter.start(input: input, context: InterpreterTests.context(input), now: now, environment: env)
        var stored = state
        var storedEffects = effects
        for _ in 0..<3 {
            let calls = storedEffects.compactMap { if case .invoke(let c) = $0 { c } else { nil } }
            guard let call = calls.first else { break }
            // Store and restore before every event.
            let text = stored.snapshot.serialized
            stored = try ExecutionState(snapshot: try JSON(parsing: text), machine: machine)
            storedEffects = interpreter.handle(.taskSucceeded(call.ticket, output: call.parameters), in: &stored, now: now, environment: env)
            storedEffects += calls.dropFirst().map { .invoke($0) }
            effects = interpreter.handle(.taskSucceeded(call.ticket, output: call.parameters), in: &state, now: now, environment: env)
        }
        #expect(stored.snapshot == state.snapshot)
        #expect(stored.outcome == .succeeded(output: [1, 2, 3]))
        let event = ExecutionEvent.taskFailed(7, Failure("E", cause: "c"))
        #expect(try ExecutionEvent(snapshot: JSON(parsing: event.snapshot.serialized)) == event)
    }

    @Test("a snapshot of another definition is refused, not trusted")
    func foreignSnapshot() throws {
        let small = StateMachine(graphs: [StateGraph(startAt: 0, states: [State(name: "A", kind: .succeed)])])
        let snapshot: JSON = ["ctx": ["id": "x", "name": "n", "input": [:], "role": "r", "start": "s", "redrive": 0, "sm": "m", "smName": "m"],
                              "nextFrame": 1, "nextEvent": 2, "nextTicket": 1, "transitions": 0, "awaited": [], "fanOuts": [],
                              "frames": [["id": 0, "graph": 3, "state": 9, "input": [:], "entered": 1, "time": "", "last": 1, "retries": []]]]
        #expect(throws: SnapshotError.self) { try ExecutionState(snapshot: snapshot, machine: small) }
        #expect(throws: SnapshotError.self) { try ExecutionState(snapshot: ["nope": 1], machine: small) }
    }
}
