import Testing
@testable import StatesLanguage

/// Builds rules and scopes for the Choice tests.
enum ChoiceFixture {
    static func scope(_ input: JSON) -> EvaluationScope {
        let execution = ContextObject.Execution(
            id: "arn:aws:states:us-east-1:123456789012:execution:machine:run", name: "run", input: input,
            roleArn: "arn:aws:iam::123456789012:role/run", startTime: "2024-05-01T10:00:00.000Z")
        var context = ContextObject(
            execution: execution, stateMachineId: "arn:aws:states:us-east-1:123456789012:stateMachine:machine",
            stateMachineName: "machine")
        context.stateName = "Check"
        return EvaluationScope(input: input, context: context, entropy: .system)
    }

    /// Parses a top-level rule that must be valid.
    static func rule(_ text: String) throws -> ChoiceRule {
        var diagnostics: [Diagnostic] = []
        let rule = ChoiceRule.parse(try JSON(parsing: text), at: "/States/Check/Choices/0", isTopLevel: true,
            diagnostics: &diagnostics)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        return try #require(rule)
    }

    static func evaluate(_ rule: String, _ input: String) throws -> Bool {
        try self.rule(rule).evaluate(scope(JSON(parsing: input)))
    }
}

@Suite struct ChoiceRuleEvaluationTests {
    @Test("string operators compare strings only, by UTF-16 code unit", arguments: [
        (#"{"Variable":"$.v","StringEquals":"abc"}"#, #"{"v":"abc"}"#, true),
        (#"{"Variable":"$.v","StringEquals":"abc"}"#, #"{"v":"abd"}"#, false),
        (#"{"Variable":"$.v","StringEquals":"1"}"#, #"{"v":1}"#, false),
        (#"{"Variable":"$.v","StringEquals":"null"}"#, #"{"v":null}"#, false),
        (#"{"Variable":"$.v","StringEquals":"\u00e9"}"#, #"{"v":"e\u0301"}"#, false),
        (#"{"Variable":"$.v","StringLessThan":"b"}"#, #"{"v":"a"}"#, true),
        (#"{"Variable":"$.v","StringLessThan":"B"}"#, #"{"v":"a"}"#, false),
        (#"{"Variable":"$.v","StringLessThan":"ab"}"#, #"{"v":"a"}"#, true),
        (#"{"Variable":"$.v","StringGreaterThan":"ab"}"#, #"{"v":"ab"}"#, false),
        (#"{"Variable":"$.v","StringGreaterThanEquals":"ab"}"#, #"{"v":"ab"}"#, true),
        (#"{"Variable":"$.v","StringLessThanEquals":"a"}"#, #"{"v":"ab"}"#, false),
        // U+FF5E sorts after U+1F600 in UTF-16 (surrogates are D800–DFFF), not in scalars.
        (#"{"Variable":"$.v","StringGreaterThan":"\ud83d\ude00"}"#, #"{"v":"\uff5e"}"#, true),
        (#"{"Variable":"$.v","StringEqualsPath":"$.w"}"#, #"{"v":"x","w":"x"}"#, true),
        (#"{"Variable":"$.v","StringEqualsPath":"$.w"}"#, #"{"v":"1","w":1}"#, false),
        (#"{"Variable":"$.v","StringLessThanPath":"$$.Execution.Name"}"#, #"{"v":"a"}"#, true),
    ])
    func strings(rule: String, input: String, expected: Bool) throws {
        #expect(try ChoiceFixture.evaluate(rule, input) == expected)
    }

    @Test("numeric operators compare integers and decimals exactly", arguments: [
        (#"{"Variable":"$.v","NumericEquals":1}"#, #"{"v":1.0}"#, true),
        (#"{"Variable":"$.v","NumericEquals":1.5}"#, #"{"v":1}"#, false),
        (#"{"Variable":"$.v","NumericEquals":1}"#, #"{"v":"1"}"#, false),
        (#"{"Variable":"$.v","NumericEquals":1}"#, #"{"v":true}"#, false),
        (#"{"Variable":"$.v","NumericLessThan":1.5}"#, #"{"v":1}"#, true),
        (#"{"Variable":"$.v","NumericGreaterThan":-1}"#, #"{"v":-0.5}"#, true),
        (#"{"Variable":"$.v","NumericLessThanEquals":2}"#, #"{"v":2.0}"#, true),
        (#"{"Variable":"$.v","NumericGreaterThanEquals":3}"#, #"{"v":2.999}"#, false),
        (#"{"Variable":"$.v","NumericEquals":9007199254740993}"#, #"{"v":9007199254740992.0}"#, false),
        (#"{"Variable":"$.v","NumericGreaterThan":9007199254740992.0}"#, #"{"v":9007199254740993}"#, true),
        (#"{"Variable":"$.v","NumericLessThanPath":"$.w"}"#, #"{"v":1,"w":2}"#, true),
        (#"{"Variable":"$.v","NumericEqualsPath":"$.w"}"#, #"{"v":1,"w":"1"}"#, false),
        (#"{"Variable":"$.v[1]","NumericEquals":20}"#, #"{"v":[10,20]}"#, true),
    ])
    func numbers(rule: String, input: String, expected: Bool) throws {
        #expect(try ChoiceFixture.evaluate(rule, input) == expected)
    }

    @Test("BooleanEquals matches booleans only", arguments: [
        (#"{"Variable":"$.v","BooleanEquals":true}"#, #"{"v":true}"#, true),
        (#"{"Variable":"$.v","BooleanEquals":false}"#, #"{"v":false}"#, true),
        (#"{"Variable":"$.v","BooleanEquals":false}"#, #"{"v":0}"#, false),
        (#"{"Variable":"$.v","BooleanEquals":false}"#, #"{"v":null}"#, false),
        (#"{"Variable":"$.v","BooleanEquals":true}"#, #"{"v":"true"}"#, false),
        (#"{"Variable":"$.v","BooleanEqualsPath":"$.w"}"#, #"{"v":true,"w":true}"#, true),
        (#"{"Variable":"$.v","BooleanEqualsPath":"$.w"}"#, #"{"v":false,"w":"false"}"#, false),
    ])
    func booleans(rule: String, input: String, expected: Bool) throws {
        #expect(try ChoiceFixture.evaluate(rule, input) == expected)
    }

    @Test("timestamp operators compare instants of valid RFC 3339 strings", arguments: [
        (#"{"Variable":"$.v","TimestampEquals":"2020-01-01T00:00:00Z"}"#, #"{"v":"2020-01-01T00:00:00Z"}"#, true),
        (#"{"Variable":"$.v","TimestampEquals":"2020-01-01T00:00:00Z"}"#, #"{"v":"2020-01-01T01:00:00+01:00"}"#, true),
        (#"{"Variable":"$.v","TimestampEquals":"2020-01-01T00:00:00Z"}"#, #"{"v":"2020-01-01T00:00:00.000Z"}"#, true),
        (#"{"Variable":"$.v","TimestampEquals":"2020-01-01T00:00:00Z"}"#, #"{"v":"2020-01-01T00:00:00"}"#, false),
        (#"{"Variable":"$.v","TimestampEquals":"2020-01-01T00:00:00Z"}"#, #"{"v":1577836800}"#, false),
        (#"{"Variable":"$.v","TimestampLessThan":"2020-01-01T00:00:00Z"}"#, #"{"v":"2019-12-31T23:59:59.999999999Z"}"#, true),
        (#"{"Variable":"$.v","TimestampGreaterThan":"2020-01-01T00:00:00Z"}"#, #"{"v":"2020-01-01T00:30:00+01:00"}"#, false),
        (#"{"Variable":"$.v","TimestampGreaterThanEquals":"2020-01-01T00:00:00Z"}"#, #"{"v":"2020-01-01T00:00:00Z"}"#, true),
        (#"{"Variable":"$.v","TimestampLessThanEquals":"2020-01-01T00:00:00Z"}"#, #"{"v":"2020-01-01T00:00:00.1Z"}"#, false),
        (#"{"Variable":"$.v","TimestampEqualsPath":"$.w"}"#, #"{"v":"2020-01-01T00:00:00Z","w":"2020-01-01T00:00:00Z"}"#, true),
        (#"{"Variable":"$.v","TimestampEqualsPath":"$.w"}"#, #"{"v":"2020-01-01T00:00:00Z","w":"2020-01-01"}"#, false),
    ])
    func timestamps(rule: String, input: String, expected: Bool) throws {
        #expect(try ChoiceFixture.evaluate(rule, input) == expected)
    }

    @Test("Is… operators test the kind of a value", arguments: [
        (#"{"Variable":"$.v","IsNull":true}"#, #"{"v":null}"#, true),
        (#"{"Variable":"$.v","IsNull":false}"#, #"{"v":0}"#, true),
        (#"{"Variable":"$.v","IsPresent":true}"#, #"{"v":null}"#, true),
        (#"{"Variable":"$.v","IsPresent":true}"#, #"{}"#, false),
        (#"{"Variable":"$.v","IsPresent":false}"#, #"{}"#, true),
        (#"{"Variable":"$.v.w","IsPresent":false}"#, #"{"v":"text"}"#, true),
        (#"{"Variable":"$.v","IsNumeric":true}"#, #"{"v":1.5}"#, true),
        (#"{"Variable":"$.v","IsNumeric":true}"#, #"{"v":"1"}"#, false),
        (#"{"Variable":"$.v","IsString":true}"#, #"{"v":""}"#, true),
        (#"{"Variable":"$.v","IsString":false}"#, #"{"v":[]}"#, true),
        (#"{"Variable":"$.v","IsBoolean":true}"#, #"{"v":false}"#, true),
        (#"{"Variable":"$.v","IsBoolean":true}"#, #"{"v":0}"#, false),
        (#"{"Variable":"$.v","IsTimestamp":true}"#, #"{"v":"2016-03-14T01:59:00Z"}"#, true),
        (#"{"Variable":"$.v","IsTimestamp":true}"#, #"{"v":"2016-03-14 01:59:00Z"}"#, false),
        (#"{"Variable":"$.v","IsTimestamp":false}"#, #"{"v":20160314}"#, true),
    ])
    func typeChecks(rule: String, input: String, expected: Bool) throws {
        #expect(try ChoiceFixture.evaluate(rule, input) == expected)
    }

    @Test("And, Or and Not combine nested rules", arguments: [
        (#"{"And":[{"Variable":"$.a","NumericGreaterThan":1},{"Variable":"$.a","NumericLessThan":3}]}"#, #"{"a":2}"#, true),
        (#"{"And":[{"Variable":"$.a","NumericGreaterThan":1},{"Variable":"$.a","NumericLessThan":3}]}"#, #"{"a":3}"#, false),
        (#"{"Or":[{"Variable":"$.a","StringEquals":"x"},{"Variable":"$.a","StringEquals":"y"}]}"#, #"{"a":"y"}"#, true),
        (#"{"Not":{"Variable":"$.a","StringEquals":"x"}}"#, #"{"a":"y"}"#, true),
        (#"{"Not":{"Not":{"Variable":"$.a","IsPresent":true}}}"#, #"{}"#, false),
        // Evaluation stops once the outcome is known: the missing $.b is never read.
        (#"{"And":[{"Variable":"$.a","IsPresent":true},{"Variable":"$.b","NumericEquals":1}]}"#, #"{}"#, false),
        (#"{"Or":[{"Variable":"$","IsPresent":true},{"Variable":"$.b","NumericEquals":1}]}"#, #"{}"#, true),
    ])
    func combinations(rule: String, input: String, expected: Bool) throws {
        #expect(try ChoiceFixture.evaluate(rule, input) == expected)
    }

    @Test("a path that selects nothing fails with States.Runtime", arguments: [
        (#"{"Variable":"$.missing","StringEquals":"x"}"#, "$.missing"),
        (#"{"Variable":"$.a.b","NumericEquals":1}"#, "$.a.b"),
        (#"{"Variable":"$.a","NumericEqualsPath":"$.other"}"#, "$.other"),
        (#"{"Not":{"Variable":"$.list[5]","IsNull":true}}"#, "$.list[5]"),
    ])
    func missingPath(rule: String, path: String) throws {
        let compiled = try ChoiceFixture.rule(rule)
        let scope = ChoiceFixture.scope(try JSON(parsing: #"{"a":1,"list":[]}"#))
        let failure = #expect(throws: Failure.self) { try compiled.evaluate(scope) }
        #expect(failure?.error == .runtime)
        #expect(failure?.cause == "Invalid path '\(path)': The choice state's condition path references an invalid value.")
    }

    @Test("Variable may read the context object")
    func contextVariable() throws {
        #expect(try ChoiceFixture.evaluate(#"{"Variable":"$$.State.Name","StringEquals":"Check"}"#, "{}"))
        #expect(try ChoiceFixture.evaluate(#"{"Variable":"$$.Execution.Input.n","NumericEquals":4}"#, #"{"n":4}"#))
    }
}
