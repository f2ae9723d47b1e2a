import Foundation
import StatesLanguage
import Testing

/// `stepwise serve` driven by the real AWS CLI and boto3, as teams will use it.
@Suite(.serialized, .enabled(if: ServeProcess.built, "the stepwise executable was not built beside the tests"),
       .enabled(if: Tool.available, "the aws CLI or boto3 is not installed"))
struct ServeIntegrationTests {
    static let sample = ServeProcess.shared.appendingPathComponent(
        "reference/calling-async-api-callback/statemachine/workflow_AsyncAPICallbackPattern.asl.json")

    /// The sample's substitutions, filled as its SAM template fills them.
    static func sampleDefinition() throws -> String {
        try String(contentsOf: sample, encoding: .utf8)
            .replacingOccurrences(of: "${SQSSendMessageAction}", with: "arn:aws:states:::sqs:sendMessage.waitForTaskToken")
            .replacingOccurrences(of: "${SQSQueueURL}", with: "https://sqs.us-east-1.amazonaws.com/123456789012/AsyncQueue")
            .replacingOccurrences(of: "${SNSTopicPublishAction}", with: "arn:aws:states:::sns:publish")
            .replacingOccurrences(of: "${SNSTopicARN}", with: "arn:aws:sns:us-east-1:123456789012:AsyncTopic")
    }

    /// The sample with the queue replaced by an activity (the worker gets the token from
    /// GetActivityTask) and the notifications by Pass states, until local SQS/SNS exist.
    static func activityVariant(_ activityArn: String) throws -> String {
        guard case .object(var root) = try JSON(parsing: try sampleDefinition()), case .object(var states) = root["States"] else {
            throw ServeError("the sample is not a state machine")
        }
        let first = "Invoke Async API & Wait For CallBack"
        guard case .object(var invoke) = states[first] else { throw ServeError("the sample changed") }
        invoke["Resource"] = .string(activityArn)
        invoke["Parameters"] = ["payload.$": "$$.Execution.Input"]
        states[first] = .object(invoke)
        for name in ["SNS Publish - Send Success Notification", "SNS Publish - Send Error Notification"] {
            guard case .object(let publish)? = states[name] else { continue }
            states[name] = ["Type": "Pass", "Result": publish["Parameters"]?["Message"] ?? .null, "End": true]
        }
        root["States"] = .object(states)
        return JSON.object(root).serialized
    }

    static func aws(_ server: ServeProcess, _ arguments: String...) async throws -> JSON {
        let result = try await Tool.run(["aws", "stepfunctions", "--endpoint-url", server.endpoint, "--region", "us-east-1", "--output", "json"] + arguments)
        guard result.status == 0 else { throw ServeError("aws \(arguments.first ?? "") failed (\(result.status)): \(result.error)") }
        let text = result.output.trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? [:] : try JSON(parsing: text)
    }

    static func awsError(_ server: ServeProcess, _ arguments: String...) async throws -> String {
        let result = try await Tool.run(["aws", "stepfunctions", "--endpoint-url", server.endpoint, "--region", "us-east-1"] + arguments)
        #expect(result.status != 0)
        return result.error
    }

