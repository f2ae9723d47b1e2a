/// Turns JSONPath text into segments, following Jayway's grammar.
///
/// Every problem is a thrown `JSONPathError.invalidSyntax`; nothing here traps on user
/// input. Filters (`[?(…)]`) are compiled by the `+Filter` facet.
struct JSONPathParser {
    let source: String
    let chars: [Unicode.Scalar]
    var position = 0
    /// Filters nest paths (`[?(@.a[?(@.b)])]`); refuse absurd depth rather than risk the stack.
    var depth = 0
    static let maximumDepth = 64

    init(_ source: String) {
        self.source = source
        self.chars = Array(source.unicodeScalars)
    }

    static func parse(_ source: String) throws(JSONPathError) -> JSONPath {
        var parser = JSONPathParser(source)
        return try parser.parsePath()
    }

    var current: Unicode.Scalar? { position < chars.count ? chars[position] : nil }
    func peek(_ offset: Int = 1) -> Unicode.Scalar? {
        position + offset < chars.count ? chars[position + offset] : nil
    }

    func fail(_ reason: String) -> JSONPathError { .invalidSyntax(path: source, reason: reason) }

    mutating func parsePath() throws(JSONPathError) -> JSONPath {
        guard current == "$" else { throw fail("a path must start with '$'") }
        position += 1
        var root = JSONPath.Root.input
        if current == "$" {
            position += 1
            root = .context
        } else if let c = current, c != ".", c != "[" {
            // `$name`: a workflow variable.
            var name = ""
            while let c = current, c != ".", c != "[" {
                guard Self.isVariableCharacter(c) else { throw fail("invalid character '\(c)' in a variable name") }
                name.unicodeScalars.append(c)
                position += 1
            }
            root = .variable(name)
        }
        let segments = try parseSegments(inFilter: false)
        if position < chars.count { throw fail("unexpected character '\(chars[position])' at position \(position)") }
        return JSONPath(source: source, rootKind: root, segments: segments)
    }

    static func isVariableCharacter(_ c: Unicode.Scalar) -> Bool {
        c == "_" || c.properties.isAlphabetic || ("0"..."9").contains(c)
    }

    /// Reads segments until the text ends or (inside a filter) something that is not a
    /// segment begins.
    mutating func parseSegments(inFilter: Bool) throws(JSONPathError) -> [JSONPathSegment] {
        var segments: [JSONPathSegment] = []
        while let c = current {
            if c == "." {
                if peek() == "." {
                    position += 2
                    segments.append(.descendant(try parseAfterDescendant(inFilter: inFilter)))
                } else {
                    position += 1
                    if current == "*" {
                        position += 1
                        segments.append(.wildcard)
                    } else {
                        segments.append(.child(try parseDotName(inFilter: inFilter)))
                    }
                }
            } else if c == "[" {
                segments.append(try parseBracket())
            } else if inFilter {
                break
            } else {
                throw fail("unexpected character '\(c)' at position \(position)")
            }
        }
        return segments
    }

    mutating func parseAfterDescendant(inFilter: Bool) throws(JSONPathError) -> JSONPathSegment {
        switch current {
        case "*":
            position += 1
            return .wildcard
        case "[":
            return try parseBracket()
        case ".", nil:
            throw fail("a '..' must be followed by a name, '*' or a bracket")
        default:
            return .child(try parseDotName(inFilter: inFilter))
        }
    }

    /// A name in dot notation runs to the next `.` or `[`. Jayway refuses blanks there
    /// ("use bracket notation") and treats `(` as a function call, which Step Functions
    /// does not offer.
    mutating func parseDotName(inFilter: Bool) throws(JSONPathError) -> String {
        var name = ""
        while let c = current, c != ".", c != "[" {
            if inFilter, Self.endsFilterName(c) { break }
            if c == " " || c == "\t" || c == "\n" || c == "\r" {
                throw fail("use bracket notation ['my prop'] if a name contains blanks")
            }
            if c == "(" || c == ")" { throw fail("functions are not supported in paths") }
            if c == "]" || c == "'" || c == "\"" || c == "," { throw fail("unexpected character '\(c)' in a name") }
            name.unicodeScalars.append(c)
            position += 1
        }
        if name.isEmpty { throw fail("a name is missing at position \(position)") }
        return name
    }

