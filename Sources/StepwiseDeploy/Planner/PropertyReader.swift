import StatesLanguage

/// Reads one resource's properties, evaluating each on first use, with typed accessors whose
/// errors carry the property's location.
///
/// Properties are evaluated only when the planner uses them, so a property with no local
/// meaning (`Policies`, `Role`…) never fails a plan. CloudFormation hands numbers and booleans
/// on as text, so the accessors accept `"30"` for a number and `"true"` for a boolean.
struct PropertyReader {
    let resource: ResourceDeclaration
    let evaluator: IntrinsicEvaluator
    /// The properties read so far: whatever is left is reported as not applied.
    private(set) var used: Set<String> = []

    init(resource: ResourceDeclaration, evaluator: IntrinsicEvaluator) {
        self.resource = resource
        self.evaluator = evaluator
    }

    var path: TemplatePath { resource.propertiesPath }

    /// The evaluated property; `nil` when absent or `AWS::NoValue`.
    mutating func value(_ key: String) throws(TemplateError) -> JSON? {
        used.insert(key)
        guard let raw = resource.properties[key] else { return nil }
        let value = try evaluator.evaluate(raw, at: path / key)
        if case .null? = value { return nil }
        return value
    }

    mutating func string(_ key: String) throws(TemplateError) -> String? {
        try value(key).map { (v) throws(TemplateError) in try Self.string(v, at: path / key) }
    }

    mutating func requiredString(_ key: String) throws(TemplateError) -> String {
        guard let text = try string(key) else {
            throw TemplateError(.invalidProperty, at: path / key, "\(resource.type) requires the property \(key)")
        }
        return text
    }

    mutating func int(_ key: String) throws(TemplateError) -> Int? {
        try value(key).map { (v) throws(TemplateError) in try Self.int(v, at: path / key) }
    }

    mutating func bool(_ key: String) throws(TemplateError) -> Bool? {
        try value(key).map { (v) throws(TemplateError) in try Self.bool(v, at: path / key) }
    }

    mutating func stringList(_ key: String) throws(TemplateError) -> [String]? {
        guard let v = try value(key) else { return nil }
        guard case .array(let items) = v else {
            throw TemplateError(.invalidProperty, at: path / key, "\(key) must be a list, found \(v.typeName)")
        }
        var out: [String] = []
        for (i, item) in items.enumerated() { out.append(try Self.string(item, at: path / key / i)) }
        return out
    }

    /// `Tags` as SAM writes them (a map) or as CloudFormation does (a `Key`/`Value` list).
    mutating func tags(_ key: String = "Tags") throws(TemplateError) -> [String: String] {
        guard let v = try value(key) else { return [:] }
        let here = path / key
        switch v {
        case .object: return try Self.stringMap(v, at: here)
        case .array(let items):
            var tags: [String: String] = [:]
            for (i, item) in items.enumerated() {
                guard let k = item["Key"], let value = item["Value"] else {
                    throw TemplateError(.invalidProperty, at: here / i, "each tag needs a Key and a Value")
                }
                tags[try Self.string(k, at: here / i / "Key")] = try Self.string(value, at: here / i / "Value")
            }
            return tags
        default:
            throw TemplateError(.invalidProperty, at: here, "\(key) must be a map or a list of Key/Value pairs")
        }
    }

    /// Notes the properties present but not applied locally.
    func unusedNote(reason: String = "they have no local effect") -> PlanMessage? {
        let unused = resource.properties.keys.filter { !used.contains($0) }
        guard !unused.isEmpty else { return nil }
        let iam: Set<String> = ["Policies", "Role", "RoleArn", "PermissionsBoundary", "AssumeRolePolicyDocument", "RolePath"]
        let why = unused.allSatisfy { iam.contains($0) } ? "IAM permissions are not enforced locally" : reason
        return PlanMessage(.note, at: path, "not applied: \(unused.joined(separator: ", ")) (\(why))")
    }

    // MARK: - Typed views of evaluated values

    static func string(_ value: JSON, at path: TemplatePath) throws(TemplateError) -> String {
        guard let text = value.scalarText else {
            throw TemplateError(.invalidProperty, at: path, "expected a string, found \(value.typeName)")
        }
        return text
    }

    static func int(_ value: JSON, at path: TemplatePath) throws(TemplateError) -> Int {
        if let i = value.intValue { return i }
        if let text = value.stringValue, let i = Int(text) { return i }
        throw TemplateError(.invalidProperty, at: path, "expected an integer, found \(value.stringValue.map { "'\($0)'" } ?? value.typeName)")
    }

    static func bool(_ value: JSON, at path: TemplatePath) throws(TemplateError) -> Bool {
        if let b = value.boolValue { return b }
        switch value.stringValue?.lowercased() {
        case "true"?: return true
        case "false"?: return false
        default: throw TemplateError(.invalidProperty, at: path, "expected a boolean, found \(value.stringValue.map { "'\($0)'" } ?? value.typeName)")
        }
    }

    static func stringMap(_ value: JSON, at path: TemplatePath) throws(TemplateError) -> [String: String] {
        guard case .object(let object) = value else {
            throw TemplateError(.invalidProperty, at: path, "expected a map, found \(value.typeName)")
        }
        var out: [String: String] = [:]
        for (key, member) in object { out[key] = try string(member, at: path / key) }
        return out
    }

    /// A policy document given as an object or as JSON text, as JSON text.
    static func jsonText(_ value: JSON, at path: TemplatePath) throws(TemplateError) -> String {
        switch value {
        case .object, .array: return value.serialized
        case .string(let text): return text
        default: throw TemplateError(.invalidProperty, at: path, "expected a JSON object or JSON text, found \(value.typeName)")
        }
    }
}
