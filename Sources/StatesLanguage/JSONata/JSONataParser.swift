/// A Pratt parser for JSONata, with the binding powers of JSONata's reference parser.
///
/// It builds the evaluator's tree directly: `.` joins steps into one path, a predicate
/// after a path step becomes one of that step's stages, and a literal string step is a
/// field name.
struct JSONataParser {
    private let source: [Character]
    private var tokens: [JSONataToken]
    private var index = 0

    static func parse(_ text: String) throws(JSONataError) -> JSONataNode {
        var parser = JSONataParser(source: Array(text), tokens: try JSONataLexer.tokenize(text))
        let node = try parser.expression(0)
        guard case .end = parser.current.kind else {
            throw .syntax("S0201", "Syntax error: \(parser.current.text)", at: parser.current.position)
        }
        return node
    }

    private init(source: [Character], tokens: [JSONataToken]) {
        self.source = source
        self.tokens = tokens
    }

    var current: JSONataToken { tokens[index] }

    mutating func advance() {
        if index < tokens.count - 1 { index += 1 }
    }

    /// Consumes the operator `op` or fails with JSONata's "expected" error.
    mutating func expect(_ op: String) throws(JSONataError) {
        guard current.kind == .op(op) else {
            if case .end = current.kind {
                throw .syntax("S0203", "Expected \"\(op)\" before end of expression", at: current.position)
            }
            throw .syntax("S0202", "Expected \"\(op)\", got \"\(current.text)\"", at: current.position)
        }
        advance()
    }

    private static let bindingPowers: [String: Int] = [
        ".": 75, "[": 80, "]": 0, "{": 70, "}": 0, "(": 80, ")": 0, ",": 0, "@": 80, "#": 80,
        // `;`, `:` and `|` only separate; like JSONata's plain symbols they bind nothing.
        ";": 0, ":": 0, "?": 20, "+": 50, "-": 50, "*": 60, "/": 60, "%": 60, "|": 0, "=": 40,
        "<": 40, ">": 40, "^": 40, "**": 60, "..": 20, ":=": 10, "!=": 40, "<=": 40, ">=": 40,
        "~>": 40, "?:": 40, "??": 40, "and": 30, "or": 25, "in": 40, "&": 50, "!": 0, "~": 0,
    ]

    private func leftBindingPower(_ token: JSONataToken) -> Int {
        if case .op(let o) = token.kind { return Self.bindingPowers[o] ?? 0 }
        return 0
    }

    mutating func expression(_ rightBindingPower: Int) throws(JSONataError) -> JSONataNode {
        var token = current
        advance()
        var left = try prefix(token)
        while rightBindingPower < leftBindingPower(current) {
            token = current
            advance()
            left = try infix(token, left)
        }
        return left
    }

    /// The characters of the source from `start` up to the `>` that closes the `<` there.
    mutating func signatureText(from start: Int) throws(JSONataError) -> String {
        var depth = 0
        var end = start
        while end < source.count {
            if source[end] == "<" { depth += 1 }
            if source[end] == ">" {
                depth -= 1
                if depth == 0 { break }
            }
            end += 1
        }
        guard end < source.count else {
            throw .syntax("S0401", "Function signature is not terminated", at: start)
        }
        while index < tokens.count - 1, current.position <= end { advance() }
        return String(source[start...end])
    }
}

extension JSONataToken {
    /// The token as written, for error messages.
    var text: String {
        switch kind {
        case .op(let o): o
        case .name(let n): n
        case .variable(let v): "$" + v
        case .string(let s): s
        case .number(let n): JSONataText.number(n)
        case .value(let v): "\(v)"
        case .regex(let p, let f): "/\(p)/\(f)"
        case .end: "(end)"
        }
    }
}
