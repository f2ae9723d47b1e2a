import Synchronization
import Testing
@testable import StepwiseServices

/// Long polls are woken one per message, and a wake a poll did not use goes to another.
@Suite struct QueueSignalsTests {
    /// Parks `n` waiters on `queue` and returns them once all are parked.
    func park(_ n: Int, on queue: String, _ signals: QueueSignals) async throws -> [Signal] {
        let parked = (0..<n).map { _ in signals.waiter(queue) }
        for signal in parked { Task { await signal.wait() } }
        try await bounded { parked.allSatisfy { $0.isWaiting } }
        return parked
    }

    @Test("a send of n messages wakes n parked polls, not all of them")
    func wakesOnePerMessage() async throws {
        let signals = QueueSignals()
        let parked = try await park(5, on: "q", signals)
        signals.raise("q", count: 2)
        #expect(parked.count(where: { $0.isRaised }) == 2)
        #expect(parked.prefix(2).allSatisfy { $0.isRaised })
        signals.raise("q", count: 10)
        #expect(parked.allSatisfy { $0.isRaised })
    }

    @Test("a poll that leaves with an unused wake passes it on; one that waited on it does not")
    func passesUnusedWakeOn() async throws {
        let signals = QueueSignals()
        let busy = signals.waiter("q")  // registered, still reading the queue
        let parked = try await park(2, on: "q", signals)
        signals.raise("q", count: 1)
        #expect(parked[0].isRaised && !parked[1].isRaised && !busy.isRaised)
        signals.remove("q", parked[0], passingOn: false)  // it waited: the wake was used
        #expect(!parked[1].isRaised)

        signals.raise("q", count: 2)  // the busy one is picked after the parked one
        #expect(parked[1].isRaised && busy.isRaised)
        let late = try await park(1, on: "q", signals)
        signals.remove("q", busy, passingOn: true)  // it returned what it had read: pass on
        #expect(late[0].isRaised)
    }

    @Test("deleting a queue wakes every poll")
    func wakesAllOnDelete() async throws {
        let signals = QueueSignals()
        let parked = try await park(3, on: "q", signals)
        let other = try await park(1, on: "other", signals)
        signals.raise("q")
        #expect(parked.allSatisfy { $0.isRaised })
        #expect(!other[0].isRaised)
        other[0].raise()
    }

    /// Polls a condition set by another task (returns as soon as it holds).
    func bounded(_ condition: @Sendable () -> Bool) async throws {
        for _ in 0..<5_000 where !condition() { try await Task.sleep(for: .milliseconds(1)) }
        #expect(condition())
    }
}
