extension JSONPath {
    /// Reads the path from `root` (the state input, or the context object for `$$`
    /// paths — the caller passes the right one).
    ///
    /// A definite path returns the one value it selects and throws `.noMatch` when there
    /// is none. An indefinite path (wildcard, slice, filter, union, descendant) returns
    /// the array of every match.
    public func evaluate(_ root: JSON) throws(JSONPathError) -> JSON {
        if isDefinite {
            var current = root
            for segment in segments {
                switch segment {
                case .child(let name):
                    guard case .object(let o) = current, let v = o[name] else { throw .noMatch(path: source) }
                    current = v
                case .index(let i):
                    guard case .array(let a) = current else { throw .noMatch(path: source) }
                    let j = i < 0 ? a.count + i : i
                    guard j >= 0, j < a.count else { throw .noMatch(path: source) }
                    current = a[j]
                default:
                    preconditionFailure("definite paths hold only names and indices")
                }
            }
            return current
        }
        var nodes = [root]
        for segment in segments {
            var next: [JSON] = []
            for node in nodes {
                switch segment {
                case .child(let name): if let v = node[name] { next.append(v) }
                case .index(let i):
                    if case .array(let a) = node {
                        let j = i < 0 ? a.count + i : i
                        if j >= 0, j < a.count { next.append(a[j]) }
                    }
                case .wildcard:
                    if case .array(let a) = node { next.append(contentsOf: a) }
                    if case .object(let o) = node { next.append(contentsOf: o.values) }
                default:
                    break
                }
            }
            nodes = next
        }
        return .array(nodes)
    }

    /// Evaluates against a scope: `$$` paths read the context object, others the input.
    public func evaluate(in scope: EvaluationScope) throws(JSONPathError) -> JSON {
        try evaluate(isContextPath ? scope.context.json : scope.input)
    }
}
