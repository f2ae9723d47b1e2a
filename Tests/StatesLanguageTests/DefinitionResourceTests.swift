import Testing
@testable import StatesLanguage

@Suite struct DefinitionResourceTests {
    @Test("Resource ARNs Step Functions recognises", arguments: [
        ("arn:aws:states:::lambda:invoke", TaskResource.Kind.integration(service: "lambda", action: "invoke"),
         TaskResource.Pattern.requestResponse),
        ("arn:aws:states:::sqs:sendMessage.waitForTaskToken", .integration(service: "sqs", action: "sendMessage"),
         .waitForTaskToken),
        ("arn:aws:states:::states:startExecution.sync", .integration(service: "states", action: "startExecution"), .sync),
        ("arn:aws:states:::states:startExecution.sync:2", .integration(service: "states", action: "startExecution"),
         .sync2),
        ("arn:aws-cn:states:::sns:publish", .integration(service: "sns", action: "publish"), .requestResponse),
        ("arn:aws:states:::aws-sdk:sfn:startExecution", .integration(service: "aws-sdk:sfn", action: "startExecution"),
         .requestResponse),
        ("arn:aws:states:::aws-sdk:s3:getObject.waitForTaskToken", .integration(service: "aws-sdk:s3", action: "getObject"),
         .waitForTaskToken),
        ("arn:aws:states:::aws-sdk:sqs:getQueueUrl", .integration(service: "aws-sdk:sqs", action: "getQueueUrl"), .requestResponse),
        ("arn:aws:states:::aws-sdk:lambda:invoke.waitForTaskToken", .integration(service: "aws-sdk:lambda", action: "invoke"),
         .waitForTaskToken),
        ("arn:aws:states:::http:invoke", .integration(service: "http", action: "invoke"), .requestResponse),
        ("arn:aws:states:us-east-1:111122223333:activity:work",
         .activity(arn: "arn:aws:states:us-east-1:111122223333:activity:work"), .requestResponse),
        ("arn:aws:lambda:us-east-1:111122223333:function:f",
         .function(arn: "arn:aws:lambda:us-east-1:111122223333:function:f"), .requestResponse),
        ("arn:aws:lambda:us-east-1:111122223333:function:f:$LATEST",
         .function(arn: "arn:aws:lambda:us-east-1:111122223333:function:f:$LATEST"), .requestResponse),
    ])
    func recognised(arn: String, kind: TaskResource.Kind, pattern: TaskResource.Pattern) throws {
        let resource = try TaskResource(parsingResource: arn)
        #expect(resource.kind == kind)
        #expect(resource.pattern == pattern)
        #expect(resource.arn == arn)
        #expect(resource.isAWSSDK == arn.contains(":aws-sdk:"))
    }

    @Test("Resources Step Functions does not recognise", arguments: [
        "lambda:invoke", "arn:aws:states:::dynamodb:query", "arn:aws:states:::sns:publish.sync",
        "arn:aws:states:::lambda:invoke.sync:2", "arn:aws:states:::aws-sdk:s3:getObject.sync",
        "arn:aws:states:::nothing:here", "arn:aws:sqs:us-east-1:111122223333:queue", "arn:foo:states:::lambda:invoke",
        "arn:aws:states:us-east-1:111122223333:stateMachine:m", "arn:aws:lambda:us-east-1:x:function:f", "",
        "arn:aws:states:::aws-sdk:sqs:sendMessages", "arn:aws:states:::aws-sdk:sns:publishMessage",
        "arn:aws:states:::aws-sdk:lambda:call", "arn:aws:states:::http:invoke.waitForTaskToken",
    ])
    func refused(arn: String) {
        #expect(throws: TaskResource.ParseProblem.self) { try TaskResource(parsingResource: arn) }
    }

    @Test("RFC 3339 timestamps", arguments: [
        ("2016-03-14T01:59:00Z", 1_457_920_740.0), ("1970-01-01T00:00:00Z", 0), ("2000-02-29T12:00:00-01:30", 951_831_000),
        ("2016-03-05T21:29:29.243167252Z", 1_457_213_369.243167252), ("2016-03-14t01:59:00z", 1_457_920_740),
    ])
    func timestamps(text: String, seconds: Double) throws {
        let date = try #require(RFC3339Timestamp.parse(text))
        #expect(abs(date.timeIntervalSince1970 - seconds) < 1e-6)
    }

    @Test("not RFC 3339", arguments: [
        "2016-13-05T21:29:29Z", "05-12-2016T21:29:29Z", "2016-12-05T25:29:29Z", "2016-12-05 21:29:29Z",
        "2016-12-05T21:29:29", "2015-02-29T00:00:00Z", "2016-12-05T21:29:29.Z", "2016-12-05T21:29:29+0100", "",
    ])
    func notTimestamps(text: String) {
        #expect(RFC3339Timestamp.parse(text) == nil)
    }

    @Test("a machine's activities are found in every graph: top level, Parallel branches and Map processors")
    func activityArns() throws {
        let a = "arn:aws:states:us-east-1:123456789012:activity:a"
        let b = "arn:aws:states:us-east-1:123456789012:activity:b"
        let machine = try StateMachine(parsing: #"""
            {"StartAt":"A","States":{
              "A":{"Type":"Task","Resource":"\#(a)","Next":"P"},
              "P":{"Type":"Parallel","Branches":[{"StartAt":"B","States":{"B":{"Type":"Task","Resource":"\#(b)","End":true}}}],"Next":"M"},
              "M":{"Type":"Map","ItemProcessor":{"StartAt":"A2","States":{"A2":{"Type":"Task","Resource":"\#(a)","End":true}}},"Next":"L"},
              "L":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"f"},"End":true}}}
            """#)
        #expect(machine.activityArns == [a, b])
        #expect(Interpreter(machine: machine).activityArns == [a, b])
    }
}
