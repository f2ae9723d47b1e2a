import Foundation

/// The timer loop: sleeps until the earliest timer is due (on the injected clock), then
/// fires every due timer in one transaction per batch.
extension Engine {
    func timerLoop() async {
        while !isStopping {
            timersChanged.loopAwake()
            do {
                let fired = try await store.fireDueTimers(now: clock.now(), limit: 1000)
                if fired > 0 {
                    workAvailable.signal()
                    if fired == 1000 { continue }
                }
                let next = try await store.nextTimerDue()
                await sleepUntil(next)
            } catch {
                try? await Task.sleep(for: .milliseconds(200))
            }
        }
    }

    /// Sleeps until `deadline` on the engine's clock, or until timers change; with no
    /// deadline, until timers change (or a minute, to notice other nodes' timers).
    func sleepUntil(_ deadline: Date?) async {
        let clock = self.clock
        let wakeup = timersChanged
        // With no timer to wait for, any new one wakes the loop.
        if let deadline { wakeup.loopSleeps(until: deadline) }
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await wakeup.wait() }
            group.addTask {
                if let deadline {
                    try? await clock.sleep(until: deadline)
                } else {
                    try? await Task.sleep(for: .seconds(60))
                }
            }
            await group.next()
            group.cancelAll()
        }
    }
}
