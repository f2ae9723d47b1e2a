import Foundation
import Synchronization

/// What a callback benchmark knows about each execution (by sequence number) and about the
/// errors it met; shared by the starters, the workers and the resume sampler.
final class CallbackLedger: Sendable {
    struct State {
        var arns: [String?]
        /// When SendTaskSuccess returned (epoch seconds, client clock) for each execution.
        var callbackReturned: [Double?]
        var resumePolled: [Double] = []
        var started = 0
        var handled = 0
        var deadTokens = 0
        var errors: [String: Int] = [:]
        var errorSamples: [String: String] = [:]
    }

    let count: Int
    let state: Mutex<State>
    let stopped = Atomic(false)

    init(count: Int) {
        self.count = count
        state = Mutex(State(arns: Array(repeating: nil, count: count), callbackReturned: Array(repeating: nil, count: count)))
    }

    func started(_ seq: Int, arn: String) {
        state.withLock {
            $0.arns[seq] = arn
            $0.started += 1
        }
    }

    /// Records SendTaskSuccess's return for `seq` (the first one counts); whether it was the first.
    func callbackReturned(_ seq: Int?, at time: Double) -> Bool {
        state.withLock {
            $0.handled += 1
            guard let seq, seq >= 0, seq < $0.callbackReturned.count, $0.callbackReturned[seq] == nil else { return false }
            $0.callbackReturned[seq] = time
            return true
        }
    }

    func deadToken() { state.withLock { $0.deadTokens += 1 } }

    func resumePolled(_ seconds: Double) { state.withLock { $0.resumePolled.append(seconds) } }

    /// Counts an error; more than 2 % of the executions (at least 10) stops the run, as in sfn_bench.py.
    func record(_ failure: any Error) {
        let error = failure as? AWSBenchError
            ?? AWSBenchError(operation: "-", code: String(describing: type(of: failure)), status: 0, message: "\(failure)")
        let tooMany = state.withLock {
            let key = "\(error.operation) \(error.code)"
            $0.errors[key, default: 0] += 1
            if $0.errorSamples[key] == nil { $0.errorSamples[key] = error.description }
            return $0.errors.values.reduce(0, +) > max(10, count / 50)
        }
        if tooMany { stop() }
    }

    func stop() { stopped.store(true, ordering: .relaxed) }
    var isStopped: Bool { stopped.load(ordering: .relaxed) }

    var startedCount: Int { state.withLock { $0.started } }

    var snapshot: State { state.withLock { $0 } }
}
