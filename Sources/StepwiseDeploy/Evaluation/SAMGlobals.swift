import StatesLanguage

/// SAM's `Globals` section merged into the serverless resources, as the SAM translator does
/// before CloudFormation sees the template.
///
/// SAM's rules: a primitive set on the resource replaces the global one; maps merge (the
/// resource's keys win, recursively, so `Environment.Variables` combine); lists concatenate,
/// globals first. A value that is an intrinsic function is never merged: the resource's wins.
enum SAMGlobals {
    /// Globals section → the resource type it applies to.
    static let sections: [String: String] = [
        "Function": ResourceType.samFunction,
        "StateMachine": ResourceType.samStateMachine,
    ]
    /// Sections SAM knows whose resources have no local meaning.
    static let ignoredSections: Set<String> = ["Api", "HttpApi", "SimpleTable", "LayerVersion", "CapacityProvider"]

    static func apply(_ globals: JSONObject, to resources: [ResourceDeclaration],
                      messages: inout [PlanMessage]) throws(TemplateError) -> [ResourceDeclaration] {
        var byType: [String: JSONObject] = [:]
        for (section, value) in globals {
            let path: TemplatePath = ["Globals", section]
            if ignoredSections.contains(section) {
                messages.append(PlanMessage(.note, at: path, "Globals.\(section) ignored: a local deploy creates no such resources"))
                continue
            }
            guard let type = sections[section] else {
                throw TemplateError(.format, at: path, "'Globals' section is invalid. '\(section)' is not supported.")
            }
            guard let properties = value.objectValue else {
                throw TemplateError(.format, at: path, "'Globals' section is invalid. '\(section)' must be a map of properties.")
            }
            byType[type] = properties
        }
        guard !byType.isEmpty else { return resources }
        return resources.map { resource in
            guard let global = byType[resource.type] else { return resource }
            var merged = resource
            merged.properties = mergeObjects(global, resource.properties)
            return merged
        }
    }

    static func merge(global: JSON, local: JSON) -> JSON {
        if isIntrinsic(global) || isIntrinsic(local) { return local }
        switch (global, local) {
        case (.object(let g), .object(let l)): return .object(mergeObjects(g, l))
        case (.array(let g), .array(let l)): return .array(g + l)
        default: return local
        }
    }

    static func mergeObjects(_ global: JSONObject, _ local: JSONObject) -> JSONObject {
        var result = global
        for (key, value) in local {
            result[key] = result[key].map { merge(global: $0, local: value) } ?? value
        }
        return result
    }

    static func isIntrinsic(_ value: JSON) -> Bool {
        guard case .object(let object) = value, object.count == 1, let key = object.keys.first else { return false }
        return key == "Ref" || key == "Condition" || key.hasPrefix("Fn::")
    }
}
