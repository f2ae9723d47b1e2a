import Foundation
import StatesLanguage
import StepwiseStore
import StepwiseStoreSQLite
import Synchronization
import Testing
@testable import StepwiseEngine

/// What a restart recovers, in process: a second engine on the same file after the first
/// one stopped mid-call (the crash tests with a killed process are in IntegrationTests).
@Suite(.serialized) struct EngineRecoveryTests {
    /// Never answers the first call; answers every later one.
    final class HangingOnce: Integration {
        let calls = Mutex(0)
        func invoke(_ call: IntegrationCall) async -> IntegrationOutcome {
            let n = calls.withLock { n -> Int in
                n += 1
                return n
            }
            if n == 1 {
                while !Task.isCancelled { try? await Task.sleep(for: .milliseconds(10)) }
                return .failed(Failure("Interrupted"))
            }
            return .succeeded(["attempt": .int(n)])
        }
    }

    @Test("a call whose outcome was not recorded is made again by the next engine (at least once)")
    func dispatchRedoneAfterRestart() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("stepwise-recovery-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let clock = VirtualClock()
        let integration = HangingOnce()
        var registry = IntegrationRegistry()
        registry.register(service: "lambda", integration)
        let configuration = EngineConfiguration(leaseSeconds: 30)
        let definition = #"{"StartAt":"Call","States":{"Call":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"f"},"End":true}}}"#

        let first = try await Engine.open(store: try SQLiteStore(path: path), clock: clock, configuration: configuration, integrations: registry)
        let machine = try await first.createStateMachine(name: "m", definition: definition, roleArn: "arn:aws:iam::123456789012:role/r")
        let execution = try await first.startExecution(stateMachineArn: machine.arn)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await first.run() }
            let deadline = Date().addingTimeInterval(10)
            while integration.calls.withLock({ $0 }) == 0, Date() < deadline { try await Task.sleep(for: .milliseconds(5)) }
            // The process "dies" with the call in flight: nothing about it was recorded.
            group.cancelAll()
        }
        #expect(integration.calls.withLock { $0 } == 1)
        #expect(try await first.describeExecution(arn: execution.arn).status == .running)

        // The next engine takes the dispatch over once the dead one's lease has expired.
        let second = try await Engine.open(store: try SQLiteStore(path: path), clock: clock, configuration: configuration, integrations: registry)
        clock.advance(by: 301)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await second.run() }
            let deadline = Date().addingTimeInterval(10)
            while try await second.describeExecution(arn: execution.arn).status == .running, Date() < deadline {
                _ = await second.waitForEnd(execution.arn, atMost: .milliseconds(50))
            }
            second.stop()
            group.cancelAll()
        }
        let ended = try await second.describeExecution(arn: execution.arn)
        #expect(ended.status == .succeeded)
        #expect(ended.output == #"{"attempt":2}"#)
        #expect(integration.calls.withLock { $0 } == 2)
    }

    @Test("timers that came due while no engine ran fire at once on restart; tokens survive a restart")
    func timersAndTokensSurvive() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("stepwise-recovery-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let clock = VirtualClock()
        let first = try await Engine.open(store: try SQLiteStore(path: path), clock: clock)
        let activity = try await first.createActivity(name: "approve")
        let waiting = try await first.createStateMachine(
            name: "waiting", definition: #"{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":3600,"End":true}}}"#, roleArn: "r")
        let asking = try await first.createStateMachine(
            name: "asking", definition: #"{"StartAt":"A","States":{"A":{"Type":"Task","Resource":"\#(activity.arn)","End":true}}}"#, roleArn: "r")
        let sleeper = try await first.startExecution(stateMachineArn: waiting.arn)
        let asker = try await first.startExecution(stateMachineArn: asking.arn)
        var token: String?
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await first.run() }
            token = try await first.getActivityTask(activityArn: activity.arn, workerName: "w", wait: .seconds(10))?.token
            let deadline = Date().addingTimeInterval(10)
            while try await first.history(executionArn: sleeper.arn).items.count < 2, Date() < deadline {
                try await Task.sleep(for: .milliseconds(5))
            }
            group.cancelAll()
        }
        let taskToken = try #require(token)
        clock.advance(by: 7200)  // the Wait came due while nothing ran

        let second = try await Engine.open(store: try SQLiteStore(path: path), clock: clock)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await second.run() }
            try await second.sendTaskSuccess(token: taskToken, output: #"{"ok":true}"#)
            for arn in [sleeper.arn, asker.arn] {
                let deadline = Date().addingTimeInterval(10)
                while try await second.describeExecution(arn: arn).status == .running, Date() < deadline {
                    _ = await second.waitForEnd(arn, atMost: .milliseconds(50))
                }
            }
            second.stop()
            group.cancelAll()
        }
        #expect(try await second.describeExecution(arn: sleeper.arn).status == .succeeded)
        #expect(try await second.describeExecution(arn: asker.arn).status == .succeeded)
        await #expect(throws: EngineError.taskTimedOut) { try await second.sendTaskSuccess(token: taskToken, output: "{}") }
    }
}
