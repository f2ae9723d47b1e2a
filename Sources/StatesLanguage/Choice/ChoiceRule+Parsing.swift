extension ChoiceRule {
    /// Parses one rule object. `isTopLevel` rules carry `Next` (read by the caller, not
    /// here) and may carry `Assign`; nested rules (inside And/Or/Not) must not. Problems
    /// go to `diagnostics`, each at its location under `location` (for example
    /// `/States/Check/Choices/0/Variable`); returns nil when the rule is unusable.
    ///
    /// Matches what AWS's `CreateStateMachine` accepts for a JSONPath Choice rule:
    /// exactly one of a comparison operator (with `Variable`), `And`, `Or` or `Not`;
    /// an operand of the operator's type (a number for `NumericEquals`, an RFC 3339
    /// string for `TimestampEquals`, a reference path for every `…Path` operator);
    /// non-empty `And`/`Or` arrays; an object for `Not`; no unknown fields.
    public static func parse(
        _ json: JSON, at location: String, isTopLevel: Bool, diagnostics: inout [Diagnostic]
    ) -> ChoiceRule? {
        var parser = ChoiceRuleParser(diagnostics: [])
        let condition = parser.condition(json, at: location, isTopLevel: isTopLevel)
        diagnostics.append(contentsOf: parser.diagnostics)
        guard let condition, parser.diagnostics.isEmpty else { return nil }
        var source = json
        if isTopLevel, case .object(var object) = json {
            object.removeValue(forKey: "Next")
            source = .object(object)
        }
        return ChoiceRule(source: source, condition: condition)
    }
}

/// Walks a rule and its nested rules, collecting every problem rather than stopping at
/// the first one.
struct ChoiceRuleParser {
    var diagnostics: [Diagnostic]

    private static let combinators: Set<String> = ["And", "Or", "Not"]
    /// Fields a top-level rule may have besides its test; the Choice state reads them.
    private static let topLevelFields: Set<String> = ["Next", "Assign"]

    mutating func condition(_ json: JSON, at location: String, isTopLevel: Bool) -> ChoiceCondition? {
        guard case .object(let object) = json else {
            fail(at: location, "A choice rule must be a JSON object")
            return nil
        }
        var tests: [String] = []
        var valid = true
        for (key, value) in object {
            if key == "Variable" { continue }
            if key == "Comment" {
                if value.stringValue == nil {
                    fail(at: "\(location)/Comment", "The value for the field 'Comment' must be a string")
                    valid = false
                }
            } else if Self.combinators.contains(key) || ChoiceOperator(rawValue: key) != nil {
                tests.append(key)
            } else if !(isTopLevel && Self.topLevelFields.contains(key)) {
                fail(at: location, "The field '\(key)' is not supported by Step Functions")
                valid = false
            }
        }
        guard let test = tests.first else {
            fail(at: location, "A choice rule must have a comparison operator, or one of And, Or, Not")
            return nil
        }
        guard tests.count == 1 else {
            fail(at: location, "A choice rule may have only one comparison operator, or one of And, Or, Not; found "
                + tests.map { "'\($0)'" }.joined(separator: ", "))
            return nil
        }
        let operand = object[test] ?? .null
        let result: ChoiceCondition?
        if let op = ChoiceOperator(rawValue: test) {
            result = comparison(op, operand, variable: object["Variable"], at: location)
        } else {
            if object["Variable"] != nil {
                fail(at: location, "The field 'Variable' cannot be used with '\(test)'")
                valid = false
            }
            result = combination(test, operand, at: "\(location)/\(test)")
        }
        return valid ? result : nil
    }

    // MARK: And, Or, Not

    private mutating func combination(_ name: String, _ value: JSON, at location: String) -> ChoiceCondition? {
        if name == "Not" {
            guard case .object = value else {
                fail(at: location, "The value for the field 'Not' must be a choice rule object")
                return nil
            }
            return condition(value, at: location, isTopLevel: false).map { .not($0) }
        }
        guard case .array(let rules) = value, !rules.isEmpty else {
            fail(at: location, "The value for the field '\(name)' must be a non-empty array of choice rules")
            return nil
        }
        var conditions: [ChoiceCondition] = []
        var valid = true
        for (index, rule) in rules.enumerated() {
            if let parsed = condition(rule, at: "\(location)/\(index)", isTopLevel: false) {
                conditions.append(parsed)
            } else {
                valid = false
            }
        }
        guard valid else { return nil }
        return name == "And" ? .and(conditions) : .or(conditions)
    }

