import Foundation
import StatesLanguage

/// Evaluates CloudFormation's intrinsic functions in a template value.
///
/// `evaluate` returns `nil` for a value that is `Ref: AWS::NoValue` (directly, or through the
/// `Fn::If` branch taken); an object drops such members and a list drops such items, as
/// CloudFormation removes the property.
struct IntrinsicEvaluator: Sendable {
    /// Resolved parameter values: strings, or lists of strings for list types.
    var parameters: [String: JSON]
    /// Pseudo-parameter values.
    var pseudoParameters: [String: JSON]
    /// Values of the conditions evaluated so far.
    var conditions: [String: Bool]
    /// The `Mappings` section.
    var mappings: JSONObject
    /// Every logical ID declared under `Resources`.
    var declaredResources: Set<String>
    /// Resources not created because their `Condition` is false.
    var excludedResources: [String: String]
    /// Resources planned so far.
    var resources: [String: PlannedResource]
    var resolver: any ResourceResolver
    /// The region `Fn::GetAZs` lists zones for.
    var region: String
    /// False while evaluating `Conditions`, where CloudFormation forbids naming resources.
    var resourcesReferable = true

    func evaluate(_ value: JSON, at path: TemplatePath) throws(TemplateError) -> JSON? {
        switch value {
        case .array(let items):
            var out: [JSON] = []
            out.reserveCapacity(items.count)
            for (i, item) in items.enumerated() {
                if let evaluated = try evaluate(item, at: path / i) { out.append(evaluated) }
            }
            return .array(out)
        case .object(let object):
            if object.count == 1, let name = object.keys.first, let argument = object.values.first,
               name == "Ref" || name.hasPrefix("Fn::") {
                return try function(name, argument, at: path / name)
            }
            var out: JSONObject = [:]
            for (key, member) in object {
                if let evaluated = try evaluate(member, at: path / key) { out[key] = evaluated }
            }
            return .object(out)
        default:
            return value
        }
    }

    /// Evaluates a value that must not vanish (`AWS::NoValue` is an error there).
    func required(_ value: JSON, at path: TemplatePath, in function: String) throws(TemplateError) -> JSON {
        guard let result = try evaluate(value, at: path) else {
            throw TemplateError(.format, at: path, "Template error: AWS::NoValue cannot be used as an argument of \(function)")
        }
        return result
    }

    /// Evaluates a value that must come out as text (numbers and booleans become text).
    func string(_ value: JSON, at path: TemplatePath, in function: String) throws(TemplateError) -> String {
        let result = try required(value, at: path, in: function)
        guard let text = result.scalarText else {
            throw TemplateError(.format, at: path, "Template error: every \(function) object requires a string here, found \(result.typeName)")
        }
        return text
    }

    /// Evaluates a value that must come out as a list.
    func list(_ value: JSON, at path: TemplatePath, in function: String) throws(TemplateError) -> [JSON] {
        let result = try required(value, at: path, in: function)
        guard case .array(let items) = result else {
            throw TemplateError(.format, at: path, "Template error: \(function) requires a list here, found \(result.typeName)")
        }
        return items
    }

    /// The arguments of a function that takes a fixed-length list.
    func arguments(_ argument: JSON, count: ClosedRange<Int>, at path: TemplatePath, in function: String) throws(TemplateError) -> [JSON] {
        guard case .array(let items) = argument, count.contains(items.count) else {
            let expected = count.lowerBound == count.upperBound ? "\(count.lowerBound)" : "\(count.lowerBound) to \(count.upperBound)"
            throw TemplateError(.format, at: path, "Template error: \(function) requires a list of \(expected) arguments")
        }
        return items
    }

    private func function(_ name: String, _ argument: JSON, at path: TemplatePath) throws(TemplateError) -> JSON? {
        switch name {
        case "Ref": return try ref(argument, at: path)
        case "Fn::GetAtt": return try getAtt(argument, at: path)
        case "Fn::Sub": return try sub(argument, at: path)
        case "Fn::Join": return try join(argument, at: path)
        case "Fn::Select": return try select(argument, at: path)
        case "Fn::Split": return try split(argument, at: path)
        case "Fn::If": return try ifFunction(argument, at: path)
        case "Fn::Equals", "Fn::And", "Fn::Or", "Fn::Not":
            return .bool(try condition(.object([name: argument]), at: path))
        case "Fn::FindInMap": return try findInMap(argument, at: path)
        case "Fn::GetAZs": return try getAZs(argument, at: path)
        case "Fn::Base64":
            return .string(Data(try string(argument, at: path, in: name).utf8).base64EncodedString())
        case "Fn::Length": return .int(try list(argument, at: path, in: name).count)
        case "Fn::ToJsonString": return .string(try required(argument, at: path, in: name).serialized)
        case "Fn::ImportValue":
            throw TemplateError(.unsupported, at: path, "Fn::ImportValue is not supported: a local deploy has no other stacks' exports; pass the value as a parameter instead")
        case "Fn::Cidr", "Fn::Transform", "Fn::ForEach":
            throw TemplateError(.unsupported, at: path, "\(name) is not supported by a local deploy")
        default:
            throw TemplateError(.format, at: path, "Template format error: Unrecognized intrinsic function \(name)")
        }
    }

