import Foundation
import StatesLanguage

extension IntrinsicEvaluator {
    /// `Fn::Join: [delimiter, [values]]`.
    func join(_ argument: JSON, at path: TemplatePath) throws(TemplateError) -> JSON {
        let arguments = try arguments(argument, count: 2...2, at: path, in: "Fn::Join")
        guard let delimiter = arguments[0].stringValue else {
            throw TemplateError(.format, at: path / 0, "Template error: the delimiter of Fn::Join must be a string")
        }
        let items = try list(arguments[1], at: path / 1, in: "Fn::Join")
        var parts: [String] = []
        for (i, item) in items.enumerated() {
            guard let text = item.scalarText else {
                throw TemplateError(.format, at: path / 1 / i, "Template error: every Fn::Join object requires a list of strings, found \(item.typeName)")
            }
            parts.append(text)
        }
        return .string(parts.joined(separator: delimiter))
    }

    /// `Fn::Select: [index, [values]]`.
    func select(_ argument: JSON, at path: TemplatePath) throws(TemplateError) -> JSON {
        let arguments = try arguments(argument, count: 2...2, at: path, in: "Fn::Select")
        let indexText = try string(arguments[0], at: path / 0, in: "Fn::Select")
        guard let index = Int(indexText) else {
            throw TemplateError(.format, at: path / 0, "Template error: Fn::Select requires an integer index, found \(indexText)")
        }
        let items = try list(arguments[1], at: path / 1, in: "Fn::Select")
        guard items.indices.contains(index) else {
            throw TemplateError(.format, at: path, "Template error: Fn::Select cannot select nonexistent value at index \(index)")
        }
        return items[index]
    }

    /// `Fn::Split: [delimiter, text]`.
    func split(_ argument: JSON, at path: TemplatePath) throws(TemplateError) -> JSON {
        let arguments = try arguments(argument, count: 2...2, at: path, in: "Fn::Split")
        guard let delimiter = arguments[0].stringValue, !delimiter.isEmpty else {
            throw TemplateError(.format, at: path / 0, "Template error: the delimiter of Fn::Split must be a non-empty string")
        }
        let text = try string(arguments[1], at: path / 1, in: "Fn::Split")
        return .array(text.components(separatedBy: delimiter).map(JSON.string))
    }

    /// `Fn::FindInMap: [MapName, TopLevelKey, SecondLevelKey]`, with the optional fourth
    /// `{DefaultValue: …}` of the language extensions.
    func findInMap(_ argument: JSON, at path: TemplatePath) throws(TemplateError) -> JSON {
        let arguments = try arguments(argument, count: 3...4, at: path, in: "Fn::FindInMap")
        let mapName = try string(arguments[0], at: path / 0, in: "Fn::FindInMap")
        let topKey = try string(arguments[1], at: path / 1, in: "Fn::FindInMap")
        let secondKey = try string(arguments[2], at: path / 2, in: "Fn::FindInMap")
        if let value = mappings[mapName]?[topKey]?[secondKey] { return value }
        if arguments.count == 4, let fallback = arguments[3]["DefaultValue"] {
            return try required(fallback, at: path / 3 / "DefaultValue", in: "Fn::FindInMap")
        }
        guard mappings[mapName] != nil else {
            throw TemplateError(.format, at: path / 0, "Template error: Unable to get mapping for \(mapName)")
        }
        throw TemplateError(.format, at: path, "Template error: Unable to get mapping for \(mapName)::\(topKey)::\(secondKey)")
    }

    /// `Fn::GetAZs: region`: three zones `REGIONa…c` of the deploy region (an empty string means it).
    func getAZs(_ argument: JSON, at path: TemplatePath) throws(TemplateError) -> JSON {
        var name = try string(argument, at: path, in: "Fn::GetAZs")
        if name.isEmpty { name = region }
        return .array(["a", "b", "c"].map { JSON.string(name + $0) })
    }

    // MARK: - Conditions

    /// `Fn::If: [condition, whenTrue, whenFalse]`; only the branch taken is evaluated.
    func ifFunction(_ argument: JSON, at path: TemplatePath) throws(TemplateError) -> JSON? {
        let arguments = try arguments(argument, count: 3...3, at: path, in: "Fn::If")
        guard let name = arguments[0].stringValue else {
            throw TemplateError(.format, at: path / 0, "Template error: Fn::If requires a condition name as its first argument")
        }
        guard let value = conditions[name] else {
            throw TemplateError(.unresolved, at: path / 0, "Template format error: Unresolved condition dependency \(name) in Fn::If")
        }
        return value ? try evaluate(arguments[1], at: path / 1) : try evaluate(arguments[2], at: path / 2)
    }

    /// A condition function (`Fn::Equals`, `Fn::And`, `Fn::Or`, `Fn::Not`, `{"Condition": name}`)
    /// or a literal boolean.
    func condition(_ value: JSON, at path: TemplatePath) throws(TemplateError) -> Bool {
        if case .bool(let literal) = value { return literal }
        if case .string(let text) = value, let literal = Bool(text.lowercased()) { return literal }
        guard case .object(let object) = value, object.count == 1, let name = object.keys.first,
              let argument = object.values.first else {
            throw TemplateError(.format, at: path, "Template error: a condition must be Fn::Equals, Fn::And, Fn::Or, Fn::Not or Condition")
        }
        let here = path / name
        switch name {
        case "Condition":
            guard let conditionName = argument.stringValue else {
                throw TemplateError(.format, at: here, "Template error: Condition must name a condition")
            }
            guard let result = conditions[conditionName] else {
                throw TemplateError(.unresolved, at: here, "Template format error: Unresolved dependencies [\(conditionName)]. Cannot reference resources in the Conditions block of the template")
            }
            return result
        case "Fn::Equals":
            let arguments = try arguments(argument, count: 2...2, at: here, in: name)
            let left = try required(arguments[0], at: here / 0, in: name)
            let right = try required(arguments[1], at: here / 1, in: name)
            if let l = left.scalarText, let r = right.scalarText { return l == r }
            return left == right
        case "Fn::Not":
            let arguments = try arguments(argument, count: 1...1, at: here, in: name)
            return !(try condition(arguments[0], at: here / 0))
        case "Fn::And", "Fn::Or":
            let arguments = try arguments(argument, count: 2...10, at: here, in: name)
            var results: [Bool] = []
            for (i, item) in arguments.enumerated() { results.append(try condition(item, at: here / i)) }
            return name == "Fn::And" ? results.allSatisfy { $0 } : results.contains(true)
        default:
            guard let result = try evaluate(value, at: path) else {
                throw TemplateError(.format, at: path, "Template error: a condition cannot be AWS::NoValue")
            }
            guard case .bool(let b) = result else {
                throw TemplateError(.format, at: path, "Template error: a condition must be Fn::Equals, Fn::And, Fn::Or, Fn::Not or Condition")
            }
            return b
        }
    }
}
