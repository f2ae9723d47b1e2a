import Foundation
import Synchronization

/// Records read recently, kept for a short time so that a hot path (StartExecution's state
/// machine, every SQS call's queue) does not read the store on every call.
///
/// Changes made through the same process remove their entry at once (a read that was in
/// flight during the change may put the old record back, for at most `lifetime`); a change
/// made by another node sharing the database is seen within `lifetime`. AWS documents the same
/// window, longer: an updated state machine may still start executions of the previous
/// definition for a while, and queue attribute changes take up to 60 seconds to propagate.
public final class RecordCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private let entries = Mutex<[Key: (value: Value, until: Date)]>([:])
    private let lifetime: TimeInterval
    private let capacity: Int

    public init(lifetime: TimeInterval = 1, capacity: Int = 1024) {
        self.lifetime = lifetime
        self.capacity = capacity
    }

    /// The cached value, or `read()`'s (cached when not nil).
    public func value(for key: Key, now: Date, read: () async throws -> Value?) async rethrows -> Value? {
        if let cached = entries.withLock({ $0[key] }), cached.until > now { return cached.value }
        guard let value = try await read() else { return nil }
        entries.withLock { entries in
            // Bounded: a full cache starts over rather than tracking recency.
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[key] = (value, now.addingTimeInterval(lifetime))
        }
        return value
    }

    /// Forgets `key` (its record changed or went).
    public func remove(_ key: Key) {
        _ = entries.withLock { $0.removeValue(forKey: key) }
    }
}
