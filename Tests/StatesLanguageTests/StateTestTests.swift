import Foundation
import Testing
@testable import StatesLanguage

/// TestState's pure core, on the examples of AWS's TestState documentation and answers.
@Suite struct StateTestTests {
    static let now = Date(timeIntervalSince1970: 1_767_225_600)
    static let environment = InterpreterEnvironment(
        entropy: Entropy(uuid: { UUID(uuidString: "00000000-0000-4000-8000-000000000000")! }, next: { 42 })
    ) { "token-\($0)" }

    static func context(_ input: JSON) -> ContextObject {
        ContextObject(
            execution: .init(id: "arn:aws:states:us-east-1:1:express:TestState:e", name: "e", input: input,
                             roleArn: "arn:aws:iam::1:role/r", startTime: Timestamps.iso8601(now), redriveCount: nil),
            stateMachineId: "arn:aws:states:us-east-1:1:stateMachine:TestState", stateMachineName: "TestState")
    }

    /// Runs a state that needs no call.
    func run(_ definition: String, input: String = "{}", stateName: String? = nil, variables: JSONObject = [:],
             mock: StateTestMock? = nil, retries: Int = 0) throws -> StateTestResult {
        let test = try StateTest(definition: definition, stateName: stateName)
        let input = try JSON(parsing: input)
        let request = StateTestRequest(input: input, variables: variables, context: Self.context(input), mock: mock,
                                       retrierRetryCount: retries)
        guard case .finished(let result) = test.start(request, now: Self.now, environment: Self.environment) else {
            Issue.record("the state asked for a call")
            return StateTestResult(status: .failed)
        }
        return result
    }

    static let nested = #"{"initialData": {"fieldFromInput": "value from input", "otherField": "other"}, "unrelatedData": {"someOtherField": 1234}}"#

