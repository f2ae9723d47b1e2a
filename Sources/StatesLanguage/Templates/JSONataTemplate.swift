/// A field of a JSONata state (`Arguments`, `Output`, `Assign`, `Items`, `Condition`,
/// `Seconds`…), compiled once.
///
/// AWS: a string that starts with `{%` and ends with `%}` is a JSONata expression,
/// evaluated where it stands, however deep inside objects and arrays; every other value
/// is taken literally (no `.$` keys in JSONata states). The expressions are parsed when
/// the definition loads: one that does not parse refuses the definition with
/// `INVALID_JSONATA_EXPRESSION`.
public struct JSONataTemplate: Sendable, Equatable {
    /// The field as written.
    public let source: JSON
    let root: Node

    indirect enum Node: Sendable {
        /// A value without expressions, used as is.
        case literal(JSON)
        /// `{% text %}`: the expression and its text between the delimiters, trimmed.
        case expression(JSONataExpression, String)
        case object([(key: String, value: Node)])
        case array([Node])
    }

    public static func == (lhs: JSONataTemplate, rhs: JSONataTemplate) -> Bool { lhs.source == rhs.source }

    /// Whether the field holds no expression at all.
    public var isLiteral: Bool { if case .literal = root { true } else { false } }

    /// The text of a `{% … %}` string, trimmed; nil for any other string.
    static func expressionText(_ string: String) -> String? {
        guard string.hasPrefix("{%"), string.hasSuffix("%}"), string.utf8.count >= 4 else { return nil }
        return String(string.dropFirst(2).dropLast(2)).trimmingJSONataSpace()
    }

    /// Compiles `json`, reporting each expression that does not parse at its own location
    /// (`/States/A/Output/key`). Nil when one did not parse.
    static func compile(_ json: JSON, at location: String, diagnostics: inout [Diagnostic]) -> JSONataTemplate? {
        var failed = false
        let root = node(json, at: location, diagnostics: &diagnostics, failed: &failed)
        return failed ? nil : JSONataTemplate(source: json, root: root)
    }

    private static func node(_ json: JSON, at location: String, diagnostics: inout [Diagnostic], failed: inout Bool) -> Node {
        switch json {
        case .string(let s):
            guard let text = expressionText(s) else { return .literal(json) }
            let expression: JSONataExpression
            do { expression = try JSONataExpression(text) } catch {
                diagnostics.append(Diagnostic(.invalidJSONataExpression, at: location, error.message))
                failed = true
                return .literal(json)
            }
            // AWS evaluates with no input: a name read from it could only be undefined.
            for name in expression.topLevelReferences {
                diagnostics.append(Diagnostic(.unsupportedJSONataExpression, at: location,
                                              "Reference to '\(name)' at the top level is not supported."))
                failed = true
            }
            return .expression(expression, text)
        case .object(let object):
            var members: [(key: String, value: Node)] = []
            var literal = true
            for (key, value) in object {
                let child = node(value, at: location + "/" + key, diagnostics: &diagnostics, failed: &failed)
                if case .literal = child {} else { literal = false }
                members.append((key, child))
            }
            return literal ? .literal(json) : .object(members)
        case .array(let items):
            var nodes: [Node] = []
            var literal = true
            for (i, item) in items.enumerated() {
                let child = node(item, at: location + "/\(i)", diagnostics: &diagnostics, failed: &failed)
                if case .literal = child {} else { literal = false }
                nodes.append(child)
            }
            return literal ? .literal(json) : .array(nodes)
        default:
            return .literal(json)
        }
    }
}

extension JSONataTemplate {
    /// Evaluates the field. `field` names it in failures (`Output`, `Arguments`,
    /// `Choices[0]/Condition`); `bindings` are `states` and the workflow variables.
    ///
    /// AWS evaluates the expressions with no input (`$` is undefined: data comes from
    /// `$states` and variables). A failure is `States.QueryEvaluationError`, worded as AWS
    /// words it: the expression returned nothing (undefined), returned an unsupported
    /// result type (a function), or threw an error.
    func evaluate(field: String, bindings: [String: JSON], environment: JSONataEnvironment) throws(Failure) -> JSON {
        try Self.evaluate(root, field: field, bindings: bindings, environment: environment)
    }

    private static func evaluate(_ node: Node, field: String, bindings: [String: JSON],
                                 environment: JSONataEnvironment) throws(Failure) -> JSON {
        switch node {
        case .literal(let json):
            return json
        case .expression(let expression, let text):
            return try evaluate(expression, text: text, field: field, bindings: bindings, environment: environment)
        case .object(let members):
            var object = JSONObject()
            object.reserveCapacity(members.count)
            for member in members {
                object[member.key] = try evaluate(member.value, field: field + "/" + member.key, bindings: bindings,
                                                  environment: environment)
            }
            return .object(object)
        case .array(let items):
            var array: [JSON] = []
            array.reserveCapacity(items.count)
            for (i, item) in items.enumerated() {
                array.append(try evaluate(item, field: field + "[\(i)]", bindings: bindings, environment: environment))
            }
            return .array(array)
        }
    }

    static func evaluate(_ expression: JSONataExpression, text: String, field: String, bindings: [String: JSON],
                         environment: JSONataEnvironment) throws(Failure) -> JSON {
        let sentence = "The JSONata expression '\(text)' specified for the field '\(field)'"
        let value: JSON?
        do { value = try expression.evaluate(nil, bindings: bindings, environment: environment) } catch {
            if error == .unsupportedResult {
                throw Failure(.queryEvaluationError, cause: sentence + " returned an unsupported result type.")
            }
            throw Failure(.queryEvaluationError, cause: sentence + " threw an error during evaluation. \(error)")
        }
        guard let value else { throw Failure(.queryEvaluationError, cause: sentence + " returned nothing (undefined).") }
        return value
    }

    /// The failure for a value of the wrong type (`Items` that is not an array, a
    /// `Condition` that is not a boolean), worded as AWS words it.
    static func unexpectedType(_ value: JSON, expected: String, text: String?, field: String) -> Failure {
        let subject = text.map { "The JSONata expression '\($0)' specified for the field '\(field)'" } ?? "The field '\(field)'"
        return Failure(.queryEvaluationError,
                       cause: "\(subject) returned an unexpected result type. Expected '\(expected)', but was '\(value.jsonataTypeName)' for value: \(value.serialized)")
    }

    /// The text of the expression when the whole field is one (`"{% … %}"`).
    var wholeExpressionText: String? { if case .expression(_, let text) = root { text } else { nil } }
}

extension JSON {
    /// The type name JSONata's `$type` gives a JSON value.
    var jsonataTypeName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }
}

extension String {
    /// The string without leading and trailing whitespace (space, tab, CR, LF).
    func trimmingJSONataSpace() -> String {
        let space: Set<Character> = [" ", "\t", "\n", "\r"]
        var slice = Substring(self)
        while let first = slice.first, space.contains(first) { slice.removeFirst() }
        while let last = slice.last, space.contains(last) { slice.removeLast() }
        return String(slice)
    }
}
