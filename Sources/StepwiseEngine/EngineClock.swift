import Foundation
import Synchronization

/// The engine's source of "now". Injected everywhere, so tests and `stepwise run` can use
/// a ``VirtualClock`` on which a one-year Wait passes in microseconds.
public protocol EngineClock: Sendable {
    func now() -> Date
    /// Suspends until `deadline` (on this clock's time line).
    func sleep(until deadline: Date) async throws
}

/// The wall clock.
public struct SystemClock: EngineClock {
    public init() {}
    public func now() -> Date { Date() }
    public func sleep(until deadline: Date) async throws {
        let seconds = deadline.timeIntervalSinceNow
        if seconds > 0 { try await Task.sleep(for: .seconds(seconds)) }
    }
}

/// A clock that moves only when told to. Sleepers wake when the clock is advanced past
/// their deadline.
public final class VirtualClock: EngineClock {
    private struct Sleeper {
        var deadline: Date
        var continuation: CheckedContinuation<Void, any Error>
    }

    private let state: Mutex<(now: Date, sleepers: [Sleeper])>

    public init(start: Date = Date(timeIntervalSince1970: 1_767_225_600)) {  // 2026-01-01T00:00:00Z
        state = Mutex((start, []))
    }

    public func now() -> Date { state.withLock { $0.now } }

    /// Moves the clock to `date` (never backwards) and wakes every sleeper that is due.
    public func advance(to date: Date) {
        let due: [Sleeper] = state.withLock { s in
            if date > s.now { s.now = date }
            let now = s.now
            let ready = s.sleepers.filter { $0.deadline <= now }
            s.sleepers.removeAll { $0.deadline <= now }
            return ready
        }
        for sleeper in due { sleeper.continuation.resume() }
    }

    public func advance(by seconds: TimeInterval) { advance(to: now().addingTimeInterval(seconds)) }

    /// The earliest deadline anyone sleeps until.
    public var nextDeadline: Date? { state.withLock { $0.sleepers.map(\.deadline).min() } }

    public func sleep(until deadline: Date) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            let immediate = state.withLock { s -> Bool in
                if deadline <= s.now { return true }
                s.sleepers.append(Sleeper(deadline: deadline, continuation: continuation))
                return false
            }
            if immediate { continuation.resume() }
        }
    }
}
