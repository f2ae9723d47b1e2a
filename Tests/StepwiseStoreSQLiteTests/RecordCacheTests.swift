import Foundation
import StepwiseStore
import Synchronization
import Testing

@Suite struct RecordCacheTests {
    static let start = Date(timeIntervalSinceReferenceDate: 800_000_000)

    /// A source that counts its reads.
    final class Source: Sendable {
        let reads = Mutex(0)
        let value = Mutex<String?>("v1")

        func read() -> String? {
            reads.withLock { $0 += 1 }
            return value.withLock { $0 }
        }
    }

    @Test("a value is read once per lifetime; a removed key and an expired one are read again; absence is not cached")
    func lifetime() async {
        let cache = RecordCache<String, String>(lifetime: 1)
        let source = Source()
        #expect(await cache.value(for: "k", now: Self.start) { source.read() } == "v1")
        source.value.withLock { $0 = "v2" }
        #expect(await cache.value(for: "k", now: Self.start.addingTimeInterval(0.9)) { source.read() } == "v1")
        #expect(source.reads.withLock { $0 } == 1)
        #expect(await cache.value(for: "k", now: Self.start.addingTimeInterval(1)) { source.read() } == "v2")
        cache.remove("k")
        source.value.withLock { $0 = nil }
        #expect(await cache.value(for: "k", now: Self.start.addingTimeInterval(1.1)) { source.read() } == nil)
        #expect(await cache.value(for: "k", now: Self.start.addingTimeInterval(1.2)) { source.read() } == nil)
        #expect(source.reads.withLock { $0 } == 4)
    }

    @Test("a full cache starts over instead of growing")
    func capacity() async {
        let cache = RecordCache<Int, Int>(lifetime: 60, capacity: 3)
        let reads = Mutex(0)
        for key in 0..<4 { _ = await cache.value(for: key, now: Self.start) { reads.withLock { $0 += 1 }; return key } }
        // Key 3 emptied the cache when it went in: 0 is read again, 3 is not.
        _ = await cache.value(for: 3, now: Self.start) { reads.withLock { $0 += 1 }; return 3 }
        _ = await cache.value(for: 0, now: Self.start) { reads.withLock { $0 += 1 }; return 0 }
        #expect(reads.withLock { $0 } == 5)
    }

    @Test("a read in flight while its key is removed returns what it read but does not keep it")
    func racingRead() async {
        let cache = RecordCache<String, String>(lifetime: 60)
        // The removal lands between the read's start and its end, as a delete racing a lookup.
        let stale = await cache.value(for: "k", now: Self.start) {
            cache.remove("k")
            return "deleted meanwhile"
        }
        #expect(stale == "deleted meanwhile")
        let reads = Mutex(0)
        let next = await cache.value(for: "k", now: Self.start) { reads.withLock { $0 += 1 }; return "fresh" }
        #expect(next == "fresh")
        #expect(reads.withLock { $0 } == 1)
        #expect(await cache.value(for: "k", now: Self.start) { "unused" } == "fresh")
    }
}
