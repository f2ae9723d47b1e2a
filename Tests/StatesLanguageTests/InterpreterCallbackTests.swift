import Foundation
import Testing
@testable import StatesLanguage

/// Tasks that wait for a child execution or a callback: what their token, result and
/// failure look like.
@Suite struct InterpreterCallbackTests {
    typealias T = InterpreterTests

    func start(_ definition: String, input: JSON = [:]) throws -> (Interpreter, ExecutionState, TaskInvocation) {
        let interpreter = Interpreter(machine: try StateMachine(parsing: definition))
        let (state, effects) = interpreter.start(input: input, context: T.context(input), now: T.start, environment: T.environment)
        guard case .invoke(let call)? = effects.last else { throw Failure("Test.NoInvocation", cause: "\(effects)") }
        return (interpreter, state, call)
    }

    static func startExecution(_ suffix: String) -> String {
        #"{"StartAt":"Run","States":{"Run":{"Type":"Task","Resource":"arn:aws:states:::states:startExecution\#(suffix)","#
            + #""Parameters":{"StateMachineArn":"arn:aws:states:us-east-1:1:stateMachine:c","Input":{"token.$":"$$.Task.Token"}},"End":true}}}"#
    }

    static let childDescription: JSON = ["ExecutionArn": "arn:aws:states:us-east-1:1:execution:c:x", "Input": #"{"a":1}"#,
                                         "Output": #"{"b":2}"#, "Status": "SUCCEEDED"]

    @Test(".sync and .sync:2 Tasks get a task token ($$.Task.Token), so SendTaskSuccess may end them early", arguments: [".sync", ".sync:2"])
    func syncToken(suffix: String) throws {
        let (_, _, call) = try start(Self.startExecution(suffix))
        #expect(call.taskToken == "token-\(call.ticket)")
        #expect(call.parameters["Input"]?["token"] == .string("token-\(call.ticket)"))
    }

    @Test(".sync:2 hands the child's Input and Output back as JSON; .sync keeps them as text")
    func syncResult() throws {
        for (suffix, parsed) in [(".sync", false), (".sync:2", true)] {
            let (interpreter, started, call) = try start(Self.startExecution(suffix))
            var state = started
            _ = interpreter.handle(.taskSucceeded(call.ticket, output: Self.childDescription), in: &state, now: T.start, environment: T.environment)
            guard case .succeeded(let output)? = state.outcome else {
                Issue.record("expected success, got \(String(describing: state.outcome))")
                continue
            }
            #expect(output["Input"] == (parsed ? ["a": 1] : #"{"a":1}"#))
            #expect(output["Output"] == (parsed ? ["b": 2] : #"{"b":2}"#))
        }
    }

    @Test("a failure reported without error or cause reaches States.ALL (not States.Runtime) as {Error: null, Cause: null}")
    func failureWithoutError() throws {
        let (interpreter, started, call) = try start("""
            {"StartAt":"Ask","States":{
              "Ask":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken","Parameters":{"QueueUrl":"q","MessageBody":"m"},
                     "Catch":[{"ErrorEquals":["States.Runtime"],"ResultPath":"$.runtime","Next":"Done"},
                              {"ErrorEquals":["States.ALL"],"ResultPath":"$.all","Next":"Done"}],"End":true},
              "Done":{"Type":"Pass","End":true}}}
            """)
        var state = started
        let effects = interpreter.handle(.taskFailed(call.ticket, Failure(ErrorName(""), cause: nil)), in: &state, now: T.start, environment: T.environment)
        #expect(state.outcome == .succeeded(output: ["all": ["Error": nil, "Cause": nil]]))
        let failed = effects.compactMap { if case .record(let e) = $0, e.type.rawValue == "TaskFailed" { e } else { nil } }.first
        #expect(failed?.details?.objectValue?.keys.contains("error") == false)
    }
}
