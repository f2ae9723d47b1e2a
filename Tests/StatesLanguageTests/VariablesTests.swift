import Foundation
import Testing
@testable import StatesLanguage

/// Workflow variables in JSONPath states: `Assign`, `$name` references and their scopes.
@Suite struct VariablesTests {
    static let task = "arn:aws:states:::lambda:invoke"

    /// Runs `definition` to its end in memory; every Task answers with `answer` of its
    /// parameters. Returns the final state and every history event.
    static func run(_ definition: String, input: JSON = [:],
                    answer: (TaskInvocation) -> ExecutionEvent = { .taskSucceeded($0.ticket, output: $0.parameters) },
                    snapshotting: Bool = false) throws -> (ExecutionState, [HistoryEvent]) {
        let machine = try StateMachine(parsing: definition)
        let interpreter = Interpreter(machine: machine)
        let env = InterpreterTests.environment
        let now = InterpreterTests.start
        var (state, effects) = interpreter.start(input: input, context: InterpreterTests.context(input), now: now, environment: env)
        var events: [HistoryEvent] = []
        var pending: [TaskInvocation] = []
        while true {
            for effect in effects {
                if case .record(let event) = effect { events.append(event) }
                if case .invoke(let call) = effect { pending.append(call) }
            }
            guard !state.isFinished, !pending.isEmpty else { break }
            if snapshotting {
                state = try ExecutionState(snapshot: try JSON(parsing: state.snapshot.serialized), machine: machine)
            }
            effects = interpreter.handle(answer(pending.removeFirst()), in: &state, now: now, environment: env)
        }
        return (state, events)
    }

    static func outcome(_ definition: String, input: JSON = [:]) throws -> ExecutionOutcome? {
        try run(definition, input: input).0.outcome
    }

