extension JSONPath {
    /// Reads the path from `root` (the value its root names: the state input, the
    /// context object or a variable's value — `evaluate(in:)` picks it).
    ///
    /// A definite path returns the one value it selects and throws `.noMatch` when there
    /// is none, as Jayway's `PathNotFoundException` does. An indefinite path (wildcard,
    /// slice, filter, union, descendant) returns the array of every match, possibly empty.
    public func evaluate(_ root: JSON) throws(JSONPathError) -> JSON {
        if let names = memberNames, let value = Self.member(names, of: root) { return value }
        if isDefinite {
            switch lookUp(in: root) {
            case .success(let value): return value
            case .failure: throw .noMatch(path: source)
            }
        }
        return .array(Self.select(segments[...], from: [root], root: root))
    }

    /// Evaluates against a scope: `$` reads the input, `$$` the context object and
    /// `$name` the variable `name`.
    public func evaluate(in scope: EvaluationScope) throws(JSONPathError) -> JSON {
        // The input is read in place rather than through `rootValue`, which copies it.
        if case .input = rootKind { return try evaluate(scope.input) }
        guard let root = rootValue(in: scope) else { throw .noMatch(path: source) }
        return try evaluate(root)
    }

    /// The value this path's root names in `scope`; nil for an undefined variable.
    public func rootValue(in scope: EvaluationScope) -> JSON? {
        switch rootKind {
        case .input: scope.input
        case .context: scope.context.json
        case .variable(let name): scope.variable(name)
        }
    }

    /// Jayway's explanation of why this path matches nothing in `root`, e.g.
    /// `No results for path: $['a']` or `Missing property in path $['a']`. AWS quotes it
    /// in the cause of a failing `InputPath`/`OutputPath`. Only meaningful after
    /// `evaluate` threw `.noMatch`.
    public func noMatchReason(in root: JSON) -> String {
        if case .failure(let miss) = lookUp(in: root) { return miss.message }
        return "No results for path: " + jaywayText
    }

    /// The path as Jayway prints it: `$['a'][0][*]`.
    public var jaywayText: String { "$" + segments.map(\.jaywayText).joined() }

    // MARK: Definite paths

    /// `$.a.b`: the member found by following `names`, without copying the objects on the
    /// way; nil when one is missing (`lookUp` then says why).
    static func member(_ names: [String], of root: JSON) -> JSON? {
        guard case .object(let object) = root, !names.isEmpty else { return nil }
        // `$.a`, the usual case, is one lookup: no slice of the names, no intermediate copy.
        if names.count == 1 { return object[names[0]] }
        guard var current = object[names[0]] else { return nil }
        for i in 1..<names.count {
            guard case .object(let object) = current, let value = object[names[i]] else { return nil }
            current = value
        }
        return current
    }

    struct Miss: Error { var message: String }

    /// Walks a definite path, producing Jayway's message when it cannot.
    func lookUp(in root: JSON) -> Result<JSON, Miss> {
        var current = root
        // The path walked so far, for the messages only: built when a step fails.
        func walkedText(_ i: Int) -> String { "$" + segments[..<i].map(\.jaywayText).joined() }
        for (i, segment) in segments.enumerated() {
            let isLeaf = i == segments.count - 1
            var walked: String { walkedText(i) }
            switch segment {
            case .child(let name):
                guard case .object(let object) = current else {
                    return .failure(Miss(message: Self.notAnObject(segment, at: walked, found: current)))
                }
                guard let value = object[name] else {
                    if isLeaf { return .failure(Miss(message: "No results for path: " + jaywayText)) }
                    return .failure(Miss(message: "Missing property in path " + walked + segment.jaywayText))
                }
                current = value
            case .index(let index):
                guard case .array(let array) = current else {
                    if current.isNull { return .failure(Miss(message: "The path \(walked) is null")) }
                    return .failure(Miss(message: "Filter: \(segment.jaywayText) can only be applied to arrays. Current context is: \(current.javaText)"))
                }
                let j = index < 0 ? array.count + index : index
                guard j >= 0, j < array.count else { return .failure(Miss(message: "No results for path: " + jaywayText)) }
                current = array[j]
            case .union(let members):
                // Jayway merges a trailing list of names into one object.
                guard case .object(let object) = current else {
                    return .failure(Miss(message: Self.notAnObject(segment, at: walked, found: current)))
                }
                var merged = JSONObject()
                for case .child(let name) in members { if let v = object[name] { merged[name] = v } }
                current = .object(merged)
            default:
                return .failure(Miss(message: "No results for path: " + jaywayText))
            }
        }
        return .success(current)
    }

    static func notAnObject(_ segment: JSONPathSegment, at path: String, found: JSON) -> String {
        "Expected to find an object with property \(segment.jaywayText) in path \(path) but found '\(found.javaClassName)'. "
            + "This is not a json object according to the JsonProvider: 'com.jayway.jsonpath.spi.json.JacksonJsonProvider'."
    }

