import Foundation
import Testing
@testable import StepwiseEngine

@Suite struct TimerAlarmTests {
    /// Whether `alarm.wait()` returns at once (a pending wake-up). A wait that would block
    /// is released by `ring()` after a short grace.
    func wakes(_ alarm: TimerAlarm) async -> Bool {
        await withTaskGroup(of: Bool.self) { group in
            group.addTask {
                await alarm.wait()
                return true
            }
            group.addTask {
                try? await Task.sleep(for: .milliseconds(50))
                return false
            }
            let first = await group.next() ?? false
            if !first { alarm.ring() }
            await group.waitForAll()
            return first
        }
    }

    @Test("a timer due before the planned wake wakes the loop; a later one does not")
    func onlyEarlierTimersWake() async {
        let alarm = TimerAlarm()
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        alarm.loopSleeps(until: now.addingTimeInterval(300))
        alarm.armed([now.addingTimeInterval(600), now.addingTimeInterval(300)])
        #expect(await !wakes(alarm))
        alarm.loopSleeps(until: now.addingTimeInterval(300))
        alarm.armed([now.addingTimeInterval(600), now.addingTimeInterval(10)])
        #expect(await wakes(alarm))
    }

    @Test("while the loop is awake, or asleep with no timer, any new timer wakes it")
    func awakeLoopAlwaysWoken() async {
        let alarm = TimerAlarm()
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        alarm.loopSleeps(until: now)
        alarm.loopAwake()  // reading the timers: the read may miss this one
        alarm.armed([now.addingTimeInterval(3_600)])
        #expect(await wakes(alarm))
        alarm.armed([])
        #expect(await !wakes(alarm))
    }
}
