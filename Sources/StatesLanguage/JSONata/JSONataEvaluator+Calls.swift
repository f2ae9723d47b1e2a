import Foundation

/// Function calls, partial application, `~>` and applying any callable value.
extension JSONataEvaluator {
    func call(_ node: JSONataNode, _ input: JValue?, _ frame: JSONataFrame, prepend: JValue?? = nil) throws(JSONataError) -> JValue? {
        switch try prepareCall(node, input, frame, prepend: prepend) {
        case .value(let v): return v
        case .call(let f, let arguments, let name):
            do {
                return try apply(f, arguments, input, name: name)
            } catch {
                var e = error
                if e.position == nil { e.position = node.position }
                throw e
            }
        }
    }

    /// A call evaluated up to the point of applying it: the function and its arguments,
    /// or a value (a partial application).
    enum PreparedCall {
        case value(JValue?)
        case call(JFunction, [JValue?], name: String)
    }

    func prepareCall(_ node: JSONataNode, _ input: JValue?, _ frame: JSONataFrame, prepend: JValue?? = nil) throws(JSONataError) -> PreparedCall {
        guard case .call(let procedureNode, let argumentNodes) = node.kind else { return .value(nil) }
        let position = node.position
        let procedure = try evaluate(procedureNode, input, frame)
        let name = Self.name(of: procedureNode)
        let isPartial = argumentNodes.contains { if case .placeholder = $0.kind { true } else { false } }
        if isPartial {
            guard case .function(let f)? = procedure else {
                throw JSONataError("T1008", "Attempted to partially apply a non-function", position: position)
            }
            var fixed: [JValue??] = []
            if let prepend { fixed.append(.some(prepend)) }
            for node in argumentNodes {
                if case .placeholder = node.kind { fixed.append(nil) } else { fixed.append(.some(try evaluate(node, input, frame))) }
            }
            return .value(.function(JFunction(.partial(f, fixed))))
        }
        var arguments: [JValue?] = []
        if let prepend { arguments.append(prepend) }
        for node in argumentNodes { arguments.append(try evaluate(node, input, frame)) }
        guard case .function(let f)? = procedure else {
            if procedure == nil, case .path(let steps, _) = procedureNode.kind, case .name(let n)? = steps.first?.kind,
                frame.lookup(n) != nil || JSONataLibrary.functions[n] != nil
            {
                throw JSONataError("T1005", "Attempted to invoke a non-function. Did you mean ${\(n)}?", position: position)
            }
            throw JSONataError("T1006", "Attempted to invoke a non-function", position: position)
        }
        return .call(f, arguments, name: name)
    }

    private static func name(of node: JSONataNode) -> String {
        switch node.kind {
        case .variable(let v): return "$" + v
        case .path(let steps, _):
            if case .name(let n)? = steps.first?.kind { return n }
            return "function"
        default: return "function"
        }
    }

    /// Calls any callable with already evaluated arguments; `input` is the context for
    /// parameters marked `-` in a signature.
    func apply(_ f: JFunction, _ arguments: [JValue?], _ input: JValue?, name: String? = nil) throws(JSONataError) -> JValue? {
        switch f.kind {
        case .lambda:
            return try applyLambda(f, arguments, input, name: name)
        case .builtin(let b):
            let args = try b.signature.validate(arguments, context: input, name: "$" + b.name)
            return try b.implementation(args, JSONataCall(evaluator: self, input: input))
        case .partial(let base, let fixed):
            var supplied = arguments.makeIterator()
            let full: [JValue?] = fixed.map { $0 ?? (supplied.next() ?? nil) }
            return try apply(base, full, input, name: name)
        case .regex(let regex):
            guard case .string(let s)? = arguments.first ?? nil else { return nil }
            return JSONataRegex.matches(regex, in: s, limit: 1).first.map { JSONataRegex.matchObject($0) }
        case .transform(let pattern, let update, let delete, let closure):
            guard let target = arguments.first ?? nil else { return nil }
            return try transform(target, pattern: pattern, update: update, delete: delete, closure)
        case .chain(let first, let second):
            let intermediate = try apply(first, arguments, input)
            return try apply(second, [intermediate], input)
        }
    }

    /// `lhs ~> rhs`: a call on the right gets `lhs` as its first argument; a function on
    /// both sides composes them.
    func applyChain(_ node: JSONataNode, _ input: JValue?, _ frame: JSONataFrame) throws(JSONataError) -> JValue? {
        guard case .apply(let lhsNode, let rhsNode) = node.kind else { return nil }
        let position = node.position
        let lhs = try evaluate(lhsNode, input, frame)
        if case .call(_, let arguments) = rhsNode.kind, rhsNode.predicates.isEmpty, rhsNode.group == nil,
            !arguments.contains(where: { if case .placeholder = $0.kind { true } else { false } })
        {
            return try call(rhsNode, input, frame, prepend: .some(lhs))
        }
        guard case .function(let f)? = try evaluate(rhsNode, input, frame) else {
            throw JSONataError("T2006", "The right side of the function application operator ~> must be a function", position: position)
        }
        if case .function(let g)? = lhs {
            return .function(JFunction(.chain(g, f)))
        }
        return try apply(f, [lhs], nil)
    }
}

/// What a library function sees of the evaluation it is called from.
struct JSONataCall {
    let evaluator: JSONataEvaluator
    /// The context value (`$`) at the call.
    let input: JValue?

    var environment: JSONataEnvironment { evaluator.environment }

    /// Calls a function argument with as many of `arguments` as it declares parameters,
    /// as JSONata's higher-order functions do.
    func callback(_ f: JFunction, _ arguments: [JValue?]) throws(JSONataError) -> JValue? {
        try evaluator.apply(f, Array(arguments.prefix(max(f.arity, 1))), nil)
    }
}
