import Foundation
import StatesLanguage
import StepwiseStore
import Testing
@testable import StepwiseEngine

@Suite(.serialized) struct EngineLimitsTests {
    @Test("EXPRESS: StartSyncExecution runs to the end in memory; StartExecution on STANDARD is refused")
    func express() async throws {
        try await EngineHarness.with { h in
            let arn = try await h.createMachine(#"{"StartAt":"P","States":{"P":{"Type":"Pass","Parameters":{"sum.$":"States.MathAdd($.a, 2)"},"End":true}}}"#, type: .express)
            let record = try await h.engine.startSyncExecution(stateMachineArn: arn, input: #"{"a":40}"#)
            #expect(record.status == .succeeded)
            #expect(record.output == #"{"sum":42}"#)
            #expect(record.arn.contains(":express:"))
            let standard = try await h.createMachine(#"{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}"#)
            await #expect(throws: EngineError.self) { _ = try await h.engine.startSyncExecution(stateMachineArn: standard) }
            // EXPRESS refuses callbacks at definition time, as AWS does.
            await #expect(throws: EngineError.self) {
                _ = try await h.createMachine(EngineCallbackTests.waitForToken, type: .express)
            }
        }
    }

    @Test("an input over 256 KiB is InvalidExecutionInput; a result over it fails with States.DataLimitExceeded")
    func payloadLimits() async throws {
        try await EngineHarness.with { h in
            let arn = try await h.createMachine(#"{"StartAt":"P","States":{"P":{"Type":"Pass","Parameters":{"a.$":"$.s","b.$":"$.s"},"End":true}}}"#)
            let big = String(repeating: "x", count: 262_144)
            await #expect(throws: EngineError.invalidExecutionInput("The input is larger than 262144 bytes.")) {
                _ = try await h.engine.startExecution(stateMachineArn: arn, input: JSON.object(["s": .string(big)]).serialized)
            }
            let half = String(repeating: "x", count: 140_000)
            let execution = try await h.engine.startExecution(stateMachineArn: arn, input: JSON.object(["s": .string(half)]).serialized)
            let ended = try await h.waitForEnd(execution.arn)
            #expect(ended.status == .failed)
            #expect(ended.error == "States.DataLimitExceeded")
        }
    }

    @Test("a loop that never ends stops at 25,000 history events")
    func historyLimit() async throws {
        try await EngineHarness.with { h in
            let arn = try await h.createMachine(#"""
            {"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"},
             "B":{"Type":"Choice","Choices":[{"Variable":"$.never","IsPresent":true,"Next":"Done"}],"Default":"A"},
             "Done":{"Type":"Succeed"}}}
            """#)
            let execution = try await h.engine.startExecution(stateMachineArn: arn)
            let ended = try await h.waitForEnd(execution.arn, seconds: 60)
            #expect(ended.status == .failed)
            #expect(ended.error == "States.Runtime")
            let last = try await h.engine.history(executionArn: execution.arn, reverse: true, limit: 1).items.first
            #expect(last?.type == "ExecutionFailed")
            #expect((last?.eventID ?? 0) <= 25_000)
            #expect((last?.eventID ?? 0) > 24_900)
        }
    }

    @Test("state machine names follow AWS's rules; a bad definition lists every problem")
    func createErrors() async throws {
        try await EngineHarness.with { h in
            await #expect(throws: EngineError.invalidName("Invalid Name: 'has space'")) {
                _ = try await h.createMachine(#"{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}"#, name: "has space")
            }
            do {
                _ = try await h.createMachine(#"{"StartAt":"Nope","States":{"P":{"Type":"Pass"}}}"#)
                Issue.record("an invalid definition was accepted")
            } catch EngineError.invalidDefinition(let diagnostics) {
                #expect(diagnostics.count >= 2)
            }
            let arn = try await h.createMachine(#"{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}"#, name: "same")
            let again = try await h.createMachine(#"{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}"#, name: "same")
            #expect(again == arn)
            await #expect(throws: EngineError.stateMachineAlreadyExists(arn: arn)) {
                _ = try await h.createMachine(#"{"StartAt":"Q","States":{"Q":{"Type":"Pass","End":true}}}"#, name: "same")
            }
        }
    }
}
