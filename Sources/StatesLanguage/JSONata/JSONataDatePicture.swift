/// An XPath `format-dateTime` picture such as `[Y0001]-[M01]-[D01] [H01]:[m01]`, for
/// `$now` and `$fromMillis`. Supports the year, month, day, day of year, weekday, hours,
/// am/pm, minutes, seconds, fractional seconds and time-zone components with decimal
/// and name presentations.
struct JSONataDatePicture {
    private enum Part {
        case literal(String)
        case component(Character, String)
    }

    private var parts: [Part] = []

    init(_ picture: String) throws(JSONataError) {
        let chars = Array(picture)
        var literal = ""
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == "[", i + 1 < chars.count, chars[i + 1] == "[" {
                literal.append("[")
                i += 2
            } else if c == "]", i + 1 < chars.count, chars[i + 1] == "]" {
                literal.append("]")
                i += 2
            } else if c == "[" {
                guard let end = chars[i...].firstIndex(of: "]") else {
                    throw JSONataError("D3135", "No matching closing bracket ']' in date/time picture string")
                }
                if !literal.isEmpty { parts.append(.literal(literal)) }
                literal = ""
                let marker = String(chars[(i + 1)..<end]).filter { !$0.isWhitespace }
                guard let name = marker.first, "YMDdFHhPmsfZz".contains(name) else {
                    throw JSONataError("D3132", "Unknown component specifier \(marker.prefix(1)) in date/time picture string")
                }
                let presentation = String(marker.dropFirst().prefix { $0 != "," })
                parts.append(.component(name, presentation))
                i = end + 1
            } else {
                literal.append(c)
                i += 1
            }
        }
        if !literal.isEmpty { parts.append(.literal(literal)) }
    }

    private static let months = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
        "November", "December",
    ]
    private static let days = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]

    func format(_ c: JSONataDateFormat.Civil, offsetMinutes: Int) -> String {
        var out = ""
        for part in parts {
            switch part {
            case .literal(let s): out += s
            case .component(let name, let presentation):
                out += component(name, presentation, c, offsetMinutes)
            }
        }
        return out
    }

    private func component(_ name: Character, _ presentation: String, _ c: JSONataDateFormat.Civil, _ offset: Int) -> String {
        let dayOfYear = JSONataDateFormat.daysFromCivil(c.year, c.month, c.day) - JSONataDateFormat.daysFromCivil(c.year, 1, 1) + 1
        switch name {
        case "Y": return decimal(c.year, presentation.isEmpty ? "1" : presentation)
        case "M":
            if presentation.hasPrefix("N") || presentation.hasPrefix("n") { return named(Self.months[c.month - 1], presentation) }
            return decimal(c.month, presentation.isEmpty ? "1" : presentation)
        case "D": return decimal(c.day, presentation.isEmpty ? "1" : presentation)
        case "d": return decimal(dayOfYear, presentation.isEmpty ? "1" : presentation)
        case "F":
            if presentation.isEmpty || presentation.hasPrefix("N") || presentation.hasPrefix("n") {
                return named(Self.days[c.weekday], presentation.isEmpty ? "n" : presentation)
            }
            return decimal(c.weekday == 0 ? 7 : c.weekday, presentation)
        case "H": return decimal(c.hour, presentation.isEmpty ? "1" : presentation)
        case "h":
            let h = c.hour % 12 == 0 ? 12 : c.hour % 12
            return decimal(h, presentation.isEmpty ? "1" : presentation)
        case "P": return named(c.hour < 12 ? "am" : "pm", presentation.isEmpty ? "n" : presentation)
        case "m": return decimal(c.minute, presentation.isEmpty ? "01" : presentation)
        case "s": return decimal(c.second, presentation.isEmpty ? "01" : presentation)
        case "f":
            let digits = max(1, presentation.filter(\.isNumber).count)
            var text = String(format: "%03ld", c.millisecond)
            while text.count < digits { text += "0" }
            return String(text.prefix(max(digits, presentation.isEmpty ? 3 : digits)))
        case "Z", "z":
            let sign = offset < 0 ? "-" : "+"
            let h = abs(offset) / 60
            let m = abs(offset) % 60
            let colon = presentation.contains(":") || presentation.isEmpty
            let body = String(format: "%02ld", h) + (colon ? ":" : "") + String(format: "%02ld", m)
            if name == "z" { return "GMT" + sign + body }
            if presentation.contains("t"), offset == 0 { return "Z" }
            return sign + body
        default: return ""
        }
    }

    private func decimal(_ value: Int, _ presentation: String) -> String {
        let width = presentation.filter(\.isNumber).count
        var text = String(abs(value))
        while text.count < width { text = "0" + text }
        return (value < 0 ? "-" : "") + text
    }

    private func named(_ name: String, _ presentation: String) -> String {
        if presentation.hasPrefix("Nn") { return name.prefix(1).uppercased() + name.dropFirst().lowercased() }
        if presentation.hasPrefix("N") { return name.uppercased() }
        return name.lowercased()
    }
}
