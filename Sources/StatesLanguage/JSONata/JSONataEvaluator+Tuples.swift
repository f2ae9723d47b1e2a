import OrderedCollections

/// One item of a tuple stream: the context value and the variables bound by `@` and `#`
/// on the steps before it.
struct JSONataTuple {
    var context: JValue?
    var bindings: [String: JValue] = [:]
}

/// Paths with focus (`@`) and index (`#`) bindings, after JSONata's `evaluateTupleStep`:
/// from the first such step on, each item carries its bindings to the later steps,
/// predicates and grouping.
extension JSONataEvaluator {
    func tupleStep(_ step: JSONataNode, _ input: [JSONataTuple], _ frame: JSONataFrame) throws(JSONataError) -> [JSONataTuple] {
        var bare = step
        bare.predicates = []
        var result: [JSONataTuple] = []
        for tuple in input {
            let scope = Self.frame(frame, tuple)
            guard let value = try evaluate(bare, tuple.context, scope) else { continue }
            let items: [JValue]
            if case .array(let a) = value { items = a.items } else { items = [value] }
            for (i, item) in items.enumerated() {
                var next = tuple
                if let focus = step.focus {
                    next.bindings[focus] = item
                } else {
                    next.context = item
                }
                if let index = step.index { next.bindings[index] = .number(Double(i)) }
                result.append(next)
            }
        }
        for stage in step.predicates {
            if case .indexStage(let name) = stage.kind {
                for i in result.indices { result[i].bindings[name] = .number(Double(i)) }
            } else {
                result = try filterTuples(stage, result, frame)
            }
        }
        return result
    }

    private static func frame(_ parent: JSONataFrame, _ tuple: JSONataTuple) -> JSONataFrame {
        guard !tuple.bindings.isEmpty else { return parent }
        let frame = JSONataFrame(parent: parent)
        for (name, value) in tuple.bindings { frame.bind(name, value) }
        return frame
    }

    private func filterTuples(_ predicate: JSONataNode, _ tuples: [JSONataTuple], _ frame: JSONataFrame) throws(JSONataError) -> [JSONataTuple] {
        if case .number(let n) = predicate.kind, predicate.predicates.isEmpty {
            var index = Int(n.rounded(.down))
            if index < 0 { index += tuples.count }
            return tuples.indices.contains(index) ? [tuples[index]] : []
        }
        var result: [JSONataTuple] = []
        for (i, tuple) in tuples.enumerated() {
            let value = try evaluate(predicate, tuple.context, Self.frame(frame, tuple))
            var numbers: [Double]?
            if case .number(let d)? = value { numbers = [d] }
            if case .array(let a)? = value, !a.items.isEmpty, a.items.allSatisfy({ $0.number != nil }) {
                numbers = a.items.compactMap(\.number)
            }
            if let numbers {
                for n in numbers {
                    var index = Int(n.rounded(.down))
                    if index < 0 { index += tuples.count }
                    if index == i { result.append(tuple) }
                }
            } else if JValue.truthy(value) == true {
                result.append(tuple)
            }
        }
        return result
    }

    /// Grouping over a tuple stream: keys and values see each tuple's bindings.
    func groupBy(_ pairs: [JSONataPair], _ tuples: [JSONataTuple], _ frame: JSONataFrame) throws(JSONataError) -> JValue {
        var groups: OrderedDictionary<String, (tuples: [JSONataTuple], pair: Int)> = [:]
        for tuple in tuples {
            for (index, pair) in pairs.enumerated() {
                guard let key = try evaluate(pair.key, tuple.context, Self.frame(frame, tuple)) else { continue }
                guard case .string(let name) = key else {
                    throw JSONataError("T1003", "Key in object structure must evaluate to a string; got: \(JSONataText.describe(key))", position: pair.key.position)
                }
                if let existing = groups[name] {
                    guard existing.pair == index else {
                        throw JSONataError("D1009", "Multiple key definitions evaluate to same key: \(name)", position: pair.key.position)
                    }
                    groups[name]?.tuples.append(tuple)
                } else {
                    groups[name] = ([tuple], index)
                }
            }
        }
        var result = OrderedDictionary<String, JValue>()
        for (key, entry) in groups {
            // The group's context is all its items; each variable holds its values across the group.
            var merged = JSONataTuple(context: nil)
            for tuple in entry.tuples {
                merged.context = Self.append(merged.context, tuple.context)
                for (name, value) in tuple.bindings {
                    merged.bindings[name] = Self.append(merged.bindings[name], value) ?? value
                }
            }
            if let value = try evaluate(pairs[entry.pair].value, merged.context, Self.frame(frame, merged)) { result[key] = value }
        }
        return .object(result)
    }
}
