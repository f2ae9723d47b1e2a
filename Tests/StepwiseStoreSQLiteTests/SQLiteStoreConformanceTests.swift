import Foundation
import StepwiseStore
import StepwiseStoreSQLite
import StepwiseStoreTesting
import Synchronization
import Testing

/// Runs the backend-neutral Store conformance suite against SQLite files.
@Suite struct SQLiteStoreConformanceTests {
    @Test("the SQLite store behaves as the Store protocol says", arguments: StoreConformance.behaviours)
    func conformance(_ behaviour: StoreConformance.Behaviour) async throws {
        let stores = TemporaryStores()
        defer { stores.removeAll() }
        try await behaviour.run { try stores.make() }
    }
}

/// Stores in temporary files, removed when the test ends.
final class TemporaryStores: Sendable {
    private let made = Mutex<[SQLiteStore]>([])

    func make() throws -> SQLiteStore {
        let store = try SQLiteStore.temporary()
        made.withLock { $0.append(store) }
        return store
    }

    func removeAll() {
        for store in made.withLock({ $0 }) { try? store.removeFiles() }
    }
}

/// Runs the event source mapping conformance behaviours against SQLite files.
@Suite struct SQLiteEventSourceMappingConformanceTests {
    @Test("the SQLite store keeps event source mappings as the protocol says", arguments: EventSourceMappingConformance.behaviours)
    func conformance(_ behaviour: EventSourceMappingConformance.Behaviour) async throws {
        let stores = TemporaryStores()
        defer { stores.removeAll() }
        try await behaviour.run { try stores.make() }
    }
}
