import Foundation
import StatesLanguage
import StepwiseStore
import Synchronization
import Testing
@testable import StepwiseEngine

@Suite(.serialized) struct EngineVersionTests {
    static func waitThenPass(_ result: String) -> String {
        #"{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":100,"Next":"P"},"P":{"Type":"Pass","Result":"\#(result)","End":true}}}"#
    }

    /// Waits until every execution stands in its Wait state (its timer is armed).
    static func waiting(_ h: EngineHarness, _ arns: String...) async throws {
        try await h.eventually("the executions to wait") {
            for arn in arns where try await h.historyTypes(arn).filter({ $0 == "WaitStateEntered" }).isEmpty { return false }
            return true
        }
    }

    @Test("an execution started on version 1 keeps running version 1's definition after an update")
    func versionPinning() async throws {
        try await EngineHarness.with { h in
            let arn = try await h.createMachine(Self.waitThenPass("one"), name: "Pinned")
            let v1 = try await h.engine.publishStateMachineVersion(stateMachineArn: arn, description: "first")
            #expect(v1.arn == arn + ":1")
            #expect(v1.description == "first")
            let onV1 = try await h.engine.startExecution(stateMachineArn: v1.arn, name: "on-v1")
            #expect(onV1.stateMachineArn == arn)
            #expect(onV1.stateMachineVersionArn == v1.arn)
            #expect(onV1.stateMachineAliasArn == nil)

            let updated = try await h.engine.updateStateMachine(arn: arn, definition: Self.waitThenPass("two"), roleArn: nil)
            let v2 = try await h.engine.publishStateMachineVersion(stateMachineArn: arn, revisionID: updated.revisionID)
            #expect(v2.arn == arn + ":2")
            let latest = try await h.engine.startExecution(stateMachineArn: arn, name: "latest")
            try await Self.waiting(h, onV1.arn, latest.arn)
            try await h.advance(by: 100)
            #expect(try await h.waitForEnd(onV1.arn).output == #""one""#)
            #expect(try await h.waitForEnd(latest.arn).output == #""two""#)

            // Publishing the same revision again answers the same version; a stale revision is a conflict.
            #expect(try await h.engine.publishStateMachineVersion(stateMachineArn: arn).arn == v2.arn)
            await #expect(throws: EngineError.self) {
                _ = try await h.engine.publishStateMachineVersion(stateMachineArn: arn, revisionID: v1.revisionID)
            }
            let listed = try await h.engine.listStateMachineVersions(stateMachineArn: arn, limit: 1, cursor: nil)
            #expect(listed.items.map(\.arn) == [v2.arn])
            let rest = try await h.engine.listStateMachineVersions(stateMachineArn: arn, limit: 1, cursor: listed.nextCursor)
            #expect(rest.items.map(\.arn) == [v1.arn])
            #expect(rest.nextCursor == nil)
            let byVersion = try await h.engine.listExecutions(stateMachineArn: v1.arn, status: nil, redriven: nil, limit: 10, cursor: nil)
            #expect(byVersion.items.map(\.name) == ["on-v1"])
        }
    }

    @Test("an alias routes by weight with the engine's injected randomness, and pins the version it picked")
    func aliasWeights() async throws {
        let draw = Mutex<UInt64>(29)
        let entropy = Entropy(uuid: { UUID() }, next: { draw.withLock { $0 } })
        try await EngineHarness.with(entropy: entropy) { h in
            let arn = try await h.createMachine(Self.waitThenPass("one"), name: "Routed")
            let v1 = try await h.engine.publishStateMachineVersion(stateMachineArn: arn)
            _ = try await h.engine.updateStateMachine(arn: arn, definition: Self.waitThenPass("two"), roleArn: nil)
            let v2 = try await h.engine.publishStateMachineVersion(stateMachineArn: arn)
            let alias = try await h.engine.createStateMachineAlias(
                name: "live", description: nil,
                routes: [AliasRoute(versionArn: v1.arn, weight: 30), AliasRoute(versionArn: v2.arn, weight: 70)])
            #expect(alias.arn == arn + ":live")

            let low = try await h.engine.startExecution(stateMachineArn: alias.arn, name: "low")
            draw.withLock { $0 = 30 }
            let high = try await h.engine.startExecution(stateMachineArn: alias.arn, name: "high")
            #expect(low.stateMachineVersionArn == v1.arn)
            #expect(high.stateMachineVersionArn == v2.arn)
            #expect(high.stateMachineAliasArn == alias.arn)
            try await Self.waiting(h, low.arn, high.arn)
            try await h.advance(by: 100)
            #expect(try await h.waitForEnd(low.arn).output == #""one""#)
            #expect(try await h.waitForEnd(high.arn).output == #""two""#)

            // A version an alias routes to cannot be deleted.
            await #expect(throws: EngineError.self) { try await h.engine.deleteStateMachineVersion(arn: v1.arn) }
            _ = try await h.engine.updateStateMachineAlias(arn: alias.arn, description: "all on two",
                                                           routes: [AliasRoute(versionArn: v2.arn, weight: 100)])
            try await h.engine.deleteStateMachineVersion(arn: v1.arn)
            #expect(try await h.engine.listStateMachineVersions(stateMachineArn: arn, limit: 10, cursor: nil).items.map(\.arn) == [v2.arn])
        }
    }

    @Test("AliasRouting gives each route its weight's share of the draws", arguments: [
        (UInt64(0), "a"), (UInt64(29), "a"), (UInt64(30), "b"), (UInt64(99), "b"), (UInt64(100), "a"), (UInt64(130), "b"),
    ])
    func routing(draw: UInt64, expected: String) {
        let routes = [AliasRoute(versionArn: "a", weight: 30), AliasRoute(versionArn: "b", weight: 70)]
        #expect(AliasRouting.pick(routes, random: draw) == expected)
        #expect(AliasRouting.pick([AliasRoute(versionArn: "x", weight: 0), AliasRoute(versionArn: "y", weight: 100)], random: draw) == "y")
    }

    @Test("a redriven execution continues from its failed Task, which then succeeds")
    func redriveFailedTask() async throws {
        let counting = CountingIntegration(failures: 1)
        var registry = IntegrationRegistry()
        registry.register(service: "lambda", counting)
        try await EngineHarness.with(integrations: registry) { h in
            let arn = try await h.createMachine(#"""
            {"StartAt":"Before","States":{"Before":{"Type":"Pass","Result":{"n":1},"Next":"Call"},
             "Call":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"n.$":"$.n","redrives.$":"$$.Execution.RedriveCount"},"End":true}}}
            """#)
            let execution = try await h.engine.startExecution(stateMachineArn: arn, name: "flaky")
            let failed = try await h.waitForEnd(execution.arn)
            #expect(failed.status == .failed)
            #expect(failed.error == "Busy")
            #expect(try await h.engine.redriveStatus(failed) == .redrivable)

            let date = try await h.engine.redriveExecution(arn: execution.arn, clientToken: "once")
            let ended = try await h.waitForEnd(execution.arn)
            #expect(ended.status == .succeeded)
            #expect(try JSON(parsing: ended.output ?? "") == ["n": 1, "redrives": 1])
            #expect(ended.redriveCount == 1)
            #expect(ended.redriveDate == date)
            #expect(ended.error == nil)
            #expect(counting.calls == 2)
            let types = try await h.historyTypes(execution.arn)
            #expect(types.filter { $0 == "PassStateEntered" }.count == 1)
            #expect(Array(types.drop { $0 != "ExecutionFailed" }) == [
                "ExecutionFailed", "ExecutionRedriven", "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskSucceeded",
                "TaskStateExited", "ExecutionSucceeded",
            ])
            // The same client token answers the same redrive, even now that it succeeded.
            #expect(try await h.engine.redriveExecution(arn: execution.arn, clientToken: "once") == date)
            let redriven = try await h.engine.listExecutions(stateMachineArn: arn, status: nil, redriven: true, limit: 10, cursor: nil)
            #expect(redriven.items.map(\.name) == ["flaky"])
        }
    }

    @Test("RedriveExecution refuses SUCCEEDED and RUNNING executions and unknown ones")
    func redriveRefused() async throws {
        try await EngineHarness.with { h in
            let done = try await h.createMachine(#"{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}"#)
            let succeeded = try await h.engine.startExecution(stateMachineArn: done)
            #expect(try await h.waitForEnd(succeeded.arn).status == .succeeded)
            await #expect(throws: EngineError.executionNotRedrivable("Execution is SUCCEEDED and cannot be redriven")) {
                _ = try await h.engine.redriveExecution(arn: succeeded.arn)
            }
            let waiting = try await h.createMachine(Self.waitThenPass("x"))
            let running = try await h.engine.startExecution(stateMachineArn: waiting)
            await #expect(throws: EngineError.executionNotRedrivable("Execution is RUNNING and cannot be redriven")) {
                _ = try await h.engine.redriveExecution(arn: running.arn)
            }
            await #expect(throws: EngineError.executionDoesNotExist(arn: running.arn + "x")) {
                _ = try await h.engine.redriveExecution(arn: running.arn + "x")
            }
        }
    }

    @Test("a stopped execution redriven after 14 days is refused; within them it runs again")
    func redrivablePeriod() async throws {
        try await EngineHarness.with { h in
            let arn = try await h.createMachine(Self.waitThenPass("x"))
            let old = try await h.engine.startExecution(stateMachineArn: arn, name: "old")
            _ = try await h.engine.stopExecution(arn: old.arn)
            h.clock.advance(by: Engine.redrivablePeriod + 1)
            let stopped = try await h.engine.describeExecution(arn: old.arn)
            #expect(try await h.engine.redriveStatus(stopped) == .notRedrivable("Execution redrivable period exceeded"))
            await #expect(throws: EngineError.executionNotRedrivable("Execution redrivable period exceeded")) {
                _ = try await h.engine.redriveExecution(arn: old.arn)
            }
            let recent = try await h.engine.startExecution(stateMachineArn: arn, name: "recent")
            _ = try await h.engine.stopExecution(arn: recent.arn)
            _ = try await h.engine.redriveExecution(arn: recent.arn)
            try await h.eventually("the redriven Wait") { try await h.historyTypes(recent.arn).last == "WaitStateEntered" }
            try await h.advance(by: 100)
            let ended = try await h.waitForEnd(recent.arn)
            #expect(ended.status == .succeeded)
            #expect(ended.redriveCount == 1)
        }
    }
}
