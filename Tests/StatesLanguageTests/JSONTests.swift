import Testing
@testable import StatesLanguage

@Suite struct JSONTests {
    @Test("integers stay integers and objects keep their key order")
    func roundTrip() throws {
        let text = #"{"b":200,"a":[1.5,true,null,"x\n\"y"],"c":{"z":-0.001,"y":1.0E20}}"#
        let json = try JSON(parsing: text)
        #expect(json.serialized == text)
        #expect(json["b"] == .int(200))
    }

    @Test("equality ignores key order and compares numbers by value")
    func equality() throws {
        #expect(try JSON(parsing: #"{"a":1,"b":2}"#) == JSON(parsing: #"{"b":2.0,"a":1}"#))
        #expect(try JSON(parsing: "[1,2]") != JSON(parsing: "[2,1]"))
    }

    @Test("Java's Double.toString for decimals", arguments: [
        (1.0, "1.0"), (0.1, "0.1"), (1e20, "1.0E20"), (1.5e-5, "1.5E-5"), (12345678.9, "1.23456789E7"),
        (-0.001, "-0.001"), (100.25, "100.25"),
    ])
    func javaDoubles(value: Double, text: String) {
        #expect(JSONNumber.double(value).description == text)
    }

    @Test("integers print as their decimal digits, at both ends of the range",
          arguments: [0, 7, -7, 10, -10, 99, 1_234_567_890, Int.max, Int.min, Int.max - 1, Int.min + 1])
    func integerText(value: Int) throws {
        #expect(JSON.number(.int(value)).serialized == String(value))
        #expect(try JSON(parsing: JSON.array([.number(.int(value))]).serialized) == [.number(.int(value))])
    }

    @Test("large integers beyond 64 bits become doubles")
    func largeIntegers() throws {
        #expect(try JSON(parsing: "9223372036854775807") == .int(Int.max))
        #expect(try JSON(parsing: "92233720368547758070").numberValue == .double(9.223372036854775807e19))
    }

    @Test("malformed JSON is an error with an offset, never a crash", arguments: [
        "", "{", "[1,]", "{\"a\" 1}", "01", "\"\\x\"", "tru", "1 2", "\"a\u{01}\"", "-", "1.", "1e",
        String(repeating: "[", count: 600),
    ])
    func malformed(text: String) {
        #expect(throws: JSONParseError.self) { try JSON(parsing: text) }
    }

    @Test("unicode escapes and surrogate pairs decode")
    func unicode() throws {
        #expect(try JSON(parsing: #""\u00e9\ud83d\ude00""#) == .string("é😀"))
        #expect(JSON.string("\u{01}").serialized == #""\u0001""#)
    }

    @Test("serialising escapes only quotes, backslashes and control characters, and keeps other text as it is")
    func escaping() throws {
        let text = "a\"b\\c\nd\re\tf\u{08}\u{0C}\u{1F}é😀{\"x\":1}"
        #expect(JSON.string(text).serialized == #""a\"b\\c\nd\re\tf\b\f\u001Fé😀{\"x\":1}""#)
        let nested = JSON.object(["input": .string(JSON.object(["k": .string("v\"w")]).serialized), "n": .number(.int(-12))])
        #expect(nested.serialized == #"{"input":"{\"k\":\"v\\\"w\"}","n":-12}"#)
        #expect(try JSON(parsing: nested.serialized) == nested)
        #expect(JSON.object(["a": .array([.number(.int(1)), .null])]).prettyPrinted() == "{\n  \"a\": [\n    1,\n    null\n  ]\n}")
    }
}
