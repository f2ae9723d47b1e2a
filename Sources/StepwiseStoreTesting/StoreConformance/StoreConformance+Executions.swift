import Foundation
import StepwiseStore
import Testing

// Executions and their history.
extension StoreConformance {
    public static func executionInsert(_ makeStore: StoreFactory) async throws {
        let store = try await makeStore()
        var record = execution("first", startedAt: at(3.25))
        record.parentExecutionArn = "\(region):execution:parent:p1"
        record.parentTicket = 7
        #expect(try await store.insertExecution(record) == .created)
        #expect(try await store.execution(arn: record.arn) == record)
        #expect(try await store.execution(arn: record.arn + "-missing") == nil)

        // StartExecution with a name already used by the state machine: the original comes back.
        var again = execution("first", startedAt: at(9), input: #"{"n":2}"#)
        again.arn += "-again"
        #expect(try await store.insertExecution(again) == .exists(record))
        #expect(try await store.execution(arn: again.arn) == nil)

        // The same name under another state machine is another execution.
        let other = execution("first", of: "other-machine")
        #expect(try await store.insertExecution(other) == .created)
        #expect(try await store.execution(arn: other.arn) == other)

        // Both are runnable: nothing has stepped them yet.
        let claimed = try await store.claimRunnable(node: "n", limit: 10, now: at(0), leaseUntil: at(60))
        #expect(Set(claimed.map(\.execution.arn)) == [record.arn, other.arn])
        #expect(claimed.allSatisfy { $0.snapshot == nil && $0.inbox.isEmpty })
    }

    public static func executionListing(_ makeStore: StoreFactory) async throws {
        let store = try await makeStore()
        // Inserted out of start order: the listing follows startDate, newest first.
        let starts: [(String, Double)] = [("e2", 2), ("e0", 0), ("e4", 4), ("e1", 1), ("e3", 3), ("e5", 5)]
        for (name, second) in starts {
            try await start(store, name, startedAt: at(second))
        }
        try await start(store, "elsewhere", of: "other-machine", startedAt: at(9))
        let machineArn = execution("e0").stateMachineArn

        var names: [String] = []
        var cursor: String?
        var pages = 0
        repeat {
            let page = try await store.listExecutions(stateMachineArn: machineArn, status: nil, limit: 4, cursor: cursor)
            names += page.items.map(\.name)
            cursor = page.nextCursor
            pages += 1
        } while cursor != nil && pages < 10
        #expect(names == ["e5", "e4", "e3", "e2", "e1", "e0"])
        #expect(pages == 2)

        // End two of them; the status filter sees it.
        try await store.commit([
            ExecutionStep(executionArn: execution("e1").arn, ending: .init(status: .succeeded, output: "{}", stopDate: at(7))),
            ExecutionStep(executionArn: execution("e4").arn, ending: .init(status: .failed, error: "E", stopDate: at(8))),
        ], node: "n")
        let succeeded = try await store.listExecutions(stateMachineArn: machineArn, status: .succeeded, limit: 10, cursor: nil)
        #expect(succeeded.items.map(\.name) == ["e1"])
        #expect(succeeded.nextCursor == nil)
        let running = try await store.listExecutions(stateMachineArn: machineArn, status: .running, limit: 2, cursor: nil)
        #expect(running.items.map(\.name) == ["e5", "e3"])
        let next = try #require(running.nextCursor)
        let rest = try await store.listExecutions(stateMachineArn: machineArn, status: .running, limit: 2, cursor: next)
        #expect(rest.items.map(\.name) == ["e2", "e0"])
        #expect(try await store.listExecutions(stateMachineArn: machineArn, status: .aborted, limit: 5, cursor: nil).items.isEmpty)
        #expect(try await store.listExecutions(stateMachineArn: machineArn + "-none", status: nil, limit: 5, cursor: nil).items.isEmpty)

        let error = await #expect(throws: StoreError.self) {
            _ = try await store.listExecutions(stateMachineArn: machineArn, status: nil, limit: 2, cursor: "bogus")
        }
        #expect(error == .invalidCursor)
    }

    public static func datePrecision(_ makeStore: StoreFactory) async throws {
        let store = try await makeStore()
        let started = Date(timeIntervalSince1970: 1_767_225_600.123)
        let record = ExecutionRecord(arn: "\(region):execution:machine:precise", stateMachineArn: "\(region):stateMachine:machine",
                                     name: "precise", input: "{}", startDate: started)
        #expect(try await store.insertExecution(record) == .created)
        let stopped = Date(timeIntervalSince1970: 1_767_225_601.987)
        let timestamp = Date(timeIntervalSince1970: 1_767_225_600.456)
        try await store.commit([ExecutionStep(
            executionArn: record.arn,
            events: [HistoryRecord(eventID: 1, previousEventID: 0, timestamp: timestamp, type: "ExecutionStarted",
                                   detailsKey: nil, details: nil)],
            ending: .init(status: .succeeded, output: "{}", stopDate: stopped))], node: "n")

        let read = try #require(try await store.execution(arn: record.arn))
        #expect(abs(read.startDate.timeIntervalSince(started)) < 0.0005)
        #expect(abs(try #require(read.stopDate).timeIntervalSince(stopped)) < 0.0005)
        let event = try #require(try await store.history(executionArn: record.arn, after: nil, limit: 1, reverse: false).first)
        #expect(abs(event.timestamp.timeIntervalSince(timestamp)) < 0.0005)
        #expect(event.detailsKey == nil && event.details == nil)
    }

    public static func historyPaging(_ makeStore: StoreFactory) async throws {
        let store = try await makeStore()
        let record = try await start(store, "history")
        let events = (1...10).map { event($0, at: Double($0) / 8) }
        // Two steps: the history is the concatenation.
        try await store.commit([ExecutionStep(executionArn: record.arn, events: Array(events.prefix(4)), snapshot: "s1")], node: "n")
        try await store.commit([ExecutionStep(executionArn: record.arn, events: Array(events.dropFirst(4)), snapshot: "s2")], node: "n")

        func ids(after: Int?, limit: Int, reverse: Bool) async throws -> [Int] {
            try await store.history(executionArn: record.arn, after: after, limit: limit, reverse: reverse).map(\.eventID)
        }
        #expect(try await store.history(executionArn: record.arn, after: nil, limit: 100, reverse: false) == events)
        #expect(try await ids(after: 3, limit: 4, reverse: false) == [4, 5, 6, 7])
        #expect(try await ids(after: 8, limit: 10, reverse: false) == [9, 10])
        #expect(try await ids(after: 10, limit: 10, reverse: false) == [])
        #expect(try await ids(after: nil, limit: 3, reverse: true) == [10, 9, 8])
        #expect(try await ids(after: 5, limit: 10, reverse: true) == [4, 3, 2, 1])
        #expect(try await ids(after: 1, limit: 10, reverse: true) == [])
        #expect(try await store.history(executionArn: record.arn + "-missing", after: nil, limit: 10, reverse: false).isEmpty)
    }
}
