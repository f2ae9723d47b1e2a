import StatesLanguage
import Testing

@Suite struct StateMachineAPITests {
    @Test("CreateStateMachine answers the ARN and creating the same machine again is idempotent")
    func createIsIdempotent() async throws {
        try await ServerHarness.run { server in
            let arn = try await server.createStateMachine("Orders")
            #expect(arn == "arn:aws:states:us-east-1:123456789012:stateMachine:Orders")
            #expect(try await server.createStateMachine("Orders") == arn)
            let changed: JSON = ["StartAt": "A", "States": ["A": ["Type": "Succeed"]]]
            let message = try await server.fails("CreateStateMachine", [
                "name": "Orders", "definition": .string(changed.serialized), "roleArn": .string(ServerHarness.role),
            ], with: "StateMachineAlreadyExists")
            #expect(message == "State Machine Already Exists: '\(arn)'")
        }
    }

    @Test("an invalid definition is InvalidDefinition with AWS's message")
    func invalidDefinition() async throws {
        try await ServerHarness.run { server in
            let definition: JSON = ["StartAt": "Missing", "States": ["A": ["Type": "Succeed"]]]
            let message = try await server.fails("CreateStateMachine", [
                "name": "Bad", "definition": .string(definition.serialized), "roleArn": .string(ServerHarness.role),
            ], with: "InvalidDefinition")
            #expect(message.hasPrefix("Invalid State Machine Definition: '"))
            #expect(message.contains("MISSING_TRANSITION_TARGET"))
        }
    }

    @Test("missing and over-long members are one ValidationException listing each")
    func validation() async throws {
        try await ServerHarness.run { server in
            let message = try await server.fails("CreateStateMachine", ["name": .string(String(repeating: "n", count: 81))], with: "ValidationException")
            #expect(message.hasPrefix("3 validation errors detected: "))
            #expect(message.contains("Value null at 'definition' failed to satisfy constraint: Member must not be null"))
            #expect(message.contains("at 'name' failed to satisfy constraint: Member must have length less than or equal to 80"))
            let typeMessage = try await server.fails("CreateStateMachine", [
                "name": "M", "definition": .string(ServerHarness.passDefinition.serialized), "roleArn": .string(ServerHarness.role), "type": "FAST",
            ], with: "ValidationException")
            #expect(typeMessage.contains("Member must satisfy enum value set: [STANDARD, EXPRESS]"))
        }
    }

    @Test("names with forbidden characters are InvalidName; a roleArn that is no ARN is InvalidArn")
    func invalidNameAndRole() async throws {
        try await ServerHarness.run { server in
            try await server.fails("CreateStateMachine", [
                "name": "a b", "definition": .string(ServerHarness.passDefinition.serialized), "roleArn": .string(ServerHarness.role),
            ], with: "InvalidName")
            try await server.fails("CreateStateMachine", [
                "name": "ok", "definition": .string(ServerHarness.passDefinition.serialized), "roleArn": "role",
            ], with: "InvalidArn")
        }
    }

