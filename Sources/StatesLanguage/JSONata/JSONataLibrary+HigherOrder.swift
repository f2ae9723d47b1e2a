extension JSONataLibrary {
    static let higherOrder: [JSONataBuiltin] = [
        JSONataBuiltin("map", "<af>") { (a, call) throws(JSONataError) in
            guard let list = a[argument: 0], case .function(let f)? = a[argument: 1] else { return nil }
            let items = list.items
            var result: [JValue] = []
            for (i, item) in items.enumerated() {
                if let r = try call.callback(f, [item, .number(Double(i)), list]) { result.append(r) }
            }
            return .sequence(result)
        },
        JSONataBuiltin("filter", "<af>") { (a, call) throws(JSONataError) in
            guard let list = a[argument: 0], case .function(let f)? = a[argument: 1] else { return nil }
            var result: [JValue] = []
            for (i, item) in list.items.enumerated() {
                let keep = try call.callback(f, [item, .number(Double(i)), list])
                if JValue.truthy(keep) == true { result.append(item) }
            }
            return .sequence(result)
        },
        JSONataBuiltin("single", "<af?>") { (a, call) throws(JSONataError) in
            guard let list = a[argument: 0] else { return nil }
            var found: JValue?
            for (i, item) in list.items.enumerated() {
                var matches = true
                if case .function(let f)? = a[argument: 1] {
                    matches = JValue.truthy(try call.callback(f, [item, .number(Double(i)), list])) == true
                }
                guard matches else { continue }
                guard found == nil else {
                    throw JSONataError("D3138", "The $single() function expected exactly 1 matching result.  Instead it matched more.")
                }
                found = item
            }
            guard let found else {
                throw JSONataError("D3139", "The $single() function expected exactly 1 matching result.  Instead it matched 0.")
            }
            return found
        },
        JSONataBuiltin("reduce", "<afj?:j>") { (a, call) throws(JSONataError) in
            guard let list = a[argument: 0], case .function(let f)? = a[argument: 1] else { return nil }
            let arity = f.arity
            guard arity >= 2 else {
                throw JSONataError("D3050", "The second argument of reduce function must be a function with at least two arguments")
            }
            let items = list.items
            var index = 0
            var result = a[argument: 2]
            if result == nil, !items.isEmpty {
                result = items[0]
                index = 1
            }
            while index < items.count {
                var args: [JValue?] = [result, items[index]]
                if arity >= 3 { args.append(.number(Double(index))) }
                if arity >= 4 { args.append(list) }
                result = try call.evaluator.apply(f, args, nil)
                index += 1
            }
            return result
        },
    ]
}
