import Foundation
import StatesLanguage

/// Lambda's event filtering (`FilterCriteria`): a record passes when it matches any of the
/// filters' patterns. For SQS records a JSON `body` is matched as JSON; records that pass no
/// filter are deleted without invoking the function, as Lambda does for SQS sources.
///
/// Supported in patterns: literal values (strings, numbers, booleans, null), `prefix`,
/// `suffix`, `equals-ignore-case`, `exists`, `anything-but` (a value, a list, or a prefix)
/// and `numeric` comparisons.
struct EventFilter: Sendable {
    let patterns: [JSON]

    /// The filters of Lambda's `FilterCriteria` JSON text; nil when there are none.
    init?(criteria text: String?) {
        guard let text, let criteria = try? JSON(parsing: text),
              let filters = criteria["Filters"]?.arrayValue, !filters.isEmpty else { return nil }
        patterns = filters.compactMap { filter in filter["Pattern"]?.stringValue.flatMap { try? JSON(parsing: $0) } }
    }

    /// Whether the SQS record (Lambda's shape) passes.
    func passes(_ record: JSON) -> Bool {
        guard var fields = record.objectValue else { return false }
        if let body = fields["body"]?.stringValue, let parsed = try? JSON(parsing: body), parsed.objectValue != nil {
            fields["body"] = parsed
        }
        let subject = JSON.object(fields)
        return patterns.contains { Self.matches(subject, pattern: $0) }
    }

    static func matches(_ value: JSON?, pattern: JSON) -> Bool {
        switch pattern {
        case .object(let members):
            for (key, expected) in members {
                let field = value?[key]
                if expected.objectValue != nil {
                    guard field?.objectValue != nil, matches(field, pattern: expected) else { return false }
                } else if let rules = expected.arrayValue {
                    guard matchesAny(field, rules) else { return false }
                } else {
                    return false
                }
            }
            return true
        default:
            return false
        }
    }

    /// A leaf: the field (or one of its elements, for an array) matches one of the rules.
    private static func matchesAny(_ field: JSON?, _ rules: [JSON]) -> Bool {
        let candidates: [JSON?] = field?.arrayValue.map { $0.map { Optional($0) } } ?? [field]
        return rules.contains { rule in candidates.contains { matches(candidate: $0, rule: rule) } }
    }

    private static func matches(candidate: JSON?, rule: JSON) -> Bool {
        guard case .object(let operation) = rule, operation.count == 1, let first = operation.elements.first else {
            return candidate == rule
        }
        let (name, argument) = (first.key, first.value)
        switch name {
        case "exists": return (candidate != nil) == (argument.boolValue ?? true)
        case "prefix": return text(candidate).map { $0.hasPrefix(argument.stringValue ?? "\u{0}") } ?? false
        case "suffix": return text(candidate).map { $0.hasSuffix(argument.stringValue ?? "\u{0}") } ?? false
        case "equals-ignore-case":
            return text(candidate).map { $0.lowercased() == argument.stringValue?.lowercased() } ?? false
        case "anything-but":
            guard let candidate else { return false }
            if let list = argument.arrayValue { return !list.contains(candidate) }
            if let prefix = argument["prefix"]?.stringValue { return !(text(candidate)?.hasPrefix(prefix) ?? false) }
            return candidate != argument
        case "numeric":
            guard let number = candidate?.numberValue?.doubleValue, let terms = argument.arrayValue, terms.count.isMultiple(of: 2) else { return false }
            return stride(from: 0, to: terms.count, by: 2).allSatisfy { index in
                guard let op = terms[index].stringValue, let bound = terms[index + 1].numberValue?.doubleValue else { return false }
                switch op {
                case "=": return number == bound
                case "<": return number < bound
                case "<=": return number <= bound
                case ">": return number > bound
                case ">=": return number >= bound
                default: return false
                }
            }
        default:
            return false
        }
    }

    private static func text(_ value: JSON?) -> String? { value?.stringValue }
}
