import Testing
@testable import StatesLanguage

@Suite struct IntrinsicFunctionTests {
    static let input = json("""
        {"s": "hello", "n": 3, "f": 2.5, "arr": [1, 2, 2, "x", {"a": 1}, {"a": 1}, [1]], "o": {"k": [1, "v"], "m": null},
         "csv": "a,b,,c", "empty": "", "blank": "  ", "json": "{\\"x\\": [1, 2]}", "b64": "aGVsbG8gd29ybGQ=", "t": true}
        """)

    @Test("functions compute what AWS computes", arguments: [
        ("States.Format('Hi {}, {} and {}!', $.s, $.n, $.f)", #""Hi hello, 3 and 2.5!""#),
        ("States.Format('{} / {} / {}', $.o, $.arr, $.o.m)", #""{k=[1, v], m=null} / [1, 2, 2, x, {a=1}, {a=1}, [1]] / null""#),
        (#"States.Format('\{literal\} {}', $.t)"#, #""{literal} true""#),
        ("States.Format('no placeholders')", #""no placeholders""#),
        ("States.StringToJson($.json)", #"{"x":[1,2]}"#),
        ("States.StringToJson($.empty)", "null"),
        ("States.StringToJson($.blank)", "null"),
        ("States.StringToJson('-0')", "0"),
        ("States.JsonToString($.o)", #""{\"k\":[1,\"v\"],\"m\":null}""#),
        ("States.JsonToString($.f)", #""2.5""#),
        ("States.Array($.n, 'x', States.Array())", #"[3,"x",[]]"#),
        ("States.ArrayPartition($.arr, 3)", #"[[1,2,2],["x",{"a":1},{"a":1}],[[1]]]"#),
        ("States.ArrayPartition(States.Array(), 2)", "[]"),
        ("States.ArrayContains($.arr, States.StringToJson('{\"a\":1}'))", "true"),
        ("States.ArrayContains($.arr, 'y')", "false"),
        ("States.ArrayContains($.arr, States.Array(1))", "true"),
        ("States.ArrayRange(1, 9, 2)", "[1,3,5,7,9]"),
        ("States.ArrayRange(0, 10, 3)", "[0,3,6,9]"),
        ("States.ArrayRange(5, 1, -2)", "[5,3,1]"),
        ("States.ArrayRange(5, 1, 1)", "[]"),
        ("States.ArrayRange(1, 1000, 1)", nil),
        ("States.ArrayGetItem($.arr, 3)", #""x""#),
        ("States.ArrayLength($.arr)", "7"),
        ("States.ArrayUnique($.arr)", #"[1,2,"x",{"a":1},[1]]"#),
        ("States.Base64Encode($.s)", #""aGVsbG8=""#),
        ("States.Base64Encode('')", #""""#),
        ("States.Base64Decode($.b64)", #""hello world""#),
        ("States.Hash('abc', 'MD5')", #""900150983cd24fb0d6963f7d28e17f72""#),
        ("States.Hash('abc', 'SHA-1')", #""a9993e364706816aba3e25717850c26c9cd0d89d""#),
        ("States.Hash('abc', 'SHA-256')", #""ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad""#),
        ("States.Hash('', 'SHA-384')", #""38b060a751ac96384cd9327eb1b1e36a21fdb71114be07434c0cc7bf63f6e1da274edebfe76f65fbd51ad2f14898b95b""#),
        ("States.Hash('', 'SHA-512')", #""cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e""#),
        ("States.JsonMerge($.o, States.StringToJson('{\"m\": 1, \"z\": 2}'), false)", #"{"k":[1,"v"],"m":1,"z":2}"#),
        ("States.MathAdd($.n, -1)", "2"),
        ("States.MathAdd($.f, 0)", "3"),
        ("States.MathAdd(-1.5, 0)", "-1"),
        ("States.MathAdd(-1.51, 0.49)", "-2"),
        ("States.MathAdd(2147483647, -2147483647)", "0"),
        ("States.StringSplit($.csv, ',')", #"["a","b","c"]"#),
        ("States.StringSplit('a.b+c', '.+')", #"["a","b","c"]"#),
        ("States.StringSplit(',,,', ',')", "[]"),
        ("States.StringSplit($.s, '')", #"["hello"]"#),
        ("States.UUID()", #""1b4e28ba-2fa1-11d2-883f-0016d3cca427""#),
        ("States.MathRandom(10, 20)", "15"),
        ("States.ArrayGetItem(States.StringSplit($$.StateMachine.Name, '-'), States.MathAdd(States.ArrayLength(States.StringSplit($$.StateMachine.Name, '-')), -1))", #""v2""#),
    ] as [(String, String?)])
    func computes(call: String, expected: String?) throws {
        let result = try IntrinsicCall(parsing: call).evaluate(testScope(Self.input))
        if let expected {
            #expect(result == json(expected))
        } else {
            #expect(result.arrayValue?.count == 1000)
        }
    }

    @Test("seeded MathRandom is deterministic and follows java.util.Random")
    func seededRandom() throws {
        let call = try IntrinsicCall(parsing: "States.MathRandom(0, 1000, 42)")
        let first = try call.evaluate(testScope(nil))
        #expect(try call.evaluate(testScope(nil)) == first)
        // Checked against Java: new Random(42).nextInt(1000) == 130, new Random(7).nextInt(100) == 36,
        // new Random(-3).nextInt(999) == 906.
        #expect(first == 130)
        #expect(try IntrinsicCall(parsing: "States.MathRandom(0, 100, 7)").evaluate(testScope(nil)) == 36)
        #expect(try IntrinsicCall(parsing: "States.MathRandom(10, 1009, -3)").evaluate(testScope(nil)) == 916)
        var random = JavaRandom(seed: 42)
        #expect(random.nextInt(bound: 10) == 0)
        #expect(random.nextInt(bound: 10) == 3)
    }

    @Test("bad arguments fail with States.Runtime and name the call", arguments: [
        "States.Format('{} {}', $.n)", "States.Format('{}', $.n, $.n)", "States.Format('{', $.n)", "States.Format($.n)",
        "States.StringToJson($.n)", "States.StringToJson('{nope')",
        "States.ArrayPartition($.s, 2)", "States.ArrayPartition($.arr, 0)", "States.ArrayPartition($.arr, 1.5)",
        "States.ArrayContains($.o, 1)", "States.ArrayRange(1, 1001, 1)", "States.ArrayRange(1, 5, 0)",
        "States.ArrayRange('a', 5, 1)", "States.ArrayGetItem($.arr, 7)", "States.ArrayGetItem($.arr, -1)",
        "States.ArrayGetItem($.arr, 'x')", "States.ArrayLength($.s)", "States.ArrayUnique($.o)",
        "States.Base64Encode($.n)", "States.Base64Decode('***')", "States.Hash($.s, 'SHA-3')", "States.Hash($.o, 'MD5')",
        "States.JsonMerge($.o, $.arr, false)", "States.JsonMerge($.o, $.o, true)", "States.JsonMerge($.s, $.o, false)",
        "States.MathAdd($.s, 1)", "States.MathAdd(2147483648, 1)", "States.MathRandom(5, 5)", "States.MathRandom(1, 2, 1.5)",
        "States.StringSplit($.n, ',')", "States.Array($.missing)", "States.Array($$.Task.Token)",
    ])
    func failures(call: String) throws {
        let parsed = try IntrinsicCall(parsing: call)
        #expect {
            try parsed.evaluate(testScope(Self.input))
        } throws: { error in
            guard let failure = error as? Failure else { return false }
            return failure.error == .runtime && failure.cause?.hasPrefix("The function '\(call)' had the following error: ") == true
        }
    }

    @Test("AWS's size limits on encoded and hashed strings")
    func sizeLimits() throws {
        let atLimit = JSON.string(String(repeating: "a", count: 10_000))
        let overLimit = JSON.string(String(repeating: "a", count: 10_001))
        for name in ["Base64Encode($.v)", "Hash($.v, 'MD5')"] {
            let call = try IntrinsicCall(parsing: "States." + name)
            #expect(throws: Never.self) { try call.evaluate(testScope(["v": atLimit])) }
            #expect(throws: Failure.self) { try call.evaluate(testScope(["v": overLimit])) }
        }
    }

    @Test("a path argument that matches nothing names the path and the input")
    func missingPath() throws {
        let call = try IntrinsicCall(parsing: "States.Format('{}', $.nope)")
        #expect(throws: Failure(.runtime, cause: #"The function 'States.Format('{}', $.nope)' had the following error: The JsonPath argument for the field '$.nope' could not be found in the input '{"a":1}'"#)) {
            try call.evaluate(testScope(["a": 1]))
        }
    }
}