    // MARK: Indefinite paths

    /// Applies `segments` to every node in turn, keeping what each step selects.
    static func select(_ segments: ArraySlice<JSONPathSegment>, from nodes: [JSON], root: JSON) -> [JSON] {
        var nodes = nodes
        for (offset, segment) in zip(segments.indices, segments) {
            let isLeaf = offset == segments.endIndex - 1
            var next: [JSON] = []
            for node in nodes { apply(segment, to: node, root: root, isLeaf: isLeaf, into: &next) }
            nodes = next
        }
        return nodes
    }

    static func apply(_ segment: JSONPathSegment, to node: JSON, root: JSON, isLeaf: Bool, into out: inout [JSON]) {
        switch segment {
        case .child(let name):
            if case .object(let o) = node, let v = o[name] { out.append(v) }
        case .index(let i):
            if case .array(let a) = node {
                let j = i < 0 ? a.count + i : i
                if j >= 0, j < a.count { out.append(a[j]) }
            }
        case .wildcard:
            if case .array(let a) = node { out.append(contentsOf: a) }
            if case .object(let o) = node { out.append(contentsOf: o.values) }
        case .slice(let start, let end, let step):
            if case .array(let a) = node { out.append(contentsOf: slice(a, start: start, end: end, step: step)) }
        case .union(let members):
            if isLeaf, members.allSatisfy(\.isName) {
                // Jayway merges a trailing list of names into one object per node.
                guard case .object(let o) = node else { return }
                var merged = JSONObject()
                for case .child(let name) in members { if let v = o[name] { merged[name] = v } }
                out.append(.object(merged))
            } else {
                for member in members { apply(member, to: node, root: root, isLeaf: false, into: &out) }
            }
        case .filter(let filter):
            if case .array(let a) = node {
                for element in a where filter.accepts(element, root: root) { out.append(element) }
            } else if case .object = node, filter.accepts(node, root: root) {
                out.append(node)
            }
        case .descendant(let inner):
            scan(node, applying: inner, root: root, isLeaf: isLeaf, into: &out)
        }
    }

    /// `..`: applies `inner` at `node` and at every node below it, depth first, in the
    /// order Jayway's scan visits them.
    static func scan(_ node: JSON, applying inner: JSONPathSegment, root: JSON, isLeaf: Bool, into out: inout [JSON]) {
        switch node {
        case .object(let o):
            if case .filter(let filter) = inner {
                if filter.accepts(node, root: root) { out.append(node) }
            } else {
                apply(inner, to: node, root: root, isLeaf: isLeaf, into: &out)
            }
            for value in o.values { scan(value, applying: inner, root: root, isLeaf: isLeaf, into: &out) }
        case .array(let a):
            if case .filter = inner {} else { apply(inner, to: node, root: root, isLeaf: isLeaf, into: &out) }
            for value in a { scan(value, applying: inner, root: root, isLeaf: isLeaf, into: &out) }
        default:
            break
        }
    }

    /// Python-style slicing with clamped bounds (Jayway's `[1:]`, `[:2]`, `[-2:]`).
    static func slice(_ a: [JSON], start: Int?, end: Int?, step: Int?) -> ArraySlice<JSON> {
        let n = a.count
        let step = step ?? 1
        func clamp(_ i: Int, low: Int, high: Int) -> Int { Swift.min(Swift.max(i, low), high) }
        func resolve(_ i: Int) -> Int { i < 0 ? i + n : i }
        if step > 0 {
            let s = clamp(start.map(resolve) ?? 0, low: 0, high: n)
            let e = clamp(end.map(resolve) ?? n, low: 0, high: n)
            guard s < e else { return [] }
            if step == 1 { return a[s..<e] }
            return ArraySlice(stride(from: s, to: e, by: step).map { a[$0] })
        }
        let s = clamp(start.map(resolve) ?? n - 1, low: -1, high: n - 1)
        let e = clamp(end.map(resolve) ?? -1, low: -1, high: n - 1)
        guard s > e else { return [] }
        return ArraySlice(stride(from: s, to: e, by: step).map { a[$0] })
    }
}

extension JSONPathSegment {
    /// How Jayway prints this step in its messages.
    var jaywayText: String {
        switch self {
        case .child(let name): "['\(name)']"
        case .index(let i): "[\(i)]"
        case .wildcard: "[*]"
        case .descendant(let inner): ".." + inner.jaywayText
        case .slice(let start, let end, let step):
            "[" + (start.map(String.init) ?? "") + ":" + (end.map(String.init) ?? "") + (step.map { ":\($0)" } ?? "") + "]"
        case .union(let members):
            if members.allSatisfy(\.isName) {
                "[" + members.compactMap { if case .child(let n) = $0 { "'\(n)'" } else { nil } }.joined(separator: ",") + "]"
            } else {
                "[" + members.compactMap { if case .index(let i) = $0 { String(i) } else { nil } }.joined(separator: ",") + "]"
            }
        case .filter: "[?]"
        }
    }
}
