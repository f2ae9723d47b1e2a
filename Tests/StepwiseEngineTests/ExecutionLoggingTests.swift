import Foundation
import StatesLanguage
import StepwiseStore
import Synchronization
import Testing
@testable import StepwiseEngine

/// A log sink that keeps what it is given and knows one log group.
final class RecordingLogSink: ExecutionLogSink {
    let group: String
    private let appended = Mutex<[(group: String, stream: String, events: [LogEventInput])]>([])

    init(group: String) { self.group = group }

    func append(group: String, stream: String, events: [LogEventInput]) async {
        appended.withLock { $0.append((group, stream, events)) }
    }

    func logGroupExists(_ name: String) async -> Bool? { name == group }

    var messages: [JSON] {
        appended.withLock { $0.flatMap(\.events) }.compactMap { try? JSON(parsing: $0.message) }
    }

    var streams: [String] { appended.withLock { $0.map(\.stream) } }
}

@Suite struct ExecutionLoggingTests {
    static let group = "/aws/vendedlogs/states/orders"
    static let groupArn = "arn:aws:logs:us-east-1:123456789012:log-group:\(group):*"
    static let failing = #"{"StartAt":"P","States":{"P":{"Type":"Pass","Result":{"x":1},"Next":"F"},"F":{"Type":"Fail","Error":"Boom","Cause":"bad"}}}"#

    static func configuration(_ level: String, data: Bool = true, arn: String = groupArn) -> String {
        JSON.object([
            "level": .string(level), "includeExecutionData": .bool(data),
            "destinations": [["cloudWatchLogsLogGroup": ["logGroupArn": .string(arn)]]],
        ]).serialized
    }

    @Test("a configuration logs by level; OFF, no destination or a malformed ARN log nothing")
    func parsing() {
        let all = ExecutionLogging(configurationText: Self.configuration("ALL"))
        #expect(all?.logGroupName == Self.group)
        #expect(all?.includeExecutionData == true)
        #expect(all?.logs("PassStateEntered") == true)
        let error = ExecutionLogging(configurationText: Self.configuration("ERROR", data: false))
        #expect(error?.logs("PassStateEntered") == false)
        #expect(error?.logs("TaskFailed") == true)
        #expect(error?.logs("FailStateEntered") == true)
        let fatal = ExecutionLogging(configurationText: Self.configuration("FATAL"))
        #expect(fatal?.logs("TaskFailed") == false)
        #expect(fatal?.logs("ExecutionTimedOut") == true)
        #expect(ExecutionLogging(configurationText: Self.configuration("OFF")) == nil)
        #expect(ExecutionLogging(configurationText: #"{"level":"ALL"}"#) == nil)
        #expect(ExecutionLogging(configurationText: Self.configuration("ALL", arn: "arn:aws:sqs:us-east-1:1:q")) == nil)
        #expect(ExecutionLogging.logGroupName(arn: "arn:aws:logs:us-east-1:1:log-group:plain") == "plain")
    }

