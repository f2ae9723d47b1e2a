/// One token of a JSONata expression.
struct JSONataToken: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        case op(String)
        case name(String)
        case variable(String)
        case string(String)
        case number(Double)
        case value(JSONataLiteral)
        case regex(pattern: String, flags: String)
        case end
    }

    var kind: Kind
    var position: Int
}

/// `true`, `false` and `null` as they appear in an expression.
enum JSONataLiteral: Sendable, Equatable {
    case `true`, `false`, null
}

/// Turns expression text into tokens, the way JSONata's tokenizer does.
///
/// A `/` is a regular expression where an operand is expected and division elsewhere;
/// `*`, `**` and `%` likewise are wildcard, descendants and parent in operand position.
struct JSONataLexer {
    private let chars: [Character]
    private var index = 0
    private var previousEndsOperand = false

    init(_ text: String) { chars = Array(text) }

    static func tokenize(_ text: String) throws(JSONataError) -> [JSONataToken] {
        var lexer = JSONataLexer(text)
        var tokens: [JSONataToken] = []
        while true {
            let token = try lexer.next()
            tokens.append(token)
            if token.kind == .end { return tokens }
        }
    }

    private static let twoCharacterOperators: Set<String> = [
        "..", ":=", "!=", ">=", "<=", "**", "~>", "?:", "??",
    ]
    private static let singleCharacterOperators: Set<Character> = [
        ".", "[", "]", "{", "}", "(", ")", ",", "@", "#", ";", ":", "?", "+", "-", "*", "/", "%",
        "|", "=", "<", ">", "^", "&", "!", "~",
    ]

    private func peek(_ offset: Int = 0) -> Character? {
        index + offset < chars.count ? chars[index + offset] : nil
    }

    mutating func next() throws(JSONataError) -> JSONataToken {
        skipWhitespaceAndComments()
        let start = index
        guard let c = peek() else { return JSONataToken(kind: .end, position: index) }
        let token = try lexToken(c, start: start)
        switch token.kind {
        case .op(let o):
            if ["*", "**", "%"].contains(o) {
                previousEndsOperand = !previousEndsOperand
            } else {
                previousEndsOperand = [")", "]", "}"].contains(o)
            }
        default: previousEndsOperand = true
        }
        return token
    }

    private mutating func skipWhitespaceAndComments() {
        while let c = peek() {
            if c.isWhitespace {
                index += 1
            } else if c == "/", peek(1) == "*" {
                index += 2
                while index < chars.count, !(peek() == "*" && peek(1) == "/") { index += 1 }
                index = min(index + 2, chars.count)
            } else {
                return
            }
        }
    }

    private mutating func lexToken(_ c: Character, start: Int) throws(JSONataError) -> JSONataToken {
        if c == "/", !previousEndsOperand {
            return try lexRegex(start)
        }
        if let n = peek(1) {
            let pair = String([c, n])
            if Self.twoCharacterOperators.contains(pair) {
                index += 2
                return JSONataToken(kind: .op(pair), position: start)
            }
        }
        if Self.singleCharacterOperators.contains(c) {
            index += 1
            return JSONataToken(kind: .op(String(c)), position: start)
        }
        if c == "\"" || c == "'" { return try lexString(quote: c, start: start) }
        if c.isASCII, c.isNumber { return try lexNumber(start) }
        if c == "`" {
            index += 1
            guard let end = chars[index...].firstIndex(of: "`") else {
                throw .syntax("S0105", "Quoted property name must be terminated with a backquote (`)", at: start)
            }
            let name = String(chars[index..<end])
            index = end + 1
            return JSONataToken(kind: .name(name), position: start)
        }
        // A name or variable runs until an operator character or whitespace.
        var end = index
        if c == "$" { end += 1 }
        while end < chars.count, !chars[end].isWhitespace, !Self.singleCharacterOperators.contains(chars[end]),
            chars[end] != "\"", chars[end] != "'", chars[end] != "`"
        {
            end += 1
        }
        let word = String(chars[index..<end])
        index = end
        if c == "$" { return JSONataToken(kind: .variable(String(word.dropFirst())), position: start) }
        switch word {
        case "and", "or", "in": return JSONataToken(kind: .op(word), position: start)
        case "true": return JSONataToken(kind: .value(.true), position: start)
        case "false": return JSONataToken(kind: .value(.false), position: start)
        case "null": return JSONataToken(kind: .value(.null), position: start)
        default: return JSONataToken(kind: .name(word), position: start)
        }
    }

