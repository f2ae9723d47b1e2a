import OrderedCollections

/// Paths, predicates, grouping and order-by, following JSONata's `evaluatePath`,
/// `evaluateStep`, `evaluateFilter`, `evaluateGroupExpression` and `evaluateSortExpression`.
extension JSONataEvaluator {
    func path(_ node: JSONataNode, _ input: JValue?, _ frame: JSONataFrame) throws(JSONataError) -> JValue? {
        guard case .path(let steps, let keepSingletonArray) = node.kind else { return nil }
        // An undefined input is still one (undefined) item, so `$var.field` works without input.
        var inputItems: [JValue?]
        if case .array(let a)? = input, let first = steps.first, !Self.isVariable(first) {
            inputItems = a.items
        } else {
            inputItems = [input]
        }
        var result: JValue = .sequence()
        var tuples: [JSONataTuple]?
        for (i, step) in steps.enumerated() {
            if tuples != nil || step.bindsTuple {
                let stream = try tupleStep(step, tuples ?? inputItems.map { JSONataTuple(context: $0) }, frame)
                tuples = stream
                if stream.isEmpty { break }
                continue
            }
            if i == 0 && step.consArray {
                result = try evaluate(step, input, frame) ?? .sequence()
            } else {
                result = try self.step(step, inputItems, frame, lastStep: i == steps.count - 1)
            }
            guard case .array(let a) = result else {
                inputItems = [result]
                continue
            }
            if a.items.isEmpty { break }
            inputItems = a.items.map { $0 }
        }
        if let tuples {
            result = .sequence(tuples.compactMap(\.context))
            if let group = node.group { return try groupBy(group, tuples, frame) }
        }
        if keepSingletonArray {
            if case .array(let a) = result, a.isConstructed, !a.isSequence {
                result = .sequence([result])
            }
            if case .array(var a) = result {
                a.keepSingleton = true
                result = .array(a)
            } else {
                var a = JArray([result], sequence: true)
                a.keepSingleton = true
                result = .array(a)
            }
        }
        if let group = node.group {
            return try groupBy(group, result, frame)
        }
        return result
    }

    private static func isVariable(_ node: JSONataNode) -> Bool {
        if case .variable = node.kind { return true }
        return false
    }

    private func step(_ step: JSONataNode, _ items: [JValue?], _ frame: JSONataFrame, lastStep: Bool) throws(JSONataError) -> JValue {
        if case .sort(let terms) = step.kind {
            let present = items.compactMap { $0 }
            var sorted: JValue? = .array(JArray(try sort(present, terms, frame), sequence: present.count <= 1))
            for predicate in step.predicates { sorted = try filter(predicate, sorted, frame) }
            return sorted ?? .sequence()
        }
        var results: [JValue] = []
        for item in items {
            if let value = try evaluate(step, item, frame) { results.append(value) }
        }
        if lastStep, results.count == 1, case .array(let a) = results[0], !a.isSequence {
            return results[0]
        }
        var flat: [JValue] = []
        for value in results {
            if case .array(let a) = value, !a.isConstructed {
                flat.append(contentsOf: a.items)
            } else {
                flat.append(value)
            }
        }
        return .sequence(flat)
    }

    func filter(_ predicate: JSONataNode, _ input: JValue?, _ frame: JSONataFrame) throws(JSONataError) -> JValue? {
        let items: [JValue]
        if case .array(let a)? = input { items = a.items } else { items = input.map { [$0] } ?? [] }
        var results: [JValue] = []
        if case .number(let n) = predicate.kind, predicate.predicates.isEmpty {
            var index = Int(n.rounded(.down))
            if index < 0 { index += items.count }
            if items.indices.contains(index) {
                if case .array = items[index] { return items[index] }
                results.append(items[index])
            }
            return .sequence(results)
        }
        for (i, item) in items.enumerated() {
            var value = try evaluate(predicate, item, frame)
            if case .number(let n)? = value { value = .array(JArray([.number(n)])) }
            if case .array(let a)? = value, !a.items.isEmpty, a.items.allSatisfy({ $0.number != nil }) {
                for n in a.items {
                    var index = Int((n.number ?? 0).rounded(.down))
                    if index < 0 { index += items.count }
                    if index == i { results.append(item) }
                }
            } else if JValue.truthy(value) == true {
                results.append(item)
            }
        }
        return .sequence(results)
    }

