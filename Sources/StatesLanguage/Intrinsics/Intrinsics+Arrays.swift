/// `States.ArrayPartition`, `States.ArrayRange`, `States.ArrayGetItem`, `States.ArrayUnique`.
extension Intrinsics {
    /// Splits an array into chunks of `size` (a positive integer); the last may be shorter.
    static func arrayPartition(_ value: JSON, _ size: JSON) throws(IntrinsicArgumentError) -> JSON {
        let items = try array(value, "first")
        let chunk = try integer(size, "second")
        guard chunk > 0 else {
            throw IntrinsicArgumentError("The chunk size must be a positive integer, but was \(chunk)")
        }
        return .array(stride(from: 0, to: items.count, by: chunk).map {
            .array(Array(items[$0..<Swift.min($0 + chunk, items.count)]))
        })
    }

    /// `start`, `start+step`, … up to and including `end`; at most 1000 items; the step
    /// is not 0. Non-integer bounds are rounded as `States.MathAdd` rounds them.
    static func arrayRange(_ first: JSON, _ last: JSON, _ increment: JSON) throws(IntrinsicArgumentError) -> JSON {
        let start = try roundedInteger(first, "first")
        let end = try roundedInteger(last, "second")
        let step = try roundedInteger(increment, "third")
        guard step != 0 else { throw IntrinsicArgumentError("The step value cannot be 0") }
        let span = step > 0 ? end.subtractingReportingOverflow(start) : start.subtractingReportingOverflow(end)
        let count: Int
        if span.overflow {
            count = Int.max
        } else if span.partialValue < 0 {
            count = 0
        } else {
            count = span.partialValue / Swift.abs(step) + 1
        }
        guard count <= maximumRangeItems else {
            throw IntrinsicArgumentError("The array cannot contain more than \(maximumRangeItems) items, but would contain \(count == Int.max ? "more" : String(count))")
        }
        return .array((0..<count).map { .int(start + $0 * step) })
    }

    /// The item at a zero-based index.
    static func arrayGetItem(_ value: JSON, _ index: JSON) throws(IntrinsicArgumentError) -> JSON {
        let items = try array(value, "first")
        let i = try integer(index, "second")
        guard i >= 0, i < items.count else {
            throw IntrinsicArgumentError("The index \(i) is out of bounds for an array of length \(items.count)")
        }
        return items[i]
    }

    /// The distinct items, each kept where it first appears.
    static func arrayUnique(_ value: JSON) throws(IntrinsicArgumentError) -> JSON {
        let items = try array(value, "first")
        var seen = Set<JSON>()
        var unique: [JSON] = []
        for item in items where seen.insert(item).inserted { unique.append(item) }
        return .array(unique)
    }
}
