import Foundation

/// `$formatNumber`'s picture strings, after XPath's `format-number`: mandatory `0` and
/// optional `#` digits, grouping and decimal separators, `%`, `‰`, an exponent, a prefix
/// and suffix, and an optional `;negative` sub-picture.
struct JSONataNumberFormat {
    private var decimal: Character = "."
    private var grouping: Character = ","
    private var exponentSeparator: Character = "e"
    private var minus = "-"
    private var percent: Character = "%"
    private var perMille: Character = "‰"
    private var zero: Character = "0"
    private var optional: Character = "#"
    private var patternSeparator: Character = ";"
    private let pictures: [String]

    init(_ picture: String, options: [String: String]) throws(JSONataError) {
        func option(_ key: String, _ fallback: Character) -> Character { options[key]?.first ?? fallback }
        decimal = option("decimal-separator", decimal)
        grouping = option("grouping-separator", grouping)
        exponentSeparator = option("exponent-separator", exponentSeparator)
        minus = options["minus-sign"] ?? minus
        percent = option("percent", percent)
        perMille = option("per-mille", perMille)
        zero = option("zero-digit", zero)
        optional = option("digit", optional)
        patternSeparator = option("pattern-separator", patternSeparator)
        pictures = picture.split(separator: patternSeparator, omittingEmptySubsequences: false).map(String.init)
        guard pictures.count <= 2 else {
            throw JSONataError("D3080", "The picture string must only contain a maximum of two sub-pictures")
        }
    }

    private func isDigit(_ c: Character) -> Bool {
        c == optional || (c.unicodeScalars.first.map { s in
            let z = zero.unicodeScalars.first?.value ?? 48
            return s.value >= z && s.value <= z + 9
        } ?? false)
    }

    private func isActive(_ c: Character) -> Bool {
        isDigit(c) || c == decimal || c == grouping || c == exponentSeparator
    }

    func format(_ value: Double) throws(JSONataError) -> String {
        let negative = value < 0
        let picture = negative && pictures.count == 2 ? pictures[1] : pictures[0]
        let chars = Array(picture)
        guard let first = chars.firstIndex(where: { isDigit($0) || $0 == decimal }),
            let last = chars.lastIndex(where: { isDigit($0) })
        else {
            throw JSONataError("D3085", "The picture string must contain at least one digit or decimal separator: \(picture)")
        }
        let prefix = String(chars[..<first])
        let suffix = String(chars[(last + 1)...])
        var body = Array(chars[first...last])
        var exponentDigits = 0
        if let e = body.firstIndex(of: exponentSeparator), e > 0 {
            exponentDigits = body[(e + 1)...].filter { isDigit($0) }.count
            body = Array(body[..<e])
        }
        let integerPart: [Character]
        let fractionPart: [Character]
        if let d = body.firstIndex(of: decimal) {
            integerPart = Array(body[..<d])
            fractionPart = Array(body[(d + 1)...])
        } else {
            integerPart = body
            fractionPart = []
        }
        let minInteger = integerPart.filter { isDigit($0) && $0 != optional }.count
        let minFraction = fractionPart.filter { isDigit($0) && $0 != optional }.count
        let maxFraction = fractionPart.filter { isDigit($0) }.count
        let groups = groupingPositions(integerPart)

        var number = abs(value)
        if prefix.contains(percent) || suffix.contains(percent) { number *= 100 }
        if prefix.contains(perMille) || suffix.contains(perMille) { number *= 1000 }
        var exponent = 0
        if exponentDigits > 0, number != 0 {
            let integerDigits = max(minInteger, 1)
            while number >= pow(10, Double(integerDigits)) { number /= 10; exponent += 1 }
            while number < pow(10, Double(integerDigits - 1)) { number *= 10; exponent -= 1 }
        }
        let rounded = JSONataLibrary.round(number, precision: maxFraction)
        var text = JSONataText.number(rounded)
        if text.contains("e") { text = String(format: "%.\(maxFraction)f", rounded) }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        var integerDigits = parts[0] == "0" ? "" : String(parts[0])
        var fractionDigits = parts.count > 1 ? String(parts[1]) : ""
        while integerDigits.count < minInteger { integerDigits = "0" + integerDigits }
        while fractionDigits.count < minFraction { fractionDigits += "0" }
        while fractionDigits.count > minFraction, fractionDigits.hasSuffix("0") { fractionDigits.removeLast() }
        if integerDigits.isEmpty && fractionDigits.isEmpty { integerDigits = "0" }

        var grouped = ""
        for (i, c) in integerDigits.reversed().enumerated() {
            if i > 0, groups.contains(i) { grouped.append(grouping) }
            grouped.append(c)
        }
        var result = String(grouped.reversed().map { mapDigit($0) })
        if !fractionDigits.isEmpty {
            result += String(decimal) + String(fractionDigits.map { mapDigit($0) })
        }
        if exponentDigits > 0 {
            var e = String(abs(exponent))
            while e.count < exponentDigits { e = "0" + e }
            result += String(exponentSeparator) + (exponent < 0 ? minus : "") + String(e.map { mapDigit($0) })
        }
        result = prefix + result + suffix
        if negative && pictures.count < 2 { result = minus + result }
        return result
    }

    /// Positions, counted from the decimal point, where a grouping separator goes;
    /// regular grouping repeats.
    private func groupingPositions(_ integerPart: [Character]) -> Set<Int> {
        var positions: [Int] = []
        var digitsSeen = 0
        for c in integerPart.reversed() {
            if c == grouping {
                positions.append(digitsSeen)
            } else if isDigit(c) {
                digitsSeen += 1
            }
        }
        guard let firstGroup = positions.first, firstGroup > 0 else { return Set(positions) }
        let regular = positions.enumerated().allSatisfy { $0.element == firstGroup * ($0.offset + 1) }
        if regular { return Set(stride(from: firstGroup, through: 400, by: firstGroup)) }
        return Set(positions)
    }

    private func mapDigit(_ c: Character) -> Character {
        guard let v = c.wholeNumberValue, let z = zero.unicodeScalars.first?.value,
            let scalar = Unicode.Scalar(z + UInt32(v))
        else { return c }
        return Character(scalar)
    }
}
