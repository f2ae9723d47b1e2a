import Testing
@testable import StatesLanguage

/// What CreateStateMachine accepts and refuses about workflow variables.
@Suite struct VariableValidationTests {
    typealias Support = DefinitionTestSupport

    @Test("Assign is accepted on Pass, Task, Choice (state and rules), Wait, Parallel, Map and Catchers, and round-trips", arguments: [
        Support.single(#"{"Type":"Pass","Assign":{},"End":true}"#),
        Support.single(#"{"Type":"Pass","Assign":{"a":1,"b.$":"$.x","c":{"d.$":"$$.Execution.Id"},"é_1.$":"States.Format('{}', $a)"},"End":true}"#),
        Support.single(#"{"Type":"Wait","Seconds":1,"Assign":{"w":true},"End":true}"#),
        Support.single(#"{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Assign":{"r.$":"$"},"Catch":[{"ErrorEquals":["States.ALL"],"Assign":{"e.$":"$.Error"},"Next":"S"}],"End":true}"#),
        #"{"StartAt":"C","States":{"C":{"Type":"Choice","Assign":{"d":1},"Choices":[{"Variable":"$v","IsPresent":true,"Assign":{"r":1},"Next":"E"}],"Default":"E"},"E":{"Type":"Succeed"}}}"#,
        Support.single(#"{"Type":"Parallel","Assign":{"p.$":"$[0]"},"Branches":[{"StartAt":"B","States":{"B":{"Type":"Pass","InputPath":"$outer","End":true}}}],"End":true}"#),
        Support.single(#"{"Type":"Map","ItemsPath":"$list","MaxConcurrencyPath":"$n","Assign":{"m.$":"$"},"ItemProcessor":{"StartAt":"I","States":{"I":{"Type":"Pass","End":true}}},"End":true}"#),
    ])
    func accepted(_ text: String) throws {
        #expect(Support.diagnostics(text) == [])
        let machine = try StateMachine(parsing: text)
        #expect(try StateMachine(definition: machine.definitionJSON) == machine)
    }

    @Test("bad variable names, the reserved name `states` and a name given twice are refused at the Assign", arguments: [
        (#"{"1abc":1}"#, "1abc"),
        (#"{"a-b":1}"#, "a-b"),
        (#"{"":1}"#, ""),
        (#"{"states":1}"#, "states"),
        (#"{"x":1,"x.$":"$"}"#, "x"),
        (#"{"\#(String(repeating: "v", count: 81))":1}"#, String(repeating: "v", count: 81)),
    ])
    func badNames(assign: String, name: String) {
        let diagnostics = Support.diagnostics(Support.single(#"{"Type":"Pass","Assign":\#(assign),"End":true}"#))
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.code == .schemaValidationFailed)
        #expect(diagnostics.first?.location == "/States/S/Assign")
        #expect(diagnostics.first?.message.contains("'\(name)'") == true)
    }

    @Test("Assign on Succeed or Fail, a non-object Assign, and a `.$` value that is not a path are refused", arguments: [
        (Support.single(#"{"Type":"Succeed","Assign":{"a":1}}"#), "/States/S"),
        (Support.single(#"{"Type":"Fail","Assign":{"a":1}}"#), "/States/S"),
        (Support.single(#"{"Type":"Pass","Assign":[1],"End":true}"#), "/States/S/Assign"),
        (Support.single(#"{"Type":"Pass","Assign":{"a.$":"not a path"},"End":true}"#), "/States/S/Assign"),
    ])
    func refused(_ text: String, location: String) {
        let diagnostics = Support.diagnostics(text)
        #expect(!diagnostics.isEmpty)
        #expect(diagnostics.allSatisfy { $0.code == .schemaValidationFailed && $0.location == location })
    }

    @Test("ResultPath cannot name a variable")
    func resultPathVariable() {
        let diagnostics = Support.diagnostics(Support.single(#"{"Type":"Pass","ResultPath":"$x","End":true}"#))
        #expect(diagnostics == [Diagnostic(.invalidReferencePath, at: "/States/S/ResultPath",
                                           "The value for the field 'ResultPath' must be a valid ReferencePath")])
    }

    @Test("JSONata's Output is refused on a Catcher of a JSONPath state")
    func catcherOutput() {
        let diagnostics = Support.diagnostics(Support.single(
            #"{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Catch":[{"ErrorEquals":["States.ALL"],"Output":{},"Next":"S"}],"End":true}"#))
        #expect(diagnostics == [Diagnostic(.schemaValidationFailed, at: "/States/S/Catch/0",
            "The QueryLanguage is set to 'JSONPath', but field 'Output' is only supported for the 'JSONata' QueryLanguage")])
    }
}
