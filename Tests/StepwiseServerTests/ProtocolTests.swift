import HTTPTypes
import Hummingbird
import StatesLanguage
import StepwiseServer
import Testing

@Suite struct ProtocolTests {
    @Test("an unknown X-Amz-Target is UnknownOperationException")
    func unknownTarget() async throws {
        try await ServerHarness.run { server in
            let (status, body) = try await server.call("LaunchRockets")
            #expect(status == .badRequest)
            #expect(body["__type"] == "UnknownOperationException")
            let missing = try await server.raw(body: "{}", headers: [.contentType: "application/x-amz-json-1.0"])
            #expect(missing.body["__type"] == "UnknownOperationException")
        }
    }

    @Test("a body that is not JSON, or has members of the wrong type, is SerializationException")
    func malformedBody() async throws {
        try await ServerHarness.run { server in
            var headers = HTTPFields()
            headers[HTTPField.Name("X-Amz-Target")!] = "AWSStepFunctions.ListStateMachines"
            let broken = try await server.raw(body: "{not json", headers: headers)
            #expect(broken.status == .badRequest)
            #expect(broken.body["__type"] == "SerializationException")
            let (_, typed) = try await server.call("ListStateMachines", ["maxResults": "ten"])
            #expect(typed["__type"] == "SerializationException")
        }
    }

    static let unsupported = StepFunctionsOperation.allCases.filter { !$0.isSupported }

    @Test("operations not implemented yet answer UnsupportedOperation naming them", arguments: unsupported)
    func unsupportedOperations(_ operation: StepFunctionsOperation) async throws {
        try await ServerHarness.run { server in
            let (status, body) = try await server.call(operation.rawValue)
            #expect(status == .badRequest)
            #expect(body["__type"] == "UnsupportedOperation")
            #expect(body["message"]?.stringValue?.contains(operation.rawValue) == true)
        }
    }

    @Test("every operation of the model is routed", arguments: StepFunctionsOperation.allCases)
    func everyOperationRouted(_ operation: StepFunctionsOperation) async throws {
        try await ServerHarness.run { server in
            let (_, body) = try await server.call(operation.rawValue)
            #expect(body["__type"] != "UnknownOperationException")
        }
    }

    @Test("every answer carries a request id; errors carry x-amzn-ErrorType")
    func headers() async throws {
        try await ServerHarness.run { server in
            var headers = HTTPFields()
            headers[HTTPField.Name("X-Amz-Target")!] = "AWSStepFunctions.DescribeActivity"
            try await server.client.execute(uri: "/", method: .post, headers: headers, body: ByteBuffer(string: "{}")) { response in
                #expect(response.headers[HTTPField.Name("x-amzn-RequestId")!] != nil)
                #expect(response.headers[HTTPField.Name("x-amzn-ErrorType")!] == "ValidationException")
                #expect(response.headers[.contentType] == "application/x-amz-json-1.0")
            }
        }
    }

    @Test("/healthz answers ok; /metrics counts started and ended executions")
    func healthAndMetrics() async throws {
        try await ServerHarness.run { server in
            try await server.client.execute(uri: "/healthz", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("ok"))
            }
            let machine = try await server.createStateMachine()
            let arn = try await server.ok("StartExecution", ["stateMachineArn": .string(machine)])["executionArn"]!.stringValue!
            _ = try await server.waitForEnd(arn)
            try await server.client.execute(uri: "/metrics", method: .get) { response in
                let text = String(buffer: response.body)
                #expect(text.contains(#"stepwise_executions_started_total{type="STANDARD"} 1"#))
                #expect(text.contains(#"stepwise_executions_ended_total{status="SUCCEEDED"} 1"#))
                #expect(text.contains("stepwise_state_transitions_total 1"))
                #expect(text.contains("stepwise_callback_resume_seconds"))
                #expect(text.contains(#"stepwise_api_requests_total{operation="StartExecution",error=""} 1"#))
            }
        }
    }

    @Test("/metrics reports open executions and open task tokens from the store")
    func openWorkGauges() async throws {
        try await ServerHarness.run { server in
            let activity = try await server.ok("CreateActivity", ["name": "gauged"])["activityArn"]!.stringValue!
            let machine = try await server.createStateMachine("Gauged", definition: ServerHarness.activityDefinition(activity))
            let execution = try await server.ok("StartExecution", ["stateMachineArn": .string(machine)])["executionArn"]!.stringValue!
            let token = try await RedriveAPITests.takeTask(server, activity)
            #expect(try await Self.metrics(server).contains("stepwise_open_executions 1"))
            #expect(try await Self.metrics(server).contains("stepwise_open_task_tokens 1"))

            _ = try await server.ok("SendTaskSuccess", ["taskToken": .string(token), "output": "{}"])
            _ = try await server.waitForEnd(execution)
            let text = try await Self.metrics(server)
            #expect(text.contains("stepwise_open_executions 0"))
            #expect(text.contains("stepwise_open_task_tokens 0"))
        }
    }

    static func metrics(_ server: ServerHarness) async throws -> String {
        try await server.client.execute(uri: "/metrics", method: .get) { String(buffer: $0.body) }
    }
}
