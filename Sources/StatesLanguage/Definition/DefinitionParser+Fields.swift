/// Typed readers for definition fields. Each reports a wrong type or value at the field's
/// own location and returns nil, so that parsing goes on and every problem is found.
extension DefinitionParser {
    /// `Field 'X' is not supported`, located at the object holding it (as AWS reports it).
    mutating func rejectUnknownFields(_ object: JSONObject, allowed: Set<String>, at location: String) {
        for key in object.keys where !allowed.contains(key) {
            report(.schemaValidationFailed, at: location, "Field '\(key)' is not supported")
        }
    }

    /// `These fields are required: [A, B]` for the missing ones.
    mutating func requireFields(_ object: JSONObject, _ keys: [String], at location: String) {
        let missing = keys.filter { object[$0] == nil }
        if !missing.isEmpty {
            report(.schemaValidationFailed, at: location,
                   "These fields are required: [\(missing.joined(separator: ", "))]")
        }
    }

    /// The location of a field of the object at `location`.
    func field(_ location: String, _ key: String) -> String { location + "/" + key }

    mutating func wrongType(_ key: String, _ expected: String, at location: String) {
        report(.schemaValidationFailed, at: field(location, key), "The field '\(key)' should be \(expected)")
    }

    mutating func string(_ object: JSONObject, _ key: String, at location: String) -> String? {
        guard let value = object[key] else { return nil }
        guard case .string(let s) = value else {
            wrongType(key, "a string", at: location)
            return nil
        }
        return s
    }

    mutating func bool(_ object: JSONObject, _ key: String, at location: String) -> Bool? {
        guard let value = object[key] else { return nil }
        guard case .bool(let b) = value else {
            wrongType(key, "a boolean", at: location)
            return nil
        }
        return b
    }

    /// An integer in `range` (AWS's schema bounds, e.g. `1...99999999` for timeouts).
    mutating func integer(_ object: JSONObject, _ key: String, at location: String, range: ClosedRange<Int>) -> Int? {
        guard let value = object[key] else { return nil }
        guard case .number(let n) = value, let i = n.exactInt else {
            wrongType(key, "an integer", at: location)
            return nil
        }
        return checkRange(i, key: key, at: location, range: range)
    }

    mutating func number(_ object: JSONObject, _ key: String, at location: String,
                         range: ClosedRange<Double>) -> Double? {
        guard let value = object[key] else { return nil }
        guard case .number(let n) = value else {
            wrongType(key, "a number", at: location)
            return nil
        }
        return checkRange(n.doubleValue, key: key, at: location, range: range)
    }

    private mutating func checkRange<T: Comparable & CustomStringConvertible>(
        _ value: T, key: String, at location: String, range: ClosedRange<T>
    ) -> T? {
        if value < range.lowerBound {
            report(.schemaValidationFailed, at: field(location, key),
                   "The field '\(key)' should be greater than or equal to \(range.lowerBound)")
            return nil
        }
        if value > range.upperBound {
            report(.schemaValidationFailed, at: field(location, key),
                   "The field '\(key)' should be less than or equal to \(range.upperBound)")
            return nil
        }
        return value
    }

    mutating func object(_ object: JSONObject, _ key: String, at location: String) -> JSONObject? {
        guard let value = object[key] else { return nil }
        guard case .object(let o) = value else {
            wrongType(key, "an object", at: location)
            return nil
        }
        return o
    }

    /// A JSONPath field (`InputPath`, `OutputPath`): absent means `$`, `null` means none.
    mutating func optionalPath(_ object: JSONObject, _ key: String, at location: String) -> JSONPath? {
        guard let value = object[key] else { return .root }
        if value.isNull { return nil }
        guard case .string(let text) = value else {
            wrongType(key, "a string or null", at: location)
            return .root
        }
        return jsonPath(text, key: key, at: field(location, key)) ?? .root
    }

    mutating func jsonPath(_ text: String, key: String, at location: String) -> JSONPath? {
        do { return try JSONPath(parsing: text) } catch {
            report(.invalidJSONPath, at: location, "The value for the field '\(key)' must be a valid JSONPath")
            return nil
        }
    }

    /// A reference path: a JSONPath of names and indices only.
    mutating func referencePath(_ text: String, key: String, at location: String) -> ReferencePath? {
        guard let path = jsonPath(text, key: key, at: location) else { return nil }
        do { return try ReferencePath(parsing: path.source) } catch {
            report(.invalidReferencePath, at: location,
                   "The value for the field '\(key)' must be a valid ReferencePath")
            return nil
        }
    }

    /// A `…Path` field holding a reference path (`SecondsPath`, `ItemsPath`, …).
    mutating func referencePath(_ object: JSONObject, _ key: String, at location: String) -> ReferencePath? {
        guard let text = string(object, key, at: location) else { return nil }
        return referencePath(text, key: key, at: field(location, key))
    }

    /// `ResultPath`: a reference path into the input (never `$$` or `$name`), or `null` to discard.
    mutating func resultPath(_ object: JSONObject, key: String = "ResultPath", at location: String) -> ResultPath {
        guard let value = object[key] else { return .default }
        if value.isNull { return .discard }
        guard case .string(let text) = value else {
            wrongType(key, "a string or null", at: location)
            return .default
        }
        guard let path = referencePath(text, key: key, at: field(location, key)) else { return .default }
        // A result goes into the state's input: never into `$$` or a variable (`Assign` sets those).
        if path.path.rootKind != .input {
            report(.invalidReferencePath, at: field(location, key),
                   "The value for the field '\(key)' must be a valid ReferencePath")
            return .default
        }
        return .path(path)
    }

    /// A payload template field (`Parameters`, `ResultSelector`, `ItemSelector`): an object
    /// whose `.$` keys are compiled once.
    mutating func template(_ object: JSONObject, _ key: String, at location: String) -> PayloadTemplate? {
        guard let value = object[key] else { return nil }
        guard case .object = value else {
            wrongType(key, "an object", at: location)
            return nil
        }
        do { return try PayloadTemplate(compiling: value, at: field(location, key)) } catch {
            diagnostics.append(contentsOf: error.diagnostics)
            return nil
        }
    }

    /// A literal integer or its `…Path` twin (`TimeoutSeconds`/`TimeoutSecondsPath`); both
    /// at once is an error.
    mutating func integerSource(_ object: JSONObject, _ key: String, at location: String,
                                range: ClosedRange<Int>) -> IntegerSource? {
        let pathKey = key + "Path"
        if object[key] != nil, object[pathKey] != nil {
            exclusive(key, pathKey, at: location)
            return nil
        }
        if let i = integer(object, key, at: location, range: range) { return .literal(i) }
        if let p = referencePath(object, pathKey, at: location) { return .path(p) }
        return nil
    }

    mutating func exclusive(_ a: String, _ b: String, at location: String) {
        report(.schemaValidationFailed, at: location, "The fields '\(a)' and '\(b)' are mutually exclusive")
    }
}
