import StatesLanguage

extension PlanningRun {
    /// `AWS::Serverless::StateMachine` and `AWS::StepFunctions::StateMachine` → ``StateMachinePlan``.
    mutating func planStateMachine(_ resource: ResourceDeclaration) throws(TemplateError) -> StateMachinePlan {
        var reader = PropertyReader(resource: resource, evaluator: evaluator)
        let isSAM = resource.type == ResourceType.samStateMachine
        let name = try physicalName(&reader, key: isSAM ? "Name" : "StateMachineName", maxLength: 80)
        let typeKey = isSAM ? "Type" : "StateMachineType"
        let typeText = try reader.string(typeKey) ?? "STANDARD"
        guard let type = StateMachineType(rawValue: typeText) else {
            throw TemplateError(.invalidProperty, at: reader.path / typeKey, "\(typeKey) must be STANDARD or EXPRESS, found \(typeText)")
        }
        let (text, source, sourcePath) = try definitionText(&reader, isSAM: isSAM)
        var substitutions: [String: String] = [:]
        if let value = try reader.value("DefinitionSubstitutions") {
            substitutions = try PropertyReader.stringMap(value, at: reader.path / "DefinitionSubstitutions")
        }
        let (definition, unresolved) = DefinitionSubstitution.apply(substitutions, to: text)
        for placeholder in unresolved {
            messages.append(PlanMessage(.warning, at: sourcePath, "the definition keeps ${\(placeholder)}: DefinitionSubstitutions has no value for it"))
        }
        do {
            _ = try StateMachine(parsing: definition, type: type)
        } catch {
            throw TemplateError(.invalidProperty, at: sourcePath, "\(error)")
        }
        if isSAM, try reader.value("Events") != nil {
            messages.append(PlanMessage(.warning, at: reader.path / "Events", "state machine Events (schedules, EventBridge rules, APIs) are not created by a local deploy"))
        }
        let loggingKey = isSAM ? "Logging" : "LoggingConfiguration"
        let logging = try reader.value(loggingKey).map { value throws(TemplateError) in
            try Self.loggingConfiguration(value, at: reader.path / loggingKey)
        }
        let plan = StateMachinePlan(
            logicalId: resource.logicalId, resourceType: resource.type, name: name, type: type, definition: definition,
            definitionSource: source, unresolvedPlaceholders: unresolved,
            roleArn: try reader.string(isSAM ? "Role" : "RoleArn"), tags: try reader.tags(), loggingConfiguration: logging)
        note(reader)
        register(resource, name: name, entry: .stateMachine(plan))
        return plan
    }

    /// The definition's text, where it came from, and the template location to blame for it.
    private mutating func definitionText(_ reader: inout PropertyReader, isSAM: Bool)
        throws(TemplateError) -> (text: String, source: String, path: TemplatePath)
    {
        let path = reader.path
        let keys = isSAM ? ["Definition", "DefinitionUri"] : ["Definition", "DefinitionString", "DefinitionS3Location"]
        let present = keys.filter { reader.resource.properties[$0] != nil }
        guard present.count == 1, let key = present.first else {
            throw TemplateError(.invalidProperty, at: path, present.isEmpty
                ? "a state machine needs one of \(keys.joined(separator: ", "))"
                : "give only one of \(present.joined(separator: ", "))")
        }
        switch key {
        case "Definition":
            guard let value = try reader.value(key), case .object = value else {
                throw TemplateError(.invalidProperty, at: path / key, "Definition must be an object (the state machine in YAML or JSON)")
            }
            return (value.prettyPrinted(), key, path / key)
        case "DefinitionString":
            guard let text = try reader.string(key) else {
                throw TemplateError(.invalidProperty, at: path / key, "DefinitionString must be a string")
            }
            return (text, key, path / key)
        case "DefinitionS3Location":
            throw TemplateError(.unsupported, at: path / key, "DefinitionS3Location is not supported by a local deploy: put the definition in a local file and use DefinitionUri (SAM) or Definition")
        default:
            guard let value = try reader.value(key) else {
                throw TemplateError(.invalidProperty, at: path / key, "DefinitionUri must be a path")
            }
            guard case .string(let uri) = value, !uri.hasPrefix("s3://") else {
                throw TemplateError(.unsupported, at: path / key, "DefinitionUri must be a local path relative to the template; S3 locations are not supported by a local deploy")
            }
            let file = PathResolution.resolve(uri, against: baseDirectory)
            do {
                return (try planner.fileSystem.readText(atPath: file), file, path / key)
            } catch {
                throw TemplateError(.file, at: path / key, "cannot read the definition \(file): \(error)")
            }
        }
    }
}

/// `DefinitionSubstitutions` applied to a definition's text.
///
/// AWS replaces each `${Name}` whose name is a key of the map with its value, as plain text (a
/// placeholder in a JSON string puts the value inside the string; one outside a string can
/// insert a number), and leaves other placeholders as they are.
enum DefinitionSubstitution {
    static func apply(_ values: [String: String], to text: String) -> (text: String, unresolved: [String]) {
        guard text.contains("${") else { return (text, []) }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var unresolved: [String] = []
        var rest = Substring(text)
        while let open = rest.range(of: "${") {
            out += rest[..<open.lowerBound]
            let after = rest[open.upperBound...]
            guard let close = after.firstIndex(of: "}") else {
                out += rest[open.lowerBound...]
                rest = ""
                break
            }
            let name = String(after[..<close])
            if let value = values[name] {
                out += value
            } else {
                out += rest[open.lowerBound...close]
                if !unresolved.contains(name) { unresolved.append(name) }
            }
            rest = after[after.index(after: close)...]
        }
        out += rest
        return (out, unresolved)
    }
}
