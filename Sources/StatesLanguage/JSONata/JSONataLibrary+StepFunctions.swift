import Foundation

/// The functions Step Functions adds to JSONata ("Step Functions-provided JSONata
/// functions" in the AWS documentation), standing in for the `States.*` intrinsics.
extension JSONataLibrary {
    static let stepFunctions: [JSONataBuiltin] = [
        JSONataBuiltin("partition", "<an:a>") { (a, _) throws(JSONataError) in
            guard let list = a[argument: 0], let size = a[argument: 1]?.number else { return nil }
            guard size >= 1, size.rounded(.towardZero) == size else {
                throw JSONataError("D3040", "The chunk size of $partition must be a positive integer: \(JSONataText.number(size))")
            }
            let items = list.items
            let chunk = Int(min(size, 1e9))
            let chunks = stride(from: 0, to: items.count, by: chunk).map {
                JValue.array(JArray(Array(items[$0..<min($0 + chunk, items.count)])))
            }
            return .array(JArray(chunks))
        },
        JSONataBuiltin("range", "<nnn?:a>") { (a, _) throws(JSONataError) in
            guard let start = a[argument: 0]?.number, let end = a[argument: 1]?.number else { return nil }
            let step = a[argument: 2]?.number ?? 1
            for n in [start, end, step] where n.rounded(.towardZero) != n {
                throw JSONataError("D3040", "The arguments of $range must be integers: \(JSONataText.number(n))")
            }
            guard step != 0 else { throw JSONataError("D3040", "The step of $range cannot be 0") }
            var values: [JValue] = []
            var n = start
            while step > 0 ? n <= end : n >= end {
                values.append(.number(n))
                guard values.count <= 1000 else {
                    throw JSONataError("D3040", "$range cannot produce more than 1000 items")
                }
                n += step
            }
            // A sequence, as AWS's function returns it: one number comes out alone (AWS's
            // `$range(1, 9, 9)` is `1`); none is still an empty array.
            return values.isEmpty ? .array(JArray()) : .sequence(values)
        },
        JSONataBuiltin("hash", "<ss:s>") { (a, _) throws(JSONataError) in
            guard let text = a[argument: 0]?.string, let algorithm = a[argument: 1]?.string else { return nil }
            guard let hex = HashDigest.hex(of: text, algorithm: algorithm) else {
                throw JSONataError("D3040", "The hash algorithm '\(algorithm)' is not supported; use \(HashDigest.algorithmNames)")
            }
            return .string(hex)
        },
        JSONataBuiltin("random", "<n?:n>") { a, call in
            guard let seed = a[argument: 0]?.number else { return .number(call.environment.random()) }
            // Java's new Random(seed).nextDouble(), as Step Functions' runtime computes it.
            var random = JavaRandom(seed: Int64(exactly: seed.rounded(.towardZero)) ?? 0)
            let high = Int64(random.next(bits: 26))
            let low = Int64(random.next(bits: 27))
            return .number(Double((high << 27) + low) * 0x1.0p-53)
        },
        JSONataBuiltin("uuid", "<:s>") { _, call in .string(call.environment.uuid()) },
        JSONataBuiltin("parse", "<s-:x>") { (a, _) throws(JSONataError) in
            guard let text = a[argument: 0]?.string else { return nil }
            do {
                return JValue(try JSON(parsing: text))
            } catch {
                throw JSONataError("D3140", "$parse() could not parse the string as JSON: \(error)")
            }
        },
    ]
}
