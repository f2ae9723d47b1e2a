import Foundation
import Testing
@testable import StatesLanguage

/// RedriveExecution in the pure core: the state from before the ending step, redriven.
@Suite struct InterpreterRedriveTests {
    static let start = InterpreterTests.start
    static let later = start.addingTimeInterval(3600)
    static let environment = InterpreterTests.environment

    /// An execution driven like the engine drives it: the state it would store after each
    /// step, and every event recorded so far.
    struct Driven {
        let interpreter: Interpreter
        var state: ExecutionState
        /// The snapshot before the last step (what the store keeps when that step ends it).
        var stored: JSON?
        var events: [HistoryEvent] = []
        var invocations: [TaskInvocation] = []

        init(_ definition: String, input: JSON = [:]) throws {
            interpreter = Interpreter(machine: try StateMachine(parsing: definition))
            let (state, effects) = interpreter.start(input: input, context: InterpreterTests.context(input), now: InterpreterRedriveTests.start,
                                                     environment: InterpreterRedriveTests.environment)
            self.state = state
            take(effects)
            stored = state.isFinished ? JSON?.none : state.snapshot
        }

        mutating func feed(_ event: ExecutionEvent) {
            let before = state.snapshot
            take(interpreter.handle(event, in: &state, now: InterpreterRedriveTests.start, environment: InterpreterRedriveTests.environment))
            stored = state.isFinished ? before : state.snapshot
        }

        /// Redrives from the stored snapshot (or starts over without one), as the engine does.
        mutating func redrive(count: Int = 1) throws -> [Effect] {
            state = try stored.map { try ExecutionState(snapshot: $0, machine: interpreter.machine) }
                ?? ExecutionState(unstarted: InterpreterTests.context(state.context.execution.input))
            let effects = interpreter.redrive(&state, redriveCount: count, lastEventID: events.last?.id ?? 0,
                                              now: InterpreterRedriveTests.later, environment: InterpreterRedriveTests.environment)
            invocations.removeAll()
            take(effects)
            return effects
        }

        mutating func take(_ effects: [Effect]) {
            for effect in effects {
                switch effect {
                case .record(let event): events.append(event)
                case .invoke(let call): invocations.append(call)
                default: break
                }
            }
        }
    }

    func types(_ effects: [Effect]) -> [String] {
        effects.compactMap { if case .record(let e) = $0 { e.type.rawValue } else { nil } }
    }

