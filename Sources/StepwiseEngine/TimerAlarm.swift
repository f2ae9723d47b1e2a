import Foundation
import Synchronization

/// What wakes the timer loop: a newly armed timer, only when it falls due before the wake
/// the loop already has planned.
///
/// Most timers are far off (a Task's TimeoutSeconds, a heartbeat), so waking the loop for
/// each one cost a read, a write to fire nothing and a fresh sleep, per execution. Moving or
/// cancelling a timer never needs a wake either: the loop wakes at its planned time, finds
/// nothing due and reads the next deadline again.
final class TimerAlarm: Sendable {
    private let wakeup = Wakeup()
    /// When the sleeping loop will wake by itself; nil while it is awake (reading the
    /// timers: the read may have missed a new timer) or asleep with no timer to wait for.
    private let plannedWake = Mutex<Date?>(nil)

    /// The loop is about to read the timers.
    func loopAwake() { plannedWake.withLock { $0 = nil } }

    /// The loop is about to sleep until `deadline` (what its last read found).
    func loopSleeps(until deadline: Date) { plannedWake.withLock { $0 = deadline } }

    /// Timers due at `dueDates` were committed.
    func armed(_ dueDates: some Sequence<Date>) {
        guard let earliest = dueDates.min() else { return }
        if plannedWake.withLock({ $0.map { earliest < $0 } ?? true }) { wakeup.signal() }
    }

    /// Wakes the loop whatever it planned (the engine is stopping).
    func ring() { wakeup.signal() }

    func wait() async { await wakeup.wait() }
}
