import Foundation

/// Walks a parsed expression, as JSONata's reference `evaluate` does.
///
/// One evaluator serves one `evaluate` call. It counts nesting and steps so that runaway
/// recursion or a loop ends in an error instead of a crash or a hang.
final class JSONataEvaluator {
    let environment: JSONataEnvironment
    private var depth = 0
    private var steps = 0

    private let stack: JSONataStackGuard

    init(environment: JSONataEnvironment) {
        self.environment = environment
        self.stack = JSONataStackGuard(budget: environment.maxStackBytes)
    }

    func evaluate(_ node: JSONataNode, _ input: JValue?, _ frame: JSONataFrame) throws(JSONataError) -> JValue? {
        depth += 1
        steps += 1
        defer { depth -= 1 }
        guard depth <= environment.maxDepth, stack.hasRoom() else {
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

    /// A thin dispatcher: every case with locals lives in its own function, which keeps
    /// this frame (paid once per nesting level) small.
    private func evaluateKind(_ node: JSONataNode, _ input: JValue?, _ frame: JSONataFrame) throws(JSONataError) -> JValue? {
        switch node.kind {
        case .string, .number, .value: return Self.literal(node.kind)
        case .regex: return try regexValue(node)
        case .name(let name): return Self.lookup(input, name)
        case .variable: return variable(node, input, frame)
        case .wildcard: return wildcard(input)
        case .descendants: return descendants(input)
        case .path: return try path(node, input, frame)
        case .negate: return try negate(node, input, frame)
        case .binary: return try binary(node, input, frame)
        case .array: return try arrayConstructor(node, input, frame)
        case .object(let pairs): return try groupBy(pairs, input, frame)
        case .condition: return try condition(node, input, frame)
        case .block: return try block(node, input, frame)
        case .bind: return try bind(node, input, frame)
        case .call: return try call(node, input, frame)
        case .placeholder:
            throw JSONataError("S0201", "Syntax error: ?", position: node.position)
        case .lambda: return lambda(node, input, frame)
        case .apply: return try applyChain(node, input, frame)
        case .sort, .indexStage: return input
        case .transform: return transformer(node, frame)
        }
    }

    private static func literal(_ kind: JSONataNode.Kind) -> JValue? {
        switch kind {
        case .string(let s): return .string(s)
        case .number(let n): return .number(n)
        case .value(.true): return .bool(true)
        case .value(.false): return .bool(false)
        case .value(.null): return .null
        default: return nil
        }
    }

    private func regexValue(_ node: JSONataNode) throws(JSONataError) -> JValue? {
        guard case .regex(let pattern, let flags) = node.kind else { return nil }
        return .function(JFunction(.regex(try Self.regex(pattern, flags: flags, at: node.position))))
    }

    private func variable(_ node: JSONataNode, _ input: JValue?, _ frame: JSONataFrame) -> JValue? {
        guard case .variable(let name) = node.kind else { return nil }
        if name.isEmpty {
            if case .array(let a)? = input, a.isOuterWrapper, let first = a.items.first { return first }
            return input
        }
        if let value = frame.lookup(name) { return value }
        if let builtin = JSONataLibrary.functions[name] { return .function(JFunction(.builtin(builtin))) }
        return nil
    }

    private func negate(_ node: JSONataNode, _ input: JValue?, _ frame: JSONataFrame) throws(JSONataError) -> JValue? {
        guard case .negate(let operand) = node.kind, let value = try evaluate(operand, input, frame) else { return nil }
        guard case .number(let d) = value else {
            throw JSONataError("D1002", "Cannot negate a non-numeric value: \(JSONataText.describe(value))", position: node.position)
        }
        return .number(-d)
    }

    private func arrayConstructor(_ node: JSONataNode, _ input: JValue?, _ frame: JSONataFrame) throws(JSONataError) -> JValue? {
        guard case .array(let items) = node.kind else { return nil }
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
    }

    private func condition(_ node: JSONataNode, _ input: JValue?, _ frame: JSONataFrame) throws(JSONataError) -> JValue? {
        guard case .condition(let test, let then, let otherwise) = node.kind else { return nil }
        if JValue.truthy(try evaluate(test, input, frame)) == true {
            return try evaluate(then, input, frame)
        }
        guard let otherwise else { return nil }
        return try evaluate(otherwise, input, frame)
    }

    private func block(_ node: JSONataNode, _ input: JValue?, _ frame: JSONataFrame) throws(JSONataError) -> JValue? {
        guard case .block(let expressions) = node.kind else { return nil }
        let inner = JSONataFrame(parent: frame)
        var result: JValue?
        for e in expressions { result = try evaluate(e, input, inner) }
        return result
    }

    private func bind(_ node: JSONataNode, _ input: JValue?, _ frame: JSONataFrame) throws(JSONataError) -> JValue? {
        guard case .bind(let name, let valueNode) = node.kind else { return nil }
        let value = try evaluate(valueNode, input, frame)
        frame.bind(name, value)
        return value
    }

    private func lambda(_ node: JSONataNode, _ input: JValue?, _ frame: JSONataFrame) -> JValue? {
        guard case .lambda(let parameters, let body, let signature) = node.kind else { return nil }
        return .function(JFunction(.lambda(parameters: parameters, body: body, closure: frame, input: input), signature: signature))
    }

    private func transformer(_ node: JSONataNode, _ frame: JSONataFrame) -> JValue? {
        guard case .transform(let pattern, let update, let delete) = node.kind else { return nil }
        return .function(JFunction(.transform(pattern: pattern, update: update, delete: delete, closure: frame)))
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
