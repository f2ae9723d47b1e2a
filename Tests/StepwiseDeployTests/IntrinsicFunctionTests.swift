import StatesLanguage
import Testing
@testable import StepwiseDeploy

/// Each intrinsic function on its own, against a fixed stack: parameters `Env` (prod), `Sizes`
/// (a list), `Port` (a Number), a mapping, conditions `IsProd` (true) and `IsDev` (false), a planned
/// queue `Queue` and a planned state machine `Machine`.
@Suite struct IntrinsicFunctionTests {
    static let resolver = LocalResourceResolver(configuration: Fixture.configuration)

    static var evaluator: IntrinsicEvaluator {
        IntrinsicEvaluator(
            parameters: ["Env": "prod", "Sizes": ["1", "2", "3"], "Port": "8080"],
            pseudoParameters: Fixture.configuration.pseudoParameters,
            conditions: ["IsProd": true, "IsDev": false],
            mappings: ["Regions": ["us-east-1": ["Ami": "ami-1", "Count": 2]]],
            declaredResources: ["Queue", "Machine", "Later", "Gone"],
            excludedResources: ["Gone": "IsDev"],
            resources: [
                "Queue": PlannedResource(logicalId: "Queue", type: ResourceType.sqsQueue, physicalName: "jobs", entry: nil),
                "Machine": PlannedResource(logicalId: "Machine", type: ResourceType.samStateMachine, physicalName: "flow", entry: nil),
            ],
            resolver: resolver, region: "us-east-1")
    }

    static func evaluate(_ yaml: String) throws -> JSON? {
        let template = try Template(parsing: "Resources:\n  Q:\n    Type: AWS::SQS::Queue\nOutputs:\n  O:\n    Value: \(yaml)\n")
        return try evaluator.evaluate(template.outputs[0].value, at: ["Outputs", "O", "Value"])
    }

