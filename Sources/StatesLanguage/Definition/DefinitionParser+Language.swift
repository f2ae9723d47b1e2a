/// `QueryLanguage`: which language a state is written in, and the fields each language
/// owns.
///
/// AWS: a state's language is its own `QueryLanguage`, else the definition's (JSONPath
/// by default). A JSONPath definition may hold JSONata states, but a JSONata definition
/// may not hold JSONPath states. The five JSONPath fields (`InputPath`, `Parameters`,
/// `ResultSelector`, `ResultPath`, `OutputPath`) and the `…Path` variants give way in
/// JSONata states to `Arguments` and `Output`; using a field of the other language is a
/// `SCHEMA_VALIDATION_FAILED` at the state.
extension DefinitionParser {
    /// Fields only JSONPath states have (a Choice rule's operators are checked apart).
    static let jsonPathOnlyFields: Set<String> = [
        "InputPath", "OutputPath", "Parameters", "ResultSelector", "ResultPath", "Result", "ItemsPath",
        "TimeoutSecondsPath", "HeartbeatSecondsPath", "SecondsPath", "TimestampPath", "ErrorPath", "CausePath",
        "MaxConcurrencyPath", "ToleratedFailureCountPath", "ToleratedFailurePercentagePath",
    ]
    /// Fields only JSONata states have.
    static let jsonataOnlyFields: Set<String> = ["Output", "Arguments", "Items", "Condition"]

    /// `QueryLanguage`: `JSONPath` or `JSONata`.
    mutating func parseQueryLanguage(_ value: JSON, at location: String) -> QueryLanguage? {
        if case .string(let text) = value, let language = QueryLanguage(rawValue: text) { return language }
        report(.schemaValidationFailed, at: location,
               "The field 'QueryLanguage' should have one of these values: [JSONPath, JSONata]")
        return nil
    }

    /// The state's own `QueryLanguage` and the language it is written in.
    mutating func stateLanguage(_ object: JSONObject, at location: String) -> (own: QueryLanguage?, effective: QueryLanguage) {
        guard let value = object["QueryLanguage"] else { return (nil, machineLanguage) }
        guard let own = parseQueryLanguage(value, at: field(location, "QueryLanguage")) else { return (nil, machineLanguage) }
        if own == .jsonPath, machineLanguage == .jsonata {
            report(.schemaValidationFailed, at: location,
                   "'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine")
        }
        return (own, own)
    }

    /// Reports the fields of `object` that belong to the other language, and returns the
    /// object without them (so that they are not parsed as well).
    mutating func dropFieldsOfOtherLanguage(_ object: JSONObject, language: QueryLanguage, at location: String) -> JSONObject {
        let foreign = language == .jsonata ? Self.jsonPathOnlyFields : Self.jsonataOnlyFields
        let other: QueryLanguage = language == .jsonata ? .jsonPath : .jsonata
        var kept = object
        for key in object.keys where foreign.contains(key) {
            report(.schemaValidationFailed, at: location,
                   "The QueryLanguage is set to '\(language.rawValue)', but field '\(key)' is only supported for the '\(other.rawValue)' QueryLanguage")
            kept.removeValue(forKey: key)
        }
        return kept
    }

    /// Whether `value` is a `{% … %}` string.
    static func isExpression(_ value: JSON?) -> Bool {
        if case .string(let text)? = value { return JSONataTemplate.expressionText(text) != nil }
        return false
    }

    /// A JSONata field of any shape: literal values and `{% … %}` expressions.
    mutating func jsonata(_ object: JSONObject, _ key: String, at location: String) -> JSONataTemplate? {
        guard let value = object[key] else { return nil }
        return JSONataTemplate.compile(value, at: field(location, key), diagnostics: &diagnostics)
    }

    /// A JSONata field that holds an expression or else a value of one JSON type (an
    /// integer for `TimeoutSeconds`, a string for `Error`…): the literal is checked by
    /// `literal`, which reports its own problems.
    mutating func jsonataOr<T>(_ object: JSONObject, _ key: String, at location: String,
                               literal: (inout DefinitionParser) -> T?) -> (expression: JSONataTemplate?, literal: T?) {
        guard let value = object[key] else { return (nil, nil) }
        if Self.isExpression(value) {
            return (JSONataTemplate.compile(value, at: field(location, key), diagnostics: &diagnostics), nil)
        }
        return (nil, literal(&self))
    }

    /// An integer field of a JSONata state: a literal in `range`, or an expression.
    mutating func jsonataInteger(_ object: JSONObject, _ key: String, at location: String,
                                 range: ClosedRange<Int>) -> IntegerSource? {
        let (expression, literal) = jsonataOr(object, key, at: location) { $0.integer(object, key, at: location, range: range) }
        if let expression { return .expression(expression) }
        return literal.map(IntegerSource.literal)
    }

    /// Checks that the expressions inside a field kept as written (`ItemReader`,
    /// `ResultWriter`, `ItemBatcher`, `Credentials`) parse.
    mutating func checkExpressions(_ object: JSONObject, _ key: String, at location: String) {
        _ = jsonata(object, key, at: location)
    }
}
