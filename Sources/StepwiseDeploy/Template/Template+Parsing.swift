import StatesLanguage

extension Template {
    /// Parses a template written in JSON or YAML.
    ///
    /// Text whose first non-blank character is `{` is read as JSON first (JSON keeps integers and
    /// key order exactly); anything else, or JSON that does not parse, is read as YAML with
    /// CloudFormation's short-form tags.
    public init(parsing text: String) throws(TemplateError) {
        let trimmed = text.drop { $0.isWhitespace || $0 == "\u{FEFF}" }
        if trimmed.first == "{" {
            do {
                try self.init(json: try JSON(parsing: String(trimmed)))
                return
            } catch let error as JSONParseError {
                // A YAML flow mapping also starts with `{`: give YAML a chance before failing.
                if let yaml = try? TemplateYAML.parse(text) {
                    try self.init(json: yaml)
                    return
                }
                throw TemplateError(.syntax, at: [], "the template is not valid JSON: \(error)")
            } catch let error as TemplateError {
                throw error
            } catch {
                throw TemplateError(.syntax, at: [], "\(error)")
            }
        }
        try self.init(json: try TemplateYAML.parse(text))
    }

    /// Builds the model from a template already in JSON form (long-form intrinsics).
    public init(json: JSON) throws(TemplateError) {
        guard let root = json.objectValue else {
            throw TemplateError(.format, at: [], "Template format error: the template must be a JSON object or YAML mapping")
        }
        let known: Set<String> = ["AWSTemplateFormatVersion", "Description", "Metadata", "Parameters", "Rules",
                                  "Mappings", "Conditions", "Transform", "Resources", "Outputs", "Globals"]
        for key in root.keys where !known.contains(key) {
            throw TemplateError(.format, at: [key], "Template format error: Invalid template property or properties [\(key)]")
        }
        formatVersion = try Self.optionalString(root["AWSTemplateFormatVersion"], at: ["AWSTemplateFormatVersion"])
        description = try Self.optionalString(root["Description"], at: ["Description"])
        switch root["Transform"] {
        case nil, .null?: transforms = []
        case .string(let name)?: transforms = [name]
        case .array(let names)?:
            transforms = try names.enumerated().map { (i, name) throws(TemplateError) in
                guard let text = name.stringValue else {
                    throw TemplateError(.unsupported, at: ["Transform", String(i)], "only named transforms are supported")
                }
                return text
            }
        case _?:
            throw TemplateError(.unsupported, at: ["Transform"], "only named transforms are supported")
        }
        mappings = try Self.section(root, "Mappings")
        conditions = try Self.section(root, "Conditions")
        globals = try Self.section(root, "Globals")
        parameters = try Self.section(root, "Parameters").map { (name, value) throws(TemplateError) in
            try ParameterDeclaration(name: name, json: value)
        }
        let resourceSection = try Self.section(root, "Resources")
        if resourceSection.isEmpty {
            throw TemplateError(.format, at: ["Resources"], "Template format error: At least one Resources member must be defined.")
        }
        resources = try resourceSection.map { (id, value) throws(TemplateError) in
            try ResourceDeclaration(logicalId: id, json: value)
        }
        outputs = try Self.section(root, "Outputs").map { (name, value) throws(TemplateError) in
            let path: TemplatePath = ["Outputs", name]
            guard let object = value.objectValue, let outputValue = object["Value"] else {
                throw TemplateError(.format, at: path, "Template format error: Every Outputs member must contain a Value object")
            }
            return OutputDeclaration(
                name: name, value: outputValue, description: object["Description"],
                condition: try Self.optionalString(object["Condition"], at: path / "Condition"),
                exportName: object["Export"]?["Name"])
        }
    }

    static func section(_ root: JSONObject, _ name: String) throws(TemplateError) -> JSONObject {
        switch root[name] {
        case nil, .null?: return [:]
        case .object(let object)?: return object
        case _?: throw TemplateError(.format, at: [name], "Template format error: \(name) must be an object")
        }
    }

    static func optionalString(_ value: JSON?, at path: TemplatePath) throws(TemplateError) -> String? {
        switch value {
        case nil, .null?: return nil
        case .string(let text)?: return text
        case let other?:
            guard let text = other.scalarText else {
                throw TemplateError(.format, at: path, "expected a string, found \(other.typeName)")
            }
            return text
        }
    }
}

