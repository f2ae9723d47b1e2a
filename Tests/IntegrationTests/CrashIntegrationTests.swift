import Foundation
import StatesLanguage
import Testing

/// Killed with SIGKILL and restarted, `stepwise serve` loses nothing it accepted.
@Suite(.serialized, .enabled(if: ServeProcess.built, "the stepwise executable was not built beside the tests"),
       .enabled(if: Tool.available, "the aws CLI or boto3 is not installed"))
struct CrashIntegrationTests {
    @Test("after SIGKILL, accepted executions continue, completed tokens stay completed, open ones still complete")
    func killAndRestart() async throws {
        let server = try ServeProcess()
        try await server.waitUntilReady()
        let activity = try #require(try await ServeIntegrationTests.aws(server, "create-activity", "--name", "approval")["activityArn"]?.stringValue)
        let definition = #"{"StartAt":"Ask","States":{"Ask":{"Type":"Task","Resource":"\#(activity)","End":true}}}"#
        let machine = try #require(try await ServeIntegrationTests.aws(
            server, "create-state-machine", "--name", "Crash", "--definition", definition,
            "--role-arn", "arn:aws:iam::123456789012:role/R")["stateMachineArn"]?.stringValue)
        var executions: [String] = []
        for i in 0..<3 {
            executions.append(try #require(try await ServeIntegrationTests.aws(
                server, "start-execution", "--state-machine-arn", machine, "--name", "e\(i)", "--input", #"{"n":\#(i)}"#)["executionArn"]?.stringValue))
        }
        var tokens: [String] = []
        for _ in 0..<3 {
            let task = try await ServeIntegrationTests.aws(server, "get-activity-task", "--activity-arn", activity, "--worker-name", "w")
            tokens.append(try #require(task["taskToken"]?.stringValue))
        }
        _ = try await ServeIntegrationTests.aws(server, "send-task-success", "--task-token", tokens[0], "--task-output", #"{"done":0}"#)
        server.process.send(signal: SIGKILL)
        _ = server.waitForExit(seconds: 10)

        let restarted = try ServeProcess(dataPath: server.dataPath)
        defer { restarted.stop() }
        try await restarted.waitUntilReady()
        // The completed token stays completed; the others complete now.
        let again = try await ServeIntegrationTests.awsError(restarted, "send-task-success", "--task-token", tokens[0], "--task-output", "{}")
        #expect(again.contains("TaskTimedOut"))
        for (i, token) in tokens.enumerated().dropFirst() {
            _ = try await ServeIntegrationTests.aws(restarted, "send-task-success", "--task-token", token, "--task-output", #"{"done":\#(i)}"#)
        }
        for execution in executions {
            var status = ""
            for _ in 0..<200 {
                status = try await ServeIntegrationTests.aws(restarted, "describe-execution", "--execution-arn", execution)["status"]?.stringValue ?? ""
                if status != "RUNNING" { break }
                try await Task.sleep(for: .milliseconds(50))
            }
            #expect(status == "SUCCEEDED", "\(execution) ended \(status)")
        }
    }
}
