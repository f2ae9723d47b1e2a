import Testing
@testable import StatesLanguage

@Suite struct ChoiceRuleParsingTests {
    private func parse(_ text: String, isTopLevel: Bool = true) throws -> (ChoiceRule?, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let rule = ChoiceRule.parse(try JSON(parsing: text), at: "/States/C/Choices/0", isTopLevel: isTopLevel,
            diagnostics: &diagnostics)
        return (rule, diagnostics)
    }

    @Test("every operator compiles to its typed test", arguments: [
        (#"{"Variable":"$.v","StringEquals":"a","Next":"N"}"#, ChoiceTest.string(.equals, .value("a"))),
        (#"{"Variable":"$.v","StringLessThanEqualsPath":"$.w"}"#,
            .string(.lessThanEquals, .path(try! ReferencePath(parsing: "$.w")))),
        (#"{"Variable":"$.v","StringMatches":"a*"}"#, .stringMatches(StringMatchPattern("a*"))),
        (#"{"Variable":"$.v","NumericGreaterThan":2.5}"#, .numeric(.greaterThan, .value(.double(2.5)))),
        (#"{"Variable":"$.v","NumericLessThanPath":"$$.Execution.Input.n"}"#,
            .numeric(.lessThan, .path(try! ReferencePath(parsing: "$$.Execution.Input.n")))),
        (#"{"Variable":"$.v","BooleanEquals":false}"#, .boolean(.value(false))),
        (#"{"Variable":"$.v","TimestampGreaterThanEquals":"2020-01-01T00:00:00Z"}"#,
            .timestamp(.greaterThanEquals, .value(Timestamp(epochSeconds: 1_577_836_800)))),
        (#"{"Variable":"$.v","TimestampLessThanPath":"$.t"}"#,
            .timestamp(.lessThan, .path(try! ReferencePath(parsing: "$.t")))),
        (#"{"Variable":"$.v","IsNull":true}"#, .typeCheck(.isNull, true)),
        (#"{"Variable":"$.v","IsPresent":false}"#, .typeCheck(.isPresent, false)),
        (#"{"Variable":"$.v","IsTimestamp":true,"Comment":"why"}"#, .typeCheck(.isTimestamp, true)),
    ])
    func operators(text: String, test: ChoiceTest) throws {
        let (rule, diagnostics) = try parse(text)
        #expect(diagnostics.isEmpty)
        #expect(rule?.condition == .comparison(ChoiceComparison(variable: try ReferencePath(parsing: "$.v"), test: test)))
    }

    @Test("all 39 operator names are known, each with the right family and ordering")
    func operatorTable() {
        #expect(ChoiceOperator.allCases.count == 39)
        #expect(ChoiceOperator.allCases.filter(\.isPath).count == 16)
        #expect(ChoiceOperator.timestampGreaterThanEqualsPath.ordering == .greaterThanEquals)
        #expect(ChoiceOperator.stringLessThan.ordering == .lessThan)
        #expect(ChoiceOperator.booleanEqualsPath.ordering == .equals)
    }

    @Test("the source keeps the rule without Next; nested rules compile")
    func nested() throws {
        let (rule, diagnostics) = try parse(
            #"{"And":[{"Variable":"$.a","IsPresent":true},{"Not":{"Variable":"$.a","IsNull":true}}],"Next":"N","Assign":{"x":1}}"#)
        #expect(diagnostics.isEmpty)
        #expect(rule?.source == (try JSON(parsing: #"{"And":[{"Variable":"$.a","IsPresent":true},{"Not":{"Variable":"$.a","IsNull":true}}],"Assign":{"x":1}}"#)))
        let a = try ReferencePath(parsing: "$.a")
        #expect(rule?.condition == .and([
            .comparison(ChoiceComparison(variable: a, test: .typeCheck(.isPresent, true))),
            .not(.comparison(ChoiceComparison(variable: a, test: .typeCheck(.isNull, true)))),
        ]))
    }

    @Test("bad rules are reported at their location", arguments: [
        (#"{"StringEquals":"x"}"#, "/States/C/Choices/0", "These fields are required: [Variable]"),
        (#"{"Variable":"$.v"}"#, "/States/C/Choices/0",
            "A choice rule must have a comparison operator, or one of And, Or, Not"),
        (#"{"Variable":"$.v","StringEquals":"x","NumericEquals":1}"#, "/States/C/Choices/0",
            "A choice rule may have only one comparison operator, or one of And, Or, Not; found 'StringEquals', 'NumericEquals'"),
        (#"{"Variable":"$.v","NumericEquals":"1"}"#, "/States/C/Choices/0/NumericEquals",
            "The value for the field 'NumericEquals' must be a number"),
        (#"{"Variable":"$.v","StringEquals":1}"#, "/States/C/Choices/0/StringEquals",
            "The value for the field 'StringEquals' must be a string"),
        (#"{"Variable":"$.v","BooleanEquals":"true"}"#, "/States/C/Choices/0/BooleanEquals",
            "The value for the field 'BooleanEquals' must be a boolean"),
        (#"{"Variable":"$.v","IsNull":1}"#, "/States/C/Choices/0/IsNull",
            "The value for the field 'IsNull' must be a boolean"),
        (#"{"Variable":"$.v","StringMatches":null}"#, "/States/C/Choices/0/StringMatches",
            "The value for the field 'StringMatches' must be a string"),
        (#"{"Variable":"$.v","TimestampEquals":"2020-01-01"}"#, "/States/C/Choices/0/TimestampEquals",
            "String does not match RFC3339 timestamp"),
        (#"{"Variable":"$.v","NumericEqualsPath":5}"#, "/States/C/Choices/0/NumericEqualsPath",
            "The value for the field 'NumericEqualsPath' must be a valid JSONPath"),
        (#"{"Variable":"v","IsNull":true}"#, "/States/C/Choices/0/Variable",
            "The value for the field 'Variable' must be a valid JSONPath"),
        (#"{"Variable":"$.v[*]","IsNull":true}"#, "/States/C/Choices/0/Variable",
            "The value for the field 'Variable' must be a valid ReferencePath"),
        (#"{"And":[]}"#, "/States/C/Choices/0/And", "The value for the field 'And' must be a non-empty array of choice rules"),
        (#"{"Or":{"Variable":"$.v","IsNull":true}}"#, "/States/C/Choices/0/Or",
            "The value for the field 'Or' must be a non-empty array of choice rules"),
        (#"{"Not":[{"Variable":"$.v","IsNull":true}]}"#, "/States/C/Choices/0/Not",
            "The value for the field 'Not' must be a choice rule object"),
        (#"{"Not":{"Variable":"$.v","IsNull":true,"Next":"N"}}"#, "/States/C/Choices/0/Not",
            "The field 'Next' is not supported by Step Functions"),
        (#"{"Or":[{"Variable":"$.v","IsNull":true},{"Variable":"$.v","Foo":1,"IsNull":true}]}"#,
            "/States/C/Choices/0/Or/1", "The field 'Foo' is not supported by Step Functions"),
        (#"{"Variable":"$.v","Not":{"Variable":"$.v","IsNull":true}}"#, "/States/C/Choices/0",
            "The field 'Variable' cannot be used with 'Not'"),
        (#"{"Variable":"$.v","IsNull":true,"Comment":5}"#, "/States/C/Choices/0/Comment",
            "The value for the field 'Comment' must be a string"),
        (#"["Variable"]"#, "/States/C/Choices/0", "A choice rule must be a JSON object"),
    ])
    func invalid(text: String, location: String, message: String) throws {
        let (rule, diagnostics) = try parse(text)
        #expect(rule == nil)
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.location == location)
        #expect(diagnostics.first?.message == message)
    }

    @Test("path problems carry the JSONPath codes")
    func pathCodes() throws {
        #expect(try parse(#"{"Variable":"$.v[","IsNull":true}"#).1.first?.code == .invalidJSONPath)
        #expect(try parse(#"{"Variable":"$.v[*]","IsNull":true}"#).1.first?.code == .invalidReferencePath)
        #expect(try parse(#"{"Variable":"$.v","Foo":1,"IsNull":true}"#).1.first?.code == .schemaValidationFailed)
    }

    @Test("Next and Assign belong to top-level rules only")
    func topLevelFields() throws {
        #expect(try parse(#"{"Variable":"$.v","IsNull":true,"Next":"N"}"#, isTopLevel: false).1.count == 1)
        #expect(try parse(#"{"Variable":"$.v","IsNull":true,"Assign":{}}"#, isTopLevel: false).1.count == 1)
        #expect(try parse(#"{"Variable":"$.v","IsNull":true,"Next":"N","Assign":{}}"#).1.isEmpty)
    }

    @Test("every problem in a rule is reported, not only the first")
    func allProblems() throws {
        let (rule, diagnostics) = try parse(
            #"{"And":[{"Variable":"$.a","NumericEquals":"x"},{"Variable":7,"IsNull":true},{"Not":5}]}"#)
        #expect(rule == nil)
        #expect(diagnostics.map(\.location) == [
            "/States/C/Choices/0/And/0/NumericEquals", "/States/C/Choices/0/And/1/Variable",
            "/States/C/Choices/0/And/2/Not",
        ])
    }
}
