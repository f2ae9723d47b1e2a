import StatesLanguage
import Yams

/// YAML templates read into ``JSON``, with CloudFormation's short-form tags expanded.
///
/// `!Ref X` becomes `{"Ref": "X"}`, `!Condition X` becomes `{"Condition": "X"}`,
/// `!GetAtt A.B` becomes `{"Fn::GetAtt": ["A", "B"]}` and every other function tag `!F v` becomes
/// `{"Fn::F": v}` — the long forms CloudFormation documents as equivalent.
enum TemplateYAML {
    /// The function tags CloudFormation accepts in short form.
    static let functionTags: Set<String> = [
        "Base64", "Cidr", "FindInMap", "GetAtt", "GetAZs", "ImportValue", "Join", "Select", "Split",
        "Sub", "Transform", "If", "Equals", "Not", "And", "Or", "Length", "ToJsonString",
    ]

    static func parse(_ text: String) throws(TemplateError) -> JSON {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw TemplateError(.syntax, at: [], "the template is not valid YAML: \(describe(error))")
        } catch {
            throw TemplateError(.syntax, at: [], "the template is not valid YAML: \(error)")
        }
        guard let root else {
            throw TemplateError(.format, at: [], "Template format error: the template is empty")
        }
        return try convert(root, at: [])
    }

    private static func describe(_ error: YamlError) -> String {
        switch error {
        case let .scanner(_, problem, mark, _), let .parser(_, problem, mark, _), let .composer(_, problem, mark, _):
            return "\(problem) at line \(mark.line), column \(mark.column)"
        case let .duplicatedKeysInMapping(duplicates, context):
            return "duplicate key \(duplicates.joined(separator: ", ")) at line \(context.mark.line)"
        default:
            return "\(error)"
        }
    }

    static func convert(_ node: Node, at path: TemplatePath) throws(TemplateError) -> JSON {
        let tag: String
        switch node {
        case .scalar(let scalar): tag = scalar.tag.rawValue
        case .mapping(let mapping): tag = mapping.tag.rawValue
        case .sequence(let sequence): tag = sequence.tag.rawValue
        case .alias: throw TemplateError(.syntax, at: path, "unresolved YAML alias")
        }
        if tag.hasPrefix("!") && tag != "!" {
            return try intrinsic(String(tag.dropFirst()), node, at: path)
        }
        return try plain(node, tag: tag, at: path)
    }

    private static func plain(_ node: Node, tag: String, at path: TemplatePath) throws(TemplateError) -> JSON {
        switch node {
        case .scalar(let scalar):
            return scalarValue(scalar, tag: tag)
        case .sequence(let sequence):
            var items: [JSON] = []
            items.reserveCapacity(sequence.count)
            for (i, item) in sequence.enumerated() { items.append(try convert(item, at: path / i)) }
            return .array(items)
        case .mapping(let mapping):
            var object: JSONObject = [:]
            for (key, value) in mapping {
                guard case .scalar(let keyScalar) = key else {
                    throw TemplateError(.syntax, at: path, "mapping keys must be plain strings")
                }
                object[keyScalar.string] = try convert(value, at: path / keyScalar.string)
            }
            return .object(object)
        case .alias:
            throw TemplateError(.syntax, at: path, "unresolved YAML alias")
        }
    }

    /// A short-form tag as its long form.
    private static func intrinsic(_ name: String, _ node: Node, at path: TemplatePath) throws(TemplateError) -> JSON {
        let value = try plain(node, tag: "", at: path)
        switch name {
        case "Ref":
            return ["Ref": value]
        case "Condition":
            return ["Condition": value]
        case "GetAtt":
            // `!GetAtt A.B.C` names attribute `B.C` of resource `A`: split at the first dot only.
            if case .string(let text) = value, let dot = text.firstIndex(of: ".") {
                return ["Fn::GetAtt": [.string(String(text[..<dot])), .string(String(text[text.index(after: dot)...]))]]
            }
            return ["Fn::GetAtt": value]
        case _ where functionTags.contains(name):
            return .object(["Fn::\(name)": value])
        default:
            throw TemplateError(.syntax, at: path, "unknown YAML tag !\(name)")
        }
    }

    /// A scalar's value. Quoted scalars are strings; plain ones follow YAML's core schema, except
    /// that numbers with leading zeros (account IDs) and dates stay text, since CloudFormation
    /// passes properties on as text anyway.
    private static func scalarValue(_ scalar: Node.Scalar, tag: String) -> JSON {
        let text = scalar.string
        switch tag {
        case Tag.Name.str.rawValue, "!": return .string(text)
        case Tag.Name.null.rawValue: return .null
        case Tag.Name.bool.rawValue: return plainScalar(text, style: .plain)
        case Tag.Name.int.rawValue, Tag.Name.float.rawValue: return plainScalar(text, style: .plain)
        case "": return plainScalar(text, style: scalar.style)
        default: return .string(text)
        }
    }

    private static func plainScalar(_ text: String, style: Node.Scalar.Style) -> JSON {
        guard style == .plain || style == .any else { return .string(text) }
        switch text {
        case "", "~", "null", "Null", "NULL": return .null
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        default: break
        }
        if let number = number(text) { return .number(number) }
        return .string(text)
    }

    private static func number(_ text: String) -> JSONNumber? {
        var digits = Substring(text)
        if digits.first == "-" || digits.first == "+" { digits = digits.dropFirst() }
        guard let first = digits.first, first.isASCII, first.isNumber || first == "." else { return nil }
        if digits.allSatisfy({ $0.isASCII && $0.isNumber }) {
            if digits.count > 1 && digits.first == "0" { return nil }
            return Int(text).map(JSONNumber.int) ?? Double(text).map(JSONNumber.double)
        }
        let allowed = Set("0123456789.eE+-")
        guard digits.allSatisfy({ allowed.contains($0) }), let value = Double(text), value.isFinite else { return nil }
        return .double(value)
    }
}
