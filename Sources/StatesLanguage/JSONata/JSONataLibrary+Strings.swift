import Foundation

extension JSONataLibrary {
    static let strings: [JSONataBuiltin] = [
        JSONataBuiltin("string", "<x-b?:s>") { (a, _) throws(JSONataError) in
            guard let value = a[argument: 0] else { return nil }
            let pretty = a[argument: 1].flatMap { if case .bool(let b) = $0 { b } else { nil } } ?? false
            return .string(try JSONataText.string(value, pretty: pretty))
        },
        JSONataBuiltin("length", "<s-:n>") { a, _ in
            a[argument: 0]?.string.map { .number(Double($0.unicodeScalars.count)) }
        },
        JSONataBuiltin("substring", "<s-nn?:s>") { a, _ in
            guard let s = a[argument: 0]?.string, let start = a[argument: 1]?.number else { return nil }
            return .string(substring(s, start, a[argument: 2]?.number))
        },
        JSONataBuiltin("substringBefore", "<s-s:s>") { a, _ in
            guard let s = a[argument: 0]?.string else { return nil }
            guard let chars = a[argument: 1]?.string, let r = s.range(of: chars) else { return .string(s) }
            return .string(String(s[..<r.lowerBound]))
        },
        JSONataBuiltin("substringAfter", "<s-s:s>") { a, _ in
            guard let s = a[argument: 0]?.string else { return nil }
            guard let chars = a[argument: 1]?.string, let r = s.range(of: chars) else { return .string(s) }
            return .string(String(s[r.upperBound...]))
        },
        JSONataBuiltin("uppercase", "<s-:s>") { a, _ in a[argument: 0]?.string.map { .string($0.uppercased()) } },
        JSONataBuiltin("lowercase", "<s-:s>") { a, _ in a[argument: 0]?.string.map { .string($0.lowercased()) } },
        JSONataBuiltin("trim", "<s-:s>") { a, _ in
            guard let s = a[argument: 0]?.string else { return nil }
            let collapsed = s.replacingOccurrences(of: "[ \t\n\r]+", with: " ", options: .regularExpression)
            return .string(collapsed.trimmingCharacters(in: CharacterSet(charactersIn: " ")))
        },
        JSONataBuiltin("pad", "<s-ns?:s>") { a, _ in
            guard let s = a[argument: 0]?.string, let width = a[argument: 1]?.number else { return nil }
            var padding = a[argument: 2]?.string ?? " "
            if padding.isEmpty { padding = " " }
            let length = s.unicodeScalars.count
            let missing = Int(abs(width)) - length
            guard missing > 0 else { return .string(s) }
            let fill = String(String.UnicodeScalarView(
                (0..<missing).map { Array(padding.unicodeScalars)[$0 % padding.unicodeScalars.count] }))
            return .string(width > 0 ? s + fill : fill + s)
        },
        JSONataBuiltin("contains", "<s-(sf):b>") { a, _ in
            guard let s = a[argument: 0]?.string else { return nil }
            if let re = JSONataRegex.regex(a[argument: 1]) {
                return .bool(!JSONataRegex.matches(re, in: s, limit: 1).isEmpty)
            }
            guard let t = a[argument: 1]?.string else { return nil }
            return .bool(t.isEmpty || s.contains(t))
        },
        JSONataBuiltin("split", "<s-(sf)n?:a<s>>", split),
        JSONataBuiltin("join", "<a<s>s?:s>") { a, _ in
            guard let items = a[argument: 0] else { return nil }
            let separator = a[argument: 1]?.string ?? ""
            return .string(items.items.compactMap(\.string).joined(separator: separator))
        },
        JSONataBuiltin("match", "<s-f<s:o>n?:a<o>>") { (a, _) throws(JSONataError) in
            guard let s = a[argument: 0]?.string else { return nil }
            let limit = try limitArgument(a[argument: 2], function: "match")
            guard let re = JSONataRegex.regex(a[argument: 1]) else { return nil }
            return .sequence(JSONataRegex.matches(re, in: s, limit: limit).map(JSONataRegex.matchObject))
        },
        JSONataBuiltin("replace", "<s-(sf)(sf)n?:s>", replace),
    ]

