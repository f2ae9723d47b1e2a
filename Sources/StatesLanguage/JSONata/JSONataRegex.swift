import Foundation
import OrderedCollections

/// Regular-expression matching for `$match`, `$contains`, `$replace` and `$split`.
/// Offsets are UTF-16 offsets, as in JavaScript.
enum JSONataRegex {
    struct Match {
        var text: String
        var index: Int
        var range: NSRange
        var groups: [String]
    }

    static func matches(_ regex: NSRegularExpression, in s: String, limit: Int? = nil) -> [Match] {
        let ns = s as NSString
        var result: [Match] = []
        for m in regex.matches(in: s, range: NSRange(location: 0, length: ns.length)) {
            if let limit, result.count >= limit { break }
            var groups: [String] = []
            if m.numberOfRanges > 1 {
                for g in 1..<m.numberOfRanges {
                    let r = m.range(at: g)
                    groups.append(r.location == NSNotFound ? "" : ns.substring(with: r))
                }
            }
            result.append(Match(text: ns.substring(with: m.range), index: m.range.location, range: m.range, groups: groups))
        }
        return result
    }

    /// `{ match, index, groups }` as `$match` returns it.
    static func matchObject(_ m: Match) -> JValue {
        var o = OrderedDictionary<String, JValue>()
        o["match"] = .string(m.text)
        o["index"] = .number(Double(m.index))
        o["groups"] = .array(JArray(m.groups.map { .string($0) }))
        return .object(o)
    }

    /// The regex inside a function value, if it is one.
    static func regex(_ value: JValue?) -> NSRegularExpression? {
        if case .function(let f)? = value, case .regex(let r) = f.kind { return r }
        return nil
    }
}
