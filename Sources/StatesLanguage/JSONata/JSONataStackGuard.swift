/// Bounds the stack an evaluation may use, measured from where it started, so that deep
/// recursion stops with `U1001` instead of overflowing the thread's stack (Swift's
/// cooperative threads can have as little as 512 KiB).
struct JSONataStackGuard {
    private let lowest: UInt

    init(budget: Int) {
        let start = Self.currentAddress()
        lowest = start > UInt(budget) ? start - UInt(budget) : 0
    }

    /// True while the caller's frame is within the budget (stacks grow downwards on
    /// every platform Swift supports).
    func hasRoom() -> Bool { Self.currentAddress() > lowest }

    /// An address in the caller's frame.
    @inline(never)
    static func currentAddress() -> UInt {
        var marker = 0
        return withUnsafeMutablePointer(to: &marker) { UInt(bitPattern: $0) }
    }
}
