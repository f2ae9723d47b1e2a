import StatesLanguage
import Testing

@Suite struct VersionAPITests {
    static func pass(_ result: String) -> JSON {
        ["StartAt": "P", "States": ["P": ["Type": "Pass", "Result": .string(result), "End": true]]]
    }

    @Test("PublishStateMachineVersion numbers versions, answers the same version for the same revision, and checks revisionId")
    func publish() async throws {
        try await ServerHarness.run { server in
            let arn = try await server.createStateMachine("Versioned", definition: Self.pass("one"))
            let published = try await server.ok("PublishStateMachineVersion", ["stateMachineArn": .string(arn), "description": "first"])
            #expect(published["stateMachineVersionArn"]?.stringValue == arn + ":1")
            #expect(published["creationDate"]?.numberValue != nil)
            let again = try await server.ok("PublishStateMachineVersion", ["stateMachineArn": .string(arn)])
            #expect(again["stateMachineVersionArn"]?.stringValue == arn + ":1")
            try await server.fails("PublishStateMachineVersion", ["stateMachineArn": .string(arn), "revisionId": "stale"],
                                   with: "ConflictException")
            try await server.fails("PublishStateMachineVersion", ["stateMachineArn": .string(arn + "Missing")],
                                   with: "StateMachineDoesNotExist")
            try await server.fails("PublishStateMachineVersion", ["stateMachineArn": .string(arn + ":1")], with: "InvalidArn")
            try await server.fails("PublishStateMachineVersion", [
                "stateMachineArn": .string(arn), "description": .string(String(repeating: "d", count: 257)),
            ], with: "ValidationException")
        }
    }

    @Test("CreateStateMachine and UpdateStateMachine publish with publish: true; a versionDescription needs it")
    func publishOnWrite() async throws {
        try await ServerHarness.run { server in
            let created = try await server.ok("CreateStateMachine", [
                "name": "Published", "definition": .string(Self.pass("one").serialized), "roleArn": .string(ServerHarness.role),
                "publish": true, "versionDescription": "v1",
            ])
            let arn = try #require(created["stateMachineArn"]?.stringValue)
            #expect(created["stateMachineVersionArn"]?.stringValue == arn + ":1")
            let updated = try await server.ok("UpdateStateMachine", [
                "stateMachineArn": .string(arn), "definition": .string(Self.pass("two").serialized), "publish": true,
            ])
            #expect(updated["stateMachineVersionArn"]?.stringValue == arn + ":2")
            #expect(updated["revisionId"]?.stringValue != nil)
            let plain = try await server.ok("UpdateStateMachine", ["stateMachineArn": .string(arn), "definition": .string(Self.pass("three").serialized)])
            #expect(plain["stateMachineVersionArn"] == nil)
            try await server.fails("UpdateStateMachine", [
                "stateMachineArn": .string(arn), "definition": .string(Self.pass("four").serialized), "versionDescription": "no",
            ], with: "ValidationException")

            // A version ARN describes that version; the machine has moved on.
            let v1 = try await server.ok("DescribeStateMachine", ["stateMachineArn": .string(arn + ":1")])
            #expect(v1["stateMachineArn"]?.stringValue == arn + ":1")
            #expect(v1["description"] == "v1")
            #expect(try JSON(parsing: v1["definition"]?.stringValue ?? "") == Self.pass("one"))
            let latest = try await server.ok("DescribeStateMachine", ["stateMachineArn": .string(arn)])
            #expect(try JSON(parsing: latest["definition"]?.stringValue ?? "") == Self.pass("three"))
            try await server.fails("DescribeStateMachine", ["stateMachineArn": .string(arn + ":9")], with: "StateMachineDoesNotExist")
        }
    }