    // MARK: - Ref and Fn::GetAtt

    private func ref(_ argument: JSON, at path: TemplatePath) throws(TemplateError) -> JSON? {
        guard let name = argument.stringValue else {
            throw TemplateError(.format, at: path, "Template error: every Ref object must have a single String value.")
        }
        if name == DeploymentConfiguration.noValue { return nil }
        if let value = pseudoParameters[name] ?? parameters[name] { return value }
        return try resource(name, at: path).map(resolver.reference(to:))
    }

    private func getAtt(_ argument: JSON, at path: TemplatePath) throws(TemplateError) -> JSON {
        let target: String
        let attribute: String
        switch argument {
        case .string(let text):
            guard let dot = text.firstIndex(of: ".") else {
                throw TemplateError(.format, at: path, "Template error: every Fn::GetAtt object requires two non-empty parameters")
            }
            target = String(text[..<dot])
            attribute = String(text[text.index(after: dot)...])
        case .array(let items) where items.count == 2:
            guard let name = items[0].stringValue else {
                throw TemplateError(.format, at: path / 0, "Template error: Fn::GetAtt names a resource with a string")
            }
            target = name
            attribute = try string(items[1], at: path / 1, in: "Fn::GetAtt")
        default:
            throw TemplateError(.format, at: path, "Template error: every Fn::GetAtt object requires two non-empty parameters")
        }
        return try self.attribute(attribute, of: target, at: path)
    }

    func attribute(_ attribute: String, of target: String, at path: TemplatePath) throws(TemplateError) -> JSON {
        guard let resource = try resource(target, at: path) else {
            throw TemplateError(.unresolved, at: path, "Template format error: Unresolved resource dependencies [\(target)] in the Resources block of the template")
        }
        guard let value = resolver.attribute(attribute, of: resource) else {
            throw TemplateError(.format, at: path, "Template error: resource \(target) does not support attribute type \(attribute) in Fn::GetAtt")
        }
        return value
    }

    /// The planned resource `name`; `nil` when nothing of that name exists.
    private func resource(_ name: String, at path: TemplatePath) throws(TemplateError) -> PlannedResource? {
        guard resourcesReferable else {
            throw TemplateError(.unresolved, at: path, "Template format error: Unresolved dependencies [\(name)]. Cannot reference resources in the Conditions block of the template")
        }
        if let planned = resources[name] { return planned }
        if let condition = excludedResources[name] {
            throw TemplateError(.unresolved, at: path, "Template format error: Unresolved resource dependencies [\(name)]: the resource is not created because condition \(condition) is false")
        }
        if declaredResources.contains(name) {
            throw TemplateError(.unresolved, at: path, "resource \(name) is referenced before it is planned")
        }
        throw TemplateError(.unresolved, at: path, "Template format error: Unresolved resource dependencies [\(name)] in the Resources block of the template")
    }

    // MARK: - Fn::Sub

    private func sub(_ argument: JSON, at path: TemplatePath) throws(TemplateError) -> JSON {
        let text: String
        var variables: [String: String] = [:]
        switch argument {
        case .string(let s): text = s
        case .array(let items) where items.count == 2:
            guard let s = items[0].stringValue else {
                throw TemplateError(.format, at: path / 0, "Template error: the first argument of Fn::Sub must be a string")
            }
            guard let map = items[1].objectValue else {
                throw TemplateError(.format, at: path / 1, "Template error: the second argument of Fn::Sub must be a map of variables")
            }
            text = s
            for (key, value) in map {
                variables[key] = try string(value, at: path / 1 / key, in: "Fn::Sub")
            }
        default:
            throw TemplateError(.format, at: path, "Template error: Fn::Sub takes a string or a list of a string and a map")
        }
        var out = ""
        for part in SubTemplate(text).parts {
            switch part {
            case .literal(let literal): out += literal
            case .variable(let name):
                if let value = variables[name] {
                    out += value
                } else {
                    out += try subVariable(name, at: path)
                }
            }
        }
        return .string(out)
    }

    private func subVariable(_ name: String, at path: TemplatePath) throws(TemplateError) -> String {
        let value: JSON?
        if let known = pseudoParameters[name] ?? parameters[name] {
            value = known
        } else if declaredResources.contains(name) {
            value = try resource(name, at: path).map(resolver.reference(to:))
        } else if let dot = name.firstIndex(of: "."), declaredResources.contains(String(name[..<dot])) {
            value = try attribute(String(name[name.index(after: dot)...]), of: String(name[..<dot]), at: path)
        } else {
            throw TemplateError(.unresolved, at: path, "Template format error: Unresolved resource dependencies [\(name)] in the Resources block of the template")
        }
        guard let text = value?.scalarText else {
            throw TemplateError(.format, at: path, "Template error: variable \(name) in Fn::Sub must resolve to a string, found \(value?.typeName ?? "AWS::NoValue")")
        }
        return text
    }
}
