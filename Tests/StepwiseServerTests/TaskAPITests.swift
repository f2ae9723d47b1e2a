import HTTPTypes
import Hummingbird
import StatesLanguage
import Testing

@Suite struct TaskAPITests {
    /// Starts an execution waiting on an activity task; its ARN and the task's token.
    static func waitingTask(_ server: ServerHarness, heartbeat: Int? = nil) async throws -> (execution: String, token: String) {
        let activity = try await server.ok("CreateActivity", ["name": "worker"])["activityArn"]!.stringValue!
        let machine = try await server.createStateMachine("Work", definition: ServerHarness.activityDefinition(activity, heartbeat: heartbeat))
        let execution = try await server.ok("StartExecution", ["stateMachineArn": .string(machine), "input": #"{"job":7}"#])["executionArn"]!.stringValue!
        for _ in 0..<20 {
            let task = try await server.ok("GetActivityTask", ["activityArn": .string(activity), "workerName": "w1"])
            if let token = task["taskToken"]?.stringValue {
                #expect(task["input"] == #"{"job":7}"#)
                return (execution, token)
            }
        }
        Issue.record("no activity task was handed out")
        return (execution, "")
    }

    @Test("SendTaskSuccess completes an activity task; its token then no longer completes anything")
    func success() async throws {
        try await ServerHarness.run { server in
            let (execution, token) = try await Self.waitingTask(server)
            try await server.ok("SendTaskSuccess", ["taskToken": .string(token), "output": #"{"done":true}"#])
            let described = try await server.waitForEnd(execution)
            #expect(described["status"] == "SUCCEEDED")
            #expect(described["output"] == #"{"done":true}"#)
            try await server.fails("SendTaskSuccess", ["taskToken": .string(token), "output": "{}"], with: "TaskTimedOut")
            let types = try await server.ok("GetExecutionHistory", ["executionArn": .string(execution)])["events"]!.arrayValue!.compactMap { $0["type"]?.stringValue }
            #expect(types.contains("ActivityStarted"))
            #expect(types.contains("ActivitySucceeded"))
        }
    }

    @Test("SendTaskFailure fails the task with the error and cause given")
    func failure() async throws {
        try await ServerHarness.run { server in
            let (execution, token) = try await Self.waitingTask(server)
            try await server.ok("SendTaskHeartbeat", ["taskToken": .string(token)])
            try await server.ok("SendTaskFailure", ["taskToken": .string(token), "error": "Job.Broke", "cause": "disk full"])
            let described = try await server.waitForEnd(execution)
            #expect(described["status"] == "FAILED")
            #expect(described["error"] == "Job.Broke")
            #expect(described["cause"] == "disk full")
        }
    }

    @Test("a forged token is InvalidToken; bad output is InvalidOutput; members are validated")
    func tokenErrors() async throws {
        try await ServerHarness.run { server in
            try await server.fails("SendTaskSuccess", ["taskToken": "forged", "output": "{}"], with: "InvalidToken")
            try await server.fails("SendTaskFailure", ["taskToken": "forged"], with: "InvalidToken")
            try await server.fails("SendTaskHeartbeat", ["taskToken": "forged"], with: "InvalidToken")
            try await server.fails("SendTaskSuccess", ["taskToken": "forged"], with: "ValidationException")
            let (_, token) = try await Self.waitingTask(server)
            try await server.fails("SendTaskSuccess", ["taskToken": .string(token), "output": "not json"], with: "InvalidOutput")
        }
    }

    @Test("plain-HTTP callbacks complete tasks and answer the same errors as the AWS calls")
    func callbacks() async throws {
        try await ServerHarness.run { server in
            let (execution, token) = try await Self.waitingTask(server)
            let heartbeat = try await server.raw(uri: "/callbacks/\(token)/heartbeat", body: "")
            #expect(heartbeat.status == .ok)
            let success = try await server.raw(uri: "/callbacks/\(token)/success", body: #"{"via":"callback"}"#)
            #expect(success.status == .ok)
            let described = try await server.waitForEnd(execution)
            #expect(described["output"] == #"{"via":"callback"}"#)
            let again = try await server.raw(uri: "/callbacks/\(token)/failure", body: #"{"error":"E","cause":"C"}"#)
            #expect(again.status == .badRequest)
            #expect(again.body["__type"] == "TaskTimedOut")
            let forged = try await server.raw(uri: "/callbacks/forged/success", body: "{}")
            #expect(forged.body["__type"] == "InvalidToken")
            let unknown = try await server.raw(uri: "/callbacks/\(token)/finish", body: "{}")
            #expect(unknown.status == .badRequest)
        }
    }

    @Test("activities are created idempotently, described, listed and deleted")
    func activities() async throws {
        try await ServerHarness.run { server in
            let arn = try await server.ok("CreateActivity", ["name": "a1"])["activityArn"]!.stringValue!
            #expect(arn == "arn:aws:states:us-east-1:123456789012:activity:a1")
            #expect(try await server.ok("CreateActivity", ["name": "a1"])["activityArn"]?.stringValue == arn)
            _ = try await server.ok("CreateActivity", ["name": "a2"])
            let described = try await server.ok("DescribeActivity", ["activityArn": .string(arn)])
            #expect(described["name"] == "a1")
            #expect(described["creationDate"]?.numberValue != nil)
            let page = try await server.ok("ListActivities", ["maxResults": 1])
            #expect(page["activities"]?.arrayValue?.count == 1)
            #expect(page["nextToken"] != nil)
            try await server.ok("DeleteActivity", ["activityArn": .string(arn)])
            try await server.fails("DescribeActivity", ["activityArn": .string(arn)], with: "ActivityDoesNotExist")
            try await server.fails("GetActivityTask", ["activityArn": .string(arn)], with: "ActivityDoesNotExist")
            try await server.fails("CreateActivity", ["name": "bad name"], with: "InvalidName")
            try await server.fails("DescribeActivity", ["activityArn": "arn:aws:states:us-east-1:123456789012:stateMachine:S"], with: "InvalidArn")
        }
    }

    @Test("GetActivityTask answers empty when no task comes within the poll")
    func emptyPoll() async throws {
        try await ServerHarness.run { server in
            let arn = try await server.ok("CreateActivity", ["name": "idle"])["activityArn"]!.stringValue!
            let task = try await server.ok("GetActivityTask", ["activityArn": .string(arn)])
            #expect(task == [:])
        }
    }

    @Test("tags are added, listed sorted, removed; unknown resources are ResourceNotFound")
    func tags() async throws {
        try await ServerHarness.run { server in
            let arn = try await server.createStateMachine("Tagged")
            try await server.ok("TagResource", ["resourceArn": .string(arn), "tags": [["key": "team", "value": "core"], ["key": "env", "value": "dev"]]])
            let listed = try await server.ok("ListTagsForResource", ["resourceArn": .string(arn)])
            #expect(listed["tags"] == [["key": "env", "value": "dev"], ["key": "team", "value": "core"]])
            try await server.ok("UntagResource", ["resourceArn": .string(arn), "tagKeys": ["env"]])
            #expect(try await server.ok("ListTagsForResource", ["resourceArn": .string(arn)])["tags"] == [["key": "team", "value": "core"]])
            try await server.fails("ListTagsForResource", ["resourceArn": .string(arn + "X")], with: "ResourceNotFound")
            try await server.fails("TagResource", ["resourceArn": .string(arn)], with: "ValidationException")
            let many: [JSON] = (0..<51).map { ["key": .string("k\($0)"), "value": "v"] }
            try await server.fails("TagResource", ["resourceArn": .string(arn), "tags": .array(many)], with: "TooManyTags")
            let activity = try await server.ok("CreateActivity", ["name": "t", "tags": [["key": "a", "value": "b"]]])["activityArn"]!.stringValue!
            #expect(try await server.ok("ListTagsForResource", ["resourceArn": .string(activity)])["tags"] == [["key": "a", "value": "b"]])
        }
    }
}