    func groupBy(_ pairs: [JSONataPair], _ input: JValue?, _ frame: JSONataFrame) throws(JSONataError) -> JValue {
        var items: [JValue?]
        if case .array(let a)? = input { items = a.items } else { items = [input] }
        if items.isEmpty { items = [nil] }
        var groups: OrderedDictionary<String, (data: JValue?, pair: Int)> = [:]
        for item in items {
            for (index, pair) in pairs.enumerated() {
                let key = try evaluate(pair.key, item, frame)
                guard let key else { continue }
                guard case .string(let name) = key else {
                    throw JSONataError("T1003", "Key in object structure must evaluate to a string; got: \(JSONataText.describe(key))", position: pair.key.position)
                }
                if let existing = groups[name] {
                    guard existing.pair == index else {
                        throw JSONataError("D1009", "Multiple key definitions evaluate to same key: \(name)", position: pair.key.position)
                    }
                    groups[name] = (Self.append(existing.data, item), index)
                } else {
                    groups[name] = (item, index)
                }
            }
        }
        var result = OrderedDictionary<String, JValue>()
        for (key, entry) in groups {
            if let value = try evaluate(pairs[entry.pair].value, entry.data, frame) { result[key] = value }
        }
        return .object(result)
    }

    /// JSONata's `$append`: undefined disappears; the result is a plain array.
    static func append(_ a: JValue?, _ b: JValue?) -> JValue? {
        guard let a else { return b }
        guard let b else { return a }
        return .array(JArray(a.items + b.items))
    }

    private func sort(_ items: [JValue], _ terms: [JSONataSortTerm], _ frame: JSONataFrame) throws(JSONataError) -> [JValue] {
        try Self.mergeSort(items) { (a, b) throws(JSONataError) -> Bool in
            for term in terms {
                let x = try evaluate(term.expression, a, frame)
                let y = try evaluate(term.expression, b, frame)
                var comparison = 0
                switch (x, y) {
                case (nil, nil): continue
                case (nil, _): comparison = 1
                case (_, nil): comparison = -1
                case let (.number(p)?, .number(q)?): comparison = p == q ? 0 : (p < q ? -1 : 1)
                case let (.string(p)?, .string(q)?): comparison = p == q ? 0 : (JSONataText.less(p, q) ? -1 : 1)
                case (.number?, .string?), (.string?, .number?):
                    throw JSONataError("T2007", "Type mismatch when comparing values \(JSONataText.describe(x)) and \(JSONataText.describe(y)) in order-by clause", position: term.expression.position)
                default:
                    let bad = (x?.number == nil && x?.string == nil) ? x : y
                    throw JSONataError("T2008", "The expressions within an order-by clause must evaluate to numeric or string values: \(JSONataText.describe(bad))", position: term.expression.position)
                }
                if comparison == 0 { continue }
                if term.descending { comparison = -comparison }
                return comparison == 1
            }
            return false
        }
    }

    /// A stable merge sort; `swap(a, b)` says `a` belongs after `b`. The comparator may
    /// throw, which the standard library's sort does not allow.
    static func mergeSort(
        _ items: [JValue], _ swap: (JValue, JValue) throws(JSONataError) -> Bool
    ) throws(JSONataError) -> [JValue] {
        guard items.count > 1 else { return items }
        let middle = items.count / 2
        let left = try mergeSort(Array(items[..<middle]), swap)
        let right = try mergeSort(Array(items[middle...]), swap)
        var merged: [JValue] = []
        merged.reserveCapacity(items.count)
        var i = 0
        var j = 0
        while i < left.count, j < right.count {
            if try swap(left[i], right[j]) {
                merged.append(right[j])
                j += 1
            } else {
                merged.append(left[i])
                i += 1
            }
        }
        merged += left[i...]
        merged += right[j...]
        return merged
    }
}