    @Test("DescribeStateMachine answers the model's members; unknown or malformed ARNs are refused")
    func describe() async throws {
        try await ServerHarness.run { server in
            let arn = try await server.createStateMachine("Described")
            let described = try await server.ok("DescribeStateMachine", ["stateMachineArn": .string(arn)])
            #expect(described["name"] == "Described")
            #expect(described["status"] == "ACTIVE")
            #expect(described["type"] == "STANDARD")
            #expect(described["roleArn"]?.stringValue == ServerHarness.role)
            #expect(try JSON(parsing: described["definition"]?.stringValue ?? "") == ServerHarness.passDefinition)
            #expect(described["creationDate"]?.numberValue != nil)
            #expect(described["loggingConfiguration"] == ["level": "OFF", "includeExecutionData": false])
            let missing = arn + "Nope"
            #expect(try await server.fails("DescribeStateMachine", ["stateMachineArn": .string(missing)], with: "StateMachineDoesNotExist")
                == "State Machine Does Not Exist: '\(missing)'")
            try await server.fails("DescribeStateMachine", ["stateMachineArn": "not-an-arn"], with: "InvalidArn")
            let wrongType = try await server.fails("DescribeStateMachine", [
                "stateMachineArn": "arn:aws:states:us-east-1:123456789012:activity:A",
            ], with: "InvalidArn")
            #expect(wrongType == "Invalid Arn: 'Resource type not valid in this context: activity'")
        }
    }

    @Test("UpdateStateMachine changes the definition and revision; an empty update is MissingRequiredParameter")
    func update() async throws {
        try await ServerHarness.run { server in
            let arn = try await server.createStateMachine("Updated")
            let before = try await server.ok("DescribeStateMachine", ["stateMachineArn": .string(arn)])
            let definition: JSON = ["StartAt": "Done", "States": ["Done": ["Type": "Succeed"]]]
            let updated = try await server.ok("UpdateStateMachine", ["stateMachineArn": .string(arn), "definition": .string(definition.serialized)])
            #expect(updated["updateDate"]?.numberValue != nil)
            #expect(before["revisionId"] == nil)  // AWS shows a revision only once an update made one
            #expect(updated["revisionId"]?.stringValue != nil)
            let after = try await server.ok("DescribeStateMachine", ["stateMachineArn": .string(arn)])
            #expect(after["definition"]?.stringValue == definition.serialized)
            #expect(after["revisionId"] == updated["revisionId"])
            let same = try await server.ok("UpdateStateMachine", ["stateMachineArn": .string(arn), "definition": .string(definition.serialized)])
            #expect(same["revisionId"] == updated["revisionId"])  // nothing changed: same revision
            try await server.fails("UpdateStateMachine", ["stateMachineArn": .string(arn)], with: "MissingRequiredParameter")
            try await server.fails("UpdateStateMachine", ["stateMachineArn": .string(arn + "X"), "roleArn": .string(ServerHarness.role)],
                                   with: "StateMachineDoesNotExist")
        }
    }

    @Test("ListStateMachines pages with maxResults and nextToken; DeleteStateMachine removes one")
    func listAndDelete() async throws {
        try await ServerHarness.run { server in
            for name in ["A", "B", "C"] { _ = try await server.createStateMachine(name) }
            let first = try await server.ok("ListStateMachines", ["maxResults": 2])
            #expect(first["stateMachines"]?.arrayValue?.count == 2)
            let token = try #require(first["nextToken"]?.stringValue)
            let second = try await server.ok("ListStateMachines", ["maxResults": 2, "nextToken": .string(token)])
            #expect(second["stateMachines"]?.arrayValue?.count == 1)
            #expect(second["nextToken"] == nil)
            let names = (first["stateMachines"]!.arrayValue! + second["stateMachines"]!.arrayValue!).compactMap { $0["name"]?.stringValue }
            #expect(Set(names) == ["A", "B", "C"])
            try await server.fails("ListStateMachines", ["maxResults": 1001], with: "ValidationException")
            try await server.ok("DeleteStateMachine", ["stateMachineArn": "arn:aws:states:us-east-1:123456789012:stateMachine:A"])
            let all = try await server.ok("ListStateMachines")
            #expect(all["stateMachines"]?.arrayValue?.count == 2)
        }
    }

    @Test("ValidateStateMachineDefinition answers OK, or FAIL with each diagnostic")
    func validate() async throws {
        try await ServerHarness.run { server in
            let ok = try await server.ok("ValidateStateMachineDefinition", ["definition": .string(ServerHarness.passDefinition.serialized)])
            #expect(ok["result"] == "OK")
            #expect(ok["diagnostics"] == [])
            let bad: JSON = ["StartAt": "Nowhere", "States": ["A": ["Type": "Pass", "Next": "Gone"]]]
            let failed = try await server.ok("ValidateStateMachineDefinition", ["definition": .string(bad.serialized), "maxResults": 1])
            #expect(failed["result"] == "FAIL")
            let diagnostic = try #require(failed["diagnostics"]?.arrayValue?.first)
            #expect(diagnostic["severity"] == "ERROR")
            #expect(diagnostic["code"]?.stringValue?.isEmpty == false)
            #expect(diagnostic["message"]?.stringValue?.isEmpty == false)
            #expect(failed["truncated"] == true)
            try await server.fails("ValidateStateMachineDefinition", ["definition": "{}", "maxResults": 101], with: "ValidationException")
        }
    }
}