    @Test("an event is logged as Step Functions writes it; without execution data its input and output go")
    func message() throws {
        let event = HistoryRecord(eventID: 3, previousEventID: 2, timestamp: Date(timeIntervalSince1970: 1_700_000_000.1234),
                                  type: "PassStateExited", detailsKey: "stateExitedEventDetails",
                                  details: #"{"name":"P","output":"{\"x\":1}","outputDetails":{"truncated":false}}"#)
        let arn = "arn:aws:states:us-east-1:123456789012:execution:m:e"
        let text = ExecutionLogMessage.text(event, executionArn: arn, redriveCount: 2, includeExecutionData: true)
        #expect(text == #"{"id":"3","type":"PassStateExited","details":{"name":"P","output":"{\"x\":1}","outputDetails":{"truncated":false}},"previous_event_id":"2","event_timestamp":"1700000000123","execution_arn":"\#(arn)","redrive_count":"2"}"#)
        let without = try JSON(parsing: ExecutionLogMessage.text(event, executionArn: arn, redriveCount: 0, includeExecutionData: false))
        #expect(without["details"] == ["name": "P", "outputDetails": ["truncated": false]])
    }

    @Test("a standard execution's events reach the state machine's log group, filtered by level, in a stream per machine and minute")
    func standard() async throws {
        try await EngineHarness.with { h in
            let sink = RecordingLogSink(group: Self.group)
            h.engine.setExecutionLogSink(sink)
            let all = try await h.engine.createStateMachine(name: "logged-all", definition: Self.failing, roleArn: "arn:aws:iam::1:role/r",
                                                            loggingConfiguration: Self.configuration("ALL", data: false)).arn
            let errors = try await h.engine.createStateMachine(name: "logged-errors", definition: Self.failing, roleArn: "arn:aws:iam::1:role/r",
                                                               loggingConfiguration: Self.configuration("ERROR")).arn
            let quiet = try await h.createMachine(Self.failing)
            for machine in [all, errors, quiet] {
                let started = try await h.engine.startExecution(stateMachineArn: machine, name: nil, input: #"{"secret":1}"#)
                _ = try await h.waitForEnd(started.arn)
            }
            try await h.eventually("the logs to be shipped") { sink.messages.count == 7 }
            let types = sink.messages.map { $0["type"]?.stringValue ?? "" }
            #expect(types == ["ExecutionStarted", "PassStateEntered", "PassStateExited", "FailStateEntered", "ExecutionFailed",
                              "FailStateEntered", "ExecutionFailed"])
            #expect(sink.messages.allSatisfy { $0["details"]?["input"] == nil || $0["execution_arn"]?.stringValue?.contains("logged-errors") == true })
            #expect(sink.messages.first?["details"]?["roleArn"] == "arn:aws:iam::1:role/r")
            #expect(sink.streams.allSatisfy { $0.hasPrefix("states/logged-") })
        }
    }

    @Test("an EXPRESS execution's events are logged too (its only history); an update turning logging off stops them")
    func express() async throws {
        try await EngineHarness.with { h in
            let sink = RecordingLogSink(group: Self.group)
            h.engine.setExecutionLogSink(sink)
            let machine = try await h.engine.createStateMachine(
                name: "fast", definition: #"{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}"#,
                roleArn: "arn:aws:iam::1:role/r", type: .express, loggingConfiguration: Self.configuration("ALL")).arn
            let ended = try await h.engine.startSyncExecution(stateMachineArn: machine, input: #"{"n":1}"#)
            try await h.eventually("the express logs") { sink.messages.count == 4 }
            #expect(sink.messages.map { $0["type"]?.stringValue ?? "" } == ["ExecutionStarted", "PassStateEntered", "PassStateExited", "ExecutionSucceeded"])
            #expect(sink.messages.allSatisfy { $0["execution_arn"]?.stringValue == ended.arn })
            _ = try await h.engine.updateStateMachine(arn: machine, definition: nil, roleArn: nil, loggingConfiguration: #"{"level":"OFF"}"#)
            _ = try await h.engine.startSyncExecution(stateMachineArn: machine, input: "{}")
            h.engine.executionLogs.wake()
            try await Task.sleep(for: .milliseconds(50))
            #expect(sink.messages.count == 4)
        }
    }

    @Test("CreateStateMachine and UpdateStateMachine refuse a logging level without exactly one existing destination")
    func validation() async throws {
        try await EngineHarness.with { h in
            h.engine.setExecutionLogSink(RecordingLogSink(group: Self.group))
            let create = { (configuration: String) async throws in
                _ = try await h.engine.createStateMachine(name: "v-\(UUID().uuidString.prefix(6))", definition: Self.failing,
                                                          roleArn: "arn:aws:iam::1:role/r", loggingConfiguration: configuration)
            }
            await #expect(throws: EngineError.invalidLoggingConfiguration("Invalid Logging Configuration: Must specify exactly one Log Destination.")) {
                try await create(#"{"level":"ERROR"}"#)
            }
            await #expect(throws: EngineError.invalidLoggingConfiguration("Invalid Logging Configuration: Log Destination not found.")) {
                try await create(Self.configuration("ALL", arn: "arn:aws:logs:us-east-1:123456789012:log-group:missing:*"))
            }
            try await create(#"{"level":"OFF","destinations":[]}"#)
            let machine = try await h.createMachine(Self.failing)
            await #expect(throws: EngineError.self) {
                _ = try await h.engine.updateStateMachine(arn: machine, definition: nil, roleArn: nil, loggingConfiguration: #"{"level":"ALL"}"#)
            }
        }
    }
}
