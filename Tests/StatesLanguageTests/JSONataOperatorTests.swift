import Testing
@testable import StatesLanguage

@Suite struct JSONataOperatorTests {
    @Test("literals, operators and conditionals", arguments: [
        JSONataCase("1 + 2 * 3", "7"),
        JSONataCase("(1 + 2) * 3", "9"),
        JSONataCase("7 % 5", "2"),
        JSONataCase("-7 % 5", "-2"),
        JSONataCase("10 / 4", "2.5"),
        JSONataCase("-(2 + 3)", "-5"),
        JSONataCase("1 = 1.0", "true"),
        JSONataCase("'a' < 'b'", "true"),
        JSONataCase("3 >= 4", "false"),
        JSONataCase("[1, 2] = [1, 2]", "true"),
        JSONataCase("{'a': 1} != {'a': 1}", "false"),
        JSONataCase("nothing = nothing", "false"),
        JSONataCase("\"double\" & 'single'", #""doublesingle""#),
        JSONataCase("'tab\\there \\u00e9'", #""tab\there é""#),
        JSONataCase("5 & 0 & true", #""50true""#),
        JSONataCase("'x' & nothing", #""x""#),
        JSONataCase("[1, 2, 3][1]", "2"),
        JSONataCase("[1, 2, 3][-1]", "3"),
        JSONataCase("[1..5]", "[1, 2, 3, 4, 5]"),
        JSONataCase("[1..3, 7, [8, 9]]", "[1, 2, 3, 7, [8, 9]]"),
        JSONataCase("[5..1]", "[]"),
        JSONataCase("[]", "[]"),
        JSONataCase("{}", "{}"),
        JSONataCase("1 in [1, 2]", "true"),
        JSONataCase("'x' in 'x'", "true"),
        JSONataCase("3 in [1, 2]", "false"),
        JSONataCase("true and false", "false"),
        JSONataCase("false or true", "true"),
        JSONataCase("nothing or 1", "true"),
        JSONataCase("5 > 3 ? 'yes' : 'no'", #""yes""#),
        JSONataCase("false ? 1", nil),
        JSONataCase("nothing ?: 'default'", #""default""#),
        JSONataCase("0 ?: 'falsy'", #""falsy""#),
        JSONataCase("nothing ?? 'fallback'", #""fallback""#),
        JSONataCase("0 ?? 'fallback'", "0"),
        JSONataCase("null", "null"),
        JSONataCase("/* a comment */ 42", "42"),
        JSONataCase("1e3", "1000"),
        JSONataCase("{'a': 1, 'b': [true, null]}", #"{"a": 1, "b": [true, null]}"#),
    ])
    func operators(_ c: JSONataCase) {
        expectJSONata(c, json(#"{"a": 1}"#))
    }

    @Test("variables, blocks, functions, closures and chaining", arguments: [
        JSONataCase("($x := 5; $x * 2)", "10"),
        JSONataCase("($x := 1; ($x := 2); $x)", "1"),
        JSONataCase("($f := function($n) { $n <= 1 ? 1 : $n * $f($n - 1) }; $f(5))", "120"),
        JSONataCase("($add := function($a) { function($b) { $a + $b } }; $add(2)(3))", "5"),
        JSONataCase("(λ($x){$x * $x})(4)", "16"),
        JSONataCase("($pow2 := $power(2, ?); $pow2(10))", "1024"),
        JSONataCase("($first := $substring(?, 0, 1); $first('hello'))", #""h""#),
        JSONataCase("'hello' ~> $uppercase()", #""HELLO""#),
        JSONataCase("'hello world' ~> $substringAfter(' ')", #""world""#),
        JSONataCase("($up := $trim ~> $uppercase; $up('  a  b  '))", #""A B""#),
        JSONataCase("[1, 2, 3] ~> $map(function($v) { $v * 2 })", "[2, 4, 6]"),
        JSONataCase("(items ~> $filter(function($v) { $v > 1 }))", "[2, 3]"),
        JSONataCase("$sum(items.($ * 10))", "60"),
        JSONataCase("items[$ > 1]", "[2, 3]"),
        JSONataCase("function($x) <n:n> { $x + 1 }(2)", "3"),
        JSONataCase("($f := function($s)<s-:s>{ $uppercase($s) }; $f('abc'))", #""ABC""#),
        JSONataCase("$map(items, $string)", #"["1", "2", "3"]"#),
        JSONataCase("$ ~> |$|{'added': true}|", #"{"items": [1, 2, 3], "added": true}"#),
        JSONataCase("$ ~> |$|{}, 'items'|", "{}"),
        JSONataCase("{'o': [{'a': 1}, {'a': 2}]} ~> |o|{'b': a * 10}|", #"{"o": [{"a": 1, "b": 10}, {"a": 2, "b": 20}]}"#),
    ])
    func functions(_ c: JSONataCase) {
        expectJSONata(c, json(#"{"items": [1, 2, 3]}"#))
    }
}
