import OrderedCollections

/// The transform operator `| pattern | update, delete |`.
///
/// JSONata mutates a deep copy in place. Values here are immutable, so every object of
/// the copy gets a hidden identity member; the pattern's matches are recognised by it
/// and the update and delete are applied while rebuilding, top-down in document order.
extension JSONataEvaluator {
    private static let identityKey = "\u{0}jsonata-transform-id"

    func transform(
        _ target: JValue, pattern: JSONataNode, update: JSONataNode, delete: JSONataNode?, _ frame: JSONataFrame
    ) throws(JSONataError) -> JValue? {
        var nextID = 0
        let tagged = Self.tag(target, &nextID)
        var matched = Set<Int>()
        if let matches = try evaluate(pattern, tagged, frame) {
            for item in matches.items {
                if case .object(let o) = item, case .number(let id)? = o[Self.identityKey] { matched.insert(Int(id)) }
            }
        }
        return try rebuild(tagged, matched, update: update, delete: delete, frame)
    }

    private static func tag(_ value: JValue, _ nextID: inout Int) -> JValue {
        switch value {
        case .object(let o):
            var members = OrderedDictionary<String, JValue>()
            members[identityKey] = .number(Double(nextID))
            nextID += 1
            for (k, v) in o { members[k] = tag(v, &nextID) }
            return .object(members)
        case .array(let a):
            var copy = a
            copy.items = a.items.map { tag($0, &nextID) }
            return .array(copy)
        default: return value
        }
    }

    private static func untag(_ value: JValue) -> JValue {
        switch value {
        case .object(var o):
            o.removeValue(forKey: identityKey)
            return .object(o.mapValues(untag))
        case .array(var a):
            a.items = a.items.map(untag)
            return .array(a)
        default: return value
        }
    }

    private func rebuild(
        _ value: JValue, _ matched: Set<Int>, update: JSONataNode, delete: JSONataNode?, _ frame: JSONataFrame
    ) throws(JSONataError) -> JValue {
        switch value {
        case .array(var a):
            var items: [JValue] = []
            for item in a.items { items.append(try rebuild(item, matched, update: update, delete: delete, frame)) }
            a.items = items
            return .array(a)
        case .object(var o):
            if case .number(let id)? = o[Self.identityKey], matched.contains(Int(id)) {
                let current = Self.untag(.object(o))
                if let changes = try evaluate(update, current, frame) {
                    guard case .object(let members) = changes else {
                        throw JSONataError("T2011", "The insert/update clause of the transform expression must evaluate to an object: \(JSONataText.describe(changes))", position: update.position)
                    }
                    for (k, v) in members { o[k] = v }
                }
                if let delete, let names = try evaluate(delete, current, frame) {
                    let keys = names.items.compactMap(\.string)
                    guard keys.count == names.items.count else {
                        throw JSONataError("T2012", "The delete clause of the transform expression must evaluate to a string or array of strings: \(JSONataText.describe(names))", position: delete.position)
                    }
                    for k in keys { o.removeValue(forKey: k) }
                }
            }
            o.removeValue(forKey: Self.identityKey)
            var members = OrderedDictionary<String, JValue>()
            for (k, v) in o { members[k] = try rebuild(v, matched, update: update, delete: delete, frame) }
            return .object(members)
        default: return value
        }
    }
}
