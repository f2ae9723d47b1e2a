import Foundation
import Synchronization

/// Records read recently, kept for a short time so that a hot path (StartExecution's state
/// machine, every SQS call's queue) does not read the store on every call.
///
/// Changes made through the same process remove their entry at once, and a read that was in
/// flight during the change does not put the old record back (each removal starts a new
/// generation; a read that began in an older one is returned but not kept). A change made by
/// another node sharing the database is seen within `lifetime`. AWS documents the same
/// window, longer: an updated state machine may still start executions of the previous
/// definition for a while, and queue attribute changes take up to 60 seconds to propagate.
public final class RecordCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private struct Entries {
        var values: [Key: (value: Value, until: Date)] = [:]
        /// Bumped by every removal: reads that started before it must not cache what they read.
        var generation = 0
    }

    private let entries = Mutex(Entries())
    private let lifetime: TimeInterval
    private let capacity: Int

    public init(lifetime: TimeInterval = 1, capacity: Int = 1024) {
        self.lifetime = lifetime
        self.capacity = capacity
    }

    /// The cached value, or `read()`'s (cached when not nil and nothing was removed meanwhile).
    public func value(for key: Key, now: Date, read: () async throws -> Value?) async rethrows -> Value? {
        let (cached, generation) = entries.withLock { ($0.values[key], $0.generation) }
        if let cached, cached.until > now { return cached.value }
        guard let value = try await read() else { return nil }
        entries.withLock { entries in
            guard entries.generation == generation else { return }
            // Bounded: a full cache starts over rather than tracking recency.
            if entries.values.count >= capacity { entries.values.removeAll(keepingCapacity: true) }
            entries.values[key] = (value, now.addingTimeInterval(lifetime))
        }
        return value
    }

    /// Forgets `key` (its record changed or went).
    public func remove(_ key: Key) {
        entries.withLock { entries in
            entries.values.removeValue(forKey: key)
            entries.generation &+= 1
        }
    }
}