extension ResourceDeclaration {
    init(logicalId: String, json: JSON) throws(TemplateError) {
        let path: TemplatePath = ["Resources", logicalId]
        guard logicalId.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }), !logicalId.isEmpty else {
            throw TemplateError(.format, at: path, "Template format error: Resource name \(logicalId) is non alphanumeric.")
        }
        guard let object = json.objectValue else {
            throw TemplateError(.format, at: path, "Template format error: each resource must be an object")
        }
        guard let type = object["Type"]?.stringValue else {
            throw TemplateError(.format, at: path / "Type", "Template format error: [/Resources/\(logicalId)] Every Resources object must contain a Type member.")
        }
        var properties: JSONObject = [:]
        switch object["Properties"] {
        case nil, .null?: break
        case .object(let found)?: properties = found
        case _?: throw TemplateError(.format, at: path / "Properties", "Properties must be an object")
        }
        var dependsOn: [String] = []
        switch object["DependsOn"] {
        case nil, .null?: break
        case .string(let one)?: dependsOn = [one]
        case .array(let many)?:
            for (i, item) in many.enumerated() {
                guard let name = item.stringValue else {
                    throw TemplateError(.format, at: path / "DependsOn" / i, "DependsOn must list logical IDs")
                }
                dependsOn.append(name)
            }
        case _?: throw TemplateError(.format, at: path / "DependsOn", "DependsOn must be a logical ID or a list of them")
        }
        self.init(logicalId: logicalId, type: type, properties: properties, dependsOn: dependsOn,
                  condition: try Template.optionalString(object["Condition"], at: path / "Condition"))
    }
}

extension ParameterDeclaration {
    init(name: String, json: JSON) throws(TemplateError) {
        let path: TemplatePath = ["Parameters", name]
        guard let object = json.objectValue else {
            throw TemplateError(.format, at: path, "Template format error: each parameter must be an object")
        }
        guard let type = object["Type"]?.stringValue else {
            throw TemplateError(.format, at: path / "Type", "Template format error: Every Parameters object must contain a Type member.")
        }
        self.name = name
        self.type = type
        defaultValue = try Self.text(object["Default"], at: path / "Default")
        if let allowed = object["AllowedValues"] {
            guard let list = allowed.arrayValue else {
                throw TemplateError(.format, at: path / "AllowedValues", "AllowedValues must be a list")
            }
            allowedValues = try list.enumerated().map { (i, value) throws(TemplateError) in
                try Self.text(value, at: path / "AllowedValues" / i) ?? ""
            }
        }
        allowedPattern = try Self.text(object["AllowedPattern"], at: path / "AllowedPattern")
        minLength = try Self.text(object["MinLength"], at: path / "MinLength").flatMap { Int($0) }
        maxLength = try Self.text(object["MaxLength"], at: path / "MaxLength").flatMap { Int($0) }
        minValue = try Self.text(object["MinValue"], at: path / "MinValue").flatMap { Double($0) }
        maxValue = try Self.text(object["MaxValue"], at: path / "MaxValue").flatMap { Double($0) }
        noEcho = try Self.text(object["NoEcho"], at: path / "NoEcho")?.lowercased() == "true"
        constraintDescription = try Self.text(object["ConstraintDescription"], at: path / "ConstraintDescription")
    }

    /// A scalar as CloudFormation text; lists (a `CommaDelimitedList` default written as a list) joined by commas.
    private static func text(_ value: JSON?, at path: TemplatePath) throws(TemplateError) -> String? {
        switch value {
        case nil, .null?: return nil
        case .array(let items)?:
            return try items.map { (item) throws(TemplateError) in
                guard let text = item.scalarText else {
                    throw TemplateError(.format, at: path, "expected a string, found \(item.typeName)")
                }
                return text
            }.joined(separator: ",")
        case let other?:
            guard let text = other.scalarText else {
                throw TemplateError(.format, at: path, "expected a string, found \(other.typeName)")
            }
            return text
        }
    }
}

extension JSON {
    /// A string, number or boolean as CloudFormation turns it into text (`30`, `true`, `1.5`);
    /// `nil` for null, lists and objects.
    var scalarText: String? {
        switch self {
        case .string(let s): s
        case .number(let n): n.description
        case .bool(let b): b ? "true" : "false"
        default: nil
        }
    }
}