    @Test("ListStateMachineVersions lists newest first in pages; DeleteStateMachineVersion deletes unless an alias routes to it")
    func listAndDelete() async throws {
        try await ServerHarness.run { server in
            let arn = try await server.createStateMachine("Many", definition: Self.pass("0"))
            for n in 1...3 {
                try await server.ok("UpdateStateMachine", ["stateMachineArn": .string(arn), "definition": .string(Self.pass("\(n)").serialized), "publish": true])
            }
            let first = try await server.ok("ListStateMachineVersions", ["stateMachineArn": .string(arn), "maxResults": 2])
            #expect(first["stateMachineVersions"]?.arrayValue?.compactMap { $0["stateMachineVersionArn"]?.stringValue } == [arn + ":3", arn + ":2"])
            let token = try #require(first["nextToken"]?.stringValue)
            let second = try await server.ok("ListStateMachineVersions", ["stateMachineArn": .string(arn), "maxResults": 2, "nextToken": .string(token)])
            #expect(second["stateMachineVersions"]?.arrayValue?.compactMap { $0["stateMachineVersionArn"]?.stringValue } == [arn + ":1"])
            #expect(second["nextToken"] == nil)
            try await server.fails("ListStateMachineVersions", ["stateMachineArn": .string(arn), "nextToken": "bogus"], with: "InvalidToken")

            try await server.ok("CreateStateMachineAlias", [
                "name": "prod", "routingConfiguration": [["stateMachineVersionArn": .string(arn + ":2"), "weight": 100]],
            ])
            let message = try await server.fails("DeleteStateMachineVersion", ["stateMachineVersionArn": .string(arn + ":2")], with: "ConflictException")
            #expect(message.contains(arn + ":prod"))
            try await server.ok("DeleteStateMachineVersion", ["stateMachineVersionArn": .string(arn + ":1")])
            try await server.ok("DeleteStateMachineVersion", ["stateMachineVersionArn": .string(arn + ":1")])
            try await server.fails("DeleteStateMachineVersion", ["stateMachineVersionArn": .string(arn)], with: "InvalidArn")
            // Numbers are never reused.
            try await server.ok("UpdateStateMachine", ["stateMachineArn": .string(arn), "definition": .string(Self.pass("4").serialized), "publish": true])
            let listed = try await server.ok("ListStateMachineVersions", ["stateMachineArn": .string(arn)])
            #expect(listed["stateMachineVersions"]?.arrayValue?.first?["stateMachineVersionArn"]?.stringValue == arn + ":4")
        }
    }

