/// Lambdas whose result is another call (in a conditional branch or at the end of a
/// block) loop instead of recursing, as JSONata's tail-call optimisation does, so a
/// tail-recursive function runs in constant stack.
extension JSONataEvaluator {
    func applyLambda(_ function: JFunction, _ arguments: [JValue?], _ input: JValue?, name: String?) throws(JSONataError) -> JValue? {
        var f = function
        var args = arguments
        var callName = name
        while true {
            guard case .lambda(let parameters, let body, let closure, let definedInput) = f.kind else {
                return try apply(f, args, nil, name: callName)
            }
            if let signature = f.signature {
                args = try signature.validate(args, context: input, name: callName ?? "function")
            }
            let frame = JSONataFrame(parent: closure)
            for (i, p) in parameters.enumerated() { frame.bind(p, i < args.count ? args[i] : nil) }
            switch try tail(body, definedInput, frame) {
            case .value(let v): return v
            case .call(let next, let nextArguments, let nextName):
                f = next
                args = nextArguments
                callName = nextName
            }
        }
    }

    /// Evaluates `node`, stopping short of a call in tail position.
    private func tail(_ node: JSONataNode, _ input: JValue?, _ frame: JSONataFrame) throws(JSONataError) -> PreparedCall {
        guard node.predicates.isEmpty, node.group == nil, !node.keepArray else {
            return .value(try evaluate(node, input, frame))
        }
        switch node.kind {
        case .call:
            let prepared = try prepareCall(node, input, frame)
            if case .call(let f, _, _) = prepared, case .lambda = f.kind {
                return prepared
            }
            if case .call(let f, let args, let name) = prepared {
                return .value(Self.collapse(try apply(f, args, input, name: name)))
            }
            return prepared
        case .condition(let test, let then, let otherwise):
            if JValue.truthy(try evaluate(test, input, frame)) == true { return try tail(then, input, frame) }
            guard let otherwise else { return .value(nil) }
            return try tail(otherwise, input, frame)
        case .block(let expressions):
            guard let last = expressions.last else { return .value(nil) }
            let inner = JSONataFrame(parent: frame)
            for e in expressions.dropLast() { _ = try evaluate(e, input, inner) }
            return try tail(last, input, inner)
        default:
            return .value(try evaluate(node, input, frame))
        }
    }

    /// What `evaluate` does to a sequence result: empty is undefined, one item is that item.
    static func collapse(_ value: JValue?) -> JValue? {
        guard case .array(let a)? = value, a.isSequence else { return value }
        if a.items.isEmpty { return nil }
        if a.items.count == 1 && !a.keepSingleton { return a.items[0] }
        return value
    }
}
