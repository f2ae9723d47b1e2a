extension JSONataParser {
    /// A token in operand position (JSONata's `nud`).
    mutating func prefix(_ token: JSONataToken) throws(JSONataError) -> JSONataNode {
        let at = token.position
        switch token.kind {
        case .number(let n): return JSONataNode(.number(n), at: at)
        case .string(let s): return JSONataNode(.string(s), at: at)
        case .value(let v): return JSONataNode(.value(v), at: at)
        case .regex(let p, let f): return JSONataNode(.regex(pattern: p, flags: f), at: at)
        case .variable(let v): return JSONataNode(.variable(v), at: at)
        case .name(let n):
            if n == "function" || n == "λ", current.kind == .op("(") { return try lambda(at: at) }
            return Self.path(JSONataNode(.name(n), at: at))
        case .end:
            throw .syntax("S0207", "Unexpected end of expression", at: at)
        case .op(let o):
            return try prefixOperator(o, at: at)
        }
    }

    private mutating func prefixOperator(_ o: String, at: Int) throws(JSONataError) -> JSONataNode {
        switch o {
        case "and", "or", "in":
            return Self.path(JSONataNode(.name(o), at: at))
        case "-":
            let operand = try expression(70)
            if case .number(let n) = operand.kind, operand.predicates.isEmpty {
                return JSONataNode(.number(-n), at: at)
            }
            return JSONataNode(.negate(operand), at: at)
        case "*": return JSONataNode(.wildcard, at: at)
        case "**": return JSONataNode(.descendants, at: at)
        case "?": return JSONataNode(.placeholder, at: at)
        case "(":
            var expressions: [JSONataNode] = []
            while current.kind != .op(")") {
                expressions.append(try expression(0))
                if current.kind != .op(";") { break }
                advance()
            }
            try expect(")")
            return JSONataNode(.block(expressions), at: at)
        case "[":
            var items: [JSONataNode] = []
            if current.kind != .op("]") {
                while true {
                    items.append(try expression(0))
                    if current.kind != .op(",") { break }
                    advance()
                }
            }
            try expect("]")
            return JSONataNode(.array(items), at: at)
        case "{":
            return JSONataNode(.object(try pairs()), at: at)
        case "|":
            let pattern = try expression(0)
            try expect("|")
            let update = try expression(0)
            var delete: JSONataNode?
            if current.kind == .op(",") {
                advance()
                delete = try expression(0)
            }
            try expect("|")
            return JSONataNode(.transform(pattern: pattern, update: update, delete: delete), at: at)
        case "%":
            throw .syntax("S0211", "The symbol \(o) is not supported by this JSONata engine here", at: at)
        default:
            throw .syntax("S0211", "The symbol \(o) cannot be used as a unary operator", at: at)
        }
    }

    /// `key: value` pairs up to the closing `}` (the `{` already consumed).
    mutating func pairs() throws(JSONataError) -> [JSONataPair] {
        var result: [JSONataPair] = []
        if current.kind != .op("}") {
            while true {
                let key = try expression(0)
                try expect(":")
                let value = try expression(0)
                result.append(JSONataPair(key: key, value: value))
                if current.kind != .op(",") { break }
                advance()
            }
        }
        try expect("}")
        return result
    }

    /// `function($a, $b)<sig>? { body }`, the keyword already consumed.
    private mutating func lambda(at: Int) throws(JSONataError) -> JSONataNode {
        try expect("(")
        var parameters: [String] = []
        while current.kind != .op(")") {
            guard case .variable(let name) = current.kind else {
                throw .syntax("S0208", "Parameter \(current.text) of function definition must be a variable name (start with $)", at: current.position)
            }
            parameters.append(name)
            advance()
            if current.kind != .op(",") { break }
            advance()
        }
        try expect(")")
        var signature: JSONataSignature?
        if current.kind == .op("<") {
            let text = try signatureText(from: current.position)
            signature = try JSONataSignature(text, position: at)
        }
        try expect("{")
        let body = try expression(0)
        try expect("}")
        return JSONataNode(.lambda(parameters: parameters, body: body, signature: signature), at: at)
    }

    static func path(_ step: JSONataNode) -> JSONataNode {
        if case .path = step.kind { return step }
        var node = JSONataNode(.path(steps: [step], keepSingletonArray: step.keepArray), at: step.position)
        node.keepArray = false
        return node
    }
}
