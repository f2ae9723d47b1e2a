import Foundation
import Testing
@testable import StatesLanguage

@Suite struct JSONataRecursionTests {
    /// Runs `body` on a thread with a small stack, like the 512 KiB threads of Swift's
    /// cooperative pool, and returns its result.
    private func onSmallStack(_ body: @escaping @Sendable () -> String) -> String {
        let box = ResultBox()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            box.set(body())
            done.signal()
        }
        thread.stackSize = 512 * 1024
        thread.start()
        done.wait()
        return box.get()
    }

    @Test("deep recursion ends in U1001 without exhausting a small stack")
    func deepRecursion() {
        let outcome = onSmallStack {
            do {
                _ = try evaluateJSONata("($f := function($n) { $n = 0 ? 0 : 1 + $f($n - 1) }; $f(100000))")
                return "no error"
            } catch {
                return (error as? JSONataError)?.code ?? "other"
            }
        }
        #expect(outcome == "U1001")
    }

    @Test("tail calls run in constant stack, as JSONata optimises them")
    func tailRecursion() {
        let outcome = onSmallStack {
            let expression = "($f := function($n, $acc) { $n = 0 ? $acc : $f($n - 1, $acc + 1) }; $f(10000, 0))"
            return (try? evaluateJSONata(expression)).map { "\($0)" } ?? "error"
        }
        #expect(outcome == "10000")
    }

    /// Debug builds spend several KiB of stack per nesting level, so keep this shallow.
    @Test("moderate recursion works on a small stack")
    func moderateRecursion() {
        let outcome = onSmallStack {
            (try? evaluateJSONata("($f := function($n) { $n = 0 ? 0 : 1 + $f($n - 1) }; $f(8))")).map { "\($0)" } ?? "error"
        }
        #expect(outcome == "8")
    }
}

private final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var value = ""
    func set(_ v: String) { lock.withLock { value = v } }
    func get() -> String { lock.withLock { value } }
}
