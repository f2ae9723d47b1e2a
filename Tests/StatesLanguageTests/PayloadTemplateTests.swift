import Testing
@testable import StatesLanguage

@Suite struct PayloadTemplateTests {
    static let input = json(#"{"name": "Ada", "items": [{"id": 1}, {"id": 2}], "env": "prod"}"#)

    @Test("`.$` fields become paths, context paths and intrinsic calls, at any depth", arguments: [
        (#"{"static": 1, "who.$": "$.name"}"#, #"{"static":1,"who":"Ada"}"#),
        (#"{"ids.$": "$.items[*].id"}"#, #"{"ids":[1,2]}"#),
        (#"{"state.$": "$$.State.Name", "all.$": "$"}"#, #"{"state":"Step","all":{"name":"Ada","items":[{"id":1},{"id":2}],"env":"prod"}}"#),
        (#"{"greet.$": "States.Format('hi {}', $.name)"}"#, #"{"greet":"hi Ada"}"#),
        (#"{"outer": {"inner": {"v.$": "$.env"}}}"#, #"{"outer":{"inner":{"v":"prod"}}}"#),
        (#"{"Environment": [{"Name": "ENV", "Value.$": "$.env"}, 3, [{"x.$": "$.name"}]]}"#,
         #"{"Environment":[{"Name":"ENV","Value":"prod"},3,[{"x":"Ada"}]]}"#),
        (#"{"literal": "$.name", "list": ["$.env"]}"#, #"{"literal":"$.name","list":["$.env"]}"#),
        (#"{"counter.$": "$count"}"#, #"{"counter":4}"#),
        (#"[1, {"a.$": "$.env"}]"#, #"[1,{"a":"prod"}]"#),
        (#""just a string""#, #""just a string""#),
        (#"{"a": 1, "a.$": "$.name"}"#, #"{"a":"Ada"}"#),
        (#"{"run.$": "$$.Execution.Name", "next.$": "States.MathAdd($.items[1].id, 1)"}"#, #"{"run":"run-1","next":3}"#),
    ])
    func evaluates(template: String, expected: String) throws {
        let compiled = try PayloadTemplate(compiling: json(template), at: "/States/S/Parameters")
        #expect(try compiled.evaluate(testScope(Self.input, variables: ["count": 4])) == json(expected))
    }

    @Test("a template knows whether it reads `$$` or a variable, however deeply, in intrinsic arguments too", arguments: [
        (#"{"a.$": "$.name", "b": {"c.$": "States.MathAdd($.n, 1)"}}"#, false),
        (#"{"a.$": "$$.State.Name"}"#, true),
        (#"{"a": [1, {"b.$": "$$.Execution.Id"}]}"#, true),
        (#"{"a.$": "States.Format('{}', States.JsonToString($$.Map.Item.Value))"}"#, true),
        (#"{"a": "$$.State.Name"}"#, false),
        (#"{"a.$": "$count"}"#, true),
        (#"{"a.$": "States.MathAdd($n, 1)"}"#, true),
    ])
    func readsScope(template: String, reads: Bool) throws {
        #expect(try PayloadTemplate(compiling: json(template), at: "/States/S/Parameters").readsScope == reads)
    }

    @Test("a scope's context object reads back as given, and `$$` paths see a changed one")
    func scopeContext() throws {
        var scope = testScope(Self.input)
        var context = scope.context
        #expect(context.stateName == "Step")
        #expect(context.execution.name == "run-1")
        context.stateName = "Other"
        context.taskToken = "token-1"
        scope.context = context
        #expect(scope.context == context)
        let compiled = try PayloadTemplate(compiling: json(#"{"s.$": "$$.State.Name", "t.$": "$$.Task.Token"}"#), at: "/P")
        #expect(try compiled.evaluate(scope) == json(#"{"s":"Other","t":"token-1"}"#))
    }

    @Test("templates without `.$` fields are constant")
    func constant() throws {
        #expect(try PayloadTemplate(compiling: json(#"{"a": [1, {"b": 2}]}"#), at: "/P").isConstant)
        #expect(try !PayloadTemplate(compiling: json(#"{"a": [1, {"b.$": "$"}]}"#), at: "/P").isConstant)
    }

    @Test("bad `.$` fields are reported at the object holding them, all of them", arguments: [
        (#"{"a.$": 5}"#, ["/States/S/Parameters"]),
        (#"{"a.$": "$.x y"}"#, ["/States/S/Parameters"]),
        (#"{"a.$": "States.Nope()"}"#, ["/States/S/Parameters"]),
        (#"{"a.$": "not a path"}"#, ["/States/S/Parameters"]),
        (#"{"a.$": "States.StringToJson('{\"k\":\"\\\"q\\\"\"}')"}"#, ["/States/S/Parameters"]),
        (#"{"n": {"a.$": null}, "l": [{"b.$": "$["}], "c.$": "States.Format("}"#,
         ["/States/S/Parameters/n", "/States/S/Parameters/l/0", "/States/S/Parameters"]),
    ])
    func diagnostics(template: String, locations: [String]) {
        #expect {
            try PayloadTemplate(compiling: json(template), at: "/States/S/Parameters")
        } throws: { error in
            guard let error = error as? DefinitionError else { return false }
            return error.diagnostics.map(\.location) == locations
                && error.diagnostics.allSatisfy { $0.code == .schemaValidationFailed && $0.message.hasPrefix("The value for the field '") }
        }
    }

    @Test("AWS's wording for an invalid `.$` value")
    func diagnosticWording() {
        #expect {
            try PayloadTemplate(compiling: json(#"{"parsed.$": "States.Nope()"}"#), at: "/States/S/Parameters")
        } throws: { error in
            (error as? DefinitionError)?.description
                == "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: The value for the field 'parsed.$' must be a valid JSONPath or a valid intrinsic function call at /States/S/Parameters'"
        }
    }

    @Test("a path that matches nothing fails with AWS's cause, quoting the state input", arguments: [
        ("$.nope", #"{"v.$": "$.nope"}"#),
        ("$$.Execution.Input.nope", #"{"v.$": "$$.Execution.Input.nope"}"#),
    ])
    func missingPath(path: String, template: String) throws {
        let compiled = try PayloadTemplate(compiling: json(template), at: "/P")
        #expect(throws: Failure(.runtime, cause: "The JSONPath '\(path)' specified for the field 'v.$' could not be found in the input '{\"a\":1}'")) {
            try compiled.evaluate(testScope(["a": 1]))
        }
    }

    @Test("a failing intrinsic fails the template")
    func failingIntrinsic() throws {
        let compiled = try PayloadTemplate(compiling: json(#"{"v.$": "States.ArrayLength($.a)"}"#), at: "/P")
        #expect(throws: Failure.self) { try compiled.evaluate(testScope(["a": 1])) }
    }

    @Test("DynamicValue serves fields such as ErrorPath and CausePath")
    func dynamicValue() throws {
        let scope = testScope(["e": "Boom"])
        #expect(try DynamicValue(parsing: "$.e").evaluate(scope, field: "ErrorPath") == "Boom")
        #expect(try DynamicValue(parsing: "States.Format('x{}', $.e)").evaluate(scope, field: "CausePath") == "xBoom")
        #expect(throws: DynamicValueError.self) { try DynamicValue(parsing: "nope") }
        #expect(throws: Failure.pathNotFound("$.x", field: "ErrorPath", input: ["e": "Boom"])) {
            try DynamicValue(parsing: "$.x").evaluate(scope, field: "ErrorPath")
        }
    }
}
