import Foundation

/// Numbers and values as JavaScript prints them, which is what JSONata's `$string`,
/// `&` and error messages show.
enum JSONataText {
    /// JavaScript's `Number.prototype.toString()`: `1`, `1.5`, `1e+21`, `1e-7`.
    static func number(_ d: Double) -> String {
        if d.isNaN { return "NaN" }
        if d.isInfinite { return d < 0 ? "-Infinity" : "Infinity" }
        if d == 0 { return "0" }
        let (digits, exponent) = shortestDigits(abs(d))  // value = 0.d1d2… × 10^exponent
        let sign = d < 0 ? "-" : ""
        let k = digits.count
        if k <= exponent && exponent <= 21 {
            return sign + digits + String(repeating: "0", count: exponent - k)
        }
        if 0 < exponent && exponent <= 21 {
            let i = digits.index(digits.startIndex, offsetBy: exponent)
            return sign + digits[..<i] + "." + digits[i...]
        }
        if -6 < exponent && exponent <= 0 {
            return sign + "0." + String(repeating: "0", count: -exponent) + digits
        }
        let e = exponent - 1
        let mantissa = k == 1 ? digits : String(digits.prefix(1)) + "." + digits.dropFirst()
        return sign + mantissa + "e" + (e >= 0 ? "+" : "-") + String(abs(e))
    }

    /// The shortest round-trip digits of `d` (> 0) and the decimal exponent `n` with
    /// `d = 0.digits × 10^n`.
    private static func shortestDigits(_ d: Double) -> (String, Int) {
        let (digits, firstDigitPower) = JSONNumber.shortestDigits(d)
        return (String(digits), firstDigitPower + 1)
    }

    /// The value rounded to 15 significant digits, as `$string` does to hide binary noise.
    static func precision15(_ d: Double) -> Double {
        guard d.isFinite, d != 0 else { return d }
        return Double(String(format: "%.15g", d)) ?? d
    }

    static func isInteger(_ value: JValue) -> Bool {
        guard case .number(let d) = value else { return false }
        return d.isFinite && d.rounded(.towardZero) == d
    }

    /// Orders strings as JavaScript's `<` does, by UTF-16 code units.
    static func less(_ a: String, _ b: String) -> Bool {
        a.utf16.lexicographicallyPrecedes(b.utf16)
    }

    /// `$string`: strings as they are, everything else as compact JSON; undefined is "".
    static func string(_ value: JValue?, pretty: Bool = false) throws(JSONataError) -> String {
        guard let value else { return "" }
        switch value {
        case .string(let s): return s
        case .function: return ""
        case .number(let d):
            guard d.isFinite else {
                throw JSONataError("D3001", "Attempting to invoke string function on Infinity or NaN")
            }
            return number(precision15(d))
        default:
            var out = ""
            stringify(value, into: &out, indent: pretty ? 0 : nil)
            return out
        }
    }

    /// `JSON.stringify` with JSONata's replacer: 15-digit numbers, functions as "".
    static func stringify(_ value: JValue, into out: inout String, indent: Int?) {
        let newline = indent.map { "\n" + String(repeating: "  ", count: $0 + 1) } ?? ""
        let closing = indent.map { "\n" + String(repeating: "  ", count: $0) } ?? ""
        let inner = indent.map { $0 + 1 }
        switch value {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let d): out += d.isFinite ? number(precision15(d)) : "null"
        case .string(let s): quote(s, into: &out)
        case .function: out += "\"\""
        case .array(let a):
            if a.items.isEmpty { out += "[]"; return }
            out += "["
            for (i, item) in a.items.enumerated() {
                if i > 0 { out += "," }
                out += newline
                stringify(item, into: &out, indent: inner)
            }
            out += closing + "]"
        case .object(let o):
            if o.isEmpty { out += "{}"; return }
            out += "{"
            for (i, (key, member)) in o.enumerated() {
                if i > 0 { out += "," }
                out += newline
                quote(key, into: &out)
                out += indent == nil ? ":" : ": "
                stringify(member, into: &out, indent: inner)
            }
            out += closing + "}"
        }
    }

    static func quote(_ s: String, into out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{8}": out += "\\b"
            case "\u{c}": out += "\\f"
            default:
                if scalar.value < 0x20 {
                    out += String(format: "\\u%04x", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }

    /// A value as JSONata quotes it in error messages.
    static func describe(_ value: JValue?) -> String {
        guard let value else { return "undefined" }
        if case .string(let s) = value {
            var out = ""
            quote(s, into: &out)
            return out
        }
        var out = ""
        stringify(value, into: &out, indent: nil)
        return out
    }
}
