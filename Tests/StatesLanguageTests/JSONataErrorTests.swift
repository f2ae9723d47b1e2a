import Foundation
import Testing
@testable import StatesLanguage

@Suite struct JSONataErrorTests {
    @Test("failures carry JSONata's error codes", arguments: [
        ("'a' + 1", "T2001"),
        ("1 + 'a'", "T2002"),
        ("-'a'", "D1002"),
        ("1 / 0", "D1001"),
        ("1 < 'a'", "T2009"),
        ("{} < 1", "T2010"),
        ("[1.5..3]", "T2003"),
        ("[1..'x']", "T2004"),
        ("[1..100000000]", "D2014"),
        ("$foo()", "T1006"),
        ("$randomSeeded(1)", "T1006"),
        ("substring('a', 0)", "T1005"),
        ("1 ~> 2", "T2006"),
        ("{1: 2}", "T1003"),
        ("{'a': 1, 'a': 2}", "D1009"),
        ("$uppercase(1)", "T0410"),
        ("$sum(['a'])", "T0412"),
        ("$number('abc')", "D3030"),
        ("$sqrt(-1)", "D3060"),
        ("$power(10, 1000)", "D3061"),
        ("$formatBase(10, 40)", "D3100"),
        ("$string(function() { 1 })", nil),
        ("$error('boom')", "D3137"),
        ("$assert(false, 'no')", "D3141"),
        ("$single([1, 2])", "D3138"),
        ("$single([])", "D3139"),
        ("$reduce([1, 2], function($a) { $a })", "D3050"),
        ("$sort([1, 'a'])", "D3070"),
        ("$split('a', ' ', -1)", "D3020"),
        ("$replace('a', '', 'b')", "D3010"),
        ("$toMillis('yesterday')", "D3110"),
        ("$decodeUrlComponent('%E0%A4%A')", "D3140"),
        ("[3, 1]^($)", nil),
        ("[{'a': 1}, {'a': 'x'}]^(a)", "T2007"),
        ("function($x) { $x }", "UnsupportedResult"),
        ("{'f': $uppercase}", "UnsupportedResult"),
        ("($f := function($n) { 1 + $f($n + 1) }; $f(0))", "U1001"),
    ] as [(String, String?)])
    func evaluationErrors(_ expression: String, _ code: String?) {
        #expect(jsonataErrorCode(expression, json(#"{"a": 1}"#)) == code, "\(expression)")
    }

    @Test("syntax errors carry JSONata's S0 codes and a position", arguments: [
        ("'abc", "S0101"),
        ("'\\x'", "S0103"),
        ("[1, 2", "S0203"),
        ("(1; 2", "S0203"),
        ("1 +", "S0207"),
        ("1 2", "S0201"),
        ("a.1", "S0213"),
        ("1 := 2", "S0212"),
        ("/abc", "S0302"),
        ("`name", "S0105"),
    ])
    func syntaxErrors(_ expression: String, _ code: String) {
        do {
            _ = try JSONataExpression(expression)
            Issue.record("\(expression) parsed")
        } catch {
            #expect(error.code == code, "\(expression): \(error)")
            #expect(error.position != nil)
        }
    }

    @Test("an error prints as Step Functions quotes it in a cause")
    func description() {
        let thrown = #expect(throws: JSONataError.self) { try evaluateJSONata("$randomSeeded('fst')") }
        #expect(thrown?.description == "T1006: Attempted to invoke a non-function")
        let error = JSONataError("T1006", "Attempted to invoke a non-function")
        #expect(error.description == "T1006: Attempted to invoke a non-function")
    }

    @Test("runaway evaluation stops with an error instead of hanging")
    func stepBudget() {
        let environment = JSONataEnvironment(
            now: Date(timeIntervalSince1970: 0), random: { 0 }, uuid: { "" }, maxEvaluationSteps: 10_000)
        #expect(throws: JSONataError.self) {
            try JSONataExpression("$map([1..100000], function($v) { $v * 2 })").evaluate(nil, environment: environment)
        }
    }
}
