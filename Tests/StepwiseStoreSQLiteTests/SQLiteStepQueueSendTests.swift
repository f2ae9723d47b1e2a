import Foundation
import StepwiseStore
@testable import StepwiseStoreSQLite
import Testing

/// A step's queue sends (an inline `sqs:sendMessage`) are written in the step's transaction.
@Suite struct SQLiteStepQueueSendTests {
    @Test("a step's message is receivable once the step commits; one for a deleted queue is dropped, the step still lands")
    func sendsWithTheStep() async throws {
        let store = try SQLiteStore.temporary()
        defer { try? store.removeFiles() }
        try await SQLiteQueueScaleTests.queue(of: 0, in: store)
        let execution = Fixture.execution("e")
        #expect(try await store.insertExecution(execution) == .created)
        _ = try await store.claimRunnable(node: "n", limit: 1, now: Fixture.at(0), leaseUntil: Fixture.at(30))
        let message = QueueMessageDraft(messageID: "m-inline", body: "token", md5OfBody: "x", sentAt: Fixture.at(0),
                                        visibleAt: Fixture.at(0), expiresAt: Fixture.at(3_600))
        try await store.commit([ExecutionStep(
            executionArn: execution.arn, events: [Fixture.event(1)],
            queueSends: [QueueSend(queue: "q", message: message), QueueSend(queue: "gone", message: message)])], node: "n")

        #expect(try await store.history(executionArn: execution.arn, after: nil, limit: 5, reverse: false).count == 1)
        let receive = QueueReceive(limit: 10, visibleUntil: Fixture.at(30), receiptHandles: (0..<10).map { "h\($0)" },
                                   fifo: false, redrive: nil)
        let received = try await store.receiveMessages(queue: "q", receive, now: Fixture.at(1))
        #expect(received.map(\.message) == [message])
    }
}
