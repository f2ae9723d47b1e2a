import StatesLanguage
import Testing

@Suite struct ExecutionAPITests {
    @Test("StartExecution runs to SUCCEEDED; DescribeExecution answers input, output and dates")
    func startAndDescribe() async throws {
        try await ServerHarness.run { server in
            let machine = try await server.createStateMachine()
            let started = try await server.ok("StartExecution", ["stateMachineArn": .string(machine), "name": "first", "input": #"{"n":1}"#])
            let arn = try #require(started["executionArn"]?.stringValue)
            #expect(arn == "arn:aws:states:us-east-1:123456789012:execution:Machine:first")
            #expect(started["startDate"]?.numberValue != nil)
            let described = try await server.waitForEnd(arn)
            #expect(described["status"] == "SUCCEEDED")
            #expect(described["input"] == #"{"n":1}"#)
            #expect(try JSON(parsing: described["output"]?.stringValue ?? "") == ["n": 1, "result": ["greeting": "hi"]])
            #expect(described["stopDate"]?.numberValue != nil)
            #expect(described["inputDetails"] == ["included": true])
            #expect(described["stateMachineArn"]?.stringValue == machine)
            let forExecution = try await server.ok("DescribeStateMachineForExecution", ["executionArn": .string(arn)])
            #expect(forExecution["name"] == "Machine")
            #expect(forExecution["updateDate"]?.numberValue != nil)
        }
    }

    @Test("StartExecution refuses bad input, bad names, taken names and unknown machines")
    func startErrors() async throws {
        try await ServerHarness.run { server in
            let machine = try await server.createStateMachine()
            try await server.fails("StartExecution", ["stateMachineArn": .string(machine), "input": "{nope"], with: "InvalidExecutionInput")
            try await server.fails("StartExecution", ["stateMachineArn": .string(machine), "name": "has space"], with: "InvalidName")
            try await server.fails("StartExecution", ["stateMachineArn": .string(machine + "X")], with: "StateMachineDoesNotExist")
            try await server.fails("StartExecution", ["stateMachineArn": "arn:aws:states:us-east-1:123456789012:execution:M:e"], with: "InvalidArn")
            try await server.fails("StartExecution", [:], with: "ValidationException")
            let arn = try await server.ok("StartExecution", ["stateMachineArn": .string(machine), "name": "once", "input": "{}"])["executionArn"]!.stringValue!
            _ = try await server.waitForEnd(arn)
            let message = try await server.fails("StartExecution", ["stateMachineArn": .string(machine), "name": "once", "input": #"{"other":1}"#],
                                                 with: "ExecutionAlreadyExists")
            #expect(message == "Execution Already Exists: '\(arn)'")
            try await server.fails("DescribeExecution", ["executionArn": .string(arn + "X")], with: "ExecutionDoesNotExist")
        }
    }

    @Test("ListExecutions filters by status and pages")
    func list() async throws {
        try await ServerHarness.run { server in
            let machine = try await server.createStateMachine()
            var arns: [String] = []
            for index in 0..<3 {
                let arn = try await server.ok("StartExecution", ["stateMachineArn": .string(machine), "name": .string("e\(index)")])["executionArn"]!.stringValue!
                _ = try await server.waitForEnd(arn)
                arns.append(arn)
            }
            let page = try await server.ok("ListExecutions", ["stateMachineArn": .string(machine), "maxResults": 2, "statusFilter": "SUCCEEDED"])
            #expect(page["executions"]?.arrayValue?.count == 2)
            let token = try #require(page["nextToken"]?.stringValue)
            let rest = try await server.ok("ListExecutions", ["stateMachineArn": .string(machine), "maxResults": 2, "statusFilter": "SUCCEEDED", "nextToken": .string(token)])
            #expect(rest["executions"]?.arrayValue?.count == 1)
            let listed = (page["executions"]!.arrayValue! + rest["executions"]!.arrayValue!).compactMap { $0["executionArn"]?.stringValue }
            #expect(Set(listed) == Set(arns))
            let running = try await server.ok("ListExecutions", ["stateMachineArn": .string(machine), "statusFilter": "RUNNING"])
            #expect(running["executions"] == [])
            try await server.fails("ListExecutions", ["stateMachineArn": .string(machine), "statusFilter": "DONE"], with: "ValidationException")
            try await server.fails("ListExecutions", [:], with: "ValidationException")
            try await server.fails("ListExecutions", ["stateMachineArn": .string(machine), "nextToken": "garbage"], with: "InvalidToken")
        }
    }

    @Test("GetExecutionHistory answers AWS's events, reversed, paged and without data on request")
    func history() async throws {
        try await ServerHarness.run { server in
            let machine = try await server.createStateMachine()
            let arn = try await server.ok("StartExecution", ["stateMachineArn": .string(machine), "input": #"{"secret":1}"#])["executionArn"]!.stringValue!
            _ = try await server.waitForEnd(arn)
            let history = try await server.ok("GetExecutionHistory", ["executionArn": .string(arn)])
            let events = try #require(history["events"]?.arrayValue)
            #expect(events.compactMap { $0["type"]?.stringValue } == ["ExecutionStarted", "PassStateEntered", "PassStateExited", "ExecutionSucceeded"])
            let first = events[0]
            #expect(first["id"] == 1)
            #expect(first["previousEventId"] == 0)
            #expect(first["timestamp"]?.numberValue != nil)
            #expect(first["executionStartedEventDetails"]?["input"] == #"{"secret":1}"#)
            #expect(events[1]["stateEnteredEventDetails"]?["name"] == "Hello")

            let reversed = try await server.ok("GetExecutionHistory", ["executionArn": .string(arn), "reverseOrder": true, "maxResults": 3])
            #expect(reversed["events"]?.arrayValue?.compactMap { $0["id"]?.intValue } == [4, 3, 2])
            let token = try #require(reversed["nextToken"]?.stringValue)
            let last = try await server.ok("GetExecutionHistory", ["executionArn": .string(arn), "reverseOrder": true, "maxResults": 3, "nextToken": .string(token)])
            #expect(last["events"]?.arrayValue?.compactMap { $0["id"]?.intValue } == [1])

            let bare = try await server.ok("GetExecutionHistory", ["executionArn": .string(arn), "includeExecutionData": false])
            let started = try #require(bare["events"]?.arrayValue?.first?["executionStartedEventDetails"])
            #expect(started["input"] == nil)
            #expect(started["roleArn"] != nil)
            try await server.fails("GetExecutionHistory", ["executionArn": .string(arn + "X")], with: "ExecutionDoesNotExist")
        }
    }

    @Test("GetExecutionHistory without execution data leaves out assigned variables' values, not their details")
    func historyWithoutVariableValues() async throws {
        try await ServerHarness.run { server in
            let assigning: JSON = ["StartAt": "Keep", "States": ["Keep": ["Type": "Pass", "Assign": ["pin": 1234], "End": true]]]
            let machine = try await server.createStateMachine("Assigns", definition: assigning)
            let arn = try await server.ok("StartExecution", ["stateMachineArn": .string(machine)])["executionArn"]!.stringValue!
            #expect(try await server.waitForEnd(arn)["status"] == "SUCCEEDED")
            func exited(_ includeData: Bool) async throws -> JSON? {
                let history = try await server.ok("GetExecutionHistory", ["executionArn": .string(arn), "includeExecutionData": .bool(includeData)])
                return history["events"]?.arrayValue?.first { $0["type"] == "PassStateExited" }?["stateExitedEventDetails"]
            }
            let full = try #require(try await exited(true))
            #expect(full["assignedVariables"] == ["pin": "1234"])
            let bare = try #require(try await exited(false))
            #expect(bare["assignedVariables"] == nil)
            #expect(bare["output"] == nil)
            #expect(bare["assignedVariablesDetails"] == ["truncated": false])
            #expect(bare["name"] == "Keep")
        }
    }

    @Test("StopExecution ends a waiting execution ABORTED with the error and cause given")
    func stop() async throws {
        try await ServerHarness.run { server in
            let waiting: JSON = ["StartAt": "Wait", "States": ["Wait": ["Type": "Wait", "Seconds": 3600, "End": true]]]
            let machine = try await server.createStateMachine("Waits", definition: waiting)
            let arn = try await server.ok("StartExecution", ["stateMachineArn": .string(machine)])["executionArn"]!.stringValue!
            let stopped = try await server.ok("StopExecution", ["executionArn": .string(arn), "error": "Stop.Now", "cause": "testing"])
            #expect(stopped["stopDate"]?.numberValue != nil)
            let described = try await server.waitForEnd(arn)
            #expect(described["status"] == "ABORTED")
            #expect(described["error"] == "Stop.Now")
            #expect(described["cause"] == "testing")
            try await server.fails("StopExecution", ["executionArn": .string(arn), "error": .string(String(repeating: "e", count: 257))],
                                   with: "ValidationException")
        }
    }

    @Test("StartSyncExecution runs an EXPRESS machine to its end; STANDARD ones are refused")
    func startSync() async throws {
        try await ServerHarness.run { server in
            let express = try await server.createStateMachine("Fast", type: "EXPRESS")
            let result = try await server.ok("StartSyncExecution", ["stateMachineArn": .string(express), "input": #"{"a":1}"#])
            #expect(result["status"] == "SUCCEEDED")
            #expect(try JSON(parsing: result["output"]?.stringValue ?? "") == ["a": 1, "result": ["greeting": "hi"]])
            let standard = try await server.createStateMachine("Slow")
            try await server.fails("StartSyncExecution", ["stateMachineArn": .string(standard)], with: "StateMachineTypeNotSupported")
            try await server.fails("ListExecutions", ["stateMachineArn": .string(express)], with: "StateMachineTypeNotSupported")
        }
    }
}