    private mutating func lexString(quote: Character, start: Int) throws(JSONataError) -> JSONataToken {
        index += 1
        var value = ""
        while let c = peek() {
            index += 1
            if c == quote { return JSONataToken(kind: .string(value), position: start) }
            guard c == "\\" else {
                value.append(c)
                continue
            }
            guard let e = peek() else { break }
            index += 1
            switch e {
            case "\"", "\\", "/", "'": value.append(e)
            case "b": value.append("\u{8}")
            case "f": value.append("\u{c}")
            case "n": value.append("\n")
            case "r": value.append("\r")
            case "t": value.append("\t")
            case "u":
                value.unicodeScalars.append(contentsOf: try lexUnicodeEscape(start))
            default:
                throw .syntax("S0103", "Unsupported escape sequence: \\\(e)", at: index - 1)
            }
        }
        throw .syntax("S0101", "String literal must be terminated by a matching quote", at: start)
    }

    /// `\uXXXX`, combining a UTF-16 surrogate pair when one follows.
    private mutating func lexUnicodeEscape(_ start: Int) throws(JSONataError) -> [Unicode.Scalar] {
        func hex4() -> UInt32? {
            guard index + 4 <= chars.count, let v = UInt32(String(chars[index..<index + 4]), radix: 16) else {
                return nil
            }
            index += 4
            return v
        }
        guard let high = hex4() else {
            throw .syntax("S0104", "The escape sequence \\u must be followed by 4 hex digits", at: index)
        }
        if (0xD800..<0xDC00).contains(high), peek() == "\\", peek(1) == "u" {
            index += 2
            if let low = hex4(), (0xDC00..<0xE000).contains(low),
                let scalar = Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))
            {
                return [scalar]
            }
        }
        return [Unicode.Scalar(high) ?? "\u{FFFD}"]
    }

    private mutating func lexNumber(_ start: Int) throws(JSONataError) -> JSONataToken {
        var end = index
        func digits() { while end < chars.count, chars[end].isASCII, chars[end].isNumber { end += 1 } }
        digits()
        if end + 1 < chars.count, chars[end] == ".", chars[end + 1].isASCII, chars[end + 1].isNumber {
            end += 1
            digits()
        }
        if end < chars.count, chars[end] == "e" || chars[end] == "E" {
            var e = end + 1
            if e < chars.count, chars[e] == "+" || chars[e] == "-" { e += 1 }
            if e < chars.count, chars[e].isASCII, chars[e].isNumber {
                end = e
                digits()
            }
        }
        let text = String(chars[index..<end])
        index = end
        guard let value = Double(text), value.isFinite else {
            throw .syntax("S0102", "Number out of range: \(text)", at: start)
        }
        return JSONataToken(kind: .number(value), position: start)
    }

    private mutating func lexRegex(_ start: Int) throws(JSONataError) -> JSONataToken {
        index += 1
        var pattern = ""
        var inClass = false
        while let c = peek() {
            if c == "/", !inClass {
                index += 1
                guard !pattern.isEmpty else {
                    throw .syntax("S0301", "Empty regular expressions are not allowed", at: start)
                }
                var flags = ""
                while let f = peek(), f == "i" || f == "m" {
                    flags.append(f)
                    index += 1
                }
                return JSONataToken(kind: .regex(pattern: pattern, flags: flags), position: start)
            }
            if c == "\\", let n = peek(1) {
                pattern.append(c)
                pattern.append(n)
                index += 2
                continue
            }
            if c == "[" { inClass = true }
            if c == "]" { inClass = false }
            pattern.append(c)
            index += 1
        }
        throw .syntax("S0302", "No terminating / in regular expression", at: start)
    }
}
