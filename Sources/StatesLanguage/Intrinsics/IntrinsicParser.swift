/// Parses `States.Fn(arg, …)` into an `IntrinsicCall`.
///
/// Arguments are string literals in single quotes (escapes: `\'`, `\{`, `\}`, `\\`; any
/// other backslash is refused, as AWS refuses `\"`), numbers, `true`, `false`, `null`,
/// paths (`$`, `$.x`, `$$.x`, `$x`) and nested calls, separated by commas with optional
/// blanks.
struct IntrinsicParser {
    let source: String
    let chars: [Unicode.Scalar]
    var position = 0

    /// AWS: "You can nest up to 10 intrinsic functions within a field."
    static let maximumNesting = 10

    init(_ source: String) {
        self.source = source
        self.chars = Array(source.unicodeScalars)
    }

    var current: Unicode.Scalar? { position < chars.count ? chars[position] : nil }

    func fail(_ reason: String) -> IntrinsicParseError { IntrinsicParseError(source: source, reason: reason) }

    mutating func parseWhole() throws(IntrinsicParseError) -> IntrinsicCall {
        let call = try parseCall(depth: 1)
        skipBlanks()
        if let c = current { throw fail("unexpected '\(c)' after the call at position \(position)") }
        return call
    }

    mutating func skipBlanks() {
        while let c = current, c == " " || c == "\t" || c == "\n" || c == "\r" { position += 1 }
    }

    mutating func parseCall(depth: Int) throws(IntrinsicParseError) -> IntrinsicCall {
        guard depth <= Self.maximumNesting else {
            throw fail("intrinsic functions may be nested at most \(Self.maximumNesting) deep")
        }
        let start = position
        var name = ""
        while let c = current, c == "." || c.properties.isAlphabetic || ("0"..."9").contains(c) {
            name.unicodeScalars.append(c)
            position += 1
        }
        guard let function = IntrinsicFunction(rawValue: name) else {
            throw fail(name.isEmpty ? "expected a function name at position \(start)" : "unknown function '\(name)'")
        }
        guard current == "(" else { throw fail("expected '(' after \(name)") }
        position += 1
        var arguments: [IntrinsicArgument] = []
        skipBlanks()
        if current == ")" {
            position += 1
        } else {
            while true {
                skipBlanks()
                let isTemplate = function == .format && arguments.isEmpty
                arguments.append(try parseArgument(depth: depth, asTemplate: isTemplate))
                skipBlanks()
                guard let c = current else { throw fail("missing ')' for \(name)") }
                position += 1
                if c == ")" { break }
                guard c == "," else { throw fail("expected ',' or ')' but found '\(c)' at position \(position - 1)") }
            }
        }
        guard function.arity.contains(arguments.count) else {
            let expected = function.arity.upperBound == Int.max
                ? "at least \(function.arity.lowerBound)"
                : function.arity.count == 1 ? "\(function.arity.lowerBound)"
                : "\(function.arity.lowerBound) to \(function.arity.upperBound)"
            throw fail("\(name) takes \(expected) argument(s), but was given \(arguments.count)")
        }
        let text = String(String.UnicodeScalarView(chars[start..<position]))
        return IntrinsicCall(source: text, function: function, arguments: arguments)
    }

    mutating func parseArgument(depth: Int, asTemplate: Bool) throws(IntrinsicParseError) -> IntrinsicArgument {
        guard let c = current else { throw fail("an argument is missing") }
        switch c {
        case "'":
            let (value, raw) = try parseString()
            return asTemplate ? .template(.string(value), raw: raw) : .literal(.string(value))
        case "$":
            return .path(try parsePath())
        case "-", "0"..."9":
            return .literal(.number(try parseNumber()))
        default:
            if c.properties.isAlphabetic {
                let save = position
                var word = ""
                while let c = current, c.properties.isAlphabetic {
                    word.unicodeScalars.append(c)
                    position += 1
                }
                switch word {
                case "true": return .literal(true)
                case "false": return .literal(false)
                case "null": return .literal(.null)
                default:
                    position = save
                    return .call(try parseCall(depth: depth + 1))
                }
            }
            throw fail("unexpected '\(c)' at position \(position)")
        }
    }

    /// A single-quoted literal: its value, and its text between the quotes as written.
    mutating func parseString() throws(IntrinsicParseError) -> (String, String) {
        position += 1
        var value = ""
        var raw = ""
        while let c = current {
            position += 1
            if c == "'" { return (value, raw) }
            raw.unicodeScalars.append(c)
            if c == "\\" {
                guard let next = current, next == "'" || next == "{" || next == "}" || next == "\\" else {
                    throw fail("invalid escape sequence at position \(position - 1): only \\', \\{, \\} and \\\\ are allowed")
                }
                raw.unicodeScalars.append(next)
                value.unicodeScalars.append(next)
                position += 1
            } else {
                value.unicodeScalars.append(c)
            }
        }
        throw fail("unterminated string literal")
    }

    mutating func parseNumber() throws(IntrinsicParseError) -> JSONNumber {
        var text = ""
        while let c = current, c == "-" || c == "+" || c == "." || c == "e" || c == "E" || ("0"..."9").contains(c) {
            text.unicodeScalars.append(c)
            position += 1
        }
        guard case .number(let n)? = try? JSON(parsing: text) else { throw fail("'\(text)' is not a valid number") }
        return n
    }

    /// A path runs to the next `,` or `)` outside brackets, quotes and filter parentheses.
    mutating func parsePath() throws(IntrinsicParseError) -> JSONPath {
        var text = ""
        var brackets = 0
        var parentheses = 0
        var quote: Unicode.Scalar?
        while let c = current {
            if let q = quote {
                if c == "\\" {
                    text.unicodeScalars.append(c)
                    position += 1
                    if let next = current { text.unicodeScalars.append(next); position += 1 }
                    continue
                }
                if c == q { quote = nil }
            } else {
                switch c {
                case "'", "\"": quote = c
                case "[": brackets += 1
                case "]": brackets -= 1
                case "(": parentheses += 1
                case ")" where parentheses > 0: parentheses -= 1
                case ")", ",": if brackets <= 0 && parentheses == 0 { return try finishPath(text) }
                case " ", "\t", "\n", "\r": if brackets <= 0 && parentheses == 0 { return try finishPath(text) }
                default: break
                }
            }
            text.unicodeScalars.append(c)
            position += 1
        }
        return try finishPath(text)
    }

    func finishPath(_ text: String) throws(IntrinsicParseError) -> JSONPath {
        do { return try JSONPath(parsing: text) } catch {
            throw fail("invalid path argument '\(text)': \(error)")
        }
    }
}
