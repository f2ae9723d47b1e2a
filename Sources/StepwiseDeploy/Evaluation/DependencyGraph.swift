import StatesLanguage

/// The order resources (or conditions) are created in: each after everything it refers to.
///
/// CloudFormation derives the edges from `Ref`, `Fn::GetAtt`, `Fn::Sub` variables and
/// `DependsOn`, and rejects a template whose references form a cycle.
struct DependencyGraph: Sendable {
    /// The nodes, in template order (ties are broken by it, so the order is stable).
    var nodes: [String]
    /// node → the nodes it depends on.
    var edges: [String: Set<String>]

    /// A topological order; a cycle is an error naming the nodes on it.
    func order(kind: String, at path: TemplatePath) throws(TemplateError) -> [String] {
        var remaining = Dictionary(uniqueKeysWithValues: nodes.map { ($0, edges[$0, default: []].subtracting([$0]).intersection(nodes)) })
        for node in nodes where edges[node, default: []].contains(node) {
            throw TemplateError(.circularDependency, at: path / node, "Circular dependency between \(kind): [\(node)]")
        }
        var order: [String] = []
        order.reserveCapacity(nodes.count)
        var placed: Set<String> = []
        while order.count < nodes.count {
            // Template order among the ready nodes: small templates, so a linear scan is fine.
            guard let next = nodes.first(where: { !placed.contains($0) && remaining[$0, default: []].isEmpty }) else {
                let cycle = nodes.filter { !placed.contains($0) }
                throw TemplateError(.circularDependency, at: path, "Circular dependency between \(kind): [\(cycle.joined(separator: ", "))]")
            }
            order.append(next)
            placed.insert(next)
            for node in nodes where !placed.contains(node) { remaining[node]?.remove(next) }
        }
        return order
    }
}

/// Finds what a template value refers to, and checks that every reference names something.
struct ReferenceScanner: Sendable {
    var parameters: Set<String>
    var resources: Set<String>

    /// The resources `value` refers to through `Ref`, `Fn::GetAtt` and `Fn::Sub`; a reference to
    /// nothing declared is CloudFormation's "Unresolved resource dependencies" error.
    func resourceReferences(in value: JSON, at path: TemplatePath) throws(TemplateError) -> Set<String> {
        var found: Set<String> = []
        try scan(value, at: path, into: &found)
        return found
    }

    private func scan(_ value: JSON, at path: TemplatePath, into found: inout Set<String>) throws(TemplateError) {
        switch value {
        case .array(let items):
            for (i, item) in items.enumerated() { try scan(item, at: path / i, into: &found) }
        case .object(let object):
            if object.count == 1, let key = object.keys.first, let argument = object.values.first {
                switch key {
                case "Ref":
                    if let name = argument.stringValue { try note(name, at: path / key, into: &found) }
                    return
                case "Fn::GetAtt":
                    try getAtt(argument, at: path / key, into: &found)
                    return
                case "Fn::Sub":
                    try sub(argument, at: path / key, into: &found)
                    return
                default: break
                }
            }
            for (key, member) in object { try scan(member, at: path / key, into: &found) }
        default:
            break
        }
    }

    private func note(_ name: String, at path: TemplatePath, into found: inout Set<String>) throws(TemplateError) {
        if resources.contains(name) {
            found.insert(name)
        } else if !parameters.contains(name) && !name.hasPrefix("AWS::") {
            throw TemplateError(.unresolved, at: path, "Template format error: Unresolved resource dependencies [\(name)] in the Resources block of the template")
        }
    }

    private func getAtt(_ argument: JSON, at path: TemplatePath, into found: inout Set<String>) throws(TemplateError) {
        let target: String?
        switch argument {
        case .string(let text): target = text.split(separator: ".", maxSplits: 1).first.map(String.init)
        case .array(let items):
            target = items.first?.stringValue
            for (i, item) in items.enumerated().dropFirst() { try scan(item, at: path / i, into: &found) }
        default: target = nil
        }
        guard let target else { return }  // the evaluator reports the malformed call
        guard resources.contains(target) else {
            throw TemplateError(.unresolved, at: path, "Template format error: Unresolved resource dependencies [\(target)] in the Resources block of the template")
        }
        found.insert(target)
    }

    private func sub(_ argument: JSON, at path: TemplatePath, into found: inout Set<String>) throws(TemplateError) {
        var text: String?
        var local: Set<String> = []
        switch argument {
        case .string(let s): text = s
        case .array(let items) where items.count == 2:
            text = items[0].stringValue
            if let map = items[1].objectValue {
                local = Set(map.keys)
                try scan(items[1], at: path / 1, into: &found)
            }
        default: break
        }
        guard let text else { return }
        for name in SubTemplate(text).variables where !local.contains(name) {
            if resources.contains(name) || parameters.contains(name) || name.hasPrefix("AWS::") {
                if resources.contains(name) { found.insert(name) }
                continue
            }
            let head = String(name.split(separator: ".", maxSplits: 1).first ?? "")
            guard name.contains("."), resources.contains(head) else {
                throw TemplateError(.unresolved, at: path, "Template format error: Unresolved resource dependencies [\(name)] in the Resources block of the template")
            }
            found.insert(head)
        }
    }

    /// The conditions a condition definition refers to with `{"Condition": name}`.
    static func conditionReferences(in value: JSON) -> Set<String> {
        switch value {
        case .array(let items): return items.reduce(into: []) { $0.formUnion(conditionReferences(in: $1)) }
        case .object(let object):
            if object.count == 1, object.keys.first == "Condition", let name = object.values.first?.stringValue {
                return [name]
            }
            return object.values.reduce(into: []) { $0.formUnion(conditionReferences(in: $1)) }
        default: return []
        }
    }
}
