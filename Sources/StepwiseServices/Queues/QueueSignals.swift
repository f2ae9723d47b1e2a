import Synchronization

/// Long polls waiting on a queue, woken by sends to it (no busy polling).
final class QueueSignals: Sendable {
    private let waiters = Mutex<[String: [Signal]]>([:])

    /// A signal raised the next time `queue` gets a message. Take it before looking at the
    /// queue, so that a send in between is not missed.
    func waiter(_ queue: String) -> Signal {
        let signal = Signal()
        waiters.withLock { $0[queue, default: []].append(signal) }
        return signal
    }

    /// Forgets a waiter that stopped waiting.
    func remove(_ queue: String, _ signal: Signal) {
        waiters.withLock { all in
            all[queue]?.removeAll { $0 === signal }
            if all[queue]?.isEmpty == true { all[queue] = nil }
        }
    }

    func raise(_ queue: String) {
        let woken = waiters.withLock { $0.removeValue(forKey: queue) ?? [] }
        for signal in woken { signal.raise() }
    }
}

/// A one-shot signal: `wait()` returns once `raise()` was called (before or after), or
/// when the waiting task is cancelled.
final class Signal: Sendable {
    private let state = Mutex<(raised: Bool, waiter: CheckedContinuation<Void, Never>?)>((false, nil))

    func raise() {
        let waiter = state.withLock { s -> CheckedContinuation<Void, Never>? in
            s.raised = true
            defer { s.waiter = nil }
            return s.waiter
        }
        waiter?.resume()
    }

    func wait() async {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let ready = state.withLock { s -> Bool in
                    if s.raised || Task.isCancelled { return true }
                    s.waiter = continuation
                    return false
                }
                if ready { continuation.resume() }
            }
        } onCancel: {
            raise()
        }
    }
}