    @Test("the AWS CLI creates the sample, completes its callback with send-task-success and reads the history",
          .enabled(if: FileManager.default.fileExists(atPath: sample.path), "the shared reference sample is not beside the package"),
          arguments: [true, false])
    func awsCLICallbackSample(eagerSteps: Bool) async throws {
        let server = try ServeProcess(extraArguments: eagerSteps ? [] : ["--no-eager-steps"])
        defer { server.stop() }
        try await server.waitUntilReady()
        let role = "arn:aws:iam::123456789012:role/StepFunctionsRole"

        let main = try await Self.aws(server, "create-state-machine", "--name", "AsyncAPICallbackPattern", "--definition", try Self.sampleDefinition(), "--role-arn", role)
        let mainArn = try #require(main["stateMachineArn"]?.stringValue)
        #expect(mainArn == "arn:aws:states:us-east-1:123456789012:stateMachine:AsyncAPICallbackPattern")
        let described = try await Self.aws(server, "describe-state-machine", "--state-machine-arn", mainArn)
        #expect(described["status"] == "ACTIVE")

        let activityArn = try #require(try await Self.aws(server, "create-activity", "--name", "AsyncAPI")["activityArn"]?.stringValue)
        let variant = try await Self.aws(server, "create-state-machine", "--name", "AsyncAPICallbackActivity", "--definition", try Self.activityVariant(activityArn), "--role-arn", role)
        let variantArn = try #require(variant["stateMachineArn"]?.stringValue)
        let execution = try await Self.aws(server, "start-execution", "--state-machine-arn", variantArn, "--name", "order-1", "--input", #"{"orderId":"42"}"#)
        let executionArn = try #require(execution["executionArn"]?.stringValue)

        var token: String?
        for _ in 0..<10 where token == nil {
            token = try await Self.aws(server, "get-activity-task", "--activity-arn", activityArn, "--worker-name", "cli")["taskToken"]?.stringValue
        }
        let taskToken = try #require(token)
        _ = try await Self.aws(server, "send-task-success", "--task-token", taskToken, "--task-output", #"{"status":200}"#)

        var final = try await Self.aws(server, "describe-execution", "--execution-arn", executionArn)
        var status = final["status"]?.stringValue ?? "?"
        // Eager steps: send-task-success answered after the states that follow the Task ran.
        if eagerSteps { #expect(status == "SUCCEEDED") }
        for _ in 0..<200 where status == "RUNNING" {
            final = try await Self.aws(server, "describe-execution", "--execution-arn", executionArn)
            status = final["status"]?.stringValue ?? "?"
            if status == "RUNNING" { try await Task.sleep(for: .milliseconds(20)) }
        }
        #expect(status == "SUCCEEDED")
        #expect(try JSON(parsing: final["output"]?.stringValue ?? "")["message"] == "API Executed Successfully")

        let history = try await Self.aws(server, "get-execution-history", "--execution-arn", executionArn)
        let types = history["events"]?.arrayValue?.compactMap { $0["type"]?.stringValue } ?? []
        #expect(types.first == "ExecutionStarted")
        #expect(types.contains("ActivityScheduled"))
        #expect(types.contains("ActivityStarted"))
        #expect(types.contains("ActivitySucceeded"))
        #expect(types.contains("ChoiceStateEntered"))
        #expect(types.last == "ExecutionSucceeded")

        // Errors as the CLI prints them.
        #expect(try await Self.awsError(server, "describe-execution", "--execution-arn", executionArn + "-nope").contains("ExecutionDoesNotExist"))
        #expect(try await Self.awsError(server, "send-task-success", "--task-token", taskToken, "--task-output", "{}").contains("TaskTimedOut"))
        #expect(try await Self.awsError(server, "describe-state-machine", "--state-machine-arn", "arn:aws:states:us-east-1:123456789012:activity:AsyncAPI").contains("InvalidArn"))
    }

    @Test("serve raises a low soft open-file limit to the hard limit")
    func raisesDescriptorLimit() async throws {
        let server = try ServeProcess(softDescriptorLimit: 256)
        defer { server.stop() }
        try await server.waitUntilReady()
        // "Max open files  <soft>  <hard>  files", as the kernel reports the server's limits.
        let limits = try String(contentsOfFile: "/proc/\(server.process.processIdentifier)/limits", encoding: .utf8)
        let line = try #require(limits.split(separator: "\n").first { $0.hasPrefix("Max open files") })
        let numbers = line.split(separator: " ").compactMap { Int($0) }
        try #require(numbers.count == 2, "\(line)")
        #expect(numbers[0] == min(numbers[1], 1 << 20), "\(line)")
        #expect(numbers[0] > 256)
    }

    @Test("stepwise's own client verbs talk to the server")
    func clientVerbs() async throws {
        let server = try ServeProcess()
        defer { server.stop() }
        try await server.waitUntilReady()
        let definition = #"{"StartAt":"P","States":{"P":{"Type":"Pass","Result":{"ok":true},"End":true}}}"#
        _ = try await Self.aws(server, "create-state-machine", "--name", "Verbs", "--definition", definition, "--role-arn", "arn:aws:iam::123456789012:role/R")
        let started = try await Tool.run([ServeProcess.executable.path, "start", "Verbs", "--input", #"{"a":1}"#, "--endpoint", server.endpoint])
        #expect(started.status == 0, "\(started.error)")
        let arn = started.output.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(arn.hasSuffix(":execution:Verbs:") == false && arn.contains(":execution:Verbs:"))
        var listed = ""
        for _ in 0..<100 {
            listed = try await Tool.run([ServeProcess.executable.path, "list", "Verbs", "--endpoint", server.endpoint]).output
            if listed.hasPrefix("SUCCEEDED") { break }
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(listed.hasPrefix("SUCCEEDED"))
        let history = try await Tool.run([ServeProcess.executable.path, "history", arn, "--endpoint", server.endpoint])
        #expect(history.output.contains("ExecutionStarted"))
        #expect(history.output.contains("ExecutionSucceeded"))
        let described = try await Tool.run([ServeProcess.executable.path, "describe", arn, "--endpoint", server.endpoint])
        #expect(try JSON(parsing: described.output)["status"] == "SUCCEEDED")
        let bad = try await Tool.run([ServeProcess.executable.path, "send-task-success", "forged", "--endpoint", server.endpoint])
        #expect(bad.status == 1)
        #expect(bad.error.contains("InvalidToken"))
    }

    @Test("boto3: every supported operation's happy path and error codes (Tests/IntegrationTests/boto3_checks.py)")
    func boto3Checks() async throws {
        let server = try ServeProcess()
        defer { server.stop() }
        try await server.waitUntilReady()
        let script = ServeProcess.packageRoot.appendingPathComponent("Tests/IntegrationTests/boto3_checks.py").path
        let result = try await Tool.run(["python3", script, "--endpoint", server.endpoint])
        #expect(result.status == 0, "\(result.output)\n\(result.error)")
        #expect(result.output.contains(" 0 failed"), "\(result.output)")
    }

    @Test("with --credentials, the AWS CLI's signed calls pass and wrong keys are refused as AWS refuses them")
    func sigV4() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("stepwise-credentials-\(UUID().uuidString)")
        try "[ci]\naws_access_key_id = AKIDSTEPWISE\naws_secret_access_key = s3cr3t/Key+Value\n".write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let server = try ServeProcess(extraArguments: ["--credentials", file.path])
        defer { server.stop() }
        try await server.waitUntilReady()
        let base = ["aws", "stepfunctions", "--endpoint-url", server.endpoint, "--region", "us-east-1", "list-state-machines"]
        let good = try await Tool.run(base, environment: ["AWS_ACCESS_KEY_ID": "AKIDSTEPWISE", "AWS_SECRET_ACCESS_KEY": "s3cr3t/Key+Value"])
        #expect(good.status == 0, "\(good.error)")
        let wrongSecret = try await Tool.run(base, environment: ["AWS_ACCESS_KEY_ID": "AKIDSTEPWISE", "AWS_SECRET_ACCESS_KEY": "guess"])
        #expect(wrongSecret.error.contains("InvalidSignatureException"))
        let unknown = try await Tool.run(base, environment: ["AWS_ACCESS_KEY_ID": "AKIDOTHER", "AWS_SECRET_ACCESS_KEY": "s3cr3t/Key+Value"])
        #expect(unknown.error.contains("UnrecognizedClientException"))
    }

    @Test("the AWS CLI publishes a version, creates an alias on it and starts an execution through the alias; redrive is refused for a success")
    func awsCLIVersionsAndAliases() async throws {
        let server = try ServeProcess()
        defer { server.stop() }
        try await server.waitUntilReady()
        let role = "arn:aws:iam::123456789012:role/StepFunctionsRole"
        let one = #"{"StartAt":"P","States":{"P":{"Type":"Pass","Result":"one","End":true}}}"#
        let two = #"{"StartAt":"P","States":{"P":{"Type":"Pass","Result":"two","End":true}}}"#

        let created = try await Self.aws(server, "create-state-machine", "--name", "Versioned", "--definition", one, "--role-arn", role,
                                         "--publish", "--version-description", "first")
        let arn = try #require(created["stateMachineArn"]?.stringValue)
        #expect(created["stateMachineVersionArn"]?.stringValue == arn + ":1")
        _ = try await Self.aws(server, "update-state-machine", "--state-machine-arn", arn, "--definition", two)
        let v2 = try await Self.aws(server, "publish-state-machine-version", "--state-machine-arn", arn, "--description", "second")
        #expect(v2["stateMachineVersionArn"]?.stringValue == arn + ":2")
        let versions = try await Self.aws(server, "list-state-machine-versions", "--state-machine-arn", arn)
        #expect(versions["stateMachineVersions"]?.arrayValue?.compactMap { $0["stateMachineVersionArn"]?.stringValue } == [arn + ":2", arn + ":1"])

        let alias = try await Self.aws(server, "create-state-machine-alias", "--name", "stable", "--routing-configuration",
                                       #"[{"stateMachineVersionArn":"\#(arn):1","weight":100}]"#)
        let aliasArn = try #require(alias["stateMachineAliasArn"]?.stringValue)
        #expect(aliasArn == arn + ":stable")
        let describedAlias = try await Self.aws(server, "describe-state-machine-alias", "--state-machine-alias-arn", aliasArn)
        #expect(describedAlias["routingConfiguration"] == [["stateMachineVersionArn": .string(arn + ":1"), "weight": 100]])

        let started = try await Self.aws(server, "start-execution", "--state-machine-arn", aliasArn, "--name", "through-alias")
        let executionArn = try #require(started["executionArn"]?.stringValue)
        var described: JSON = [:]
        for _ in 0..<100 {
            described = try await Self.aws(server, "describe-execution", "--execution-arn", executionArn)
            if described["status"] != "RUNNING" { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(described["status"] == "SUCCEEDED")
        #expect(described["output"] == #""one""#)
        #expect(described["stateMachineVersionArn"]?.stringValue == arn + ":1")
        #expect(described["stateMachineAliasArn"]?.stringValue == aliasArn)
        #expect(described["redriveStatus"] == "NOT_REDRIVABLE")

        let refused = try await Self.awsError(server, "redrive-execution", "--execution-arn", executionArn)
        #expect(refused.contains("ExecutionNotRedrivable"))
        let conflict = try await Self.awsError(server, "delete-state-machine-version", "--state-machine-version-arn", arn + ":1")
        #expect(conflict.contains("ConflictException"))
        _ = try await Self.aws(server, "delete-state-machine-alias", "--state-machine-alias-arn", aliasArn)
        _ = try await Self.aws(server, "delete-state-machine-version", "--state-machine-version-arn", arn + ":1")
    }

    @Test("SIGTERM shuts the server down gracefully and the data survives a restart")
    func gracefulRestart() async throws {
        let server = try ServeProcess()
        try await server.waitUntilReady()
        let definition = #"{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":3600,"End":true}}}"#
        let arn = try #require(try await Self.aws(server, "create-state-machine", "--name", "Durable", "--definition", definition,
                                            "--role-arn", "arn:aws:iam::123456789012:role/R")["stateMachineArn"]?.stringValue)
        let execution = try #require(try await Self.aws(server, "start-execution", "--state-machine-arn", arn)["executionArn"]?.stringValue)
        server.process.terminate()
        let exited = server.waitForExit(seconds: 10)
        #expect(exited, "stepwise serve did not stop on SIGTERM: \(server.logText)")
        if !exited { server.process.send(signal: SIGKILL) }
        #expect(server.process.waitUntilExit() == .exited(0), "\(server.logText)")

        let restarted = try ServeProcess(dataPath: server.dataPath)
        defer { restarted.stop() }
        try await restarted.waitUntilReady()
        #expect(try await Self.aws(restarted, "describe-execution", "--execution-arn", execution)["status"] == "RUNNING")
    }

    @Test("SIGTERM answers a waiting GetActivityTask long poll with no task and exits at once")
    func drainsLongPolls() async throws {
        let server = try ServeProcess()
        defer { server.stop() }
        try await server.waitUntilReady()
        let activity = try #require(try await Self.aws(server, "create-activity", "--name", "Idle")["activityArn"]?.stringValue)
        async let poll = Tool.run(["aws", "stepfunctions", "--endpoint-url", server.endpoint, "--region", "us-east-1",
                                   "--output", "json", "get-activity-task", "--activity-arn", activity])
        // Without draining, the open poll would hold the shutdown for 60 s.
        for _ in 0..<400 where !server.logText.contains("long poll open") { try await Task.sleep(for: .milliseconds(25)) }
        #expect(server.logText.contains("long poll open"))
        let started = Date()
        server.process.terminate()
        #expect(server.waitForExit(seconds: 10), "stepwise serve did not stop while a long poll was open: \(server.logText)")
        #expect(Date().timeIntervalSince(started) < 10)
        let answered = try await poll
        #expect(answered.status == 0, "\(answered.error)")
        #expect(!answered.output.contains("taskToken"))
    }
}
