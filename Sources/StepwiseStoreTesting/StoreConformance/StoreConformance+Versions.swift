import Foundation
import StepwiseStore
import Testing

// Versions, aliases, filtered execution listings and RedriveExecution.
extension StoreConformance {
    static let versionBehaviours: [Behaviour] = [
        Behaviour("versions: publish once per revision, numbers never reused, listed newest first", versionPublication),
        Behaviour("aliases: create, read, update, delete, list; versions they route to stay", aliasLifecycle),
        Behaviour("state machines: deleting one deletes its versions and aliases", deleteCascadesToVersions),
        Behaviour("executions: listed by version, alias and redrive, keeping version and alias", executionFilters),
        Behaviour("redrive: ended executions run again once, with their snapshot and client tokens", redrive),
    ]

    public static func versionPublication(_ makeStore: StoreFactory) async throws {
        let store = try await makeStore()
        #expect(try await store.publishStateMachineVersion(stateMachineArn: stateMachine("none").arn, expectedRevisionID: nil,
                                                           description: nil, now: at(0)) == .stateMachineNotFound)
        var machine = stateMachine("orders")
        try await store.createStateMachine(machine)
        guard case .published(let v1) = try await store.publishStateMachineVersion(
            stateMachineArn: machine.arn, expectedRevisionID: machine.revisionID, description: "first", now: at(1)) else {
            Issue.record("the first publication did not publish")
            return
        }
        #expect(v1 == StateMachineVersionRecord(
            arn: machine.arn + ":1", stateMachineArn: machine.arn, version: 1, type: .standard, definition: machine.definition,
            roleArn: machine.roleArn, description: "first", revisionID: machine.revisionID, createdAt: at(1),
            loggingConfiguration: machine.loggingConfiguration))
        #expect(try await store.stateMachineVersion(arn: v1.arn) == v1)
        #expect(try await store.publishStateMachineVersion(stateMachineArn: machine.arn, expectedRevisionID: nil,
                                                           description: "again", now: at(2)) == .existing(v1))
        #expect(try await store.publishStateMachineVersion(stateMachineArn: machine.arn, expectedRevisionID: "other",
                                                           description: nil, now: at(2)) == .revisionMismatch(currentRevisionID: machine.revisionID))

        var versions = [v1]
        for revision in 2...4 {
            machine.definition = #"{"StartAt":"R\#(revision)","States":{"R\#(revision)":{"Type":"Succeed"}}}"#
            machine.revisionID = "r-\(revision)"
            try await store.updateStateMachine(machine)
            guard case .published(let version) = try await store.publishStateMachineVersion(
                stateMachineArn: machine.arn, expectedRevisionID: nil, description: nil, now: at(Double(revision))) else {
                Issue.record("revision \(revision) did not publish")
                return
            }
            #expect(version.version == revision)
            #expect(version.definition == machine.definition)
            versions.append(version)
        }
        var listed: [String] = []
        var cursor: String?
        repeat {
            let page = try await store.listStateMachineVersions(stateMachineArn: machine.arn, limit: 3, cursor: cursor)
            listed += page.items.map(\.arn)
            cursor = page.nextCursor
        } while cursor != nil
        #expect(listed == versions.reversed().map(\.arn))

        #expect(try await store.deleteStateMachineVersion(arn: versions[3].arn) == .deleted)
        #expect(try await store.deleteStateMachineVersion(arn: versions[3].arn) == .absent)
        #expect(try await store.stateMachineVersion(arn: versions[3].arn) == nil)
        machine.revisionID = "r-5"
        try await store.updateStateMachine(machine)
        guard case .published(let v5) = try await store.publishStateMachineVersion(
            stateMachineArn: machine.arn, expectedRevisionID: "r-5", description: nil, now: at(5)) else {
            Issue.record("revision 5 did not publish")
            return
        }
        #expect(v5.version == 5)
        let invalid = await #expect(throws: StoreError.self) {
            _ = try await store.listStateMachineVersions(stateMachineArn: machine.arn, limit: 1, cursor: "not a cursor")
        }
        #expect(invalid == .invalidCursor)
    }

    /// Publishes `count` revisions of a new state machine; its record and versions.
    static func versioned(_ store: any Store, _ name: String, count: Int) async throws -> (StateMachineRecord, [StateMachineVersionRecord]) {
        var machine = stateMachine(name)
        try await store.createStateMachine(machine)
        var versions: [StateMachineVersionRecord] = []
        for revision in 1...count {
            machine.revisionID = "\(name)-r\(revision)"
            try await store.updateStateMachine(machine)
            if case .published(let version) = try await store.publishStateMachineVersion(
                stateMachineArn: machine.arn, expectedRevisionID: nil, description: nil, now: at(Double(revision))) {
                versions.append(version)
            }
        }
        #expect(versions.count == count)
        return (machine, versions)
    }

    static func alias(_ name: String, of machine: StateMachineRecord, _ routes: [AliasRoute], at seconds: Double = 0) -> StateMachineAliasRecord {
        StateMachineAliasRecord(arn: "\(machine.arn):\(name)", stateMachineArn: machine.arn, name: name, description: "the \(name) alias",
                                routes: routes, createdAt: at(seconds), updatedAt: at(seconds))
    }

    public static func aliasLifecycle(_ makeStore: StoreFactory) async throws {
        let store = try await makeStore()
        let (machine, versions) = try await versioned(store, "routed", count: 2)
        var live = alias("live", of: machine, [AliasRoute(versionArn: versions[0].arn, weight: 25),
                                               AliasRoute(versionArn: versions[1].arn, weight: 75)])
        try await store.createStateMachineAlias(live)
        #expect(try await store.stateMachineAlias(arn: live.arn) == live)
        let duplicate = await #expect(throws: StoreError.self) { try await store.createStateMachineAlias(live) }
        #expect(isAlreadyExists(duplicate))
        let dangling = await #expect(throws: StoreError.self) {
            try await store.createStateMachineAlias(alias("dangling", of: machine, [AliasRoute(versionArn: machine.arn + ":9", weight: 100)]))
        }
        #expect(isNotFound(dangling))
        #expect(try await store.stateMachineAlias(arn: machine.arn + ":dangling") == nil)

        #expect(try await store.deleteStateMachineVersion(arn: versions[0].arn) == .referenced(aliasArns: [live.arn]))
        live.routes = [AliasRoute(versionArn: versions[1].arn, weight: 100)]
        live.description = nil
        live.updatedAt = at(9)
        try await store.updateStateMachineAlias(live)
        #expect(try await store.stateMachineAlias(arn: live.arn) == live)
        let missing = await #expect(throws: StoreError.self) {
            try await store.updateStateMachineAlias(alias("nobody", of: machine, live.routes))
        }
        #expect(isNotFound(missing))

        let canary = alias("canary", of: machine, [AliasRoute(versionArn: versions[0].arn, weight: 100)], at: 1)
        try await store.createStateMachineAlias(canary)
        let first = try await store.listStateMachineAliases(stateMachineArn: machine.arn, routingTo: nil, limit: 1, cursor: nil)
        #expect(first.items == [live])
        let second = try await store.listStateMachineAliases(stateMachineArn: machine.arn, routingTo: nil, limit: 1, cursor: first.nextCursor)
        #expect(second.items == [canary])
        #expect(second.nextCursor == nil)
        let routingToFirst = try await store.listStateMachineAliases(stateMachineArn: machine.arn, routingTo: versions[0].arn,
                                                                     limit: 10, cursor: nil)
        #expect(routingToFirst.items.map(\.arn) == [canary.arn])

        #expect(try await store.deleteStateMachineAlias(arn: canary.arn))
        #expect(try await !store.deleteStateMachineAlias(arn: canary.arn))
        #expect(try await store.deleteStateMachineVersion(arn: versions[0].arn) == .deleted)
    }

    public static func deleteCascadesToVersions(_ makeStore: StoreFactory) async throws {
        let store = try await makeStore()
        let (machine, versions) = try await versioned(store, "doomed", count: 1)
        let live = alias("live", of: machine, [AliasRoute(versionArn: versions[0].arn, weight: 100)])
        try await store.createStateMachineAlias(live)
        #expect(try await store.deleteStateMachine(arn: machine.arn))
        #expect(try await store.stateMachineVersion(arn: versions[0].arn) == nil)
        #expect(try await store.stateMachineAlias(arn: live.arn) == nil)
        // A new machine of the same name starts its versions at 1 again.
        let (_, again) = try await versioned(store, "doomed", count: 1)
        #expect(again.map(\.version) == [1])
    }

    public static func executionFilters(_ makeStore: StoreFactory) async throws {
        let store = try await makeStore()
        let machineArn = "\(region):stateMachine:machine"
        var onVersion = execution("on-version", startedAt: at(1))
        onVersion.stateMachineVersionArn = machineArn + ":1"
        var onAlias = execution("on-alias", startedAt: at(2))
        onAlias.stateMachineVersionArn = machineArn + ":2"
        onAlias.stateMachineAliasArn = machineArn + ":live"
        let plain = execution("plain", startedAt: at(3))
        for record in [onVersion, onAlias, plain] { #expect(try await store.insertExecution(record) == .created) }
        #expect(try await store.execution(arn: onAlias.arn) == onAlias)

        func names(_ filter: ExecutionFilter) async throws -> [String] {
            try await store.listExecutions(matching: filter, limit: 10, cursor: nil).items.map(\.name)
        }
        #expect(try await names(ExecutionFilter(stateMachineArn: machineArn)) == ["plain", "on-alias", "on-version"])
        #expect(try await names(ExecutionFilter(stateMachineArn: machineArn, versionArn: machineArn + ":1")) == ["on-version"])
        #expect(try await names(ExecutionFilter(stateMachineArn: machineArn, aliasArn: machineArn + ":live")) == ["on-alias"])
        #expect(try await names(ExecutionFilter(stateMachineArn: machineArn, redriven: true)).isEmpty)
        #expect(try await names(ExecutionFilter(stateMachineArn: machineArn, status: .running, redriven: false)).count == 3)
        let page = try await store.listExecutions(matching: ExecutionFilter(stateMachineArn: machineArn), limit: 2, cursor: nil)
        #expect(page.items.map(\.name) == ["plain", "on-alias"])
        let rest = try await store.listExecutions(matching: ExecutionFilter(stateMachineArn: machineArn), limit: 2, cursor: page.nextCursor)
        #expect(rest.items.map(\.name) == ["on-version"])
    }

    public static func redrive(_ makeStore: StoreFactory) async throws {
        let store = try await makeStore()
        let record = try await start(store, "redriven")
        _ = try await claimAll(store)
        try await store.commit([ExecutionStep(executionArn: record.arn, events: [event(1, "ExecutionStarted")], snapshot: "before")],
                               node: "node-a")
        #expect(try await store.deliver(executionArn: record.arn, payload: "failure", now: at(1)))
        _ = try #require(try await claimAll(store, now: at(1))["redriven"])
        let request = { (token: String?, now: Double) in
            RedriveRequest(executionArn: record.arn, clientToken: token, payload: "redrive", now: at(now), redrivableSince: at(now - 100))
        }
        // Running: not redrivable.
        guard case .notRedrivable = try await store.redriveExecution(request("early", 1)) else {
            Issue.record("a running execution was redriven")
            return
        }
        try await store.commit([ExecutionStep(executionArn: record.arn, events: [event(2, "ExecutionFailed")],
                                              ending: .init(status: .failed, error: "Boom", cause: "bad", stopDate: at(2)))], node: "node-a")

        guard case .redriven(let redriven) = try await store.redriveExecution(request("t1", 3)) else {
            Issue.record("a failed execution was not redriven")
            return
        }
        #expect(redriven.status == .running)
        #expect(redriven.redriveCount == 1)
        #expect(redriven.redriveDate == at(3))
        #expect(redriven.stopDate == nil && redriven.error == nil && redriven.cause == nil)
        #expect(try await store.execution(arn: record.arn) == redriven)
        // The snapshot from before the ending step, and the request's payload first in the inbox.
        let claimed = try #require(try await claimAll(store, now: at(3))["redriven"])
        #expect(claimed.snapshot == "before")
        #expect(claimed.inbox.map(\.payload) == ["redrive"])
        #expect(try await store.redriveExecution(request("t1", 4)) == .repeated(redriveDate: at(3)))
        guard case .notRedrivable = try await store.redriveExecution(request("t2", 4)) else {
            Issue.record("a running execution was redriven")
            return
        }
        try await store.commit([ExecutionStep(executionArn: record.arn, consumedThrough: claimed.inbox.last?.id,
                                              events: [event(3, "ExecutionRedriven"), event(4, "ExecutionAborted")],
                                              ending: .init(status: .aborted, stopDate: at(5)))], node: "node-a")
        let listed = try await store.listExecutions(matching: ExecutionFilter(stateMachineArn: record.stateMachineArn, redriven: true),
                                                    limit: 10, cursor: nil)
        #expect(listed.items.map(\.name) == ["redriven"])
        // Too long after it stopped; a token past its lifetime counts for nothing.
        let late = RedriveRequest(executionArn: record.arn, clientToken: "t1", payload: "redrive", now: at(5000), redrivableSince: at(4000))
        guard case .notRedrivable = try await store.redriveExecution(late) else {
            Issue.record("an execution stopped too long ago was redriven")
            return
        }
        guard case .redriven(let second) = try await store.redriveExecution(request(nil, 6)) else {
            Issue.record("an aborted execution was not redriven")
            return
        }
        #expect(second.redriveCount == 2)
        #expect(try await store.redriveExecution(request(nil, 7)) != .repeated(redriveDate: at(6)))
        let unknown = RedriveRequest(executionArn: record.arn + "-none", clientToken: nil, payload: "", now: at(0), redrivableSince: at(0))
        #expect(try await store.redriveExecution(unknown) == .notFound)
    }
}
