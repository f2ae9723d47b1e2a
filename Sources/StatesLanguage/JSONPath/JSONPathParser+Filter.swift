/// Filter expressions: `[?(@.price < 10 && !@.sold || $.all == true)]`.
///
/// Precedence as in Jayway: `!` binds tightest, then `&&`, then `||`; parentheses group.
extension JSONPathParser {
    mutating func parseFilterOr() throws(JSONPathError) -> JSONPathFilter {
        var left = try parseFilterAnd()
        while true {
            skipBlanks()
            guard current == "|", peek() == "|" else { return left }
            position += 2
            left = .or(left, try parseFilterAnd())
        }
    }

    mutating func parseFilterAnd() throws(JSONPathError) -> JSONPathFilter {
        var left = try parseFilterUnary()
        while true {
            skipBlanks()
            guard current == "&", peek() == "&" else { return left }
            position += 2
            left = .and(left, try parseFilterUnary())
        }
    }

    mutating func parseFilterUnary() throws(JSONPathError) -> JSONPathFilter {
        skipBlanks()
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maximumDepth else { throw fail("filters are nested too deeply") }
        if current == "!", peek() != "=" {
            position += 1
            return .not(try parseFilterUnary())
        }
        if current == "(" {
            position += 1
            let inner = try parseFilterOr()
            skipBlanks()
            try expect(")")
            return inner
        }
        let left = try parseOperand()
        skipBlanks()
        guard let comparison = parseComparison() else {
            guard case .literal = left else { return .exists(left) }
            throw fail("a filter needs a path or a comparison")
        }
        let right = try parseOperand()
        return .compare(left, comparison, right)
    }

    mutating func parseComparison() -> JSONPathComparison? {
        let two = current.map { String($0) + (peek().map { String($0) } ?? "") } ?? ""
        for op in [JSONPathComparison.equal, .notEqual, .lessOrEqual, .greaterOrEqual] where two == op.rawValue {
            position += 2
            return op
        }
        if current == "<" { position += 1; return .less }
        if current == ">" { position += 1; return .greater }
        return nil
    }

    mutating func parseOperand() throws(JSONPathError) -> JSONPathOperand {
        skipBlanks()
        switch current {
        case "@":
            position += 1
            return .current(try parseSegments(inFilter: true))
        case "$":
            position += 1
            return .root(try parseSegments(inFilter: true))
        case "'", "\"":
            return .literal(.string(try parseFilterString()))
        case let c? where c == "-" || ("0"..."9").contains(c):
            return .literal(.number(try parseFilterNumber()))
        case let c? where c.properties.isAlphabetic:
            var word = ""
            while let c = current, c.properties.isAlphabetic {
                word.unicodeScalars.append(c)
                position += 1
            }
            switch word {
            case "true": return .literal(true)
            case "false": return .literal(false)
            case "null": return .literal(.null)
            default: throw fail("unknown word '\(word)' in a filter")
            }
        case nil:
            throw fail("the filter ended early")
        case let c?:
            throw fail("unexpected character '\(c)' in a filter at position \(position)")
        }
    }

    /// A string literal in a filter; backslash escapes the next character.
    mutating func parseFilterString() throws(JSONPathError) -> String {
        guard let quote = current else { throw fail("expected a string") }
        position += 1
        var text = ""
        while let c = current {
            position += 1
            if c == "\\", let next = current {
                text.unicodeScalars.append(next)
                position += 1
            } else if c == quote {
                return text
            } else {
                text.unicodeScalars.append(c)
            }
        }
        throw fail("unterminated string in a filter")
    }

    mutating func parseFilterNumber() throws(JSONPathError) -> JSONNumber {
        var text = ""
        while let c = current, c == "-" || c == "+" || c == "." || c == "e" || c == "E" || ("0"..."9").contains(c) {
            text.unicodeScalars.append(c)
            position += 1
        }
        if let i = Int(text) { return .int(i) }
        if let d = Double(text), d.isFinite { return .double(d) }
        throw fail("'\(text)' is not a number")
    }
}
