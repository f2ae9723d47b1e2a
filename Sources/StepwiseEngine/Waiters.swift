import Synchronization

/// Long-poll waiters keyed by a name (an activity's ARN, an execution's ARN).
final class KeyedWaiters: Sendable {
    private let waiters = Mutex<[String: [Wakeup]]>([:])

    /// A wakeup signalled the next time `key` is signalled. Take it before checking the
    /// condition, so that no signal is missed in between.
    func waiter(_ key: String) -> Wakeup {
        let wakeup = Wakeup()
        waiters.withLock { $0[key, default: []].append(wakeup) }
        return wakeup
    }

    /// Forgets a waiter that gave up (a long poll that timed out).
    func remove(_ key: String, _ wakeup: Wakeup) {
        waiters.withLock { all in
            all[key]?.removeAll { $0 === wakeup }
            if all[key]?.isEmpty == true { all[key] = nil }
        }
    }

    func signal(_ key: String) {
        let woken = waiters.withLock { $0.removeValue(forKey: key) ?? [] }
        for wakeup in woken { wakeup.signal() }
    }

    func signalAll() {
        let woken = waiters.withLock { all in
            defer { all = [:] }
            return all.values.flatMap { $0 }
        }
        for wakeup in woken { wakeup.signal() }
    }
}

/// GetActivityTask callers waiting for a task.
typealias ActivityWaiters = KeyedWaiters

/// Callers waiting for executions to end.
final class ExecutionWaiters: Sendable {
    private let waiters = KeyedWaiters()
    func waiter(_ arn: String) -> Wakeup { waiters.waiter(arn) }
    func remove(_ arn: String, _ wakeup: Wakeup) { waiters.remove(arn, wakeup) }
    func finished(_ arn: String) { waiters.signal(arn) }
}
