extension JSONataParser {
    /// A token in operator position (JSONata's `led`), with `left` already parsed.
    mutating func infix(_ token: JSONataToken, _ left: JSONataNode) throws(JSONataError) -> JSONataNode {
        let at = token.position
        guard case .op(let o) = token.kind else {
            throw .syntax("S0201", "Syntax error: \(token.text)", at: at)
        }
        switch o {
        case ".": return try pathStep(left, try expression(75), at: at)
        case "[": return try predicate(left, at: at)
        case "{":
            var node = left
            guard node.group == nil else {
                throw .syntax("S0210", "Each step can only have one grouping expression", at: at)
            }
            node.group = try pairs()
            return node
        case "(":
            var arguments: [JSONataNode] = []
            if current.kind != .op(")") {
                while true {
                    arguments.append(try expression(0))
                    if current.kind != .op(",") { break }
                    advance()
                }
            }
            try expect(")")
            return JSONataNode(.call(left, arguments: arguments), at: at)
        case "^": return try sort(left, at: at)
        case ":=":
            guard case .variable(let name) = left.kind else {
                throw .syntax("S0212", "The left side of := must be a variable name (start with $)", at: at)
            }
            return JSONataNode(.bind(name, try expression(9)), at: at)
        case "?":
            let then = try expression(0)
            var otherwise: JSONataNode?
            if current.kind == .op(":") {
                advance()
                otherwise = try expression(0)
            }
            return JSONataNode(.condition(left, then: then, else: otherwise), at: at)
        case "~>": return JSONataNode(.apply(left, try expression(40)), at: at)
        case "@", "#":
            return try binding(o, left, at: at)
        default:
            guard let op = JSONataOperator(rawValue: o) else {
                throw .syntax("S0201", "Syntax error: \(o)", at: at)
            }
            let power = leftBindingPowerOf(o)
            return JSONataNode(.binary(op, left, try expression(power)), at: at)
        }
    }

    private func leftBindingPowerOf(_ o: String) -> Int {
        switch o {
        case "and": 30
        case "or": 25
        case "..": 20
        case "+", "-", "&": 50
        case "*", "/", "%": 60
        default: 40
        }
    }

    private func pathStep(_ left: JSONataNode, _ right: JSONataNode, at: Int) throws(JSONataError) -> JSONataNode {
        var steps: [JSONataNode]
        var keep = false
        if case .path(let s, let k) = left.kind, left.group == nil {
            steps = s
            keep = k
        } else {
            steps = [left]
        }
        if case .path(let s, let k) = right.kind, right.group == nil {
            steps += s
            keep = keep || k
        } else {
            var step = right
            switch step.kind {
            case .number, .value:
                throw .syntax("S0213", "The literal value \(step.kind) cannot be used as a step within a path expression", at: step.position)
            case .string(let s): step.kind = .name(s)
            default: break
            }
            steps.append(step)
        }
        for i in steps.indices {
            if case .array = steps[i].kind, i == 0 || i == steps.count - 1 { steps[i].consArray = true }
            if steps[i].keepArray { keep = true }
        }
        var node = JSONataNode(.path(steps: steps, keepSingletonArray: keep), at: left.position)
        if case .path = right.kind, let group = right.group { node.group = group }
        return node
    }

    private mutating func predicate(_ left: JSONataNode, at: Int) throws(JSONataError) -> JSONataNode {
        var node = left
        if current.kind == .op("]") {
            advance()
            if case .path(var steps, _) = node.kind, left.group == nil, !steps.isEmpty {
                steps[steps.count - 1].keepArray = true
                node.kind = .path(steps: steps, keepSingletonArray: true)
            } else {
                node.keepArray = true
            }
            return node
        }
        let filter = try expression(0)
        try expect("]")
        if case .path(var steps, let keep) = node.kind, node.group == nil, !steps.isEmpty {
            guard steps[steps.count - 1].group == nil else {
                throw .syntax("S0209", "A predicate cannot follow a grouping expression in a step", at: at)
            }
            steps[steps.count - 1].predicates.append(filter)
            node.kind = .path(steps: steps, keepSingletonArray: keep)
        } else {
            guard node.group == nil else {
                throw .syntax("S0209", "A predicate cannot follow a grouping expression in a step", at: at)
            }
            node.predicates.append(filter)
        }
        return node
    }

    /// `step@$var` (focus) or `step#$var` (index) on the last step of a path.
    private mutating func binding(_ o: String, _ left: JSONataNode, at: Int) throws(JSONataError) -> JSONataNode {
        guard case .variable(let name) = current.kind else {
            throw .syntax("S0214", "The right side of \(o) must be a variable name (start with $)", at: current.position)
        }
        advance()
        var node = left
        if case .path = node.kind, node.group == nil {} else { node = Self.wrapInPath(node) }
        guard case .path(var steps, let keep) = node.kind, !steps.isEmpty else { return node }
        var step = steps[steps.count - 1]
        if o == "@" {
            guard step.predicates.isEmpty else {
                throw .syntax("S0215", "A context variable binding must precede any predicates on a step", at: at)
            }
            if case .sort = step.kind {
                throw .syntax("S0216", "A context variable binding must precede the 'order-by' clause on a step", at: at)
            }
            step.focus = name
        } else if step.predicates.isEmpty {
            step.index = name
        } else {
            step.predicates.append(JSONataNode(.indexStage(name), at: at))
        }
        steps[steps.count - 1] = step
        node.kind = .path(steps: steps, keepSingletonArray: keep)
        return node
    }

    private static func wrapInPath(_ step: JSONataNode) -> JSONataNode {
        var inner = step
        inner.group = nil
        var node = JSONataNode(.path(steps: [inner], keepSingletonArray: inner.keepArray), at: step.position)
        node.group = step.group
        return node
    }

    private mutating func sort(_ left: JSONataNode, at: Int) throws(JSONataError) -> JSONataNode {
        try expect("(")
        var terms: [JSONataSortTerm] = []
        while true {
            var descending = false
            if current.kind == .op("<") {
                advance()
            } else if current.kind == .op(">") {
                descending = true
                advance()
            }
            terms.append(JSONataSortTerm(descending: descending, expression: try expression(0)))
            if current.kind != .op(",") { break }
            advance()
        }
        try expect(")")
        var steps: [JSONataNode] = [left]
        var keep = false
        if case .path(let s, let k) = left.kind, left.group == nil {
            steps = s
            keep = k
        }
        steps.append(JSONataNode(.sort(terms), at: at))
        return JSONataNode(.path(steps: steps, keepSingletonArray: keep), at: left.position)
    }
}
