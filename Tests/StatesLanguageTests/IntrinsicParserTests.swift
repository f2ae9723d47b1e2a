import Testing
@testable import StatesLanguage

@Suite struct IntrinsicParserTests {
    @Test("calls parse into functions and arguments", arguments: [
        ("States.UUID()", IntrinsicFunction.uuid, 0),
        ("States.Array()", .array, 0),
        ("States.Array(1, -2.5, true, false, null, 'x', $, $$.Execution.Id, $v)", .array, 9),
        ("States.Format('a {} b', $.x)", .format, 2),
        ("States.Format( 'a' )", .format, 1),
        ("States.MathRandom(1, 2)", .mathRandom, 2),
        ("States.MathRandom(1, 2, 3)", .mathRandom, 3),
        ("States.ArrayGetItem(States.StringSplit($$.StateMachine.Name, '-'), 0)", .arrayGetItem, 2),
        ("States.Array($.a[?(@.b == 'x,y')], $['p)q'])", .array, 2),
    ])
    func parses(text: String, function: IntrinsicFunction, count: Int) throws {
        let call = try IntrinsicCall(parsing: text)
        #expect(call.function == function)
        #expect(call.arguments.count == count)
        #expect(call.source == text)
    }

    @Test("bad calls are refused with a reason", arguments: [
        "States.Nope()", "States.Format", "States.Format(", "States.Format()", "States.UUID(1)",
        "States.ArrayRange(1, 2)", "States.MathRandom(1)", "States.JsonMerge($.a, $.b)",
        "States.Format('unterminated)", "States.Format('a' 'b')", "States.Format('a',)", "States.Array(,)",
        "States.Array(1) trailing", " States.UUID()", "States.Array(nope)", "States.Array(1.2.3)",
        "States.Array($.a b)", "States.Array($[)", "states.uuid()", "States.Array(States.UUID()",
        // Only \' \{ \} \\ are escapes: AWS refuses \" and \n inside a literal.
        #"States.StringToJson('{\"a\": 1}')"#, #"States.Format('line\n')"#, #"States.Format('end\')"#,
    ])
    func refuses(text: String) {
        #expect(throws: IntrinsicParseError.self) { try IntrinsicCall(parsing: text) }
    }

    @Test("escapes in string literals")
    func escapes() throws {
        let call = try IntrinsicCall(parsing: #"States.Array('it\'s', 'a\\b', '\{\}', '{"k": "v"}')"#)
        #expect(try call.evaluate(testScope(nil)) == [#"it's"#, #"a\b"#, "{}", #"{"k": "v"}"#])
    }

    @Test("nesting is limited to AWS's ten levels")
    func nesting() throws {
        func nested(_ depth: Int) -> String {
            String(repeating: "States.Array(", count: depth) + "1" + String(repeating: ")", count: depth)
        }
        #expect(try IntrinsicCall(parsing: nested(10)).function == .array)
        #expect(throws: IntrinsicParseError.self) { try IntrinsicCall(parsing: nested(11)) }
        #expect(throws: IntrinsicParseError.self) { try IntrinsicCall(parsing: nested(5000)) }
    }
}
