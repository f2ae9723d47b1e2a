import StatesLanguage
import Testing

@Suite struct RedriveAPITests {
    /// An activity, a machine running one task of it, and an execution whose task failed.
    static func failedExecution(_ server: ServerHarness) async throws -> (execution: String, activity: String, machine: String) {
        let activity = try await server.ok("CreateActivity", ["name": "flaky"])["activityArn"]!.stringValue!
        let machine = try await server.createStateMachine("Flaky", definition: ServerHarness.activityDefinition(activity))
        let execution = try await server.ok("StartExecution", ["stateMachineArn": .string(machine), "name": "attempt"])["executionArn"]!.stringValue!
        let token = try await Self.takeTask(server, activity)
        try await server.ok("SendTaskFailure", ["taskToken": .string(token), "error": "Job.Broke"])
        #expect(try await server.waitForEnd(execution)["status"] == "FAILED")
        return (execution, activity, machine)
    }

    static func takeTask(_ server: ServerHarness, _ activity: String) async throws -> String {
        for _ in 0..<20 {
            if let token = try await server.ok("GetActivityTask", ["activityArn": .string(activity)])["taskToken"]?.stringValue {
                return token
            }
        }
        Issue.record("no activity task was handed out")
        return ""
    }

    @Test("RedriveExecution runs a failed execution's failed task again; DescribeExecution reports the redrive")
    func redrive() async throws {
        try await ServerHarness.run { server in
            let (execution, activity, machine) = try await Self.failedExecution(server)
            let failed = try await server.ok("DescribeExecution", ["executionArn": .string(execution)])
            #expect(failed["redriveStatus"] == "REDRIVABLE")
            #expect(failed["redriveStatusReason"] == nil)
            #expect(failed["redriveCount"] == 0)
            #expect(failed["redriveDate"] == nil)

            let redriven = try await server.ok("RedriveExecution", ["executionArn": .string(execution), "clientToken": "t-1"])
            let date = try #require(redriven["redriveDate"]?.numberValue)
            let running = try await server.ok("DescribeExecution", ["executionArn": .string(execution)])
            #expect(running["status"] == "RUNNING")
            #expect(running["redriveCount"] == 1)
            #expect(running["redriveStatus"] == "NOT_REDRIVABLE")
            #expect(running["redriveStatusReason"] == "Execution is RUNNING and cannot be redriven")
            #expect(running["stopDate"] == nil)
            #expect(running["error"] == nil)
            // The same client token is the same redrive.
            #expect(try await server.ok("RedriveExecution", ["executionArn": .string(execution), "clientToken": "t-1"])["redriveDate"]?.numberValue == date)

            let token = try await Self.takeTask(server, activity)
            try await server.ok("SendTaskSuccess", ["taskToken": .string(token), "output": #"{"ok":true}"#])
            let ended = try await server.waitForEnd(execution)
            #expect(ended["status"] == "SUCCEEDED")
            #expect(ended["redriveDate"]?.numberValue == date)
            #expect(ended["redriveStatusReason"] == "Execution is SUCCEEDED and cannot be redriven")
            let events = try await server.ok("GetExecutionHistory", ["executionArn": .string(execution)])["events"]?.arrayValue ?? []
            let redrivenEvent = try #require(events.first { $0["type"] == "ExecutionRedriven" })
            #expect(redrivenEvent["executionRedrivenEventDetails"] == ["redriveCount": 1])

            let listed = try await server.ok("ListExecutions", ["stateMachineArn": .string(machine), "redriveFilter": "REDRIVEN"])
            #expect(listed["executions"]?.arrayValue?.first?["redriveCount"] == 1)
            #expect(listed["executions"]?.arrayValue?.first?["redriveDate"]?.numberValue == date)
            let notRedriven = try await server.ok("ListExecutions", ["stateMachineArn": .string(machine), "redriveFilter": "NOT_REDRIVEN"])
            #expect(notRedriven["executions"]?.arrayValue?.isEmpty == true)
        }
    }

    @Test("RedriveExecution's errors: not redrivable, does not exist, bad ARN, bad client token")
    func errors() async throws {
        try await ServerHarness.run { server in
            let machine = try await server.createStateMachine("Done")
            let execution = try await server.ok("StartExecution", ["stateMachineArn": .string(machine)])["executionArn"]!.stringValue!
            #expect(try await server.waitForEnd(execution)["status"] == "SUCCEEDED")
            let message = try await server.fails("RedriveExecution", ["executionArn": .string(execution)], with: "ExecutionNotRedrivable")
            #expect(message == "Execution is SUCCEEDED and cannot be redriven")
            try await server.fails("RedriveExecution", ["executionArn": .string(execution + "-missing")], with: "ExecutionDoesNotExist")
            try await server.fails("RedriveExecution", ["executionArn": "nope"], with: "InvalidArn")
            try await server.fails("RedriveExecution", ["executionArn": .string(machine)], with: "InvalidArn")
            try await server.fails("RedriveExecution", [
                "executionArn": .string(execution), "clientToken": .string(String(repeating: "c", count: 65)),
            ], with: "ValidationException")
            try await server.fails("RedriveExecution", [:], with: "ValidationException")
        }
    }

    @Test("an EXPRESS execution is not redrivable")
    func express() async throws {
        try await ServerHarness.run { server in
            let machine = try await server.createStateMachine("Quick", definition: ["StartAt": "F", "States": ["F": ["Type": "Fail", "Error": "E"]]], type: "EXPRESS")
            let result = try await server.ok("StartSyncExecution", ["stateMachineArn": .string(machine)])
            #expect(result["status"] == "FAILED")
            let execution = try #require(result["executionArn"]?.stringValue)
            try await server.fails("RedriveExecution", ["executionArn": .string(execution)], with: "ExecutionNotRedrivable")
        }
    }
}
