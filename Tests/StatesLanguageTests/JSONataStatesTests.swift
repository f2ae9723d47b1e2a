import Foundation
import Testing
@testable import StatesLanguage

/// States written in JSONata (`QueryLanguage: "JSONata"`), as AWS's "Transforming data
/// with JSONata" describes them: `{% %}` expressions over `$states` and variables in
/// `Arguments`, `Output`, `Assign` and each state type's own fields.
@Suite struct JSONataStatesTests {
    static let task = VariablesTests.task

    static func run(_ definition: String, input: JSON = [:],
                    answer: @escaping (TaskInvocation) -> ExecutionEvent = { .taskSucceeded($0.ticket, output: $0.parameters) })
        throws -> (outcome: ExecutionOutcome?, events: [HistoryEvent]) {
        let (state, events) = try VariablesTests.run(definition, input: input, answer: answer)
        return (state.outcome, events)
    }

    /// A machine whose top level is JSONata, from its `States` object text.
    static func machine(_ states: String, startAt: String = "A") -> String {
        #"{"QueryLanguage": "JSONata", "StartAt": "\#(startAt)", "States": \#(states)}"#
    }

    @Test("Output builds the output from $states.input, anywhere in objects and arrays; other strings are literals")
    func passOutput() throws {
        let (outcome, _) = try Self.run(Self.machine(#"""
            {"A": {"Type": "Pass", "Output": {"name": "{% $states.input.first & ' ' & $states.input.last %}",
                   "list": [1, "{% $states.input.n * 2 %}", {"deep": "{% $uppercase($states.input.first) %}"}],
                   "plain": "$states.input", "almost": " {% 1 %}"}, "End": true}}
            """#), input: ["first": "Ada", "last": "Lovelace", "n": 21])
        #expect(outcome == .succeeded(output: ["name": "Ada Lovelace", "list": [1, 42, ["deep": "ADA"]],
                                               "plain": "$states.input", "almost": " {% 1 %}"]))
    }

    @Test("a JSONata state without Output passes its input on; a Task's output is its result")
    func defaults() throws {
        let (outcome, events) = try Self.run(Self.machine(#"""
            {"A": {"Type": "Pass", "Next": "T"},
             "T": {"Type": "Task", "Resource": "\#(Self.task)", "Arguments": {"sent": "{% $states.input.x %}"}, "End": true}}
            """#), input: ["x": 5])
        #expect(outcome == .succeeded(output: ["sent": 5]))
        let scheduled = events.first { $0.type.rawValue == "TaskScheduled" }
        #expect(scheduled?.details?["parameters"] == .string(#"{"sent":5}"#))
    }

    @Test("a Task's Output and Assign read $states.result; Assign and Output see the variables from before")
    func taskResult() throws {
        let (outcome, events) = try Self.run(Self.machine(#"""
            {"A": {"Type": "Pass", "Assign": {"count": 1}, "Next": "T"},
             "T": {"Type": "Task", "Resource": "\#(Self.task)", "Arguments": {"v": 10},
                   "Assign": {"count": "{% $count + $states.result.v %}"},
                   "Output": {"before": "{% $count %}", "result": "{% $states.result %}", "input": "{% $states.input %}"},
                   "Next": "B"},
             "B": {"Type": "Pass", "Output": "{% $count %}", "End": true}}
            """#), input: ["in": true])
        #expect(outcome == .succeeded(output: 11))
        let exited = events.first { $0.type.rawValue == "TaskStateExited" }
        #expect(exited?.details?["output"] == .string(#"{"before":1,"result":{"v":10},"input":{"in":true}}"#))
        #expect(exited?.details?["assignedVariables"]?["count"] == .string("11"))
    }

    @Test("integral JSONata numbers come out as JSON integers")
    func integers() throws {
        let (outcome, _) = try Self.run(Self.machine(#"{"A": {"Type": "Pass", "Output": "{% [6 / 2, 1 / 4, $sum([1.5, 2.5])] %}", "End": true}}"#))
        guard case .succeeded(let output)? = outcome else { Issue.record("not succeeded: \(String(describing: outcome))"); return }
        #expect(output.serialized == "[3,0.25,4]")
    }

    @Test("$states.context is the context object")
    func context() throws {
        let (outcome, _) = try Self.run(Self.machine(#"{"A": {"Type": "Pass", "Output": {"state": "{% $states.context.State.Name %}", "execution": "{% $states.context.Execution.Name %}"}, "End": true}}"#))
        #expect(outcome == .succeeded(output: ["state": "A", "execution": "e"]))
    }

    @Test("$now() is the interpreter's time, $uuid() and $random() its entropy")
    func environment() throws {
        let (outcome, _) = try Self.run(Self.machine(#"{"A": {"Type": "Pass", "Output": {"now": "{% $now() %}", "millis": "{% $millis() %}", "uuid": "{% $uuid() %}", "random": "{% $random() < 1 %}"}, "End": true}}"#))
        #expect(outcome == .succeeded(output: [
            "now": .string(Timestamps.iso8601(InterpreterTests.start)),
            "millis": .int(Int(InterpreterTests.start.timeIntervalSince1970 * 1000)),
            "uuid": "00000000-0000-4000-8000-000000000000", "random": true,
        ]))
    }

    @Test("Choice Conditions pick the first true rule; a rule's Output and Assign apply with the state's Assign")
    func choice() throws {
        let definition = Self.machine(#"""
            {"A": {"Type": "Choice", "Assign": {"seen": "{% $states.input.v %}"},
                   "Choices": [
                     {"Condition": "{% $states.input.v > 10 %}", "Next": "Big", "Output": {"big": true}, "Assign": {"rule": 1}},
                     {"Condition": true, "Next": "Small"}],
                   "Default": "Small"},
             "Big": {"Type": "Pass", "Output": {"out": "{% $states.input %}", "seen": "{% $seen %}", "rule": "{% $rule %}"}, "End": true},
             "Small": {"Type": "Pass", "Output": {"out": "{% $states.input %}", "seen": "{% $seen %}"}, "End": true}}
            """#)
        #expect(try Self.run(definition, input: ["v": 20]).outcome
            == .succeeded(output: ["out": ["big": true], "seen": 20, "rule": 1]))
        #expect(try Self.run(definition, input: ["v": 2]).outcome == .succeeded(output: ["out": ["v": 2], "seen": 2]))
    }

    @Test("a Condition that is not a boolean fails with States.QueryEvaluationError")
    func conditionType() throws {
        let (outcome, events) = try Self.run(Self.machine(#"""
            {"A": {"Type": "Choice", "Choices": [{"Condition": "{% $states.input.v %}", "Next": "B"}], "Default": "B"},
             "B": {"Type": "Succeed"}}
            """#), input: ["v": "yes"])
        #expect(outcome == .failed(Failure(.queryEvaluationError, cause: "An error occurred while executing the state 'A' (entered at the event id #2). The JSONata expression '$states.input.v' specified for the field 'Choices[0]/Condition' returned an unexpected result type. Expected 'boolean', but was 'string' for value: \"yes\"")))
        #expect(events.map(\.type.rawValue) == ["ExecutionStarted", "ChoiceStateEntered", "EvaluationFailed", "ExecutionFailed"])
    }

    @Test("an expression that returns nothing fails the state, naming the field")
    func undefined() throws {
        let (outcome, events) = try Self.run(Self.machine(#"{"A": {"Type": "Pass", "Output": {"list": [0, {"v": "{% $states.input.missing %}"}]}, "End": true}}"#))
        #expect(outcome == .failed(Failure(.queryEvaluationError, cause: "An error occurred while executing the state 'A' (entered at the event id #2). The JSONata expression '$states.input.missing' specified for the field 'Output/list[1]/v' returned nothing (undefined).")))
        let failed = events.first { $0.type == .evaluationFailed }
        #expect(failed?.details?["state"] == "A")
        #expect(failed?.details?["location"] == "Output/list[1]/v")
    }

    @Test("an expression that throws fails the state with JSONata's code and message")
    func throwsError() throws {
        let (outcome, _) = try Self.run(Self.machine(#"{"A": {"Type": "Pass", "Assign": {"x": "{% $nothing() %}"}, "End": true}}"#))
        #expect(outcome == .failed(Failure(.queryEvaluationError, cause: "An error occurred while executing the state 'A' (entered at the event id #2). The JSONata expression '$nothing()' specified for the field 'Assign/x' threw an error during evaluation. T1006: Attempted to invoke a non-function")))
    }

    @Test("a function as a result is an unsupported result type")
    func functionResult() throws {
        let (outcome, _) = try Self.run(Self.machine(#"{"A": {"Type": "Pass", "Output": "{% function($x) { $x } %}", "End": true}}"#))
        #expect(outcome == .failed(Failure(.queryEvaluationError, cause: "An error occurred while executing the state 'A' (entered at the event id #2). The JSONata expression 'function($x) { $x }' specified for the field 'Output' returned an unsupported result type.")))
    }

    @Test("a Catcher catches States.QueryEvaluationError; its Output and Assign read $states.errorOutput")
    func catcher() throws {
        let (outcome, _) = try Self.run(Self.machine(#"""
            {"A": {"Type": "Task", "Resource": "\#(Self.task)", "Arguments": {"v": 1}, "Output": "{% $states.result.missing %}",
                   "Catch": [{"ErrorEquals": ["States.QueryEvaluationError"], "Next": "B",
                              "Assign": {"error": "{% $states.errorOutput.Error %}"},
                              "Output": {"input": "{% $states.input %}", "cause": "{% $contains($states.errorOutput.Cause, 'undefined') %}"}}],
                   "End": true},
             "B": {"Type": "Pass", "Output": {"got": "{% $states.input %}", "error": "{% $error %}"}, "End": true}}
            """#), input: ["in": 1])
        #expect(outcome == .succeeded(output: ["got": ["input": ["in": 1], "cause": true], "error": "States.QueryEvaluationError"]))
    }

    @Test("a Catcher without Output passes the error output on")
    func catcherDefault() throws {
        let (outcome, _) = try Self.run(Self.machine(#"""
            {"A": {"Type": "Task", "Resource": "\#(Self.task)",
                   "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "B"}], "End": true},
             "B": {"Type": "Succeed"}}
            """#), answer: { .taskFailed($0.ticket, Failure("Boom", cause: "why")) })
        #expect(outcome == .succeeded(output: ["Error": "Boom", "Cause": "why"]))
    }

    @Test("Map iterates Items with ItemSelector reading $states.context.Map.Item; its Output reads $states.result")
    func map() throws {
        let (outcome, events) = try Self.run(Self.machine(#"""
            {"A": {"Type": "Map", "Items": "{% $states.input.list %}", "MaxConcurrency": "{% 1 %}",
                   "ItemSelector": {"value": "{% $states.context.Map.Item.Value %}", "index": "{% $states.context.Map.Item.Index %}"},
                   "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "Output": "{% $states.input.value * 10 + $states.input.index %}", "End": true}}},
                   "Output": {"sum": "{% $sum($states.result) %}"}, "End": true}}
            """#), input: ["list": [1, 2, 3]])
        #expect(outcome == .succeeded(output: ["sum": 63]))
        #expect(events.first { $0.type == .mapStateStarted }?.details?["length"] == 3)
    }

    @Test("Map Items that is not an array fails with States.QueryEvaluationError, and the Map records MapStateFailed")
    func mapItemsType() throws {
        let (outcome, events) = try Self.run(Self.machine(#"""
            {"A": {"Type": "Map", "Items": "{% $states.input.list %}",
                   "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}, "End": true}}
            """#), input: ["list": ["a": 1]])
        #expect(outcome == .failed(Failure(.queryEvaluationError, cause: #"An error occurred while executing the state 'A' (entered at the event id #2). The JSONata expression '$states.input.list' specified for the field 'Items' returned an unexpected result type. Expected 'array', but was 'object' for value: {"a":1}"#)))
        #expect(events.map(\.type.rawValue) == ["ExecutionStarted", "MapStateEntered", "EvaluationFailed", "MapStateFailed", "ExecutionFailed"])
    }

    @Test("Parallel branches get Arguments; its result is $states.result")
    func parallel() throws {
        let (outcome, _) = try Self.run(Self.machine(#"""
            {"A": {"Type": "Parallel", "Arguments": {"n": "{% $states.input.n %}"},
                   "Branches": [
                     {"StartAt": "B1", "States": {"B1": {"Type": "Pass", "Output": "{% $states.input.n + 1 %}", "End": true}}},
                     {"StartAt": "B2", "States": {"B2": {"Type": "Pass", "Output": "{% $states.input.n + 2 %}", "End": true}}}],
                   "Output": {"both": "{% $states.result %}"}, "End": true}}
            """#), input: ["n": 1])
        #expect(outcome == .succeeded(output: ["both": [2, 3]]))
    }

    @Test("Fail takes Error and Cause from expressions")
    func fail() throws {
        let (outcome, _) = try Self.run(Self.machine(#"{"A": {"Type": "Fail", "Error": "{% $states.input.e %}", "Cause": "{% 'because ' & $states.input.c %}"}}"#),
                                        input: ["e": "Custom", "c": "no"])
        #expect(outcome == .failed(Failure("Custom", cause: "because no")))
    }

    @Test("Wait takes Seconds and Timestamp from expressions; a bad timestamp fails with AWS's words")
    func wait() throws {
        let (outcome, _) = try Self.run(Self.machine(#"{"A": {"Type": "Wait", "Seconds": "{% $states.input.s %}", "Next": "B"}, "B": {"Type": "Wait", "Timestamp": "{% $states.input.t %}", "End": true}}"#),
                                        input: ["s": 0, "t": "2016-03-14T01:59:00Z"])
        #expect(outcome == .succeeded(output: ["s": 0, "t": "2016-03-14T01:59:00Z"]))
        let (failed, _) = try Self.run(Self.machine(#"{"A": {"Type": "Wait", "Timestamp": "{% $states.input.t %}", "End": true}}"#),
                                       input: ["t": "2016-03-14 01:59:00Z"])
        #expect(failed == .failed(Failure(.queryEvaluationError, cause: "An error occurred while executing the state 'A' (entered at the event id #2). The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time format string: 2016-03-14 01:59:00Z")))
    }

    @Test("Task TimeoutSeconds and HeartbeatSeconds may be expressions")
    func taskTimeouts() throws {
        let (_, events) = try Self.run(Self.machine(#"""
            {"A": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                   "TimeoutSeconds": "{% $states.input.t %}", "HeartbeatSeconds": "{% $states.input.t - 1 %}",
                   "Arguments": {"MessageBody": "{% $states.context.Task.Token %}"}, "End": true}}
            """#), input: ["t": 30])
        let scheduled = events.first { $0.type.rawValue == "TaskScheduled" }
        #expect(scheduled?.details?["timeoutInSeconds"] == 30)
        #expect(scheduled?.details?["heartbeatInSeconds"] == 29)
        #expect(scheduled?.details?["parameters"] == .string(#"{"MessageBody":"token-1"}"#))
    }

    @Test("a JSONata state may follow a JSONPath one and back, and variables cross between them")
    func mixed() throws {
        let (outcome, _) = try Self.run(#"""
            {"StartAt": "P", "States": {
              "P": {"Type": "Pass", "Parameters": {"a.$": "$.a"}, "Assign": {"fromPath.$": "$.a"}, "Next": "J"},
              "J": {"Type": "Pass", "QueryLanguage": "JSONata", "Output": {"b": "{% $states.input.a + $fromPath %}"},
                    "Assign": {"fromJSONata": "{% $fromPath * 10 %}"}, "Next": "Q"},
              "Q": {"Type": "Pass", "Parameters": {"b.$": "$.b", "c.$": "$fromJSONata"}, "End": true}}}
            """#, input: ["a": 2])
        #expect(outcome == .succeeded(output: ["b": 4, "c": 20]))
    }
}
