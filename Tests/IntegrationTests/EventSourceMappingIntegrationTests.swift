import Foundation
import StatesLanguage
import Testing

/// `aws lambda …-event-source-mapping` against a real `stepwise serve`: a queue's message
/// reaches a Python function through the mapping.
@Suite(.serialized, .enabled(if: ServeProcess.built, "the stepwise executable is not built"),
       .enabled(if: Tool.available, "the aws CLI or boto3 is not installed"))
struct EventSourceMappingIntegrationTests {
    static func aws(_ server: ServeProcess, _ arguments: String...) async throws -> JSON {
        let result = try await Tool.run(["aws", "--endpoint-url", server.endpoint, "--region", "us-east-1", "--output", "json"] + arguments)
        guard result.status == 0 else { throw ServeError("aws \(arguments.prefix(2).joined(separator: " ")) failed (\(result.status)): \(result.error)") }
        let text = result.output.trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? [:] : try JSON(parsing: text)
    }

    @Test("the AWS CLI creates, lists, gets and deletes a mapping; a sent message reaches the function")
    func awsCLIMapping() async throws {
        let server = try ServeProcess()
        defer { server.stop() }
        try await server.waitUntilReady()
        let code = FileManager.default.temporaryDirectory.appendingPathComponent("stepwise-esm-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: code, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: code) }
        let seen = code.appendingPathComponent("seen.txt")
        try """
            def handler(event, context):
                with open(\(String(reflecting: seen.path)), "a") as f:
                    for record in event["Records"]:
                        f.write(record["eventSource"] + " " + record["body"] + "\\n")
            """.write(to: code.appendingPathComponent("consumer.py"), atomically: true, encoding: .utf8)

        let queueURL = try #require(try await Self.aws(server, "sqs", "create-queue", "--queue-name", "cli-orders")["QueueUrl"]?.stringValue)
        let queueArn = "arn:aws:sqs:us-east-1:123456789012:cli-orders"
        _ = try await Self.aws(server, "lambda", "create-function", "--function-name", "cli-consumer", "--runtime", "python3.12",
                               "--handler", "consumer.handler", "--role", "arn:aws:iam::123456789012:role/lambda-role",
                               "--code", "S3Bucket=local,S3Key=\(code.path)")

        let created = try await Self.aws(server, "lambda", "create-event-source-mapping", "--function-name", "cli-consumer",
                                         "--event-source-arn", queueArn, "--batch-size", "5")
        let uuid = try #require(created["UUID"]?.stringValue)
        #expect(created["State"] == "Creating")
        #expect(created["BatchSize"] == 5)
        #expect(created["FunctionArn"] == "arn:aws:lambda:us-east-1:123456789012:function:cli-consumer")
        #expect(created["EventSourceMappingArn"]?.stringValue?.hasSuffix(":event-source-mapping:\(uuid)") == true)

        let listed = try await Self.aws(server, "lambda", "list-event-source-mappings", "--function-name", "cli-consumer")
        #expect(listed["EventSourceMappings"]?.arrayValue?.compactMap { $0["UUID"]?.stringValue } == [uuid])
        #expect(listed["EventSourceMappings"]?.arrayValue?.first?["State"] == "Enabled")

        let duplicate = try await Tool.run(["aws", "--endpoint-url", server.endpoint, "lambda", "create-event-source-mapping",
                                            "--function-name", "cli-consumer", "--event-source-arn", queueArn])
        #expect(duplicate.error.contains("ResourceConflictException"), "\(duplicate.error)")

        _ = try await Self.aws(server, "sqs", "send-message", "--queue-url", queueURL, "--message-body", "hello")
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline, (try? String(contentsOf: seen, encoding: .utf8)) == nil {
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect((try? String(contentsOf: seen, encoding: .utf8)) == "aws:sqs hello\n")

        let updated = try await Self.aws(server, "lambda", "update-event-source-mapping", "--uuid", uuid, "--no-enabled")
        #expect(updated["State"] == "Disabling")
        let fetched = try await Self.aws(server, "lambda", "get-event-source-mapping", "--uuid", uuid)
        #expect(fetched["State"] == "Disabled")

        let deleted = try await Self.aws(server, "lambda", "delete-event-source-mapping", "--uuid", uuid)
        #expect(deleted["State"] == "Deleting")
        let missing = try await Tool.run(["aws", "--endpoint-url", server.endpoint, "lambda", "get-event-source-mapping", "--uuid", uuid])
        #expect(missing.error.contains("ResourceNotFoundException"), "\(missing.error)")
        let empty = try await Self.aws(server, "lambda", "list-event-source-mappings")
        #expect(empty["EventSourceMappings"] == [])
    }
}