    static func limitArgument(_ value: JValue?, function: String) throws(JSONataError) -> Int? {
        guard let n = value?.number else { return nil }
        guard n >= 0 else {
            throw JSONataError("D3011", "Fourth argument of \(function) function must evaluate to a positive number")
        }
        return Int(n.rounded(.down))
    }

    static func substring(_ s: String, _ start: Double, _ length: Double?) -> String {
        let scalars = Array(s.unicodeScalars)
        let count = scalars.count
        var begin = Int(start.rounded(.towardZero))
        if begin < 0 { begin = max(0, count + begin) }
        begin = min(begin, count)
        var end = count
        if let length {
            if length <= 0 { return "" }
            end = min(count, begin + Int(length.rounded(.towardZero)))
        }
        guard begin < end else { return "" }
        return String(String.UnicodeScalarView(scalars[begin..<end]))
    }

    private static func split(_ a: [JValue?], _ call: JSONataCall) throws(JSONataError) -> JValue? {
        guard let s = a[argument: 0]?.string else { return nil }
        var limit: Int?
        if let n = a[argument: 2]?.number {
            guard n >= 0 else { throw JSONataError("D3020", "Third argument of split function must evaluate to a positive number") }
            limit = Int(n.rounded(.down))
        }
        var pieces: [String] = []
        if let re = JSONataRegex.regex(a[argument: 1]) {
            let ns = s as NSString
            var start = 0
            for m in JSONataRegex.matches(re, in: s) {
                pieces.append(ns.substring(with: NSRange(location: start, length: m.range.location - start)))
                start = m.range.location + m.range.length
            }
            pieces.append(ns.substring(from: start))
        } else if let separator = a[argument: 1]?.string {
            if separator.isEmpty {
                pieces = s.map { String($0) }
            } else {
                pieces = s.components(separatedBy: separator)
            }
        }
        if let limit { pieces = Array(pieces.prefix(limit)) }
        return .array(JArray(pieces.map { .string($0) }))
    }

    private static func replace(_ a: [JValue?], _ call: JSONataCall) throws(JSONataError) -> JValue? {
        guard let s = a[argument: 0]?.string else { return nil }
        let limit = try limitArgument(a[argument: 3], function: "replace")
        let re: NSRegularExpression
        if let r = JSONataRegex.regex(a[argument: 1]) {
            re = r
        } else if let pattern = a[argument: 1]?.string {
            guard !pattern.isEmpty else {
                throw JSONataError("D3010", "Second argument of replace function cannot be an empty string")
            }
            re = try JSONataEvaluator.regex(NSRegularExpression.escapedPattern(for: pattern), flags: "", at: nil)
        } else {
            return nil
        }
        let ns = s as NSString
        var out = ""
        var last = 0
        for m in JSONataRegex.matches(re, in: s, limit: limit) {
            out += ns.substring(with: NSRange(location: last, length: m.range.location - last))
            switch a[argument: 2] {
            case .string(let template)?:
                out += expand(template, m)
            case .function(let f)?:
                guard case .string(let r)? = try call.callback(f, [JSONataRegex.matchObject(m)]) else {
                    throw JSONataError("D3012", "Attempted to replace a matched string with a non-string value")
                }
                out += r
            default:
                return nil
            }
            last = m.range.location + m.range.length
        }
        out += ns.substring(from: last)
        return .string(out)
    }

    /// `$0`, `$1`… in a replacement string; `$$` is a literal `$`.
    private static func expand(_ template: String, _ m: JSONataRegex.Match) -> String {
        let chars = Array(template)
        var out = ""
        var i = 0
        while i < chars.count {
            guard chars[i] == "$", i + 1 < chars.count else {
                out.append(chars[i])
                i += 1
                continue
            }
            if chars[i + 1] == "$" {
                out.append("$")
                i += 2
                continue
            }
            var j = i + 1
            while j < chars.count, chars[j].isASCII, chars[j].isNumber { j += 1 }
            guard j > i + 1, var n = Int(String(chars[i + 1..<j])) else {
                out.append("$")
                i += 1
                continue
            }
            // Use the longest group number that exists, as JSONata does ("$12" with one group is "$1" then "2").
            var used = j
            while n > m.groups.count, n >= 10 {
                n /= 10
                used -= 1
            }
            if n == 0 {
                out += m.text
            } else if n <= m.groups.count {
                out += m.groups[n - 1]
            }
            i = used
        }
        return out
    }
}
