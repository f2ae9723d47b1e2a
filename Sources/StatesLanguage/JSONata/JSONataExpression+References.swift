extension JSONataExpression {
    /// The field names the expression reads from its input at the top level (`phone` in
    /// `phone.number`, or in `$count(items)`), in order of appearance, each once.
    ///
    /// Step Functions evaluates expressions with no input: data comes from `$states` and
    /// variables, so AWS refuses such a reference when the definition is created. Names
    /// inside a path after its first step, in predicates and in sort terms read the
    /// path's own values and are not counted.
    public var topLevelReferences: [String] {
        var names: [String] = []
        Self.collect(root, atTop: true, into: &names)
        return names
    }

    private static func collect(_ node: JSONataNode, atTop: Bool, into names: inout [String]) {
        for predicate in node.predicates { collect(predicate, atTop: false, into: &names) }
        for pair in node.group ?? [] {
            collect(pair.key, atTop: false, into: &names)
            collect(pair.value, atTop: false, into: &names)
        }
        switch node.kind {
        case .name(let name):
            if atTop, !names.contains(name) { names.append(name) }
        case .path(let steps, _):
            for (i, step) in steps.enumerated() { collect(step, atTop: atTop && i == 0, into: &names) }
        case .negate(let operand):
            collect(operand, atTop: atTop, into: &names)
        case .binary(_, let lhs, let rhs), .apply(let lhs, let rhs):
            collect(lhs, atTop: atTop, into: &names)
            collect(rhs, atTop: atTop, into: &names)
        case .array(let items), .block(let items):
            for item in items { collect(item, atTop: atTop, into: &names) }
        case .object(let pairs):
            for pair in pairs {
                collect(pair.key, atTop: atTop, into: &names)
                collect(pair.value, atTop: atTop, into: &names)
            }
        case .condition(let test, let then, let otherwise):
            collect(test, atTop: atTop, into: &names)
            collect(then, atTop: atTop, into: &names)
            if let otherwise { collect(otherwise, atTop: atTop, into: &names) }
        case .bind(_, let value):
            collect(value, atTop: atTop, into: &names)
        case .call(let function, let arguments):
            collect(function, atTop: atTop, into: &names)
            for argument in arguments { collect(argument, atTop: atTop, into: &names) }
        case .lambda(_, let body, _):
            // A lambda's body reads the input it was defined with.
            collect(body, atTop: atTop, into: &names)
        case .sort(let terms):
            for term in terms { collect(term.expression, atTop: false, into: &names) }
        case .transform(let pattern, let update, let delete):
            collect(pattern, atTop: false, into: &names)
            collect(update, atTop: false, into: &names)
            if let delete { collect(delete, atTop: false, into: &names) }
        case .string, .number, .value, .regex, .variable, .wildcard, .descendants, .placeholder, .indexStage:
            break
        }
    }
}