    @Test("every reference in a state reads the variables from before its Assign, and one Assign's values are evaluated together")
    func evaluationOrder() throws {
        let outcome = try Self.outcome(#"""
            {"StartAt": "Setup", "States": {
              "Setup": {"Type": "Pass", "Assign": {"x": 1, "y": 2, "box": {"v": "old"}}, "Next": "Swap"},
              "Swap": {"Type": "Pass", "InputPath": "$box", "ResultPath": "$.seen",
                       "Parameters": {"x.$": "$x"}, "OutputPath": "$.seen",
                       "Assign": {"x.$": "$y", "y.$": "$x", "box": {"v": "new"}}, "Next": "Read"},
              "Read": {"Type": "Pass", "Parameters": {"before.$": "$.x", "x.$": "$x", "y.$": "$y", "box.$": "$box.v"}, "End": true}}}
            """#)
        #expect(outcome == .succeeded(output: ["before": 1, "x": 2, "y": 1, "box": "new"]))
    }

    @Test("a Pass state's Assign reads its result; a Task's reads its result after ResultSelector")
    func resultAsDollar() throws {
        let outcome = try Self.outcome(#"""
            {"StartAt": "P", "States": {
              "P": {"Type": "Pass", "Result": {"answer": 42}, "ResultPath": "$.r", "Assign": {"fromResult.$": "$.answer"}, "Next": "T"},
              "T": {"Type": "Task", "Resource": "\#(Self.task)", "Parameters": {"sent": 7},
                    "ResultSelector": {"got.$": "$.sent"}, "ResultPath": null,
                    "Assign": {"selected.$": "$.got", "state.$": "$$.State.Name"}, "Next": "Out"},
              "Out": {"Type": "Pass", "Parameters": {"a.$": "$fromResult", "b.$": "$selected", "c.$": "$state"}, "End": true}}}
            """#)
        #expect(outcome == .succeeded(output: ["a": 42, "b": 7, "c": "T"]))
    }

    @Test("a Choice state's own Assign applies whichever rule matches; a matching rule's adds to it and wins a shared name; both read the input")
    func choice() throws {
        let definition = #"""
            {"StartAt": "C", "States": {
              "C": {"Type": "Choice", "Assign": {"how": "default", "n.$": "$.n"},
                    "Choices": [{"Variable": "$.n", "NumericEquals": 1, "Assign": {"how": "rule"}, "Next": "Out"}],
                    "Default": "Out"},
              "Out": {"Type": "Pass", "Parameters": {"how.$": "$how", "n.$": "$n"}, "End": true}}}
            """#
        #expect(try Self.outcome(definition, input: ["n": 1]) == .succeeded(output: ["how": "rule", "n": 1]))
        #expect(try Self.outcome(definition, input: ["n": 2]) == .succeeded(output: ["how": "default", "n": 2]))
    }

    @Test("a Wait state's Assign reads its input, and Wait paths read variables")
    func wait() throws {
        let outcome = try Self.outcome(#"""
            {"StartAt": "Set", "States": {
              "Set": {"Type": "Pass", "Assign": {"zero": 0, "past": "2024-01-01T00:00:00Z"}, "Next": "W1"},
              "W1": {"Type": "Wait", "SecondsPath": "$zero", "Assign": {"in.$": "$.v"}, "Next": "W2"},
              "W2": {"Type": "Wait", "TimestampPath": "$past", "Next": "Out"},
              "Out": {"Type": "Pass", "Parameters": {"in.$": "$in"}, "End": true}}}
            """#, input: ["v": "x"])
        #expect(outcome == .succeeded(output: ["in": "x"]))
    }

    @Test("a Catcher's Assign reads the error output")
    func catcher() throws {
        let (state, _) = try Self.run(#"""
            {"StartAt": "T", "States": {
              "T": {"Type": "Task", "Resource": "\#(Self.task)",
                    "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": null, "Assign": {"why.$": "$.Cause", "err.$": "$.Error"}, "Next": "Out"}],
                    "End": true},
              "Out": {"Type": "Fail", "ErrorPath": "$err", "CausePath": "$why"}}}
            """#, answer: { .taskFailed($0.ticket, Failure("Boom", cause: "it broke")) })
        #expect(state.outcome == .failed(Failure("Boom", cause: "it broke")))
    }

    @Test("branches and iterations read the outer variables; what they assign stays inside")
    func scopes() throws {
        let outcome = try Self.outcome(#"""
            {"StartAt": "Set", "States": {
              "Set": {"Type": "Pass", "Assign": {"bias": 10, "items": [1, 2]}, "Next": "Each"},
              "Each": {"Type": "Map", "ItemsPath": "$items", "MaxConcurrency": 1, "ItemProcessor": {"StartAt": "Add", "States": {
                  "Add": {"Type": "Pass", "Assign": {"mine.$": "States.MathAdd($, $bias)"}, "Next": "Show"},
                  "Show": {"Type": "Pass", "Parameters": {"v.$": "$mine"}, "End": true}}},
                "ResultPath": "$.each", "Next": "Both"},
              "Both": {"Type": "Parallel", "ResultPath": "$.par", "Branches": [
                  {"StartAt": "B", "States": {"B": {"Type": "Pass", "Parameters": {"b.$": "$bias"}, "End": true}}}],
                "Assign": {"last.$": "$[0].b"}, "Next": "Out"},
              "Out": {"Type": "Pass", "Parameters": {"each.$": "$.each", "par.$": "$.par", "last.$": "$last"}, "End": true}}}
            """#)
        #expect(outcome == .succeeded(output: ["each": [["v": 11], ["v": 12]], "par": [["b": 10]], "last": 10]))
        // A variable assigned in an iteration is unknown after the Map.
        let leaked = try Self.outcome(#"""
            {"StartAt": "Each", "States": {
              "Each": {"Type": "Map", "ItemProcessor": {"StartAt": "In", "States": {
                  "In": {"Type": "Pass", "Assign": {"inner": 1}, "End": true}}}, "Next": "Out"},
              "Out": {"Type": "Pass", "Parameters": {"v.$": "$inner"}, "End": true}}}
            """#, input: [1])
        guard case .failed(let failure)? = leaked else { Issue.record("expected a failure, got \(String(describing: leaked))"); return }
        #expect(failure.error == .runtime)
        #expect(failure.cause?.contains("$inner") == true)
    }

    @Test("an iteration may not assign a variable of an enclosing scope, and a distributed Map's reads none")
    func scopeViolations() throws {
        let outer = try Self.outcome(#"""
            {"StartAt": "Set", "States": {
              "Set": {"Type": "Pass", "Assign": {"x": 1}, "Next": "Each"},
              "Each": {"Type": "Map", "ItemProcessor": {"StartAt": "In", "States": {
                  "In": {"Type": "Pass", "Assign": {"x": 2}, "End": true}}}, "End": true}}}
            """#, input: [1])
        guard case .failed(let failure)? = outer else { Issue.record("expected a failure, got \(String(describing: outer))"); return }
        #expect(failure.error == .runtime)
        #expect(failure.cause?.contains("'x'") == true)
        let distributed = try Self.outcome(#"""
            {"StartAt": "Set", "States": {
              "Set": {"Type": "Pass", "Assign": {"x": 1}, "Next": "Each"},
              "Each": {"Type": "Map", "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                  "StartAt": "In", "States": {"In": {"Type": "Pass", "Parameters": {"x.$": "$x"}, "End": true}}}, "End": true}}}
            """#, input: [1])
        guard case .failed(let failure)? = distributed else { Issue.record("expected a failure, got \(String(describing: distributed))"); return }
        #expect(failure.error == .runtime)
    }

    @Test("an undefined variable fails the state with States.Runtime; a value over 256 KiB with States.DataLimitExceeded")
    func runtimeErrors() throws {
        let undefined = try Self.outcome(#"{"StartAt": "P", "States": {"P": {"Type": "Pass", "InputPath": "$nope", "End": true}}}"#)
        #expect(undefined == .failed(Failure(.runtime, cause: "An error occurred while executing the state 'P' (entered at the event id #2). Invalid path '$nope' : The variable 'nope' has not been assigned")))
        let big = String(repeating: "x", count: Assignment.maximumBytes)
        let tooBig = try Self.outcome(#"{"StartAt": "P", "States": {"P": {"Type": "Pass", "Assign": {"v.$": "$.big"}, "End": true}}}"#,
                                      input: ["big": .string(big)])
        guard case .failed(let failure)? = tooBig else { Issue.record("expected a failure"); return }
        #expect(failure.error == .dataLimitExceeded)
        let half = String(repeating: "x", count: Assignment.maximumBytes / 2)
        let together = try Self.outcome(#"{"StartAt": "P", "States": {"P": {"Type": "Pass", "Assign": {"a.$": "$.h", "b.$": "$.h"}, "End": true}}}"#,
                                        input: ["h": .string(half)])
        guard case .failed(let failure)? = together else { Issue.record("expected a failure"); return }
        #expect(failure.error == .dataLimitExceeded)
    }

    @Test("a state that assigns records assignedVariables (values as JSON text) on its exit; others record none")
    func history() throws {
        let (_, events) = try Self.run(#"""
            {"StartAt": "P", "States": {
              "P": {"Type": "Pass", "Assign": {"s": "text", "n": 1, "o.$": "$"}, "Next": "Q"},
              "Q": {"Type": "Pass", "End": true}}}
            """#, input: ["a": [1]])
        let exits = events.filter { $0.type == "PassStateExited" }
        #expect(exits.count == 2)
        let expected: JSON = ["name": "P", "output": #"{"a":[1]}"#, "outputDetails": ["truncated": false],
                              "assignedVariables": ["s": #""text""#, "n": "1", "o": #"{"a":[1]}"#],
                              "assignedVariablesDetails": ["truncated": false]]
        #expect(exits[0].details == expected)
        #expect(exits[0].detailsText == exits[0].details?.serialized)
        #expect(exits[1].details?["assignedVariables"] == nil)
    }

    @Test("variables, inner scopes included, survive a snapshot round trip mid-Map")
    func snapshot() throws {
        let definition = #"""
            {"StartAt": "Set", "States": {
              "Set": {"Type": "Pass", "Assign": {"k": 100}, "Next": "Each"},
              "Each": {"Type": "Map", "MaxConcurrency": 2, "ItemProcessor": {"StartAt": "Mark", "States": {
                  "Mark": {"Type": "Pass", "Assign": {"mine.$": "$"}, "Next": "Call"},
                  "Call": {"Type": "Task", "Resource": "\#(Self.task)", "Parameters": {"v.$": "States.MathAdd($mine, $k)"}, "End": true}}},
                "Assign": {"all.$": "$"}, "Next": "Out"},
              "Out": {"Type": "Pass", "Parameters": {"all.$": "$all", "k.$": "$k"}, "End": true}}}
            """#
        let expected = ExecutionOutcome.succeeded(output: ["all": [["v": 101], ["v": 102], ["v": 103]], "k": 100])
        let (stored, storedEvents) = try Self.run(definition, input: [1, 2, 3], snapshotting: true)
        let (direct, directEvents) = try Self.run(definition, input: [1, 2, 3])
        #expect(stored.outcome == expected)
        #expect(direct.outcome == expected)
        #expect(storedEvents == directEvents)
        // A snapshot written before variables existed (no "vars") still loads.
        let machine = try StateMachine(parsing: definition)
        let (running, _) = Interpreter(machine: machine).start(input: [1], context: InterpreterTests.context([1]), now: InterpreterTests.start, environment: InterpreterTests.environment)
        guard case .object(var json) = running.snapshot, case .array(let frames)? = json["frames"] else { Issue.record("no frames"); return }
        json["frames"] = .array(frames.map { frame in
            guard case .object(var o) = frame else { return frame }
            o["vars"] = nil
            return .object(o)
        })
        let restored = try ExecutionState(snapshot: .object(json), machine: machine)
        #expect(restored.snapshot["frames"]?.arrayValue?.allSatisfy { $0["vars"] == nil } == true)
    }
}
