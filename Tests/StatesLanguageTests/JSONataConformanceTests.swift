import Foundation
import Testing
@testable import StatesLanguage

/// Every `{% … %}` expression in the shared Step Functions conformance cases tagged
/// `jsonata` must parse. The cases live outside the project; without them this suite
/// has nothing to check and says so.
@Suite struct JSONataConformanceTests {
    static let casesDirectory = URL(fileURLWithPath: "/work/shared/conformance/cases")

    static func expressions() -> [String] {
        guard let files = try? FileManager.default.contentsOfDirectory(atPath: casesDirectory.path) else { return [] }
        var found = Set<String>()
        for file in files where file.hasSuffix(".json") {
            guard let data = FileManager.default.contents(atPath: casesDirectory.appendingPathComponent(file).path),
                let document = try? JSON(parsing: data),
                document["tags"]?.arrayValue?.contains("jsonata") == true
            else { continue }
            collect(document["definition"], into: &found)
            collect(document["input"], into: &found)
        }
        return found.sorted()
    }

    private static func collect(_ value: JSON?, into found: inout Set<String>) {
        switch value {
        case .string(let s)?:
            let text = s.trimmingCharacters(in: .whitespaces)
            if text.hasPrefix("{%"), text.hasSuffix("%}"), text.count >= 4 {
                found.insert(String(text.dropFirst(2).dropLast(2)))
            }
        case .array(let items)?: items.forEach { collect($0, into: &found) }
        case .object(let members)?: members.values.forEach { collect($0, into: &found) }
        default: break
        }
    }

    @Test(
        "every JSONata expression of the conformance cases parses",
        .enabled(if: FileManager.default.fileExists(atPath: casesDirectory.path),
                 "the shared conformance cases are not on this machine (/work/shared/conformance/cases)"))
    func conformanceExpressionsParse() {
        let expressions = Self.expressions()
        #expect(!expressions.isEmpty)
        for expression in expressions {
            do {
                _ = try JSONataExpression(expression)
            } catch {
                Issue.record("\(expression) did not parse: \(error)")
            }
        }
    }

    @Test("the conformance cases' simple expressions evaluate as AWS recorded", arguments: [
        JSONataCase("$number('2')", "2"),
        JSONataCase("$not($states.input.result.done)", "false"),
        JSONataCase("$states.input.value >= 20 and $states.input.value < 30", "true"),
        JSONataCase("$merge([$states.input.part1, $states.input.part2])", #"{"a": 1, "b": 2}"#),
        JSONataCase("$partition($states.input.items, 2)", "[[1, 2], [3]]"),
        JSONataCase("$states.input.str_value = \"string literal\"", "true"),
        JSONataCase("$contains('hello$world', /^hello\\ /)", "false"),
        JSONataCase("[1, 'two', 3]", #"[1, "two", 3]"#),
        JSONataCase("{'foo': 'bar'}", #"{"foo": "bar"}"#),
        JSONataCase("$doesNotExist", nil),
    ])
    func conformanceValues(_ c: JSONataCase) {
        let states = json(#"{"input": {"result": {"done": true}, "value": 25, "part1": {"a": 1}, "part2": {"b": 2}, "items": [1, 2, 3], "str_value": "string literal"}}"#)
        do {
            let result = try evaluateJSONata(c.expression, nil, bindings: ["states": states])
            #expect(result == c.expected.map(json), "\(c.expression)")
        } catch {
            Issue.record("\(c.expression) threw \(error)")
        }
    }

    @Test("expressions written the way Step Functions workflows use them", arguments: [
        JSONataCase("$states.input.items[0]", #"{"id": 1, "p": 5, "name": "a"}"#),
        JSONataCase("$count($states.input.one)", "1"),
        JSONataCase("{'a': $states.input.missing, 'b': 1}", #"{"b": 1}"#),
        JSONataCase("$states.input.items[p > 4]", #"{"id": 1, "p": 5, "name": "a"}"#),
        JSONataCase("$states.input.items.name", #"["a", "b"]"#),
        JSONataCase("$map($states.input.items, function($i) { $i.id })", "[1, 2]"),
        JSONataCase("$filter($states.input.items, function($i) { $i.p > 4 })", #"{"id": 1, "p": 5, "name": "a"}"#),
        JSONataCase("[$states.input.missing]", "[]"),
        JSONataCase("$keys($states.input)", #"["items", "one", "tags", "n"]"#),
        JSONataCase("$sort($states.input.items, function($a, $b) { $a.p > $b.p }).id", "[2, 1]"),
        JSONataCase("$states.input.n = null", "true"),
        JSONataCase("$states.input.one", "[7]"),
        JSONataCase("$states.input.items[-1].name", #""b""#),
        JSONataCase("$states.input.items{name: p}", #"{"a": 5, "b": 3}"#),
        JSONataCase("$sum($states.input.items.p) / 2", "4"),
        JSONataCase("$join($states.input.tags, ',')", #""x,y""#),
        JSONataCase("$lowercase($states.input.missing)", nil),
        JSONataCase("$states.input ~> $keys()", #"["items", "one", "tags", "n"]"#),
    ])
    func workflowStyle(_ c: JSONataCase) {
        let states = json(#"{"input": {"items": [{"id": 1, "p": 5, "name": "a"}, {"id": 2, "p": 3, "name": "b"}], "one": [7], "tags": ["x", "y"], "n": null}}"#)
        do {
            #expect(try evaluateJSONata(c.expression, nil, bindings: ["states": states]) == c.expected.map(json), "\(c.expression)")
        } catch {
            Issue.record("\(c.expression) threw \(error)")
        }
    }
}
