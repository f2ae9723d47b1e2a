import Foundation

extension JSONataLibrary {
    static let numbers: [JSONataBuiltin] = [
        JSONataBuiltin("number", "<(nsb)-:n>") { (a, _) throws(JSONataError) in
            guard let value = a[argument: 0] else { return nil }
            switch value {
            case .number: return value
            case .bool(let b): return .number(b ? 1 : 0)
            case .string(let s):
                if let d = JSONataLibrary.parseNumber(s) { return .number(d) }
                throw JSONataError("D3030", "Unable to cast value to a number: \(JSONataText.describe(value))")
            default:
                throw JSONataError("D3030", "Unable to cast value to a number: \(JSONataText.describe(value))")
            }
        },
        JSONataBuiltin("abs", "<n-:n>") { a, _ in a[argument: 0]?.number.map { .number(abs($0)) } },
        JSONataBuiltin("floor", "<n-:n>") { a, _ in a[argument: 0]?.number.map { .number(($0.rounded(.down)) + 0) } },
        JSONataBuiltin("ceil", "<n-:n>") { a, _ in a[argument: 0]?.number.map { .number(($0.rounded(.up)) + 0) } },
        JSONataBuiltin("round", "<n-n?:n>") { a, _ in
            guard let d = a[argument: 0]?.number else { return nil }
            return .number(JSONataLibrary.round(d, precision: Int(a[argument: 1]?.number ?? 0)))
        },
        JSONataBuiltin("sqrt", "<n-:n>") { (a, _) throws(JSONataError) in
            guard let d = a[argument: 0]?.number else { return nil }
            guard d >= 0 else { throw JSONataError("D3060", "The sqrt function cannot be applied to a negative number: \(JSONataText.number(d))") }
            return .number(d.squareRoot())
        },
        JSONataBuiltin("power", "<n-n:n>") { (a, _) throws(JSONataError) in
            guard let base = a[argument: 0]?.number, let exponent = a[argument: 1]?.number else { return nil }
            let result = pow(base, exponent)
            guard result.isFinite else {
                throw JSONataError("D3061", "The power function has resulted in a value that cannot be represented as a JSON number: base=\(JSONataText.number(base)), exponent=\(JSONataText.number(exponent))")
            }
            return .number(result)
        },
        JSONataBuiltin("formatBase", "<n-n?:s>") { (a, _) throws(JSONataError) in
            guard let d = a[argument: 0]?.number else { return nil }
            let radix = Int(a[argument: 1]?.number ?? 10)
            guard (2...36).contains(radix) else {
                throw JSONataError("D3100", "The radix of the formatBase function must be between 2 and 36.  It was given \(radix)")
            }
            let value = JSONataLibrary.round(d, precision: 0)
            guard abs(value) < 9.2e18 else { return .string(JSONataText.number(value)) }
            return .string(String(Int(value), radix: radix))
        },
        JSONataBuiltin("formatNumber", "<n-so?:s>") { (a, _) throws(JSONataError) in
            guard let d = a[argument: 0]?.number, let picture = a[argument: 1]?.string else { return nil }
            var options: [String: String] = [:]
            if case .object(let o)? = a[argument: 2] {
                for (k, v) in o { if let s = v.string { options[k] = s } }
            }
            return .string(try JSONataNumberFormat(picture, options: options).format(d))
        },
        JSONataBuiltin("boolean", "<x-:b>") { a, _ in JValue.truthy(a[argument: 0]).map { .bool($0) } },
        JSONataBuiltin("not", "<x-:b>") { a, _ in JValue.truthy(a[argument: 0]).map { .bool(!$0) } },
        JSONataBuiltin("exists", "<x:b>") { a, _ in .bool(a[argument: 0] != nil) },
    ]

    static let aggregates: [JSONataBuiltin] = [
        JSONataBuiltin("sum", "<a<n>:n>") { a, _ in
            a[argument: 0].map { .number($0.items.reduce(0) { $0 + ($1.number ?? 0) }) }
        },
        JSONataBuiltin("max", "<a<n>:n>") { a, _ in
            a[argument: 0]?.items.compactMap(\.number).max().map { .number($0) }
        },
        JSONataBuiltin("min", "<a<n>:n>") { a, _ in
            a[argument: 0]?.items.compactMap(\.number).min().map { .number($0) }
        },
        JSONataBuiltin("average", "<a<n>:n>") { a, _ in
            guard let items = a[argument: 0]?.items, !items.isEmpty else { return nil }
            return .number(items.reduce(0) { $0 + ($1.number ?? 0) } / Double(items.count))
        },
        JSONataBuiltin("count", "<a:n>") { a, _ in .number(Double(a[argument: 0]?.items.count ?? 0)) },
    ]

    /// JSON's number syntax, which is what `$number` accepts, plus JSONata 2's `0x`, `0o`, `0b`.
    static func parseNumber(_ s: String) -> Double? {
        let json = #"^-?(0|[1-9][0-9]*)(\.[0-9]+)?([Ee][-+]?[0-9]+)?$"#
        if s.range(of: json, options: .regularExpression) != nil {
            return Double(s).flatMap { $0.isFinite ? $0 : nil }
        }
        for (prefix, radix) in [("0x", 16), ("0X", 16), ("0o", 8), ("0O", 8), ("0b", 2), ("0B", 2)] where s.hasPrefix(prefix) {
            return Int(s.dropFirst(2), radix: radix).map(Double.init)
        }
        return nil
    }

    /// JSONata's `$round`: half to even, at `precision` decimal places, computed on the
    /// decimal text to avoid binary error.
    static func round(_ d: Double, precision: Int) -> Double {
        var value = d
        if precision != 0 { value = shift(value, by: precision) }
        var result = (value + 0.5).rounded(.down)
        if abs(result - value) == 0.5, abs(result.truncatingRemainder(dividingBy: 2)) == 1 { result -= 1 }
        if precision != 0 { result = shift(result, by: -precision) }
        return result == 0 ? 0 : result
    }

    /// `d × 10^places` by moving the exponent of its decimal text.
    private static func shift(_ d: Double, by places: Int) -> Double {
        let text = JSONataText.number(d)
        let parts = text.split(separator: "e", maxSplits: 1)
        let exponent = (parts.count > 1 ? Int(parts[1]) ?? 0 : 0) + places
        return Double("\(parts[0])e\(exponent)") ?? d
    }
}
