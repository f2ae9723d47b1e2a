/// `States.MathAdd` and `States.MathRandom`.
extension Intrinsics {
    /// AWS: both values of `States.MathAdd` lie between -2147483647 and 2147483647.
    static let mathAddRange = -2_147_483_647...2_147_483_647

    /// The sum of two numbers, each first rounded like Java's `Math.round`
    /// (`1.5 + 1.49 = 3`, `-1.5 + 0 = -1`).
    static func mathAdd(_ a: JSON, _ b: JSON) throws(IntrinsicArgumentError) -> JSON {
        let x = try roundedInteger(a, "first")
        let y = try roundedInteger(b, "second")
        func check(_ value: Int, _ position: String) throws(IntrinsicArgumentError) {
            guard !mathAddRange.contains(value) else { return }
            throw IntrinsicArgumentError("The \(position) argument must be between \(mathAddRange.lowerBound) and \(mathAddRange.upperBound), but was \(value)")
        }
        try check(x, "first")
        try check(y, "second")
        return .int(x + y)
    }

    /// A random integer from `start` (inclusive) to `end` (exclusive). With a seed the
    /// result is Java's `new Random(seed).nextInt(end - start) + start`, so it is the
    /// same every time; without one it comes from the scope's entropy.
    static func mathRandom(_ values: [JSON], entropy: Entropy) throws(IntrinsicArgumentError) -> JSON {
        let start = try roundedInteger(values[0], "first")
        let end = try roundedInteger(values[1], "second")
        let span = end.subtractingReportingOverflow(start)
        guard !span.overflow, span.partialValue > 0, span.partialValue <= Int(Int32.max) else {
            throw IntrinsicArgumentError("The end number must be greater than the start number and within the integer range, but the range was [\(start), \(end))")
        }
        let bound = Int32(span.partialValue)
        if values.count == 3 {
            let seed = try integer(values[2], "third")
            var random = JavaRandom(seed: Int64(seed))
            return .int(start + Int(random.nextInt(bound: bound)))
        }
        // Lemire's multiply-shift maps 64 random bits onto [0, bound) without visible bias.
        let high = UInt64(bound).multipliedFullWidth(by: entropy.next()).high
        return .int(start + Int(high))
    }
}

/// Java's `java.util.Random` (a 48-bit linear congruential generator), so that seeded
/// `States.MathRandom` calls are deterministic the way Step Functions' Java runtime is.
struct JavaRandom {
    private var seed: UInt64
    private static let multiplier: UInt64 = 0x5_DEEC_E66D
    private static let mask: UInt64 = (1 << 48) - 1

    init(seed: Int64) {
        self.seed = (UInt64(bitPattern: seed) ^ Self.multiplier) & Self.mask
    }

    mutating func next(bits: Int) -> Int32 {
        seed = (seed &* Self.multiplier &+ 0xB) & Self.mask
        return Int32(truncatingIfNeeded: seed >> UInt64(48 - bits))
    }

    /// `Random.nextInt(int bound)` for a positive bound.
    mutating func nextInt(bound: Int32) -> Int32 {
        var r = next(bits: 31)
        let m = bound - 1
        if bound & m == 0 {
            return Int32(truncatingIfNeeded: (Int64(bound) * Int64(r)) >> 31)
        }
        var u = r
        while true {
            r = u % bound
            if u &- r &+ m >= 0 { return r }
            u = next(bits: 31)
        }
    }
}
