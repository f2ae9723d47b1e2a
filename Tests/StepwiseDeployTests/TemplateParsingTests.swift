import StatesLanguage
import Testing
@testable import StepwiseDeploy

@Suite struct TemplateParsingTests {
    static func value(_ yaml: String) throws -> JSON? {
        let template = try Template(parsing: "Resources:\n  Q:\n    Type: AWS::SQS::Queue\nOutputs:\n  O:\n    Value: \(yaml)\n")
        return template.outputs.first?.value
    }

    @Test("short-form tags expand to the long JSON forms", arguments: [
        ("!Ref Queue", #"{"Ref":"Queue"}"#),
        ("!GetAtt Queue.Arn", #"{"Fn::GetAtt":["Queue","Arn"]}"#),
        ("!GetAtt Stack.Outputs.Url", #"{"Fn::GetAtt":["Stack","Outputs.Url"]}"#),
        ("!GetAtt [Queue, Arn]", #"{"Fn::GetAtt":["Queue","Arn"]}"#),
        ("!Sub 'arn:${AWS::Partition}:x'", #"{"Fn::Sub":"arn:${AWS::Partition}:x"}"#),
        ("!Sub ['${A}-b', {A: !Ref Queue}]", #"{"Fn::Sub":["${A}-b",{"A":{"Ref":"Queue"}}]}"#),
        ("!Join ['-', [a, !Ref Queue]]", #"{"Fn::Join":["-",["a",{"Ref":"Queue"}]]}"#),
        ("!Select [0, !GetAZs '']", #"{"Fn::Select":[0,{"Fn::GetAZs":""}]}"#),
        ("!Split [',', 'a,b']", #"{"Fn::Split":[",","a,b"]}"#),
        ("!If [IsProd, a, !Ref AWS::NoValue]", #"{"Fn::If":["IsProd","a",{"Ref":"AWS::NoValue"}]}"#),
        ("!Equals [a, b]", #"{"Fn::Equals":["a","b"]}"#),
        ("!Not [!Condition IsProd]", #"{"Fn::Not":[{"Condition":"IsProd"}]}"#),
        ("!And [!Condition A, !Or [!Condition B, !Condition C]]", #"{"Fn::And":[{"Condition":"A"},{"Fn::Or":[{"Condition":"B"},{"Condition":"C"}]}]}"#),
        ("!FindInMap [M, k1, k2]", #"{"Fn::FindInMap":["M","k1","k2"]}"#),
        ("!Base64 hello", #"{"Fn::Base64":"hello"}"#),
        ("!ImportValue SharedVpc", #"{"Fn::ImportValue":"SharedVpc"}"#),
    ])
    func shortForms(yaml: String, json: String) throws {
        #expect(try Self.value(yaml) == (try JSON(parsing: json)))
    }

    @Test("plain scalars follow the core schema; quoted ones, leading zeros and dates stay text", arguments: [
        ("30", JSON.int(30)), ("1.5", .double(1.5)), ("true", .bool(true)), ("'30'", .string("30")),
        ("012345678901", .string("012345678901")), ("2010-09-09", .string("2010-09-09")), ("~", .null),
        ("yes", .string("yes")), ("\"true\"", .string("true")),
    ])
    func scalars(yaml: String, expected: JSON) throws {
        #expect(try Self.value(yaml) == expected)
    }

    @Test("a YAML template and its JSON twin give the same model")
    func yamlAndJSONAgree() throws {
        let yaml = """
            Transform: AWS::Serverless-2016-10-31
            Parameters:
              Env: {Type: String, Default: dev, AllowedValues: [dev, prod]}
            Conditions:
              IsProd: !Equals [!Ref Env, prod]
            Resources:
              Queue:
                Type: AWS::SQS::Queue
                Condition: IsProd
                DependsOn: Topic
                Properties:
                  QueueName: !Sub '${AWS::StackName}-q'
                  VisibilityTimeout: 60
              Topic:
                Type: AWS::SNS::Topic
            Outputs:
              Url: {Value: !GetAtt Queue.QueueUrl}
            """
        let json = """
            {"Transform": "AWS::Serverless-2016-10-31",
             "Parameters": {"Env": {"Type": "String", "Default": "dev", "AllowedValues": ["dev", "prod"]}},
             "Conditions": {"IsProd": {"Fn::Equals": [{"Ref": "Env"}, "prod"]}},
             "Resources": {
               "Queue": {"Type": "AWS::SQS::Queue", "Condition": "IsProd", "DependsOn": "Topic",
                         "Properties": {"QueueName": {"Fn::Sub": "${AWS::StackName}-q"}, "VisibilityTimeout": 60}},
               "Topic": {"Type": "AWS::SNS::Topic"}},
             "Outputs": {"Url": {"Value": {"Fn::GetAtt": ["Queue", "QueueUrl"]}}}}
            """
        let fromYAML = try Template(parsing: yaml)
        let fromJSON = try Template(parsing: json)
        #expect(fromYAML == fromJSON)
        #expect(fromYAML.isServerless)
        #expect(fromYAML.resource("Queue")?.dependsOn == ["Topic"])
        #expect(fromYAML.parameters.first?.allowedValues == ["dev", "prod"])
    }

    @Test("bad templates are reported with where the problem is", arguments: [
        ("Resources: [", TemplateError.Code.syntax, ""),
        ("Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties: !Bogus x\n", .syntax, "Resources/Q/Properties"),
        ("Resources:\n  Q:\n    Properties: {}\n", .format, "Resources/Q/Type"),
        ("Resources: {}\n", .format, "Resources"),
        ("Resources:\n  My-Queue:\n    Type: AWS::SQS::Queue\n", .format, "Resources/My-Queue"),
        ("Foo: 1\nResources:\n  Q:\n    Type: AWS::SQS::Queue\n", .format, "Foo"),
        ("Resources:\n  Q:\n    Type: AWS::SQS::Queue\nOutputs:\n  O:\n    Description: x\n", .format, "Outputs/O"),
    ])
    func badTemplates(text: String, code: TemplateError.Code, location: String) {
        #expect {
            _ = try Template(parsing: text)
        } throws: { error in
            guard let error = error as? TemplateError else { return false }
            return error.code == code && error.location == location
        }
    }

    @Test("YAML syntax errors give the line")
    func yamlLine() {
        #expect {
            _ = try Template(parsing: "Resources:\n  Q:\n    Type: [unclosed\n")
        } throws: { error in
            (error as? TemplateError)?.message.contains("line") == true
        }
    }
}
