import Testing
@testable import StatesLanguage

@Suite struct JSONPathReferenceTests {
    @Test("reference paths refuse operators that select several nodes", arguments: [
        "$[*]", "$.a[1:2]", "$..a", "$['a','b']", "$[0,1]", "$.a[?(@.b)]", "$.*",
    ])
    func refused(path: String) {
        #expect(throws: JSONPathError.self) { try ReferencePath(parsing: path) }
    }

    @Test("ResultPath writes the result where the path points", arguments: [
        ("$", #"{"a":1}"#, #""r""#, #""r""#),
        ("$.r", #"{"a":1}"#, "5", #"{"a":1,"r":5}"#),
        ("$.a", #"{"a":1}"#, "5", #"{"a":5}"#),
        ("$.x.y.z", #"{"a":1}"#, "true", #"{"a":1,"x":{"y":{"z":true}}}"#),
        ("$.x.y", #"{"x":{"k":0}}"#, "null", #"{"x":{"k":0,"y":null}}"#),
        ("$.list[1]", #"{"list":[1,2,3]}"#, #""two""#, #"{"list":[1,"two",3]}"#),
        ("$.list[-1].v", #"{"list":[{},{}]}"#, "9", #"{"list":[{},{"v":9}]}"#),
        ("$['odd key']", "{}", "1", #"{"odd key":1}"#),
    ])
    func assigns(path: String, input: String, value: String, expected: String) throws {
        let result = try ReferencePath(parsing: path).assigning(json(value), into: json(input))
        #expect(result == json(expected))
        #expect(result.serialized == json(expected).serialized)
    }

    @Test("ResultPath fails where AWS cannot apply it", arguments: [
        ("$.a", #""text""#), ("$.a.b", #"{"a":"text"}"#), ("$.a[0]", #"{"a":{}}"#), ("$.a[3]", #"{"a":[1]}"#),
        ("$.a.b", #"{"a":[1]}"#), ("$.x", "[1,2]"),
    ])
    func cannotAssign(path: String, input: String) throws {
        let p = try ReferencePath(parsing: path)
        #expect(throws: JSONPathError.self) { try p.assigning(1, into: json(input)) }
        let failure = Failure.resultPathMatchFailure(p, input: json(input))
        #expect(failure.error == .resultPathMatchFailure)
    }

    @Test("reading through a reference path")
    func reads() throws {
        let p = try ReferencePath(parsing: "$.a[1]")
        #expect(try p.evaluate(json(#"{"a":[0,7]}"#)) == 7)
        #expect(try ReferencePath(parsing: "$$.State.Name").evaluate(in: testScope([:])) == "Step")
        #expect(ReferencePath.root.source == "$")
    }

    @Test("AWS's cause texts for path failures")
    func failureTexts() throws {
        let input: JSON = ["int-literal": 0]
        let missing = try JSONPath(parsing: "$.NoSuch")
        #expect(Failure.invalidPath(missing, in: input)
            == Failure(.runtime, cause: "Invalid path '$.NoSuch' : No results for path: $['NoSuch']"))
        #expect(Failure.pathNotFound("$.x", field: "v.$", input: input).cause
            == #"The JSONPath '$.x' specified for the field 'v.$' could not be found in the input '{"int-literal":0}'"#)
        #expect(Failure(.runtime, cause: "Why.").inState("Pass", enteredAt: 2).cause
            == "An error occurred while executing the state 'Pass' (entered at the event id #2). Why.")
    }
}
