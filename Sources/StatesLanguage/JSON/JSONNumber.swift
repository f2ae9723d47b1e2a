import Foundation

/// A JSON number, kept the way Step Functions keeps it.
///
/// Integers that fit in 64 bits stay integers. Every other number is a `Double`,
/// printed as Java's `Double.toString` prints it (`1.5`, `1.0E20`), because that is what
/// Step Functions' own runtime prints.
public enum JSONNumber: Sendable {
    case int(Int)
    case double(Double)

    /// The number as a `Double` (exact for integers below 2^53).
    public var doubleValue: Double {
        switch self {
        case .int(let i): Double(i)
        case .double(let d): d
        }
    }

    /// True for `.int`, and for a `.double` with no fractional part.
    public var isInteger: Bool {
        switch self {
        case .int: true
        case .double(let d): d.isFinite && d.rounded(.towardZero) == d
        }
    }

    /// The value as an `Int` when it is integral and in range.
    public var exactInt: Int? {
        switch self {
        case .int(let i): return i
        case .double(let d):
            guard d.isFinite, d.rounded(.towardZero) == d,
                d >= -9.223372036854775808e18, d < 9.223372036854775808e18
            else { return nil }
            return Int(d)
        }
    }
}

extension JSONNumber: Equatable, Comparable, Hashable {
    public static func == (lhs: JSONNumber, rhs: JSONNumber) -> Bool {
        switch (lhs, rhs) {
        case let (.int(a), .int(b)): a == b
        default: lhs.doubleValue == rhs.doubleValue
        }
    }

    public static func < (lhs: JSONNumber, rhs: JSONNumber) -> Bool {
        switch (lhs, rhs) {
        case let (.int(a), .int(b)): a < b
        default: lhs.doubleValue < rhs.doubleValue
        }
    }

    public func hash(into hasher: inout Hasher) {
        // Equal values must hash alike across cases: hash integral values as Int.
        if let i = exactInt { hasher.combine(i) } else { hasher.combine(doubleValue) }
    }
}

extension JSONNumber: CustomStringConvertible {
    public var description: String {
        switch self {
        case .int(let i): return String(i)
        case .double(let d): return JSONNumber.javaString(d)
        }
    }

    /// Java's `Double.toString`: plain notation for 10^-3 ≤ |d| < 10^7 (always with a
    /// fractional part), computerized scientific notation (`1.0E20`) otherwise.
    static func javaString(_ d: Double) -> String {
        if d.isNaN { return "NaN" }
        if d.isInfinite { return d < 0 ? "-Infinity" : "Infinity" }
        if d == 0 { return d.sign == .minus ? "-0.0" : "0.0" }
        let magnitude = Swift.abs(d)
        if magnitude >= 1e-3 && magnitude < 1e7 {
            let s = "\(d)"  // Swift prints the shortest round-trip form, e.g. "1.5", "100.0"
            return s.contains(".") || s.contains("e") ? s : s + ".0"
        }
        // Computerized scientific notation from Swift's shortest round-trip digits.
        let (digits, exponent) = shortestDigits(magnitude)
        var mantissa = String(digits.first!) + "."
        mantissa += digits.count > 1 ? String(digits.dropFirst()) : "0"
        return (d < 0 ? "-" : "") + mantissa + "E" + String(exponent)
    }

    /// The shortest decimal digits that round-trip `d` (> 0), and the power of ten of the
    /// first digit.
    static func shortestDigits(_ d: Double) -> (digits: [Character], exponent: Int) {
        let text = "\(d)"
        var mantissa = Substring(text)
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = text[..<e]
            exponent = Int(text[text.index(after: e)...].replacingOccurrences(of: "+", with: "")) ?? 0
        }
        let parts = mantissa.split(separator: ".", omittingEmptySubsequences: false)
        let integerPart = Array(parts[0])
        let fractionPart = parts.count > 1 ? Array(parts[1]) : []
        var all = integerPart + fractionPart
        var pointAfter = integerPart.count + exponent  // digits before the decimal point
        while all.first == "0" {
            all.removeFirst()
            pointAfter -= 1
        }
        while all.count > 1 && all.last == "0" { all.removeLast() }
        return (all, pointAfter - 1)
    }
}
