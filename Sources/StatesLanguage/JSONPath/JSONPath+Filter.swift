/// Filter evaluation with Jayway's comparison rules: numbers compare as numbers,
/// strings lexicographically, other types only for (in)equality; a path that matches
/// nothing is "undefined", unequal to everything.
extension JSONPathFilter {
    func accepts(_ node: JSON, root: JSON) -> Bool {
        switch self {
        case .exists(let operand):
            return operand.value(at: node, root: root) != nil
        case .compare(let l, let op, let r):
            return Self.compare(l.value(at: node, root: root), op, r.value(at: node, root: root))
        case .and(let a, let b):
            return a.accepts(node, root: root) && b.accepts(node, root: root)
        case .or(let a, let b):
            return a.accepts(node, root: root) || b.accepts(node, root: root)
        case .not(let inner):
            return !inner.accepts(node, root: root)
        }
    }

    static func compare(_ left: JSON?, _ op: JSONPathComparison, _ right: JSON?) -> Bool {
        guard let left, let right else { return op == .notEqual }
        switch op {
        case .equal: return equal(left, right)
        case .notEqual: return !equal(left, right)
        default:
            let order: Int
            switch (left, right) {
            case let (.number(a), .number(b)): order = a < b ? -1 : (a == b ? 0 : 1)
            case let (.string(a), .string(b)): order = a < b ? -1 : (a == b ? 0 : 1)
            default: return false
            }
            switch op {
            case .less: return order < 0
            case .lessOrEqual: return order <= 0
            case .greater: return order > 0
            default: return order >= 0
            }
        }
    }

    static func equal(_ a: JSON, _ b: JSON) -> Bool {
        // Jayway reads a string that holds a number as that number when compared to one.
        switch (a, b) {
        case let (.number(n), .string(s)), let (.string(s), .number(n)):
            guard let parsed = Double(s) else { return false }
            return parsed == n.doubleValue
        default:
            return a == b
        }
    }
}

extension JSONPathOperand {
    /// The operand's value, nil when its path matches nothing.
    func value(at node: JSON, root: JSON) -> JSON? {
        switch self {
        case .literal(let json): return json
        case .current(let segments): return Self.resolve(segments, from: node, root: root)
        case .root(let segments): return Self.resolve(segments, from: root, root: root)
        }
    }

    static func resolve(_ segments: [JSONPathSegment], from start: JSON, root: JSON) -> JSON? {
        let definite = segments.allSatisfy { if case .child = $0 { true } else if case .index = $0 { true } else { false } }
        if definite {
            var current = start
            for segment in segments {
                var out: [JSON] = []
                JSONPath.apply(segment, to: current, root: root, isLeaf: false, into: &out)
                guard let first = out.first else { return nil }
                current = first
            }
            return current
        }
        let matches = JSONPath.select(segments[...], from: [start], root: root)
        return matches.isEmpty ? nil : .array(matches)
    }
}