    @Test("aliases: create, describe, update, list, delete, and their errors")
    func aliases() async throws {
        try await ServerHarness.run { server in
            let arn = try await server.createStateMachine("Aliased", definition: Self.pass("one"))
            let v1 = try await server.ok("PublishStateMachineVersion", ["stateMachineArn": .string(arn)])["stateMachineVersionArn"]!
            try await server.ok("UpdateStateMachine", ["stateMachineArn": .string(arn), "definition": .string(Self.pass("two").serialized)])
            let v2 = try await server.ok("PublishStateMachineVersion", ["stateMachineArn": .string(arn)])["stateMachineVersionArn"]!
            let routing: JSON = [["stateMachineVersionArn": v1, "weight": 40], ["stateMachineVersionArn": v2, "weight": 60]]
            let created = try await server.ok("CreateStateMachineAlias", ["name": "live", "description": "canary", "routingConfiguration": routing])
            let aliasArn = try #require(created["stateMachineAliasArn"]?.stringValue)
            #expect(aliasArn == arn + ":live")
            // The same alias again is the same alias; another configuration is a conflict.
            #expect(try await server.ok("CreateStateMachineAlias", ["name": "live", "description": "canary", "routingConfiguration": routing])["stateMachineAliasArn"]?.stringValue == aliasArn)
            try await server.fails("CreateStateMachineAlias", [
                "name": "live", "routingConfiguration": [["stateMachineVersionArn": v1, "weight": 100]],
            ], with: "ConflictException")

            let described = try await server.ok("DescribeStateMachineAlias", ["stateMachineAliasArn": .string(aliasArn)])
            #expect(described["name"] == "live")
            #expect(described["description"] == "canary")
            #expect(described["routingConfiguration"] == routing)
            #expect(described["updateDate"]?.numberValue != nil)

            try await server.ok("UpdateStateMachineAlias", [
                "stateMachineAliasArn": .string(aliasArn), "routingConfiguration": [["stateMachineVersionArn": v2, "weight": 100]],
            ])
            #expect(try await server.ok("DescribeStateMachineAlias", ["stateMachineAliasArn": .string(aliasArn)])["routingConfiguration"]
                == [["stateMachineVersionArn": v2, "weight": 100]])
            try await server.fails("UpdateStateMachineAlias", ["stateMachineAliasArn": .string(aliasArn)], with: "ValidationException")

            let all = try await server.ok("ListStateMachineAliases", ["stateMachineArn": .string(arn)])
            #expect(all["stateMachineAliases"]?.arrayValue?.compactMap { $0["stateMachineAliasArn"]?.stringValue } == [aliasArn])
            let onV1 = try await server.ok("ListStateMachineAliases", ["stateMachineArn": v1])
            #expect(onV1["stateMachineAliases"]?.arrayValue?.isEmpty == true)
            try await server.fails("ListStateMachineAliases", ["stateMachineArn": .string(arn + "Missing")], with: "StateMachineDoesNotExist")

            try await server.ok("DeleteStateMachineAlias", ["stateMachineAliasArn": .string(aliasArn)])
            try await server.fails("DescribeStateMachineAlias", ["stateMachineAliasArn": .string(aliasArn)], with: "ResourceNotFound")
            try await server.fails("DeleteStateMachineAlias", ["stateMachineAliasArn": .string(aliasArn)], with: "ResourceNotFound")
        }
    }

    @Test("CreateStateMachineAlias validates its routing configuration", arguments: [
        ("weights that do not sum to 100", #"[{"stateMachineVersionArn":"V1","weight":50}]"#, "ValidationException"),
        ("three versions", #"[{"stateMachineVersionArn":"V1","weight":50},{"stateMachineVersionArn":"V2","weight":25},{"stateMachineVersionArn":"V3","weight":25}]"#, "ValidationException"),
        ("no versions", "[]", "ValidationException"),
        ("a weight over 100", #"[{"stateMachineVersionArn":"V1","weight":101}]"#, "ValidationException"),
        ("the same version twice", #"[{"stateMachineVersionArn":"V1","weight":50},{"stateMachineVersionArn":"V1","weight":50}]"#, "ValidationException"),
        ("a version that does not exist", #"[{"stateMachineVersionArn":"V9","weight":100}]"#, "ResourceNotFound"),
        ("a state machine ARN", #"[{"stateMachineVersionArn":"M","weight":100}]"#, "InvalidArn"),
    ])
    func aliasValidation(_ what: String, _ routing: String, _ code: String) async throws {
        try await ServerHarness.run { server in
            let arn = try await server.createStateMachine("Checked", definition: Self.pass("one"))
            try await server.ok("PublishStateMachineVersion", ["stateMachineArn": .string(arn)])
            let text = routing.replacingOccurrences(of: "\"V", with: "\"\(arn):").replacingOccurrences(of: "\"M\"", with: "\"\(arn)\"")
            try await server.fails("CreateStateMachineAlias", ["name": "a", "routingConfiguration": try JSON(parsing: text)], with: code)
        }
    }

    @Test("alias names with forbidden characters or only digits are InvalidName")
    func aliasNames() async throws {
        try await ServerHarness.run { server in
            let arn = try await server.createStateMachine("Named", definition: Self.pass("one"))
            let v1 = try await server.ok("PublishStateMachineVersion", ["stateMachineArn": .string(arn)])["stateMachineVersionArn"]!
            for name in ["123", "a b", "a:b"] {
                try await server.fails("CreateStateMachineAlias", [
                    "name": .string(name), "routingConfiguration": [["stateMachineVersionArn": v1, "weight": 100]],
                ], with: "InvalidName")
            }
        }
    }

    @Test("an execution started through an alias reports its version and alias, and runs that version's definition")
    func executionThroughAlias() async throws {
        try await ServerHarness.run { server in
            let arn = try await server.createStateMachine("Run", definition: Self.pass("one"))
            let v1 = try await server.ok("PublishStateMachineVersion", ["stateMachineArn": .string(arn)])["stateMachineVersionArn"]!
            let alias = try await server.ok("CreateStateMachineAlias", [
                "name": "stable", "routingConfiguration": [["stateMachineVersionArn": v1, "weight": 100]],
            ])["stateMachineAliasArn"]!
            try await server.ok("UpdateStateMachine", ["stateMachineArn": .string(arn), "definition": .string(Self.pass("two").serialized)])

            let started = try await server.ok("StartExecution", ["stateMachineArn": alias, "name": "through-alias"])
            let execution = try #require(started["executionArn"]?.stringValue)
            #expect(execution == "arn:aws:states:us-east-1:123456789012:execution:Run:through-alias")
            let described = try await server.waitForEnd(execution)
            #expect(described["output"] == #""one""#)
            #expect(described["stateMachineArn"]?.stringValue == arn)
            #expect(described["stateMachineVersionArn"] == v1)
            #expect(described["stateMachineAliasArn"] == alias)
            let definition = try await server.ok("DescribeStateMachineForExecution", ["executionArn": .string(execution)])["definition"]
            #expect(try JSON(parsing: definition?.stringValue ?? "") == Self.pass("one"))

            let onVersion = try await server.ok("StartExecution", ["stateMachineArn": v1, "name": "on-version"])["executionArn"]!.stringValue!
            let direct = try await server.waitForEnd(onVersion)
            #expect(direct["stateMachineVersionArn"] == v1)
            #expect(direct["stateMachineAliasArn"] == nil)
            let plain = try await server.ok("StartExecution", ["stateMachineArn": .string(arn), "name": "latest"])["executionArn"]!.stringValue!
            let latest = try await server.waitForEnd(plain)
            #expect(latest["output"] == #""two""#)
            #expect(latest["stateMachineVersionArn"] == nil)

            let byAlias = try await server.ok("ListExecutions", ["stateMachineArn": alias])
            #expect(byAlias["executions"]?.arrayValue?.compactMap { $0["name"]?.stringValue } == ["through-alias"])
            #expect(byAlias["executions"]?.arrayValue?.first?["stateMachineAliasArn"] == alias)
            let byVersion = try await server.ok("ListExecutions", ["stateMachineArn": v1])
            #expect(Set(byVersion["executions"]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? []) == ["through-alias", "on-version"])
            try await server.fails("StartExecution", ["stateMachineArn": .string(arn + ":missing")], with: "StateMachineDoesNotExist")
            try await server.fails("StartExecution", ["stateMachineArn": .string(arn + ":7")], with: "StateMachineDoesNotExist")
        }
    }

    @Test("DeleteStateMachine deletes its versions and aliases")
    func deleteCascades() async throws {
        try await ServerHarness.run { server in
            let arn = try await server.createStateMachine("Gone", definition: Self.pass("one"))
            let v1 = try await server.ok("PublishStateMachineVersion", ["stateMachineArn": .string(arn)])["stateMachineVersionArn"]!
            let alias = try await server.ok("CreateStateMachineAlias", [
                "name": "a", "routingConfiguration": [["stateMachineVersionArn": v1, "weight": 100]],
            ])["stateMachineAliasArn"]!
            try await server.ok("DeleteStateMachine", ["stateMachineArn": .string(arn)])
            try await server.fails("DescribeStateMachine", ["stateMachineArn": v1], with: "StateMachineDoesNotExist")
            try await server.fails("DescribeStateMachineAlias", ["stateMachineAliasArn": alias], with: "ResourceNotFound")
        }
    }
}
