import StatesLanguage
import Synchronization
import Testing
@testable import StepwiseEngine

/// One parse per definition, however many callers miss at once; a failed load is retried.
@Suite struct InterpreterCacheTests {
    static let definition = #"{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}"#

    @Test("callers that miss together share one load, and later callers reuse it")
    func singleFlight() async throws {
        let cache = InterpreterCache()
        let loads = Atomic<Int>(0)
        let load: @Sendable () async throws -> Interpreter = {
            loads.add(1, ordering: .relaxed)
            try await Task.sleep(for: .milliseconds(20))  // keep the load open while the others arrive
            return Interpreter(machine: try StateMachine(parsing: Self.definition))
        }
        let states = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<32 { group.addTask { try await cache.interpreter("d", load: load).machine.root.states.count } }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(states == Array(repeating: 1, count: 32))
        _ = try await cache.interpreter("d", load: load)
        #expect(loads.load(ordering: .relaxed) == 1)
    }

    @Test("a load that fails is forgotten: the next caller loads again")
    func failureRetried() async throws {
        struct Missing: Error {}
        let cache = InterpreterCache()
        await #expect(throws: Missing.self) { try await cache.interpreter("d") { throw Missing() } }
        let interpreter = try await cache.interpreter("d") { Interpreter(machine: try StateMachine(parsing: Self.definition)) }
        #expect(interpreter.machine.root.states.map(\.name) == ["P"])
    }
}
