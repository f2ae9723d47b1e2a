import Foundation
import GRDB
import StepwiseStore
@testable import StepwiseStoreSQLite
import Synchronization
import Testing

/// A receive costs the same whatever the queue holds: its statements read the queue in
/// index order and stop early (a sort or a walk over every message made draining 100,000
/// parked callbacks crawl).
@Suite struct SQLiteQueueScaleTests {
    static let now = Date(timeIntervalSinceReferenceDate: 1_000)

    /// Queue "q" holding `count` visible messages m0, m1, … sent at ``now``.
    static func queue(of count: Int, in store: SQLiteStore) async throws {
        _ = try await store.createQueue(QueueRecord(name: "q", attributes: [:], createdAt: now, updatedAt: now))
        let drafts = (0..<count).map { i in
            QueueMessageDraft(messageID: "m\(i)", body: "b", md5OfBody: "x", sentAt: now, visibleAt: now,
                              expiresAt: now.addingTimeInterval(3_600))
        }
        _ = try await store.sendMessages(queue: "q", drafts, deduplicationWindow: 300, now: now)
    }

    @Test("receive, expiry and next-visible statements use their index and never sort")
    func receivePlans() async throws {
        let seen = Mutex<Set<String>>([])
        let store = try Fixture.observedStore { sql in seen.withLock { _ = $0.insert(sql) } }
        defer { try? store.removeFiles() }
        try await Self.queue(of: 50, in: store)
        let now = Self.now
        let receive = QueueReceive(limit: 10, visibleUntil: now.addingTimeInterval(30), receiptHandles: (0..<10).map { "h\($0)" },
                                   fifo: false, redrive: nil)
        #expect(try await store.receiveMessages(queue: "q", receive, now: now).map(\.message.messageID) == (0..<10).map { "m\($0)" })
        _ = try await store.nextVisibleAt(queue: "q", now: now)

        let statements = seen.withLock { $0 }.filter { $0.contains("FROM queueMessage") && !$0.hasPrefix("INSERT") }
        #expect(statements.count >= 3)
        for sql in statements {
            let plan = try await store.pool.read { db in
                let statement = try db.makeStatement(sql: "EXPLAIN QUERY PLAN " + sql)
                statement.setUncheckedArguments([])
                return try Row.fetchAll(statement).map { $0["detail"] as String }.joined(separator: "\n")
            }
            #expect(!plan.contains("TEMP B-TREE"), "\(sql)\n\(plan)")
            if sql.contains("expiresAt <= ?") { #expect(plan.contains("queueMessage_expiry"), "\(sql)\n\(plan)") }
            if sql.contains("visibleAt <= ?") || sql.contains("visibleAt > ?") {
                #expect(plan.contains("queueMessage_visible"), "\(sql)\n\(plan)")
            }
        }
    }

    @Test("a zero visibility timeout hands a message out once per receive")
    func zeroVisibility() async throws {
        let store = try SQLiteStore.temporary()
        defer { try? store.removeFiles() }
        try await Self.queue(of: 3, in: store)
        let now = Self.now
        let receive = QueueReceive(limit: 10, visibleUntil: now, receiptHandles: (0..<10).map { "h\($0)" }, fifo: false, redrive: nil)
        let first = try await store.receiveMessages(queue: "q", receive, now: now)
        #expect(first.map(\.message.messageID) == ["m0", "m1", "m2"])
        let second = try await store.receiveMessages(queue: "q", receive, now: now)
        #expect(second.map(\.receiveCount) == [2, 2, 2])
    }

    @Test("a FIFO receive steps through groups by index: a long group behind a message in flight is skipped, not read")
    func fifoGroups() async throws {
        let seen = Mutex<Set<String>>([])
        let store = try Fixture.observedStore { sql in seen.withLock { _ = $0.insert(sql) } }
        defer { try? store.removeFiles() }
        let now = Self.now
        _ = try await store.createQueue(QueueRecord(name: "q.fifo", attributes: ["FifoQueue": "true"], createdAt: now, updatedAt: now))
        func send(_ id: String, group: String) async throws {
            let draft = QueueMessageDraft(messageID: id, body: "b", md5OfBody: "x", sentAt: now, visibleAt: now,
                                          expiresAt: now.addingTimeInterval(3_600), groupID: group, deduplicationID: id)
            _ = try await store.sendMessages(queue: "q.fifo", [draft], deduplicationWindow: 300, now: now)
        }
        for i in 0..<300 { try await send("a\(i)", group: "a") }
        try await send("b0", group: "b")
        try await send("b1", group: "b")
        try await send("c0", group: "c")
        func receive(_ limit: Int) async throws -> [String] {
            let receive = QueueReceive(limit: limit, visibleUntil: now.addingTimeInterval(30),
                                       receiptHandles: (0..<limit).map { "h\($0)" }, fifo: true, redrive: nil)
            return try await store.receiveMessages(queue: "q.fifo", receive, now: now).map(\.message.messageID)
        }
        // Oldest group first, as many of one group as fit; then the next group.
        #expect(try await receive(2) == ["a0", "a1"])
        #expect(try await receive(10) == ["b0", "b1", "c0"])
        #expect(try await receive(10) == [])

        let statements = seen.withLock { $0 }.filter { $0.contains("groupID") && $0.hasPrefix("WITH") || $0.contains("groupID = ? AND id > ?") }
        #expect(statements.count == 2)
        for sql in statements {
            let plan = try await store.pool.read { db in
                let statement = try db.makeStatement(sql: "EXPLAIN QUERY PLAN " + sql)
                statement.setUncheckedArguments([])
                return try Row.fetchAll(statement).map { $0["detail"] as String }.joined(separator: "\n")
            }
            // Every read of the messages goes through the group index; none scans the queue.
            let reads = plan.split(separator: "\n").filter { $0.contains("queueMessage") }
            #expect(!reads.isEmpty && reads.allSatisfy { $0.contains("INDEX queueMessage_group") }, "\(sql)\n\(plan)")
        }
    }
}
