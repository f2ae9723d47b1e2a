import StatesLanguage

/// Compares an expected recorded value with an actual one, the way the conformance
/// runner does: numbers by value, booleans apart from numbers, object key order ignored,
/// arrays in order, some locations' values ignored.
enum ConformanceComparison {
    enum PathToken: Hashable { case key(String), index(Int) }

    static func difference(_ expected: JSON, _ actual: JSON, ignoring ignored: Set<[PathToken]>, at path: [PathToken] = []) -> String? {
        if ignored.contains(path) { return nil }
        switch (expected, actual) {
        case let (.number(a), .number(b)):
            return a == b ? nil : "\(describe(path)): expected \(a), got \(b)"
        case let (.object(a), .object(b)):
            let missing = a.keys.filter { b[$0] == nil }
            let extra = b.keys.filter { a[$0] == nil }
            if !missing.isEmpty || !extra.isEmpty {
                return "\(describe(path)): keys differ (missing \(Array(missing.prefix(5))), unexpected \(Array(extra.prefix(5))))"
            }
            for (key, value) in a {
                if let d = difference(value, b[key]!, ignoring: ignored, at: path + [.key(key)]) { return d }
            }
            return nil
        case let (.array(a), .array(b)):
            if a.count != b.count { return "\(describe(path)): expected \(a.count) items, got \(b.count)" }
            for (i, pair) in zip(a, b).enumerated() {
                if let d = difference(pair.0, pair.1, ignoring: ignored, at: path + [.index(i)]) { return d }
            }
            return nil
        default:
            if expected == actual { return nil }
            return "\(describe(path)): expected \(short(expected)), got \(short(actual))"
        }
    }

    static func describe(_ path: [PathToken]) -> String {
        var out = "$"
        for token in path {
            switch token {
            case .index(let i): out += "[\(i)]"
            case .key(let k): out += "[\(JSON.string(k).serialized)]"
            }
        }
        return out
    }

    static func short(_ value: JSON) -> String {
        let text = value.serialized
        return text.count <= 160 ? text : String(text.prefix(160)) + "..."
    }

    /// `$.a.b[0]["x y"]` → tokens.
    static func parsePath(_ text: String) -> [PathToken]? {
        var chars = Substring(text)
        guard chars.first == "$" else { return nil }
        chars = chars.dropFirst()
        var tokens: [PathToken] = []
        while let c = chars.first {
            if c == "." {
                chars = chars.dropFirst()
                let name = chars.prefix { $0 != "." && $0 != "[" }
                tokens.append(.key(String(name)))
                chars = chars.dropFirst(name.count)
            } else if c == "[" {
                chars = chars.dropFirst()
                if chars.first == "\"" {
                    // A JSON string literal up to the closing quote.
                    var end = chars.index(after: chars.startIndex)
                    while end < chars.endIndex, chars[end] != "\"" {
                        if chars[end] == "\\" { end = chars.index(after: end) }
                        end = chars.index(after: end)
                    }
                    guard end < chars.endIndex, let key = try? JSON(parsing: String(chars[...end])).stringValue else { return nil }
                    tokens.append(.key(key))
                    chars = chars[chars.index(after: end)...]
                    guard chars.first == "]" else { return nil }
                    chars = chars.dropFirst()
                } else {
                    let digits = chars.prefix { $0 != "]" }
                    guard let i = Int(digits) else { return nil }
                    tokens.append(.index(i))
                    chars = chars.dropFirst(digits.count + 1)
                }
            } else {
                return nil
            }
        }
        return tokens
    }

    /// Drops `keys` at any depth.
    static func dropping(_ keys: Set<String>, from value: JSON) -> JSON {
        switch value {
        case .object(let o):
            var out = JSONObject()
            for (k, v) in o where !keys.contains(k) { out[k] = dropping(keys, from: v) }
            return .object(out)
        case .array(let a): return .array(a.map { dropping(keys, from: $0) })
        default: return value
        }
    }
}
