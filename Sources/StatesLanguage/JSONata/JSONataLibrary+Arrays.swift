import OrderedCollections

extension JSONataLibrary {
    static let arrays: [JSONataBuiltin] = [
        JSONataBuiltin("append", "<xx:a>") { a, _ in JSONataEvaluator.append(a[argument: 0], a[argument: 1]) },
        JSONataBuiltin("reverse", "<a:a>") { a, _ in
            a[argument: 0].map { .array(JArray($0.items.reversed())) }
        },
        JSONataBuiltin("shuffle", "<a:a>") { a, call in
            guard var items = a[argument: 0]?.items else { return nil }
            // Fisher–Yates with the caller's source of randomness.
            var i = items.count - 1
            while i > 0 {
                let j = min(i, Int(call.environment.random() * Double(i + 1)))
                items.swapAt(i, j)
                i -= 1
            }
            return .array(JArray(items))
        },
        JSONataBuiltin("distinct", "<x:x>") { a, _ in
            guard let value = a[argument: 0] else { return nil }
            guard case .array(let arr) = value, arr.items.count > 1 else { return value }
            var result: [JValue] = []
            for item in arr.items where !result.contains(where: { JValue.deepEqual($0, item) }) {
                result.append(item)
            }
            return .array(JArray(result, sequence: arr.isSequence))
        },
        JSONataBuiltin("zip", "<a+>") { a, _ in
            let lists = a.map { $0?.items ?? [] }
            let length = lists.map(\.count).min() ?? 0
            return .array(JArray((0..<length).map { i in .array(JArray(lists.map { $0[i] })) }))
        },
        JSONataBuiltin("sort", "<af?:a>", sort),
    ]

    private static func sort(_ a: [JValue?], _ call: JSONataCall) throws(JSONataError) -> JValue? {
        guard let value = a[argument: 0] else { return nil }
        let items = value.items
        guard items.count > 1 else { return value }
        if case .function(let f)? = a[argument: 1] {
            let sorted = try JSONataEvaluator.mergeSort(items) { (x, y) throws(JSONataError) -> Bool in
                JValue.truthy(try call.callback(f, [x, y])) == true
            }
            return .array(JArray(sorted))
        }
        if items.allSatisfy({ $0.number != nil }) {
            return .array(JArray(try JSONataEvaluator.mergeSort(items) { x, y in (x.number ?? 0) > (y.number ?? 0) }))
        }
        if items.allSatisfy({ $0.string != nil }) {
            return .array(JArray(try JSONataEvaluator.mergeSort(items) { x, y in JSONataText.less(y.string ?? "", x.string ?? "") }))
        }
        throw JSONataError("D3070", "The single argument form of the sort function can only be applied to an array of strings or an array of numbers.  Use the second argument to specify a comparison function")
    }

    static let objects: [JSONataBuiltin] = [
        JSONataBuiltin("keys", "<x-:a<s>>") { a, _ in
            guard let value = a[argument: 0] else { return nil }
            var keys = OrderedSet<String>()
            for item in value.items { if case .object(let o) = item { keys.append(contentsOf: o.keys) } }
            return keys.isEmpty ? nil : .sequence(keys.map { .string($0) })
        },
        JSONataBuiltin("lookup", "<x-s:x>") { a, _ in
            guard let key = a[argument: 1]?.string else { return nil }
            return JSONataEvaluator.lookup(a[argument: 0], key)
        },
        JSONataBuiltin("spread", "<x-:a<o>>") { a, _ in
            guard let value = a[argument: 0] else { return nil }
            var result: [JValue] = []
            for item in value.items {
                guard case .object(let o) = item else {
                    result.append(item)
                    continue
                }
                for (k, v) in o { result.append(.object([k: v])) }
            }
            if case .object = value {} else if case .array = value {} else { return value }
            return .sequence(result)
        },
        JSONataBuiltin("merge", "<a<o>:o>") { a, _ in
            guard let value = a[argument: 0] else { return nil }
            var merged = OrderedDictionary<String, JValue>()
            for item in value.items { if case .object(let o) = item { for (k, v) in o { merged[k] = v } } }
            return .object(merged)
        },
        JSONataBuiltin("each", "<o-f:a>") { (a, call) throws(JSONataError) in
            guard case .object(let o)? = a[argument: 0], case .function(let f)? = a[argument: 1] else { return nil }
            var result: [JValue] = []
            for (k, v) in o {
                if let r = try call.callback(f, [v, .string(k), .object(o)]) { result.append(r) }
            }
            return .sequence(result)
        },
        JSONataBuiltin("sift", "<o-f?:o>") { (a, call) throws(JSONataError) in
            guard case .object(let o)? = a[argument: 0], case .function(let f)? = a[argument: 1] else { return nil }
            var result = OrderedDictionary<String, JValue>()
            for (k, v) in o {
                let keep = try call.callback(f, [v, .string(k), .object(o)])
                if JValue.truthy(keep) == true { result[k] = v }
            }
            return result.isEmpty ? nil : .object(result)
        },
        JSONataBuiltin("error", "<s?:x>") { (a, _) throws(JSONataError) in
            throw JSONataError("D3137", a[argument: 0]?.string ?? "$error() function evaluated")
        },
        JSONataBuiltin("assert", "<bs?:x>") { (a, _) throws(JSONataError) in
            guard case .bool(let ok)? = a[argument: 0] else {
                throw JSONataError("T0410", "Argument 1 of function $assert does not match function signature")
            }
            if !ok { throw JSONataError("D3141", a[argument: 1]?.string ?? "$assert() statement failed") }
            return nil
        },
        JSONataBuiltin("type", "<x:s>") { a, _ in
            guard let value = a[argument: 0] else { return nil }
            switch value {
            case .null: return .string("null")
            case .bool: return .string("boolean")
            case .number: return .string("number")
            case .string: return .string("string")
            case .array: return .string("array")
            case .object: return .string("object")
            case .function: return .string("function")
            }
        },
    ]
}