    @Test("a failed Task is scheduled again with fresh tickets, after ExecutionRedriven, and can then succeed")
    func failedTask() throws {
        var run = try Driven(#"""
            {"StartAt":"Prepare","States":{
              "Prepare":{"Type":"Pass","Result":{"n":1},"Next":"Call"},
              "Call":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
                      "Parameters":{"attempt.$":"$$.Execution.RedriveCount","n.$":"$.n"},"End":true}}}
            """#)
        let first = try #require(run.invocations.first)
        #expect(first.parameters == ["attempt": 0, "n": 1])
        run.feed(.taskFailed(first.ticket, Failure(ErrorName("Boom"), cause: "bad")))
        #expect(run.state.outcome == .failed(Failure(ErrorName("Boom"), cause: "bad")))
        let lastBefore = try #require(run.events.last)
        #expect(lastBefore.type == .executionFailed)

        let effects = try run.redrive()
        #expect(types(effects) == ["ExecutionRedriven", "TaskStateEntered", "TaskScheduled"])
        let redriven = try #require(run.events.first { $0.type == .executionRedriven })
        #expect(redriven.id == lastBefore.id + 1)
        #expect(redriven.previousEventID == lastBefore.id)
        #expect(redriven.details == ["redriveCount": 1])
        let entered = try #require(run.events.last { $0.type == "TaskStateEntered" })
        #expect(entered.previousEventID == redriven.id)
        #expect(entered.details?["input"] == #"{"n":1}"#)
        // Prepare succeeded: it does not run again.
        #expect(!types(effects).contains("PassStateEntered"))
        let again = try #require(run.invocations.first)
        #expect(again.ticket >= Interpreter.ticketsPerAttempt)
        #expect(again.parameters == ["attempt": 1, "n": 1])
        #expect(run.state.context.json["Execution"]?["RedriveTime"] == .string(Timestamps.iso8601(Self.later)))

        // The old ticket's late outcome is ignored; the new one's ends the execution.
        run.feed(.taskSucceeded(first.ticket, output: ["stale": true]))
        #expect(!run.state.isFinished)
        run.feed(.taskSucceeded(again.ticket, output: ["ok": true]))
        #expect(run.state.outcome == .succeeded(output: ["ok": true]))
    }

    @Test("a redriven execution keeps the variables it had, inside a Map iteration too")
    func variables() throws {
        var run = try Driven(#"""
            {"StartAt":"Set","States":{
              "Set":{"Type":"Pass","Assign":{"base":10},"Next":"Each"},
              "Each":{"Type":"Map","ItemProcessor":{"StartAt":"Mine","States":{
                  "Mine":{"Type":"Pass","Assign":{"mine.$":"$"},"Next":"Call"},
                  "Call":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
                          "Parameters":{"v.$":"States.MathAdd($mine, $base)"},"End":true}}},
                "Assign":{"base":0},"End":true}}}
            """#, input: [1])
        let first = try #require(run.invocations.first)
        #expect(first.parameters == ["v": 11])
        run.feed(.taskFailed(first.ticket, Failure(ErrorName("Boom"))))
        #expect(run.state.outcome?.status == "FAILED")
        _ = try run.redrive()
        let again = try #require(run.invocations.first)
        #expect(again.parameters == ["v": 11])
        run.feed(.taskSucceeded(again.ticket, output: again.parameters))
        #expect(run.state.outcome == .succeeded(output: [["v": 11]]))
    }

    @Test("a Parallel keeps the branch that succeeded and runs only the failed one again")
    func parallel() throws {
        var run = try Driven(#"""
            {"StartAt":"Both","States":{"Both":{"Type":"Parallel","End":true,"Branches":[
              {"StartAt":"Left","States":{"Left":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","End":true}}},
              {"StartAt":"Right","States":{"Right":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","End":true}}}]}}}
            """#)
        #expect(run.invocations.count == 2)
        let (left, right) = (run.invocations[0], run.invocations[1])
        run.feed(.taskSucceeded(left.ticket, output: "left"))
        run.feed(.taskFailed(right.ticket, Failure(ErrorName("Boom"))))
        #expect(run.state.outcome?.status == "FAILED")

        let effects = try run.redrive()
        #expect(types(effects) == ["ExecutionRedriven", "TaskStateEntered", "TaskScheduled"])
        #expect(run.invocations.map(\.stateName) == ["Right"])
        run.feed(.taskSucceeded(try #require(run.invocations.first).ticket, output: "right"))
        #expect(run.state.outcome == .succeeded(output: ["left", "right"]))
    }

    @Test("a Map keeps its successful iterations and runs the failed one again")
    func map() throws {
        var run = try Driven(#"""
            {"StartAt":"Each","States":{"Each":{"Type":"Map","End":true,"ItemProcessor":{
              "ProcessorConfig":{"Mode":"INLINE"},"StartAt":"Work",
              "States":{"Work":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","End":true}}}}}}
            """#, input: [1, 2, 3])
        #expect(run.invocations.count == 3)
        let calls = run.invocations
        run.feed(.taskSucceeded(calls[0].ticket, output: "a"))
        run.feed(.taskSucceeded(calls[2].ticket, output: "c"))
        run.feed(.taskFailed(calls[1].ticket, Failure(ErrorName("Boom"))))
        #expect(run.state.outcome?.status == "FAILED")

        _ = try run.redrive()
        #expect(run.invocations.count == 1)
        #expect(run.invocations.first?.parameters == 2)
        run.feed(.taskSucceeded(try #require(run.invocations.first).ticket, output: "b"))
        #expect(run.state.outcome == .succeeded(output: ["a", "b", "c"]))
    }

    @Test("an execution that failed in its first step starts over, numbering events after its history")
    func firstStep() throws {
        var run = try Driven(#"{"StartAt":"P","States":{"P":{"Type":"Pass","InputPath":"$.missing","End":true}}}"#)
        #expect(run.state.outcome?.status == "FAILED")
        #expect(run.stored == nil)
        let last = try #require(run.events.last?.id)
        let effects = try run.redrive()
        #expect(types(effects) == ["ExecutionRedriven", "PassStateEntered", "ExecutionFailed"])
        #expect(run.events.suffix(3).map(\.id) == [last + 1, last + 2, last + 3])
    }

    @Test("the execution's TimeoutSeconds count again from the redrive")
    func timeout() throws {
        var run = try Driven(#"""
            {"TimeoutSeconds":60,"StartAt":"Call","States":{"Call":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","End":true}}}
            """#)
        let timers = run.state.openTickets.sorted()
        let timeoutTicket = try #require(timers.first)
        run.feed(.timerFired(timeoutTicket))
        #expect(run.state.outcome?.status == "TIMED_OUT")
        let effects = try run.redrive()
        let armed = effects.compactMap { if case .schedule(let t) = $0, t.purpose == .executionTimeout { t } else { nil } }
        #expect(armed.map(\.dueAt) == [Self.later.addingTimeInterval(60)])
        #expect(run.invocations.count == 1)
    }
}
