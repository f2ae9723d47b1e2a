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

    /// Forgets a waiter that stopped waiting. A waiter that leaves without having looked
    /// at the queue since it was raised passes that wake on (`passingOn`): the message it
    /// was woken for may still be there for another.
    func remove(_ queue: String, _ signal: Signal, passingOn: Bool = false) {
        waiters.withLock { all in
            all[queue]?.removeAll { $0 === signal }
            if all[queue]?.isEmpty == true { all[queue] = nil }
        }
        if passingOn && signal.isRaised { raise(queue, count: 1) }
    }

    /// Wakes every waiter of the queue (it was deleted or purged).
    func raise(_ queue: String) {
        let woken = waiters.withLock { $0.removeValue(forKey: queue) ?? [] }
        for signal in woken { signal.raise() }
    }

    /// Wakes up to `count` waiters: one per message that became receivable. Waking every
    /// long poll for each message made each of them run a receive that found nothing (a
    /// write transaction each, 32 per message with 32 pollers).
    func raise(_ queue: String, count: Int) {
        let woken: [Signal] = waiters.withLock { all in
            guard var list = all[queue] else { return [] }
            // Those parked in wait() first: the others are about to look at the queue anyway.
            var picked = list.filter { $0.isWaiting }.prefix(count)
            if picked.count < count { picked += list.filter { !$0.isWaiting && !$0.isRaised }.prefix(count - picked.count) }
            list.removeAll { signal in picked.contains { $0 === signal } }
            all[queue] = list.isEmpty ? nil : list
            return Array(picked)
        }
        for signal in woken { signal.raise() }
    }
}

/// A one-shot signal: `wait()` returns once `raise()` was called (before or after), or
/// when the waiting task is cancelled.
final class Signal: Sendable {
    private let state = Mutex<(raised: Bool, waiter: CheckedContinuation<Void, Never>?)>((false, nil))

    var isRaised: Bool { state.withLock { $0.raised } }
    /// Parked in ``wait()``.
    var isWaiting: Bool { state.withLock { $0.waiter != nil } }

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
