import Foundation
import StatesLanguage
import Testing

/// `stepwise deploy`, `stepwise stacks` and `stepwise delete` against a real `stepwise serve`,
/// checked with the AWS CLI.
@Suite(.serialized, .enabled(if: ServeProcess.built, "the stepwise executable was not built beside the tests"),
       .enabled(if: Tool.available, "the aws CLI or boto3 is not installed"))
struct DeployIntegrationTests {
    static let template = ServeProcess.shared.appendingPathComponent("reference/calling-async-api-callback/template.yaml")
    static var referencePresent: Bool { FileManager.default.fileExists(atPath: template.path) }

    static func aws(_ server: ServeProcess, _ arguments: String...) async throws -> JSON {
        let result = try await Tool.run(["aws", "--endpoint-url", server.endpoint, "--region", "us-east-1", "--output", "json"] + arguments)
        guard result.status == 0 else { throw ServeError("aws \(arguments.prefix(2).joined(separator: " ")) failed (\(result.status)): \(result.error)") }
        let text = result.output.trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? [:] : try JSON(parsing: text)
    }

    static func stepwise(_ server: ServeProcess, _ arguments: String...) async throws -> Tool {
        try await Tool.run([ServeProcess.executable.path] + arguments + ["--endpoint", server.endpoint])
    }

    @Test("stepwise deploy applies the reference template unchanged; the AWS CLI sees it; stepwise delete removes it",
          .enabled(if: referencePresent, "the shared reference folder is not beside this checkout"))
    func deployReference() async throws {
        let server = try ServeProcess()
        defer { server.stop() }
        try await server.waitUntilReady()

        let deployed = try await Self.stepwise(server, "deploy", Self.template.path)
        #expect(deployed.status == 0, "\(deployed.error)\n\(server.logText)")
        #expect(deployed.output.contains("CREATE_COMPLETE"))
        #expect(deployed.output.contains("WorkflowAsyncAPICallbackPatternArn = arn:aws:states:us-east-1:123456789012:stateMachine:"))
        #expect(!deployed.output.contains("PENDING"))
        #expect(deployed.output.contains("WorkflowRequestorQueueConsumerSQS1"))

        let machines = try await Self.aws(server, "stepfunctions", "list-state-machines")
        let names = machines["stateMachines"]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? []
        #expect(names.count == 2)
        #expect(names.allSatisfy { $0.hasPrefix("calling-async-api-callback-Workflow") })
        let queues = try await Self.aws(server, "sqs", "list-queues")
        let urls = queues["QueueUrls"]?.arrayValue?.compactMap(\.stringValue) ?? []
        #expect(Set(urls) == ["\(server.endpoint)/123456789012/workflow_requestorDLQ", "\(server.endpoint)/123456789012/workflow_requestorQueue"])
        let main = try #require(machines["stateMachines"]?.arrayValue?.first { $0["name"]?.stringValue?.contains("CallbackPattern") == true }?["stateMachineArn"]?.stringValue)
        let described = try await Self.aws(server, "stepfunctions", "describe-state-machine", "--state-machine-arn", main)
        #expect(described["definition"]?.stringValue?.contains("\(server.endpoint)/123456789012/workflow_requestorQueue") == true)

        let listed = try await Self.stepwise(server, "stacks")
        #expect(listed.output.hasPrefix("calling-async-api-callback\tCREATE_COMPLETE"))

        let again = try await Self.stepwise(server, "deploy", Self.template.path)
        #expect(again.status == 0, "\(again.error)")
        #expect(again.output.contains("UPDATE_COMPLETE"))

        let deleted = try await Self.stepwise(server, "delete", "calling-async-api-callback")
        #expect(deleted.status == 0, "\(deleted.error)")
        #expect(deleted.output.contains("DELETE_COMPLETE"))
        #expect(try await Self.aws(server, "stepfunctions", "list-state-machines")["stateMachines"]?.arrayValue?.isEmpty == true)
        #expect(try await Self.aws(server, "sqs", "list-queues")["QueueUrls"]?.arrayValue?.isEmpty ?? true)
        #expect(try await Self.stepwise(server, "stacks").output.isEmpty)
        let missing = try await Self.stepwise(server, "delete", "calling-async-api-callback")
        #expect(missing.status == 1)
        #expect(missing.error.contains("ValidationError: Stack with id calling-async-api-callback does not exist"))
    }

    @Test("stepwise deploy passes parameter overrides and reports a bad template")
    func parametersAndErrors() async throws {
        let server = try ServeProcess()
        defer { server.stop() }
        try await server.waitUntilReady()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("stepwise-deploy-\(UUID().uuidString)/orders")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        let template = folder.appendingPathComponent("template.yaml")
        try Data("""
            Parameters:
              Env:
                Type: String
            Resources:
              Queue:
                Type: AWS::SQS::Queue
                Properties:
                  QueueName: !Sub "orders-${Env}"
            Outputs:
              Url:
                Value: !Ref Queue
            """.utf8).write(to: template)
        let deployed = try await Self.stepwise(server, "deploy", template.path, "--parameter-overrides", "Env=dev")
        #expect(deployed.status == 0, "\(deployed.error)")
        #expect(deployed.output.contains("Url = \(server.endpoint)/123456789012/orders-dev"))
        #expect(try await Self.stepwise(server, "stacks", "orders").output.contains("orders: CREATE_COMPLETE"))

        try Data("Resources: [".utf8).write(to: template)
        let broken = try await Self.stepwise(server, "deploy", template.path, "--stack-name", "broken")
        #expect(broken.status == 1)
        #expect(broken.error.contains("ValidationError"))
    }
}
