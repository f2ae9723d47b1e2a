/// An `Assign` block of a state, Choice rule or Catcher, compiled once.
///
/// AWS: each key names a variable. In a JSONPath state a key ending in `.$` takes its
/// value from a path (`$`, `$$`, `$name`) or an intrinsic function, and nested objects are
/// payload templates like `Parameters`; in a JSONata state every `{% … %}` string, however
/// deep, is an expression over `$states` and the variables. Every value is evaluated
/// against the variables as they were before the block (one block's assignments are
/// parallel), and the new values take effect when the state is left.
public struct Assignment: Sendable, Equatable {
    /// The names and values to assign, as a payload template over `$` (what `$` is depends
    /// on where the block is: a state's result, its input, or a Catcher's error output).
    /// Nil in a JSONata state.
    public let template: PayloadTemplate?
    /// The block of a JSONata state, its expressions compiled.
    public let expressions: JSONataTemplate?

    /// AWS's limit on one variable's value, and on all of one `Assign`'s values together.
    public static let maximumBytes = 262_144
    /// `$states` is reserved (JSONata's): no state may assign it.
    public static let reservedName = "states"
    static let maximumNameLength = 80

    /// The block as written.
    public var source: JSON { template?.source ?? expressions?.source ?? [:] }

    /// Compiles `Assign` at `location` (`/States/A/Assign`), reporting every problem:
    /// a value that is not an object, a name that is not a valid variable name, the
    /// reserved name, a name given twice, a `.$` value that is not a path or intrinsic.
    static func compile(_ json: JSON, at location: String, language: QueryLanguage = .jsonPath,
                        diagnostics: inout [Diagnostic]) -> Assignment? {
        guard case .object(let object) = json else {
            diagnostics.append(Diagnostic(.schemaValidationFailed, at: location, "The field 'Assign' should be an object"))
            return nil
        }
        var names: Set<String> = []
        var valid = true
        for key in object.keys {
            let name = language == .jsonPath && key.hasSuffix(".$") ? String(key.dropLast(2)) : key
            if !isValidName(name) {
                diagnostics.append(Diagnostic(.schemaValidationFailed, at: location,
                    "The variable name '\(name)' is not valid: it must start with a letter or '_', go on with letters, digits or '_', and be at most \(maximumNameLength) characters long"))
                valid = false
            } else if name == reservedName {
                diagnostics.append(Diagnostic(.schemaValidationFailed, at: location,
                    "The variable name '\(reservedName)' is reserved"))
                valid = false
            } else if !names.insert(name).inserted {
                diagnostics.append(Diagnostic(.schemaValidationFailed, at: location,
                    "The variable '\(name)' is assigned more than once"))
                valid = false
            }
        }
        if language == .jsonata {
            let expressions = JSONataTemplate.compile(json, at: location, diagnostics: &diagnostics)
            return valid ? expressions.map { Assignment(template: nil, expressions: $0) } : nil
        }
        let template: PayloadTemplate
        do { template = try PayloadTemplate(compiling: json, at: location) } catch {
            diagnostics.append(contentsOf: error.diagnostics)
            return nil
        }
        return valid ? Assignment(template: template, expressions: nil) : nil
    }

    /// Unicode identifier rules (ID_Start or `_`, then ID_Continue), which is also what a
    /// `$name` path can spell.
    static func isValidName(_ name: String) -> Bool {
        guard !name.isEmpty, name.count <= maximumNameLength, let first = name.unicodeScalars.first else { return false }
        guard first == "_" || first.properties.isIDStart else { return false }
        return name.unicodeScalars.dropFirst().allSatisfy { $0.properties.isIDContinue }
    }

    /// True when nothing is assigned (`"Assign": {}`).
    public var isEmpty: Bool { source.objectValue?.isEmpty ?? true }

    /// The values to assign, by name, evaluated in `scope` (whose variables are the old
    /// ones). Fails with `States.Runtime` when a path matches nothing or names a variable
    /// never assigned, and with `States.DataLimitExceeded` when a value, or all of them,
    /// exceed 256 KiB.
    public func evaluate(_ scope: EvaluationScope) throws(Failure) -> JSONObject {
        guard let template, case .object(let bindings) = try template.evaluate(scope) else { return [:] }
        return try Self.checkSizes(bindings)
    }

    /// The values of a JSONata block, by name: its expressions see `bindings` (`$states`
    /// and the old variables). Fails as ``evaluate(_:)`` does, and with
    /// `States.QueryEvaluationError` when an expression fails (`Assign/name` names it).
    func evaluate(field: String, bindings: [String: JSON], environment: JSONataEnvironment) throws(Failure) -> JSONObject {
        guard let expressions else { return [:] }
        guard case .object(let values) = try expressions.evaluate(field: field, bindings: bindings, environment: environment) else {
            return [:]
        }
        return try Self.checkSizes(values)
    }

    private static func checkSizes(_ bindings: JSONObject) throws(Failure) -> JSONObject {
        var total = 0
        for (name, value) in bindings {
            let size = value.serializedSize
            if size > maximumBytes {
                throw Failure(.dataLimitExceeded, cause: "The value assigned to the variable '\(name)' is \(size) bytes, more than the \(maximumBytes) bytes a variable may hold.")
            }
            total += size
        }
        if total > maximumBytes {
            throw Failure(.dataLimitExceeded, cause: "The variables assigned by the state are \(total) bytes together, more than the \(maximumBytes) bytes one Assign may hold.")
        }
        return bindings
    }
}