    static func endsFilterName(_ c: Unicode.Scalar) -> Bool {
        switch c {
        case " ", "\t", "\n", "\r", ")", "(", "=", "!", "<", ">", "&", "|", ",", "]": true
        default: false
        }
    }

    mutating func skipBlanks() {
        while let c = current, c == " " || c == "\t" || c == "\n" || c == "\r" { position += 1 }
    }

    mutating func expect(_ c: Unicode.Scalar) throws(JSONPathError) {
        guard current == c else {
            throw fail(current.map { "expected '\(c)' but found '\($0)' at position \(position)" } ?? "expected '\(c)' but the path ended")
        }
        position += 1
    }

    mutating func parseBracket() throws(JSONPathError) -> JSONPathSegment {
        try expect("[")
        skipBlanks()
        let segment: JSONPathSegment
        switch current {
        case "*":
            position += 1
            segment = .wildcard
        case "?":
            position += 1
            skipBlanks()
            try expect("(")
            depth += 1
            defer { depth -= 1 }
            guard depth <= Self.maximumDepth else { throw fail("filters are nested too deeply") }
            let filter = try parseFilterOr()
            skipBlanks()
            try expect(")")
            segment = .filter(filter)
        case "'", "\"":
            var names: [String] = []
            while true {
                skipBlanks()
                names.append(try parseQuoted())
                skipBlanks()
                if current == "," { position += 1 } else { break }
            }
            segment = names.count == 1 ? .child(names[0]) : .union(names.map(JSONPathSegment.child))
        case let c? where c == "-" || c == ":" || ("0"..."9").contains(c):
            segment = try parseIndexOrSlice()
        case nil:
            throw fail("missing ']'")
        case let c?:
            throw fail("unexpected character '\(c)' in brackets at position \(position)")
        }
        skipBlanks()
        try expect("]")
        return segment
    }

    /// A quoted name. A backslash escapes the closing quote or another backslash; any
    /// other backslash stays as written (Jayway keeps `['a\"b']` as `a\"b`).
    mutating func parseQuoted() throws(JSONPathError) -> String {
        guard let quote = current, quote == "'" || quote == "\"" else { throw fail("expected a quoted name") }
        position += 1
        var text = ""
        while let c = current {
            if c == "\\", let next = peek(), next == quote || next == "\\" {
                text.unicodeScalars.append(next)
                position += 2
                continue
            }
            position += 1
            if c == quote { return text }
            text.unicodeScalars.append(c)
        }
        throw fail("unterminated quoted name")
    }

    mutating func parseInt() throws(JSONPathError) -> Int? {
        skipBlanks()
        var text = ""
        if current == "-" {
            text = "-"
            position += 1
        }
        while let c = current, ("0"..."9").contains(c) {
            text.unicodeScalars.append(c)
            position += 1
        }
        skipBlanks()
        if text.isEmpty { return nil }
        guard let value = Int(text) else { throw fail("'\(text)' is not a valid index") }
        return value
    }

    mutating func parseIndexOrSlice() throws(JSONPathError) -> JSONPathSegment {
        let first = try parseInt()
        if current == ":" {
            position += 1
            let end = try parseInt()
            var step: Int?
            if current == ":" {
                position += 1
                step = try parseInt()
                if step == 0 { throw fail("a slice step cannot be 0") }
            }
            return .slice(start: first, end: end, step: step)
        }
        guard let first else { throw fail("an index is missing") }
        var indices = [first]
        while current == "," {
            position += 1
            guard let next = try parseInt() else { throw fail("an index is missing after ','") }
            indices.append(next)
        }
        return indices.count == 1 ? .index(first) : .union(indices.map(JSONPathSegment.index))
    }
}
