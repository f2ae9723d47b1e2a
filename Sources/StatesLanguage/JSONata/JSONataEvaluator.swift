import Foundation

/// Walks a parsed expression, as JSONata's reference `evaluate` does.
///
/// One evaluator serves one `evaluate` call. It counts nesting and steps so that runaway
/// recursion or a loop ends in an error instead of a crash or a hang.
final class JSONataEvaluator {
    let environment: JSONataEnvironment
    private var depth = 0
    private var steps = 0
    static let maxDepth = 400

    init(environment: JSONataEnvironment) { self.environment = environment }

    func evaluate(_ node: JSONataNode, _ input: JValue?, _ frame: JSONataFrame) throws(JSONataError) -> JValue? {
        depth += 1
        steps += 1
        defer { depth -= 1 }
        guard depth <= Self.maxDepth else {
            throw JSONataError("U1001", "Stack overflow error: Check for non-terminating recursive function.  Consider rewriting as tail-recursive.", position: node.position)
        }
        guard steps <= environment.maxEvaluationSteps else {
            throw JSONataError("U1001", "The expression took too many evaluation steps; it may not terminate", position: node.position)
        }
        var result = try evaluateKind(node, input, frame)
        for predicate in node.predicates {
            result = try filter(predicate, result, frame)
        }
        if let group = node.group, !isPath(node) {
            result = try groupBy(group, result, frame)
        }
        if case .array(var a)? = result, a.isSequence {
            if node.keepArray { a.keepSingleton = true }
            if a.items.isEmpty { return nil }
            if a.items.count == 1 && !a.keepSingleton { return a.items[0] }
            return .array(a)
        }
        return result
    }

    private func isPath(_ node: JSONataNode) -> Bool {
        if case .path = node.kind { return true }
        return false
    }

    private func evaluateKind(_ node: JSONataNode, _ input: JValue?, _ frame: JSONataFrame) throws(JSONataError) -> JValue? {
        switch node.kind {
        case .string(let s): return .string(s)
        case .number(let n): return .number(n)
        case .value(let v):
            switch v {
            case .true: return .bool(true)
            case .false: return .bool(false)
            case .null: return .null
            }
        case .regex(let pattern, let flags):
            return .function(JFunction(.regex(try Self.regex(pattern, flags: flags, at: node.position))))
        case .name(let name): return Self.lookup(input, name)
        case .variable(let name):
            if name.isEmpty {
                if case .array(let a)? = input, a.isOuterWrapper, let first = a.items.first { return first }
                return input
            }
            if let value = frame.lookup(name) { return value }
            if let builtin = JSONataLibrary.functions[name] { return .function(JFunction(.builtin(builtin))) }
            return nil
        case .wildcard: return wildcard(input)
        case .descendants: return descendants(input)
        case .path(let steps, let keep): return try path(node, steps, keepSingletonArray: keep, input, frame)
        case .negate(let operand):
            guard let value = try evaluate(operand, input, frame) else { return nil }
            guard case .number(let d) = value else {
                throw JSONataError("D1002", "Cannot negate a non-numeric value: \(JSONataText.describe(value))", position: node.position)
            }
            return .number(-d)
        case .binary(let op, let lhs, let rhs): return try binary(op, lhs, rhs, input, frame, at: node.position)
        case .array(let items):
            var result = JArray()
            for item in items {
                guard let value = try evaluate(item, input, frame) else { continue }
                if case .array = item.kind {
                    result.items.append(value)
                } else if case .array(let a) = value {
                    result.items.append(contentsOf: a.items)
                } else {
                    result.items.append(value)
                }
            }
            result.isConstructed = node.consArray
            return .array(result)
        case .object(let pairs): return try groupBy(pairs, input, frame)
        case .condition(let test, let then, let otherwise):
            if JValue.truthy(try evaluate(test, input, frame)) == true {
                return try evaluate(then, input, frame)
            }
            guard let otherwise else { return nil }
            return try evaluate(otherwise, input, frame)
        case .block(let expressions):
            let inner = JSONataFrame(parent: frame)
            var result: JValue?
            for e in expressions { result = try evaluate(e, input, inner) }
            return result
        case .bind(let name, let valueNode):
            let value = try evaluate(valueNode, input, frame)
            frame.bind(name, value)
            return value
        case .call(let procedure, let arguments):
            return try call(procedure, arguments, input, frame, at: node.position)
        case .placeholder:
            throw JSONataError("S0201", "Syntax error: ?", position: node.position)
        case .lambda(let parameters, let body, let signature):
            return .function(JFunction(.lambda(parameters: parameters, body: body, closure: frame, input: input), signature: signature))
        case .apply(let lhs, let rhs): return try applyChain(lhs, rhs, input, frame, at: node.position)
        case .sort:
            return input
        case .transform(let pattern, let update, let delete):
            return .function(JFunction(.transform(pattern: pattern, update: update, delete: delete, closure: frame)))
        }
    }

    static func regex(_ pattern: String, flags: String, at position: Int?) throws(JSONataError) -> NSRegularExpression {
        var options: NSRegularExpression.Options = []
        if flags.contains("i") { options.insert(.caseInsensitive) }
        if flags.contains("m") { options.insert(.anchorsMatchLines) }
        do {
            return try NSRegularExpression(pattern: pattern, options: options)
        } catch {
            throw JSONataError("S0302", "Invalid regular expression: /\(pattern)/", position: position)
        }
    }

    /// A field of an object, mapped over an array and flattened (JSONata's `lookup`).
    static func lookup(_ input: JValue?, _ key: String) -> JValue? {
        switch input {
        case .array(let a)?:
            var result: [JValue] = []
            for item in a.items {
                guard let value = lookup(item, key) else { continue }
                if case .array(let inner) = value { result.append(contentsOf: inner.items) } else { result.append(value) }
            }
            return .sequence(result)
        case .object(let o)?: return o[key]
        default: return nil
        }
    }

    private func wildcard(_ input: JValue?) -> JValue? {
        var value = input
        if case .array(let a)? = input, a.isOuterWrapper, let first = a.items.first { value = first }
        var result: [JValue] = []
        guard case .object(let o)? = value else { return .sequence() }
        for (_, member) in o {
            if case .array = member { result.append(contentsOf: Self.flatten(member)) } else { result.append(member) }
        }
        return .sequence(result)
    }

    static func flatten(_ value: JValue) -> [JValue] {
        guard case .array(let a) = value else { return [value] }
        return a.items.flatMap { flatten($0) }
    }

    private func descendants(_ input: JValue?) -> JValue? {
        guard let input else { return nil }
        var result: [JValue] = []
        func recurse(_ value: JValue) {
            switch value {
            case .array(let a): a.items.forEach(recurse)
            case .object(let o):
                result.append(value)
                o.values.forEach(recurse)
            default: result.append(value)
            }
        }
        recurse(input)
        return result.count == 1 ? result[0] : .sequence(result)
    }
}
