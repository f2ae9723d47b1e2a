import StatesLanguage
import Testing

@Suite struct TestStateAPITests {
    static let role: JSON = .string(ServerHarness.role)

    @Test("TestState runs a Pass state: INFO answers status and output, DEBUG adds each data-flow stage as JSON text")
    func passLevels() async throws {
        try await ServerHarness.run { server in
            let definition: JSON = ["Type": "Pass", "Parameters": ["v.$": "$.Value"], "Next": "After"]
            let request: JSONObject = ["definition": .string(definition.serialized), "input": #"{"Value":"HelloWorld"}"#]
            let info = try await server.ok("TestState", request)
            #expect(info["status"] == "SUCCEEDED")
            #expect(info["output"] == #"{"v":"HelloWorld"}"#)
            #expect(info["nextState"] == "After")
            #expect(info["inspectionData"] == nil)
            var debug = request
            debug["inspectionLevel"] = "DEBUG"
            let inspection = try await server.ok("TestState", debug)["inspectionData"]
            #expect(inspection?["input"] == #"{"Value":"HelloWorld"}"#)
            #expect(inspection?["afterParameters"] == #"{"v":"HelloWorld"}"#)
            #expect(inspection?["afterResultPath"] == #"{"v":"HelloWorld"}"#)
            #expect(inspection?["result"] == nil)
        }
    }

    @Test("TestState answers a mocked error its Catch handles with CAUGHT_ERROR, the catcher's Next and errorDetails")
    func caughtMock() async throws {
        try await ServerHarness.run { server in
            let definition: JSON = [
                "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true,
                "Catch": [["ErrorEquals": ["MockException"], "Next": "Handle", "ResultPath": "$.error"]],
            ]
            let answer = try await server.ok("TestState", [
                "definition": .string(definition.serialized), "input": #"{"a":1}"#, "inspectionLevel": "DEBUG",
                "mock": ["errorOutput": ["error": "MockException", "cause": "Mocked"]],
            ])
            #expect(answer["status"] == "CAUGHT_ERROR")
            #expect(answer["error"] == "MockException")
            #expect(answer["nextState"] == "Handle")
            #expect(answer["output"] == #"{"a":1,"error":{"Error":"MockException","Cause":"Mocked"}}"#)
            #expect(answer["inspectionData"]?["errorDetails"] == ["catchIndex": 0])
        }
    }

    @Test("TestState calls a Task's real integration when there is no mock")
    func realCall() async throws {
        try await ServerHarness.run { server in
            let machine = try await server.createStateMachine()
            let definition: JSON = [
                "Type": "Task", "Resource": "arn:aws:states:::states:startExecution", "End": true,
                "Parameters": ["StateMachineArn": .string(machine), "Input": ["from": "test"]],
                "ResultSelector": ["arn.$": "$.ExecutionArn"],
            ]
            let answer = try await server.ok("TestState", ["definition": .string(definition.serialized), "roleArn": Self.role])
            #expect(answer["status"] == "SUCCEEDED")
            let arn = try JSON(parsing: answer["output"]?.stringValue ?? "")["arn"]?.stringValue ?? ""
            let described = try await server.waitForEnd(arn)
            #expect(described["status"] == "SUCCEEDED")
            #expect(described["input"] == #"{"from":"test"}"#)
        }
    }

    @Test("TestState refuses what AWS refuses, with AWS's exceptions")
    func refusals() async throws {
        try await ServerHarness.run { server in
            let task = JSON.object(["Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true]).serialized
            let message = try await server.fails("TestState", ["definition": .string(task)], with: "ValidationException")
            #expect(message == "RoleArn must be specified when testing a Task state")
            try await server.fails("TestState", ["definition": #"{"Type": "Pass"}"#], with: "InvalidDefinition")
            try await server.fails("TestState", ["definition": #"{"Type": "Pass", "End": true}"#, "input": "{nope"],
                                   with: "InvalidExecutionInput")
            try await server.fails("TestState", ["definition": #"{"Type": "Pass", "End": true}"#, "mock": ["result": "{}"]],
                                   with: "ValidationException")
            try await server.fails("TestState", ["definition": .string(task), "roleArn": "role"], with: "InvalidArn")
            try await server.fails("TestState", ["definition": .string(task), "mock": ["result": "not json"]],
                                   with: "ValidationException")
            try await server.fails("TestState", ["definition": #"{"Type": "Pass", "End": true}"#, "stateName": "X"],
                                   with: "InvalidDefinition")
        }
    }
}