    // MARK: Comparisons

    private mutating func comparison(
        _ op: ChoiceOperator, _ operand: JSON, variable: JSON?, at location: String
    ) -> ChoiceCondition? {
        let path: ReferencePath?
        if let variable {
            path = referencePath(variable, field: "Variable", at: "\(location)/Variable")
        } else {
            fail(at: location, "These fields are required: [Variable]")
            path = nil
        }
        let test = self.test(op, operand, at: "\(location)/\(op.rawValue)")
        guard let path, let test else { return nil }
        return .comparison(ChoiceComparison(variable: path, test: test))
    }

    private mutating func test(_ op: ChoiceOperator, _ value: JSON, at location: String) -> ChoiceTest? {
        let field = op.rawValue
        switch op.family {
        case .string:
            return operand(value, op, at: location) { (json: JSON) -> String? in json.stringValue }
                .map { .string(op.ordering, $0) }
        case .stringMatches:
            guard let pattern = value.stringValue else {
                fail(at: location, "The value for the field '\(field)' must be a string")
                return nil
            }
            return .stringMatches(StringMatchPattern(pattern))
        case .numeric:
            return operand(value, op, at: location) { (json: JSON) -> JSONNumber? in json.numberValue }
                .map { .numeric(op.ordering, $0) }
        case .boolean:
            return operand(value, op, at: location) { (json: JSON) -> Bool? in json.boolValue }
                .map { .boolean($0) }
        case .timestamp:
            if !op.isPath, let text = value.stringValue, Timestamp(parsing: text) == nil {
                fail(at: location, "String does not match RFC3339 timestamp")
                return nil
            }
            return operand(value, op, at: location) { (json: JSON) -> Timestamp? in
                json.stringValue.flatMap(Timestamp.init(parsing:))
            }.map { .timestamp(op.ordering, $0) }
        case .typeCheck(let check):
            guard let expected = value.boolValue else {
                fail(at: location, "The value for the field '\(field)' must be a boolean")
                return nil
            }
            return .typeCheck(check, expected)
        }
    }

    /// A literal of the operator's type, or for a `…Path` operator a reference path.
    private mutating func operand<Value>(
        _ value: JSON, _ op: ChoiceOperator, at location: String, literal: (JSON) -> Value?
    ) -> ChoiceOperand<Value>? {
        if op.isPath {
            return referencePath(value, field: op.rawValue, at: location).map { .path($0) }
        }
        guard let parsed = literal(value) else {
            fail(at: location, "The value for the field '\(op.rawValue)' must be \(Self.typeDescription(op.family))")
            return nil
        }
        return .value(parsed)
    }

    private static func typeDescription(_ family: ChoiceOperator.Family) -> String {
        switch family {
        case .string, .stringMatches, .timestamp: "a string"
        case .numeric: "a number"
        case .boolean, .typeCheck: "a boolean"
        }
    }

    private mutating func referencePath(_ value: JSON, field: String, at location: String) -> ReferencePath? {
        guard let text = value.stringValue else {
            fail(at: location, "The value for the field '\(field)' must be a valid JSONPath")
            return nil
        }
        let path: JSONPath
        do {
            path = try JSONPath(parsing: text)
        } catch {
            diagnostics.append(Diagnostic(.invalidJSONPath, at: location,
                "The value for the field '\(field)' must be a valid JSONPath"))
            return nil
        }
        guard path.isDefinite else {
            diagnostics.append(Diagnostic(.invalidReferencePath, at: location,
                "The value for the field '\(field)' must be a valid ReferencePath"))
            return nil
        }
        return ReferencePath(unchecked: path)
    }

    private mutating func fail(at location: String, _ message: String) {
        diagnostics.append(Diagnostic(.schemaValidationFailed, at: location, message))
    }
}
