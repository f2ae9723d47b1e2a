import Foundation
import StatesLanguage
import StepwiseEngine
import StepwiseStore
import Testing
@testable import StepwiseServices

@Suite struct FunctionIntegrationTests {
    /// Runs a state machine on an engine whose `lambda` integration reaches the fixture's
    /// functions, and returns the ended execution.
    func run(_ fixture: FunctionFixture, _ definition: String, input: String = "{}") async throws -> ExecutionRecord {
        var integrations = IntegrationRegistry()
        integrations.register(service: "lambda", LambdaIntegration(functions: fixture.service))
        let engine = try await Engine.open(store: fixture.store, integrations: integrations)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await engine.run() }
            defer { engine.stop() }
            let machine = try await engine.createStateMachine(
                name: "m\(UUID().uuidString.prefix(8))", definition: definition, roleArn: "arn:aws:iam::123456789012:role/test")
            let execution = try await engine.startExecution(stateMachineArn: machine.arn, input: input)
            let deadline = Date().addingTimeInterval(20)
            var record = try await engine.describeExecution(arn: execution.arn)
            while record.status == .running, Date() < deadline {
                _ = await engine.waitForEnd(execution.arn, atMost: .milliseconds(100))
                record = try await engine.describeExecution(arn: execution.arn)
            }
            engine.stop()
            group.cancelAll()
            return record
        }
    }

    @Test("lambda:invoke returns Invoke's response with the payload, as AWS does")
    func invokeAction() async throws {
        try await FunctionFixture.with { fixture in
            try fixture.write("echo.py", "def handler(event, context):\n    return {'seen': event}\n")
            try await fixture.create("echo", runtime: "python3.12", handler: "echo.handler")
            let record = try await run(fixture, """
                {"StartAt": "Call", "States": {"Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                  "Parameters": {"FunctionName": "arn:aws:lambda:us-east-1:123456789012:function:echo", "Payload.$": "$"}, "End": true}}}
                """, input: #"{"n": 1}"#)
            #expect(record.status == .succeeded)
            let output = try JSON(parsing: record.output ?? "")
            #expect(output["Payload"] == ["seen": ["n": 1]])
            #expect(output["StatusCode"] == 200)
            #expect(output["ExecutedVersion"] == "$LATEST")
            #expect(output["SdkHttpMetadata"]?["HttpStatusCode"] == 200)
            #expect(output["SdkHttpMetadata"]?["HttpHeaders"]?["Content-Length"] == .string(String(#"{"seen": {"n": 1}}"#.utf8.count)))
            #expect(output["SdkResponseMetadata"]?["RequestId"]?.stringValue?.isEmpty == false)
        }
    }

    @Test("a plain function ARN's result is the function's return value; a handler error fails the Task with its errorType")
    func plainArnAndErrors() async throws {
        try await FunctionFixture.with { fixture in
            try fixture.write("calc.py", """
                def handler(event, context):
                    if event.get("fail"):
                        raise KeyError("missing")
                    return event["a"] + 1
                """)
            try await fixture.create("calc", runtime: "python3.12", handler: "calc.handler")
            let ok = try await run(fixture, """
                {"StartAt": "Call", "States": {"Call": {"Type": "Task",
                  "Resource": "arn:aws:lambda:us-east-1:123456789012:function:calc", "End": true}}}
                """, input: #"{"a": 41}"#)
            #expect(ok.output == "42")
            let failed = try await run(fixture, """
                {"StartAt": "Call", "States": {"Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                  "Parameters": {"FunctionName": "calc", "Payload": {"fail": true}}, "End": true}}}
                """)
            #expect(failed.status == .failed)
            #expect(failed.error == "KeyError")
            let cause = try JSON(parsing: failed.cause ?? "")
            #expect(cause["errorType"] == "KeyError")
            #expect(cause["errorMessage"] == "'missing'")
        }
    }

    @Test("an unknown function fails the Task with Lambda.ResourceNotFoundException")
    func unknownFunction() async throws {
        try await FunctionFixture.with { fixture in
            let record = try await run(fixture, """
                {"StartAt": "Call", "States": {"Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                  "Parameters": {"FunctionName": "ghost"}, "End": true}}}
                """)
            #expect(record.error == "Lambda.ResourceNotFoundException")
            #expect(record.cause?.hasPrefix("Function not found: arn:aws:lambda:us-east-1:123456789012:function:ghost (Service: AWSLambda; Status Code: 404; Error Code: ResourceNotFoundException; Request ID: ") == true)
        }
    }
}
