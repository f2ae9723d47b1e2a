import Foundation
import Testing
@testable import StatesLanguage

/// MaxConcurrencyPath and ToleratedFailureCountPath read integers (or strings of one) from
/// the input; anything else fails the execution with States.Runtime and AWS's cause text.
@Suite struct MapPathFieldTests {
    func outcome(field: String, value: JSON) throws -> ExecutionOutcome? {
        let definition = #"""
            {"StartAt":"MapState","States":{"MapState":{"Type":"Map","ItemsPath":"$.items","\#(field)Path":"$.limit",
              "ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true}}}
            """#
        let input: JSON = ["items": [1, 2], "limit": value]
        let (state, _) = Interpreter(machine: try StateMachine(parsing: definition)).start(
            input: input, context: InterpreterTests.context(input), now: InterpreterTests.start, environment: InterpreterTests.environment)
        return state.outcome
    }

    @Test("a value that is not an integer is quoted once in the cause: a string by its text, others as JSON",
          arguments: [("MaxConcurrency", JSON.string("NoNumber"), #""NoNumber""#),
                      ("ToleratedFailureCount", JSON.object([:]), #""{}""#), ("MaxConcurrency", JSON.number(.double(1.5)), #""1.5""#)])
    func notAnInteger(field: String, value: JSON, shown: String) throws {
        let cause = "An error occurred while executing the state 'MapState' (entered at the event id #2). "
            + "The \(field)Path field refers to value \(shown) which is not a valid integer: $.limit"
        #expect(try outcome(field: field, value: value) == .failed(Failure(.runtime, cause: cause)))
    }

    @Test("an integer from the path is used, and so is a string of one (AWS reads the value's text)",
          arguments: ["MaxConcurrency", "ToleratedFailureCount"])
    func integer(field: String) throws {
        #expect(try outcome(field: field, value: 1) == .succeeded(output: [1, 2]))
        #expect(try outcome(field: field, value: "1") == .succeeded(output: [1, 2]))
    }
}
