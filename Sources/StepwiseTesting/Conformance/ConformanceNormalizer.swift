import Foundation
import StatesLanguage

/// The deterministic normalisations the recorded AWS snapshots went through, applied to
/// an actual value before comparing (see the conformance README): ISO-8601 timestamps
/// with a zone become `"date"`, and values under keys containing `timestamp` that are
/// not such timestamps become `"timestamp"`.
enum ConformanceNormalizer {
    static let iso8601 = try! NSRegularExpression(pattern:
        "(?:[1-9]\\d{3}-(?:(?:0[1-9]|1[0-2])-(?:0[1-9]|1\\d|2[0-8])|(?:0[13-9]|1[0-2])-(?:29|30)|(?:0[13578]|1[02])-31)"
        + "|(?:[1-9]\\d(?:0[48]|[2468][048]|[13579][26])|(?:[2468][048]|[13579][26])00)-02-29)"
        + "T(?:[01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d(?:\\.\\d{1,9})?(?:Z|[+-][01]\\d:?([0-5]\\d)?)")

    static func normalise(_ value: JSON) -> JSON {
        var value = value
        if case .object = value { value = timestampKeys(value) }
        return dates(value)
    }

    private static func isISO(_ text: String) -> Bool {
        let range = NSRange(text.startIndex..., in: text)
        guard let match = iso8601.firstMatch(in: text, range: range) else { return false }
        return match.range.location == 0
    }

    private static func timestampKeys(_ value: JSON) -> JSON {
        guard case .object(let object) = value else { return value }
        var out = JSONObject()
        for (key, member) in object {
            let text = member.stringValue ?? member.serializedPythonish
            if key.lowercased().contains("timestamp") && !isISO(text) {
                out[key] = "timestamp"
            } else if case .object = member {
                out[key] = timestampKeys(member)
            } else if case .array(let items) = member {
                out[key] = .array(items.map { if case .object = $0 { timestampKeys($0) } else { $0 } })
            } else {
                out[key] = member
            }
        }
        return .object(out)
    }

    private static func dates(_ value: JSON) -> JSON {
        switch value {
        case .string(let s): return .string(replaceDates(s))
        case .array(let a): return .array(a.map(dates))
        case .object(let o):
            var out = JSONObject()
            for (k, v) in o { out[replaceDates(k)] = dates(v) }
            return .object(out)
        default: return value
        }
    }

    private static func replaceDates(_ s: String) -> String {
        guard s.count >= 19 else { return s }
        let range = NSRange(s.startIndex..., in: s)
        return iso8601.stringByReplacingMatches(in: s, range: range, withTemplate: "date")
    }
}

extension JSON {
    /// Python's `str()` of the value, close enough for the timestamp-key rule.
    var serializedPythonish: String { serialized }
}