    @Test("a Pass state with InputPath, Parameters and ResultPath shows each stage and merges into its input")
    func passDataFlow() throws {
        let result = try run(#"""
            {"Type": "Pass", "InputPath": "$.initialData", "ResultPath": "$.modifiedData", "End": true,
             "Parameters": {"staticValue": "some value", "inputValue.$": "$.fieldFromInput"}}
            """#, input: Self.nested)
        let parameters: JSON = ["staticValue": "some value", "inputValue": "value from input"]
        #expect(result.status == .succeeded)
        #expect(result.nextState == nil)
        #expect(result.inspection.input == json(Self.nested))
        #expect(result.inspection.afterInputPath == ["fieldFromInput": "value from input", "otherField": "other"])
        #expect(result.inspection.afterParameters == parameters)
        #expect(result.inspection.afterResultSelector == parameters)
        #expect(result.inspection.result == nil)
        var expected = json(Self.nested).objectValue ?? [:]
        expected["modifiedData"] = parameters
        #expect(result.inspection.afterResultPath == .object(expected))
        #expect(result.output == .object(expected))
    }

    @Test("a Pass state with Result shows its result, not InputPath and Parameters")
    func passResult() throws {
        let result = try run(#"{"Type": "Pass", "Result": {"resultKey": "result value"}, "ResultPath": "$.modifiedData", "Next": "After"}"#,
                             input: Self.nested)
        #expect(result.nextState == "After")
        #expect(result.inspection.result == ["resultKey": "result value"])
        #expect(result.inspection.afterInputPath == nil)
        #expect(result.inspection.afterParameters == nil)
        #expect(result.output?["modifiedData"] == ["resultKey": "result value"])
    }

    @Test("a Choice state goes to the first matching rule's Next, else Default, else fails with States.NoChoiceMatched")
    func choice() throws {
        let definition = #"""
            {"Type": "Choice", "Choices": [
               {"And": [{"Variable": "$.value", "NumericGreaterThanEquals": 20}, {"Variable": "$.value", "NumericLessThan": 30}],
                "Next": "ValueInTwenties"},
               {"Variable": "$.type", "StringEquals": "Public", "Next": "Public"}]}
            """#
        let matched = try run(definition, input: #"{"type": "Private", "value": 22}"#)
        #expect(matched.status == .succeeded)
        #expect(matched.nextState == "ValueInTwenties")
        #expect(matched.output == ["type": "Private", "value": 22])
        #expect(matched.inspection.afterInputPath == ["type": "Private", "value": 22])

        let unmatched = try run(definition, input: #"{"type": "Private", "value": 40}"#)
        #expect(unmatched.status == .failed)
        #expect(unmatched.error == "States.NoChoiceMatched")
        #expect(unmatched.nextState == nil)
        #expect(unmatched.output == nil)

        let withDefault = try run(#"{"Type": "Choice", "Choices": [{"Variable": "$.x", "IsPresent": true, "Next": "Yes"}], "Default": "No"}"#)
        #expect(withDefault.nextState == "No")
    }

    @Test("a Fail state fails with its Error and Cause, and a Succeed state passes its input on")
    func failAndSucceed() throws {
        let failed = try run(#"{"Type": "Fail", "Error": "SomeFailure", "Cause": "This state machines raises a 'SomeFailure' failure."}"#)
        #expect(failed.status == .failed)
        #expect(failed.error == "SomeFailure")
        #expect(failed.cause == "This state machines raises a 'SomeFailure' failure.")
        let succeeded = try run(#"{"Type": "Succeed", "OutputPath": "$.Value"}"#, input: #"{"Value": "HelloWorld"}"#)
        #expect(succeeded.status == .succeeded)
        #expect(succeeded.output == "HelloWorld")
        #expect(succeeded.nextState == nil)
    }

    @Test("a Wait state is not waited for, but a bad SecondsPath still fails it")
    func wait() throws {
        let waited = try run(#"{"Type": "Wait", "Seconds": 86400, "Next": "Later"}"#, input: #"{"a": 1}"#)
        #expect(waited.status == .succeeded)
        #expect(waited.nextState == "Later")
        let bad = try run(#"{"Type": "Wait", "SecondsPath": "$.missing", "End": true}"#)
        #expect(bad.status == .failed)
        #expect(bad.error == "States.Runtime")
    }

    @Test("variables are readable as $name, and the state's Assign shows in the variables after it")
    func variables() throws {
        let result = try run(#"{"Type": "Pass", "Parameters": {"greeting.$": "$name"}, "Assign": {"seen.$": "$.greeting"}, "End": true}"#,
                             input: #"{"n": 3}"#, variables: ["name": "World"])
        #expect(result.output == ["greeting": "World"], "\(result.error ?? ""): \(result.cause ?? "")")
        // Assign reads the state's result (after Parameters) as `$`.
        #expect(result.inspection.variables == ["name": "World", "seen": "World"])
        let none = try run(#"{"Type": "Pass", "End": true}"#)
        #expect(none.inspection.variables == nil)
    }

    @Test("stateName picks a state out of a whole state machine, nested ones included")
    func stateName() throws {
        let machine = #"""
            {"StartAt": "P", "States": {
              "P": {"Type": "Parallel", "Branches": [{"StartAt": "Inner", "States": {
                 "Inner": {"Type": "Pass", "Result": 1, "Next": "Last"}, "Last": {"Type": "Succeed"}}}], "End": true}}}
            """#
        let result = try run(machine, stateName: "Inner")
        #expect(result.output == 1)
        #expect(result.nextState == "Last")
        #expect(throws: StateTestRefusal.validation("State not found in definition")) { try StateTest(definition: machine, stateName: "Nope") }
    }

    @Test("a state the parser refuses is InvalidDefinition, located inside the state")
    func invalidState() throws {
        #expect(throws: StateTestRefusal.self) { try StateTest(definition: #"{"Type": "Pass"}"#, stateName: nil) }
        do {
            _ = try StateTest(definition: #"{"Type": "Pass", "End": true, "InputPath": "not a path"}"#, stateName: nil)
            Issue.record("a bad InputPath was accepted")
        } catch {
            guard case .invalidDefinition(let message) = error else { throw error }
            #expect(message.contains("at /InputPath"))
        }
    }

    static let task = #"""
        {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Next": "Done",
         "Parameters": {"FunctionName": "f", "Payload.$": "$"}, "ResultSelector": {"body.$": "$.Payload"},
         "ResultPath": "$.out",
         "Retry": [{"ErrorEquals": ["Lambda.TooManyRequestsException"], "IntervalSeconds": 2, "BackoffRate": 2, "MaxAttempts": 3}],
         "Catch": [{"ErrorEquals": ["MockException"], "Next": "HandleMockError", "ResultPath": "$.errorOutput"},
                   {"ErrorEquals": ["States.ALL"], "Next": "HandleAll"}]}
        """#

    @Test("a Task with a mocked result runs its whole data flow on it")
    func mockedResult() throws {
        let result = try run(Self.task, input: #"{"Value": "HelloWorld"}"#, mock: .result(["Payload": ["ok": true]]))
        #expect(result.status == .succeeded)
        #expect(result.nextState == "Done")
        #expect(result.inspection.afterParameters == ["FunctionName": "f", "Payload": ["Value": "HelloWorld"]])
        #expect(result.inspection.result == ["Payload": ["ok": true]])
        #expect(result.inspection.afterResultSelector == ["body": ["ok": true]])
        #expect(result.output == ["Value": "HelloWorld", "out": ["body": ["ok": true]]])
    }

    @Test("a mocked error a retrier matches is RETRIABLE until retrierRetryCount spends its attempts, then caught")
    func retriable() throws {
        let error = StateTestMock.error(Failure("Lambda.TooManyRequestsException", cause: "Request rate exceeded"))
        let first = try run(Self.task, mock: error)
        #expect(first.status == .retriable)
        #expect(first.error == "Lambda.TooManyRequestsException")
        #expect(first.cause == "Request rate exceeded")
        #expect(first.nextState == nil)
        #expect(first.inspection.retryIndex == 0)
        #expect(first.inspection.retryBackoffIntervalSeconds == 2)
        let second = try run(Self.task, mock: error, retries: 1)
        #expect(second.inspection.retryBackoffIntervalSeconds == 4)
        let spent = try run(Self.task, mock: error, retries: 3)
        #expect(spent.status == .caughtError)
        #expect(spent.nextState == "HandleAll")
        #expect(spent.inspection.catchIndex == 1)
    }

    @Test("a mocked error a catcher matches is CAUGHT_ERROR with the catcher's Next and ResultPath applied")
    func caught() throws {
        let result = try run(Self.task, input: #"{"Value": "HelloWorld"}"#,
                             mock: .error(Failure("MockException", cause: "Mock the cause of the error.")))
        #expect(result.status == .caughtError)
        #expect(result.error == "MockException")
        #expect(result.cause == "Mock the cause of the error.")
        #expect(result.nextState == "HandleMockError")
        #expect(result.output == ["Value": "HelloWorld", "errorOutput": ["Error": "MockException", "Cause": "Mock the cause of the error."]])
        #expect(result.inspection.catchIndex == 0)
        #expect(result.inspection.retryIndex == nil)
    }

    @Test("an error the state raises itself goes through Retry and Catch too; States.Runtime is caught by no wildcard")
    func ownErrors() throws {
        let definition = #"""
            {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true, "ResultSelector": {"x.$": "$.missing"},
             "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Handler"}]}
            """#
        let result = try run(definition, mock: .result(["Payload": 1]))
        #expect(result.status == .failed)
        #expect(result.error == "States.Runtime")
        let uncaught = try run(#"{"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}"#,
                               mock: .error(Failure("Boom")))
        #expect(uncaught.status == .failed)
        #expect(uncaught.error == "Boom")
    }

    @Test("a Task without a mock asks for its call, then finishes with the call's outcome")
    func realCall() throws {
        let test = try StateTest(definition: Self.task, stateName: nil)
        let input: JSON = ["Value": "HelloWorld"]
        guard case .call(let call) = test.start(StateTestRequest(input: input, context: Self.context(input)), now: Self.now,
                                                environment: Self.environment) else {
            Issue.record("no call was asked for")
            return
        }
        #expect(call.invocation.parameters == ["FunctionName": "f", "Payload": ["Value": "HelloWorld"]])
        let result = test.finish(call, outcome: .success(["Payload": 7]), now: Self.now, environment: Self.environment)
        #expect(result.output == ["Value": "HelloWorld", "out": ["body": 7]])
        let failed = test.finish(call, outcome: .failure(Failure("MockException")), now: Self.now, environment: Self.environment)
        #expect(failed.status == .caughtError)
    }

    @Test("mocks are refused on states that do no work, and required where the work cannot be done here")
    func mockRules() throws {
        let pass = try StateTest(definition: #"{"Type": "Pass", "End": true}"#, stateName: nil)
        #expect(throws: StateTestRefusal.validation("State type 'Pass' is not supported when a mock is specified")) {
            try pass.check(mock: .result(1), hasRoleArn: true, revealSecrets: false)
        }
        let map = try StateTest(definition: #"""
            {"Type": "Map", "End": true, "ItemProcessor": {"StartAt": "I", "States": {"I": {"Type": "Succeed"}}}}
            """#, stateName: nil)
        #expect(throws: StateTestRefusal.self) { try map.check(mock: nil, hasRoleArn: true, revealSecrets: false) }
        #expect(throws: StateTestRefusal.validation("Mocked result must be an array.")) {
            try map.check(mock: .result(["a": 1]), hasRoleArn: true, revealSecrets: false)
        }
        let token = try StateTest(definition: #"{"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken", "End": true}"#,
                                  stateName: nil)
        #expect(throws: StateTestRefusal.self) { try token.check(mock: nil, hasRoleArn: true, revealSecrets: false) }
        let task = try StateTest(definition: Self.task, stateName: nil)
        #expect(throws: StateTestRefusal.validation("RoleArn must be specified when testing a Task state")) {
            try task.check(mock: nil, hasRoleArn: false, revealSecrets: false)
        }
        try task.check(mock: .result([:]), hasRoleArn: false, revealSecrets: false)
    }

    @Test("the request's context is laid over the test's: a mocked callback Task reads its Task.Token")
    func context() throws {
        let test = try StateTest(definition: #"""
            {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken", "End": true,
             "Parameters": {"token.$": "$$.Task.Token", "run.$": "$$.Execution.Name", "state.$": "$$.State.Name"}}
            """#, stateName: nil)
        let context = Self.context([:]).overlaid(with: ["Task": ["Token": "abc"], "Execution": ["Name": "mine"]])
        let request = StateTestRequest(input: [:], context: context, mock: .result(["ok": true]))
        guard case .finished(let result) = test.start(request, now: Self.now, environment: Self.environment) else {
            Issue.record("a mocked Task asked for a call")
            return
        }
        #expect(result.inspection.afterParameters == ["token": "abc", "run": "mine", "state": .string(StateTest.singleStateName)])
        #expect(result.output == ["ok": true])
    }

    @Test("a Map state with a mocked result shows its items and limits and takes the mock as its result")
    func mockedMap() throws {
        let result = try run(#"""
            {"Type": "Map", "ItemsPath": "$.Values", "MaxConcurrency": 1, "ResultPath": "$.result", "End": true,
             "ItemProcessor": {"StartAt": "I", "States": {"I": {"Type": "Succeed"}}}}
            """#, input: #"{"Values": [1, 2, 3]}"#, mock: .result([1, 1, 1]))
        #expect(result.status == .succeeded)
        #expect(result.inspection.afterItemsPath == [1, 2, 3])
        #expect(result.inspection.maxConcurrency == 1)
        #expect(result.output == ["Values": [1, 2, 3], "result": [1, 1, 1]])
    }
}