    @Test("each function evaluates as CloudFormation does", arguments: [
        // Ref: parameters, pseudo parameters, resources.
        ("!Ref Env", #""prod""#),
        ("!Ref Port", #""8080""#),
        ("!Ref Sizes", #"["1","2","3"]"#),
        ("!Ref AWS::Region", #""us-east-1""#),
        ("!Ref AWS::AccountId", #""123456789012""#),
        ("!Ref AWS::Partition", #""aws""#),
        ("!Ref AWS::StackName", #""demo""#),
        ("!Ref AWS::URLSuffix", #""amazonaws.com""#),
        ("!Ref AWS::NotificationARNs", #"[]"#),
        ("!Ref Queue", #""http://127.0.0.1:8083/123456789012/jobs""#),
        ("!Ref Machine", #""arn:aws:states:us-east-1:123456789012:stateMachine:flow""#),
        // Fn::GetAtt, both forms.
        ("!GetAtt Queue.Arn", #""arn:aws:sqs:us-east-1:123456789012:jobs""#),
        ("!GetAtt [Queue, QueueName]", #""jobs""#),
        ("{'Fn::GetAtt': [Machine, !Ref AWS::NoValue]}", "error"),
        ("!GetAtt Machine.Name", #""flow""#),
        // Fn::Sub, both forms, escapes.
        ("!Sub 'arn:${AWS::Partition}:states:::sqs:sendMessage'", #""arn:aws:states:::sqs:sendMessage""#),
        ("!Sub '${Queue}|${Queue.Arn}|${Env}'", #""http://127.0.0.1:8083/123456789012/jobs|arn:aws:sqs:us-east-1:123456789012:jobs|prod""#),
        ("!Sub ['${Name}-${Env}', {Name: !GetAtt Queue.QueueName}]", #""jobs-prod""#),
        ("!Sub '${!Literal} and ${Env}'", #""${Literal} and prod""#),
        ("!Sub 'no close ${Env'", #""no close ${Env""#),
        ("!Sub 'nothing'", #""nothing""#),
        // Fn::Join, Fn::Select, Fn::Split.
        ("!Join ['-', [a, !Ref Env, 3]]", #""a-prod-3""#),
        ("!Join ['', !Ref Sizes]", #""123""#),
        ("!Join [',', [a, !If [IsDev, b, !Ref AWS::NoValue]]]", #""a""#),
        ("!Select [1, !Ref Sizes]", #""2""#),
        ("!Select ['0', [x, y]]", #""x""#),
        ("!Select [2, !Split ['/', 'a/b/c']]", #""c""#),
        ("!Split [',', 'a,,b']", #"["a","","b"]"#),
        ("!Select [0, !GetAZs '']", #""us-east-1a""#),
        ("!GetAZs {Ref: 'AWS::Region'}", #"["us-east-1a","us-east-1b","us-east-1c"]"#),
        // Fn::If and the condition functions.
        ("!If [IsProd, big, small]", #""big""#),
        ("!If [IsDev, big, small]", #""small""#),
        ("!If [IsDev, !Ref Nowhere, ok]", #""ok""#),
        ("!Equals [!Ref Env, prod]", "true"),
        ("!Equals [!Ref Port, 8080]", "true"),
        ("!Not [!Equals [a, b]]", "true"),
        ("!And [!Equals [a, a], !Condition IsDev]", "false"),
        ("!Or [!Condition IsDev, !Condition IsProd]", "true"),
        // Fn::FindInMap, Fn::Base64, Fn::Length, Fn::ToJsonString.
        ("!FindInMap [Regions, !Ref AWS::Region, Ami]", #""ami-1""#),
        ("!FindInMap [Regions, us-east-1, Count]", "2"),
        ("!FindInMap [Regions, eu-west-1, Ami, {DefaultValue: none}]", #""none""#),
        ("!Base64 'hello'", #""aGVsbG8=""#),
        ("{'Fn::Length': !Ref Sizes}", "3"),
        ("{'Fn::ToJsonString': {a: [1, !Ref Env]}}", #""{\"a\":[1,\"prod\"]}""#),
        // Plain values pass through; AWS::NoValue drops members.
        ("{a: 1, b: !Ref AWS::NoValue, c: [x, !Ref AWS::NoValue]}", #"{"a":1,"c":["x"]}"#),
    ])
    func evaluates(yaml: String, expected: String) throws {
        if expected == "error" {
            #expect(throws: TemplateError.self) { try Self.evaluate(yaml) }
        } else {
            #expect(try Self.evaluate(yaml) == (try JSON(parsing: expected)))
        }
    }

    @Test("Ref AWS::NoValue removes the value itself")
    func noValue() throws {
        #expect(try Self.evaluate("!Ref AWS::NoValue") == nil)
        #expect(try Self.evaluate("!If [IsDev, x, !Ref AWS::NoValue]") == nil)
    }

    @Test("misuse is an error naming the function and its location", arguments: [
        ("!Ref Nowhere", "Unresolved resource dependencies [Nowhere]", "Outputs/O/Value/Ref"),
        ("!Ref Gone", "condition IsDev is false", "Outputs/O/Value/Ref"),
        ("!Ref Later", "referenced before it is planned", "Outputs/O/Value/Ref"),
        ("!GetAtt Queue.Colour", "does not support attribute type Colour", "Outputs/O/Value/Fn::GetAtt"),
        ("!GetAtt Nowhere.Arn", "Unresolved resource dependencies [Nowhere]", "Outputs/O/Value/Fn::GetAtt"),
        ("!GetAtt Queue", "requires two non-empty parameters", "Outputs/O/Value/Fn::GetAtt"),
        ("!Sub '${Nowhere}'", "Unresolved resource dependencies [Nowhere]", "Outputs/O/Value/Fn::Sub"),
        ("!Sub '${Sizes}'", "must resolve to a string", "Outputs/O/Value/Fn::Sub"),
        ("!Join ['-']", "requires a list of 2 arguments", "Outputs/O/Value/Fn::Join"),
        ("!Join ['-', [{a: 1}]]", "requires a list of strings", "Outputs/O/Value/Fn::Join/1/0"),
        ("!Select [5, [a]]", "cannot select nonexistent value at index 5", "Outputs/O/Value/Fn::Select"),
        ("!Select [x, [a]]", "integer index", "Outputs/O/Value/Fn::Select/0"),
        ("!If [Unknown, a, b]", "Unresolved condition dependency Unknown", "Outputs/O/Value/Fn::If/0"),
        ("!FindInMap [Nope, a, b]", "Unable to get mapping for Nope", "Outputs/O/Value/Fn::FindInMap/0"),
        ("!FindInMap [Regions, us-east-1, Nope]", "Unable to get mapping for Regions::us-east-1::Nope", "Outputs/O/Value/Fn::FindInMap"),
        ("!ImportValue SharedVpc", "Fn::ImportValue is not supported", "Outputs/O/Value/Fn::ImportValue"),
        ("{'Fn::Cidr': [a, 1, 2]}", "not supported", "Outputs/O/Value/Fn::Cidr"),
        ("{'Fn::Bogus': 1}", "Unrecognized intrinsic function Fn::Bogus", "Outputs/O/Value/Fn::Bogus"),
        ("!Ref [a]", "single String value", "Outputs/O/Value/Ref"),
    ])
    func errors(yaml: String, message: String, location: String) throws {
        do {
            let value = try Self.evaluate(yaml)
            Issue.record("expected an error, got \(String(describing: value))")
        } catch let error as TemplateError {
            #expect(error.message.contains(message), "\(error.message)")
            #expect(error.location == location)
        }
    }

    @Test("Fn::Sub splits its text once into literals and variables")
    func subTemplate() {
        #expect(SubTemplate("a${B}c${!D}${E.F}").parts == [.literal("a"), .variable("B"), .literal("c${D}"), .variable("E.F")])
        #expect(SubTemplate("${A}").variables == ["A"])
        #expect(SubTemplate("plain").parts == [.literal("plain")])
    }
}
