import Testing
@testable import StatesLanguage

@Suite struct JSONPathTests {
    static let store = json("""
        {"store": {"book": [
            {"title": "A", "price": 8, "tags": ["x"], "isbn": "1"},
            {"title": "B", "price": 12.5, "tags": []},
            {"title": "C", "price": 30, "isbn": null}],
          "bicycle": {"color": "red", "price": 20}},
         "odd key": 1, "it's": 2, "a-b": 3, "say\\\\\\"hi\\"": 4, "n": null}
        """)

    @Test("definite paths return the selected value", arguments: [
        ("$", #"{"k":1}"#, #"{"k":1}"#),
        ("$.store.bicycle.color", "", #""red""#),
        ("$['store']['bicycle']['price']", "", "20"),
        (#"$["store"].book[0].title"#, "", #""A""#),
        ("$.store.book[-1].title", "", #""C""#),
        ("$['odd key']", "", "1"),
        (#"$['it\'s']"#, "", "2"),
        ("$.a-b", "", "3"),
        (#"$['say\"hi"']"#, "", "4"),
        ("$.n", "", "null"),
        ("$.store.bicycle['color','price']", "", #"{"color":"red","price":20}"#),
    ])
    func definite(path: String, input: String, expected: String) throws {
        let p = try JSONPath(parsing: path)
        #expect(p.isDefinite)
        #expect(try p.evaluate(input.isEmpty ? Self.store : json(input)) == json(expected))
    }

    @Test("indefinite paths return every match", arguments: [
        ("$.store.book[*].title", #"["A","B","C"]"#),
        ("$.store.book.*.price", "[8,12.5,30]"),
        ("$.store.book[0,2].title", #"["A","C"]"#),
        ("$.store.book[1:].title", #"["B","C"]"#),
        ("$.store.book[:2].title", #"["A","B"]"#),
        ("$.store.book[-2:].title", #"["B","C"]"#),
        ("$.store.book[::2].title", #"["A","C"]"#),
        ("$.store.book[::-1].title", #"["C","B","A"]"#),
        ("$..price", "[8,12.5,30,20]"),
        ("$.store..color", #"["red"]"#),
        ("$.store.book[?(@.price > 10)].title", #"["B","C"]"#),
        ("$.store.book[?(@.price <= 12.5 && @.title != 'A')].title", #"["B"]"#),
        ("$.store.book[?(@.price < 9 || @.price >= 30)].title", #"["A","C"]"#),
        ("$.store.book[?(@.isbn)].title", #"["A","C"]"#),
        ("$.store.book[?(!@.isbn)].title", #"["B"]"#),
        ("$.store.book[?(@.isbn == null)].title", #"["C"]"#),
        ("$.store.book[?(@.title == \"B\")].price", "[12.5]"),
        ("$.store.book[?(@.price > $.store.bicycle.price)].title", #"["C"]"#),
        ("$.store.book[?(@.tags[0] == 'x')].title", #"["A"]"#),
        ("$.store.book[?(!(@.price > 10))].title", #"["A"]"#),
        ("$.missing[*]", "[]"),
        ("$.store.book[7:9]", "[]"),
        ("$..book[?(@.price == 8)].title", #"["A"]"#),
    ])
    func indefinite(path: String, expected: String) throws {
        let p = try JSONPath(parsing: path)
        #expect(!p.isDefinite)
        #expect(try p.evaluate(Self.store) == json(expected))
    }

    @Test("a definite path that matches nothing throws noMatch", arguments: [
        "$.nope", "$.store.nope.deeper", "$.store.book[3]", "$.store.book[-4]", "$.store.bicycle.color.x", "$.n[0]",
    ])
    func noMatch(path: String) throws {
        let p = try JSONPath(parsing: path)
        #expect(throws: JSONPathError.noMatch(path: path)) { try p.evaluate(Self.store) }
    }

    @Test("Jayway's explanation of a miss", arguments: [
        ("$.nope", "No results for path: $['nope']"),
        ("$.nope.deeper", "Missing property in path $['nope']"),
        ("$.store.book[5]", "No results for path: $['store']['book'][5]"),
        ("$.n[0]", "The path $['n'] is null"),
        ("$['odd key'].x", "Expected to find an object with property ['x'] in path $['odd key'] but found 'java.lang.Integer'. This is not a json object according to the JsonProvider: 'com.jayway.jsonpath.spi.json.JacksonJsonProvider'."),
    ])
    func noMatchReason(path: String, reason: String) throws {
        #expect(try JSONPath(parsing: path).noMatchReason(in: Self.store) == reason)
    }

    @Test("roots: input, context object and variables")
    func roots() throws {
        let scope = testScope(["a": 1], variables: ["count": ["n": 5]])
        #expect(try JSONPath(parsing: "$.a").evaluate(in: scope) == 1)
        #expect(try JSONPath(parsing: "$$.Execution.Name").evaluate(in: scope) == "run-1")
        #expect(try JSONPath(parsing: "$$.Execution.Input.a").evaluate(in: scope) == 1)
        #expect(try JSONPath(parsing: "$count.n").evaluate(in: scope) == 5)
        #expect(try JSONPath(parsing: "$$").isContextPath)
        #expect(try JSONPath(parsing: "$count").variableName == "count")
        #expect(throws: JSONPathError.self) { try JSONPath(parsing: "$other").evaluate(in: scope) }
    }

    @Test("syntax errors are thrown, never trapped", arguments: [
        "", "a.b", "$.", "$..", "$a b", "$[", "$[0", "$['a'", "$['a]", "$[?(@.a >)]", "$[?(@.a == 1]", "$.a b",
        "$.a(", "$.length()", "$[1:2:0]", "$[x]", "$[?(@.a == nope)]", "$.a]", "$[99999999999999999999]",
        "$[?(" + String(repeating: "(", count: 200) + "@.a" + String(repeating: ")", count: 200) + ")]",
    ])
    func syntaxErrors(path: String) {
        #expect(throws: JSONPathError.self) { try JSONPath(parsing: path) }
    }

    @Test("paths print as Jayway prints them")
    func jaywayText() throws {
        #expect(try JSONPath(parsing: "$.a[0]..b[*]['c','d'][1:2]").jaywayText == "$['a'][0]..['b'][*]['c','d'][1:2]")
    }

    @Test("equality and hashing follow the source text")
    func equality() throws {
        #expect(try JSONPath(parsing: "$.a") == JSONPath(parsing: "$.a"))
        #expect(try JSONPath(parsing: "$.a") != JSONPath(parsing: "$['a']"))
        #expect(JSONPath.root.source == "$")
    }
}
