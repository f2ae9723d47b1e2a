import Foundation
import Testing
@testable import StatesLanguage

/// What `CreateStateMachine` accepts and refuses about `QueryLanguage` and JSONata fields.
@Suite struct JSONataStatesValidationTests {
    typealias Support = DefinitionTestSupport

    static func jsonata(_ state: String) -> String {
        #"{"QueryLanguage":"JSONata","StartAt":"S","States":{"S":\#(state)}}"#
    }

    @Test("QueryLanguage JSONata is accepted at the top level and per state, and states inherit the top level's")
    func accepted() throws {
        let machine = try StateMachine(parsing: #"""
            {"QueryLanguage": "JSONata", "StartAt": "M", "States": {
              "M": {"Type": "Map", "Items": [1], "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}, "Next": "J"},
              "J": {"Type": "Pass", "QueryLanguage": "JSONata", "End": true}}}
            """#)
        #expect(machine.queryLanguage == .jsonata)
        #expect(machine.graphs.allSatisfy { $0.states.allSatisfy { $0.language == .jsonata } })
        let mixed = try StateMachine(parsing: Support.single(#"{"Type":"Pass","QueryLanguage":"JSONata","Output":"{% 1 %}","End":true}"#))
        #expect(mixed.queryLanguage == .jsonPath && mixed.root.states[0].language == .jsonata)
    }

    @Test("a JSONPath state is refused in a JSONata definition")
    func noJSONPathUnderJSONata() {
        #expect(Support.diagnostics(Self.jsonata(#"{"Type":"Pass","QueryLanguage":"JSONPath","End":true}"#))
            == [Diagnostic(.schemaValidationFailed, at: "/States/S",
                           "'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine")])
    }

    @Test("JSONPath fields are refused in a JSONata state", arguments: [
        "InputPath", "OutputPath", "ResultPath", "Parameters", "ResultSelector",
    ])
    func jsonPathFields(_ key: String) {
        let value = key.hasSuffix("Path") ? #""$.x""# : "{}"
        let text = Self.jsonata(#"{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","\#(key)":\#(value),"End":true}"#)
        #expect(Support.diagnostics(text) == [Diagnostic(.schemaValidationFailed, at: "/States/S",
            "The QueryLanguage is set to 'JSONata', but field '\(key)' is only supported for the 'JSONPath' QueryLanguage")])
    }

    @Test("a …Path variant is refused in a JSONata state", arguments: [
        #"{"Type":"Wait","SecondsPath":"$.s","End":true}"#,
        #"{"Type":"Fail","ErrorPath":"$.e"}"#,
        #"{"Type":"Map","ItemsPath":"$.l","ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true}"#,
    ])
    func pathVariants(_ state: String) {
        let diagnostics = Support.diagnostics(Self.jsonata(state))
        #expect(diagnostics.contains { $0.message.hasPrefix("The QueryLanguage is set to 'JSONata', but field '") })
    }

    @Test("a Choice rule of a JSONata state needs Condition, not Variable")
    func choiceRules() {
        let variable = Support.diagnostics(Self.jsonata(#"{"Type":"Choice","Choices":[{"Variable":"$.a","IsNull":true,"Next":"S"}],"Default":"S"}"#))
        #expect(variable.contains { $0.message == "The QueryLanguage is set to 'JSONata', but field 'Variable' is only supported for the 'JSONPath' QueryLanguage" })
        #expect(variable.contains { $0.message == "These fields are required: [Condition]" })
        let condition = Support.diagnostics(Support.single(#"{"Type":"Choice","Choices":[{"Condition":true,"Next":"S"}],"Default":"S"}"#))
        #expect(condition.contains { $0.message == "The QueryLanguage is set to 'JSONPath', but field 'Condition' is only supported for the 'JSONata' QueryLanguage" })
    }

    @Test("an expression that does not parse refuses the definition at its field, with JSONata's message")
    func invalidExpression() {
        #expect(Support.diagnostics(Self.jsonata(#"{"Type":"Pass","Output":{"v":"{% 1 + %}"},"End":true}"#))
            == [Diagnostic(.invalidJSONataExpression, at: "/States/S/Output/v", "Unexpected end of expression")])
    }

    @Test("a reference to the input at the top level is refused: data comes from $states and variables")
    func topLevelReference() {
        #expect(Support.diagnostics(Self.jsonata(#"{"Type":"Pass","Output":{"v":"{% phone.number %}"},"End":true}"#))
            == [Diagnostic(.unsupportedJSONataExpression, at: "/States/S/Output/v", "Reference to 'phone' at the top level is not supported.")])
        // Names after the first step, in predicates and in lambdas over parameters are fine.
        #expect(Support.diagnostics(Self.jsonata(#"{"Type":"Pass","Output":"{% $states.input.items[price > 1].name ~> $map(function($v) { $v.x }) %}","End":true}"#)) == [])
    }

    @Test("a Wait Timestamp expression is only an expression in a JSONata state")
    func timestampExpression() {
        #expect(Support.diagnostics(Support.single(#"{"Type":"Wait","Timestamp":"{% '2016-03-14T01:59:00Z' %}","End":true}"#))
            == [Diagnostic(.schemaValidationFailed, at: "/States/S/Timestamp", "String does not match RFC3339 timestamp")])
        #expect(Support.diagnostics(Self.jsonata(#"{"Type":"Wait","Timestamp":"{% '2016-03-14T01:59:00Z' %}","End":true}"#)) == [])
    }

    @Test("a JSONata definition prints and parses back unchanged")
    func roundTrip() throws {
        let machine = try StateMachine(parsing: #"""
            {"QueryLanguage": "JSONata", "StartAt": "T", "States": {
              "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Arguments": {"a": "{% $states.input %}"},
                    "TimeoutSeconds": "{% 5 %}", "Output": "{% $states.result %}", "Assign": {"x": "{% 1 %}"},
                    "Catch": [{"ErrorEquals": ["States.ALL"], "Output": "{% $states.errorOutput %}", "Next": "C"}], "Next": "C"},
              "C": {"Type": "Choice", "Choices": [{"Condition": "{% $x = 1 %}", "Output": {"o": 1}, "Next": "W"}], "Default": "F"},
              "W": {"Type": "Wait", "Seconds": "{% 0 %}", "Next": "M"},
              "M": {"Type": "Map", "Items": "{% [1] %}", "ItemSelector": "{% $states.context.Map.Item.Value %}",
                    "MaxConcurrency": "{% 1 %}", "ToleratedFailurePercentage": "{% 0 %}",
                    "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}, "End": true},
              "F": {"Type": "Fail", "Error": "{% 'E' %}", "Cause": "c"}}}
            """#)
        #expect(try StateMachine(definition: machine.definitionJSON) == machine)
    }
}
