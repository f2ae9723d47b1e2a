import Foundation
import StatesLanguage

/// Parameter values for one deploy: overrides, else defaults, checked against the declarations.
public struct ParameterValues: Sendable, Equatable {
    /// What `Ref` returns for each parameter: a string, or a list of strings for
    /// `CommaDelimitedList` and `List<…>` types. A `Number` is text too, as CloudFormation hands it on.
    public var values: [String: JSON]

    /// Parses `--parameter-overrides` arguments: `Key=Value` (SAM's short form) or
    /// `ParameterKey=Key,ParameterValue=Value` (the CloudFormation CLI's form).
    public static func parseOverrides(_ arguments: [String]) throws(TemplateError) -> [String: String] {
        var overrides: [String: String] = [:]
        for argument in arguments {
            if argument.hasPrefix("ParameterKey="), let comma = argument.range(of: ",ParameterValue=") {
                let key = argument[argument.index(argument.startIndex, offsetBy: 13)..<comma.lowerBound]
                overrides[String(key)] = String(argument[comma.upperBound...])
                continue
            }
            guard let equals = argument.firstIndex(of: "="), equals != argument.startIndex else {
                throw TemplateError(.parameter, at: ["Parameters"], "parameter override '\(argument)' is not of the form Key=Value")
            }
            overrides[String(argument[..<equals])] = String(argument[argument.index(after: equals)...])
        }
        return overrides
    }

    /// Resolves every declared parameter, as CloudFormation validates them at stack creation.
    public init(declarations: [ParameterDeclaration], overrides: [String: String]) throws(TemplateError) {
        let declared = Set(declarations.map(\.name))
        let unknown = overrides.keys.filter { !declared.contains($0) }.sorted()
        if !unknown.isEmpty {
            throw TemplateError(.parameter, at: ["Parameters"], "Parameters: [\(unknown.joined(separator: ", "))] do not exist in the template")
        }
        let missing = declarations.filter { overrides[$0.name] == nil && $0.defaultValue == nil }.map(\.name)
        if !missing.isEmpty {
            throw TemplateError(.parameter, at: ["Parameters"], "Parameters: [\(missing.joined(separator: ", "))] must have values")
        }
        var values: [String: JSON] = [:]
        for declaration in declarations {
            let text = overrides[declaration.name] ?? declaration.defaultValue ?? ""
            values[declaration.name] = try Self.value(text, of: declaration)
        }
        self.values = values
    }

    private static func value(_ text: String, of declaration: ParameterDeclaration) throws(TemplateError) -> JSON {
        let path: TemplatePath = ["Parameters", declaration.name]
        let type = declaration.type
        if type.hasPrefix("AWS::SSM::Parameter::") {
            throw TemplateError(.unsupported, at: path / "Type", "parameter type \(type) reads AWS Systems Manager, which a local deploy has no access to; declare the parameter as String")
        }
        let isList = type == "CommaDelimitedList" || type.hasPrefix("List<")
        let items = isList ? (text.isEmpty ? [] : text.components(separatedBy: ",")) : [text]
        let isNumber = type == "Number" || type == "List<Number>"
        for item in items {
            try check(item, isNumber: isNumber, against: declaration, at: path)
        }
        return isList ? .array(items.map(JSON.string)) : .string(text)
    }

    private static func check(_ item: String, isNumber: Bool, against declaration: ParameterDeclaration,
                              at path: TemplatePath) throws(TemplateError) {
        let name = declaration.name
        func fail(_ rule: String) -> TemplateError {
            TemplateError(.parameter, at: path, declaration.constraintDescription.map { "Parameter '\(name)' \($0)" } ?? "Parameter '\(name)' \(rule)")
        }
        if let allowed = declaration.allowedValues, !allowed.contains(item) {
            throw fail("must be one of AllowedValues")
        }
        if isNumber {
            guard let number = Double(item.trimmingCharacters(in: .whitespaces)) else { throw fail("must be a number") }
            if let min = declaration.minValue, number < min { throw fail("must be a number not less than \(JSONNumber.double(min))") }
            if let max = declaration.maxValue, number > max { throw fail("must be a number not greater than \(JSONNumber.double(max))") }
        } else {
            if let min = declaration.minLength, item.count < min { throw fail("must contain at least \(min) characters") }
            if let max = declaration.maxLength, item.count > max { throw fail("must contain at most \(max) characters") }
        }
        if let pattern = declaration.allowedPattern {
            guard let regex = try? NSRegularExpression(pattern: "^(?:\(pattern))$") else {
                throw TemplateError(.format, at: path / "AllowedPattern", "AllowedPattern is not a valid regular expression")
            }
            let range = NSRange(item.startIndex..., in: item)
            if regex.firstMatch(in: item, range: range) == nil { throw fail("must match pattern \(pattern)") }
        }
    }
}
