import Foundation
import Testing
@testable import StatesLanguage

/// TestState on JSONata states: `Arguments`, `Output`, `Assign`, `Condition` and Catchers read
/// `$states` and the variables as in an execution.
@Suite struct StateTestJSONataTests {
    let tester = StateTestTests()

    @Test("a JSONata Pass shows its input and the variables its Assign leaves; Output is the output")
    func pass() throws {
        let result = try tester.run(#"""
            {"Type": "Pass", "QueryLanguage": "JSONata", "Next": "After",
             "Output": {"sum": "{% $states.input.a + $x %}"}, "Assign": {"y": "{% $states.input.a * 2 %}"}}
            """#, input: #"{"a": 2}"#, variables: ["x": 3])
        #expect(result.status == .succeeded)
        #expect(result.output == ["sum": 5])
        #expect(result.nextState == "After")
        #expect(result.inspection.input == ["a": 2])
        #expect(result.inspection.variables == ["x": 3, "y": 4])
        #expect(result.inspection.afterInputPath == nil)
    }

    @Test("a JSONata Task with a mocked result shows its Arguments and result; Output reads $states.result")
    func taskMock() throws {
        let result = try tester.run(#"""
            {"Type": "Task", "QueryLanguage": "JSONata", "Resource": "arn:aws:states:::lambda:invoke", "End": true,
             "Arguments": {"FunctionName": "f", "Payload": {"n": "{% $states.input.n %}"}},
             "Output": "{% $states.result.Payload.total %}"}
            """#, input: #"{"n": 7}"#, mock: .result(["Payload": ["total": 49]]))
        #expect(result.status == .succeeded)
        #expect(result.inspection.afterArguments == ["FunctionName": "f", "Payload": ["n": 7]])
        #expect(result.inspection.result == ["Payload": ["total": 49]])
        #expect(result.output == 49)
    }

    @Test("a JSONata Catcher's Output reads $states.errorOutput: CAUGHT_ERROR with the catcher's Next")
    func caught() throws {
        let result = try tester.run(#"""
            {"Type": "Task", "QueryLanguage": "JSONata", "Resource": "arn:aws:states:::lambda:invoke", "End": true,
             "Arguments": {"FunctionName": "f"},
             "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Recover",
                        "Output": {"failed": "{% $states.errorOutput.Error %}"}, "Assign": {"why": "{% $states.errorOutput.Cause %}"}}]}
            """#, mock: .error(Failure(ErrorName("Boom"), cause: "it broke")))
        #expect(result.status == .caughtError)
        #expect(result.nextState == "Recover")
        #expect(result.output == ["failed": "Boom"])
        #expect(result.inspection.catchIndex == 0)
        #expect(result.inspection.variables == ["why": "it broke"])
    }

    @Test("a JSONata Choice goes where the first true Condition says, with that rule's Output")
    func choice() throws {
        let result = try tester.run(#"""
            {"Type": "Choice", "QueryLanguage": "JSONata", "Default": "Small",
             "Choices": [{"Condition": "{% $states.input.n > 10 %}", "Next": "Big", "Output": {"size": "big"}}]}
            """#, input: #"{"n": 12}"#)
        #expect(result.status == .succeeded)
        #expect(result.nextState == "Big")
        #expect(result.output == ["size": "big"])
    }

    @Test("an expression that fails is States.QueryEvaluationError, FAILED")
    func evaluationError() throws {
        let result = try tester.run(#"""
            {"Type": "Pass", "QueryLanguage": "JSONata", "End": true, "Output": "{% $states.input.a + 'x' %}"}
            """#, input: #"{"a": 1}"#)
        #expect(result.status == .failed)
        #expect(result.error == "States.QueryEvaluationError")
        #expect(result.cause?.contains("Output") == true)
    }
}
