import StatesLanguage
import Testing
@testable import StepwiseDeploy

@Suite struct PlannerTests {
    @Test("queues: every attribute, FIFO, and a RedrivePolicy whose target ARN is resolved")
    func queues() throws {
        let plan = try Fixture.plan("""
            Resources:
              Main:
                Type: AWS::SQS::Queue
                Properties:
                  QueueName: orders.fifo
                  FifoQueue: true
                  ContentBasedDeduplication: true
                  VisibilityTimeout: 45
                  DelaySeconds: '5'
                  MessageRetentionPeriod: 3600
                  ReceiveMessageWaitTimeSeconds: 20
                  MaximumMessageSize: 2048
                  RedrivePolicy:
                    deadLetterTargetArn: !GetAtt Dead.Arn
                    maxReceiveCount: 3
                  Tags: [{Key: team, Value: core}]
              Dead:
                Type: AWS::SQS::Queue
                Properties:
                  FifoQueue: true
            """)
        // The dead-letter queue comes first: Main refers to it.
        #expect(plan.entries.map(\.logicalId) == ["Dead", "Main"])
        let dead = plan.queues[0]
        #expect(dead.queueName.hasPrefix("demo-Dead-") && dead.queueName.hasSuffix(".fifo"))
        let main = plan.queues[1]
        #expect(main.isFIFO)
        #expect(main.attributes["FifoQueue"] == "true")
        #expect(main.attributes["ContentBasedDeduplication"] == "true")
        #expect(main.attributes["VisibilityTimeout"] == "45")
        #expect(main.attributes["DelaySeconds"] == "5")
        #expect(main.attributes["MessageRetentionPeriod"] == "3600")
        #expect(main.attributes["ReceiveMessageWaitTimeSeconds"] == "20")
        #expect(main.attributes["MaximumMessageSize"] == "2048")
        #expect(main.redrivePolicy == RedrivePolicy(deadLetterTargetArn: "arn:aws:sqs:us-east-1:123456789012:\(dead.queueName)", maxReceiveCount: 3))
        #expect(main.attributes["RedrivePolicy"] == #"{"deadLetterTargetArn":"arn:aws:sqs:us-east-1:123456789012:\#(dead.queueName)","maxReceiveCount":3}"#)
        #expect(main.tags == ["team": "core"])
    }

    @Test("generated names are stable across plans and fit the service's limit")
    func generatedNames() throws {
        let text = "Resources:\n  AVeryLongLogicalIdForAQueueThatGoesOnAndOnAndOnAndOnAndOnForeverMore:\n    Type: AWS::SQS::Queue\n"
        let first = try Fixture.plan(text).queues[0].queueName
        let second = try Fixture.plan(text).queues[0].queueName
        #expect(first == second)
        #expect(first.count <= 80)
        #expect(first.hasPrefix("demo-AVeryLong"))
    }

    @Test("bad RedrivePolicies are reported at the property", arguments: [
        ("{maxReceiveCount: 1}", "Resources/RequestorQueue/Properties/RedrivePolicy/deadLetterTargetArn"),
        ("{deadLetterTargetArn: !GetAtt Dead.Arn}", "Resources/RequestorQueue/Properties/RedrivePolicy/maxReceiveCount"),
        ("{deadLetterTargetArn: !GetAtt Dead.Arn, maxReceiveCount: 0}", "Resources/RequestorQueue/Properties/RedrivePolicy/maxReceiveCount"),
        ("{deadLetterTargetArn: !GetAtt Dead.Arn, maxReceiveCount: lots}", "Resources/RequestorQueue/Properties/RedrivePolicy/maxReceiveCount"),
        ("'{not json'", "Resources/RequestorQueue/Properties/RedrivePolicy"),
        ("!GetAtt Dead.Colour", "Resources/RequestorQueue/Properties/RedrivePolicy/Fn::GetAtt"),
    ])
    func badRedrive(policy: String, location: String) {
        let error = Fixture.planError("""
            Resources:
              Dead: {Type: 'AWS::SQS::Queue'}
              RequestorQueue:
                Type: AWS::SQS::Queue
                Properties:
                  RedrivePolicy: \(policy)
            """)
        #expect(error?.location == location, "\(String(describing: error))")
    }

    @Test("a RedrivePolicy written as JSON text is accepted")
    func redriveAsText() throws {
        let plan = try Fixture.plan("""
            Resources:
              Q:
                Type: AWS::SQS::Queue
                Properties:
                  RedrivePolicy: '{"deadLetterTargetArn": "arn:aws:sqs:us-east-1:123456789012:dlq", "maxReceiveCount": "2"}'
            """)
        #expect(plan.queues[0].redrivePolicy?.maxReceiveCount == 2)
    }

    @Test("topics, their inline subscriptions and AWS::SNS::Subscription")
    func topics() throws {
        let plan = try Fixture.plan("""
            Resources:
              Alerts:
                Type: AWS::SNS::Topic
                Properties:
                  TopicName: alerts
                  DisplayName: Alerts
                  Subscription:
                    - {Protocol: sqs, Endpoint: !GetAtt Inbox.Arn}
              Inbox: {Type: 'AWS::SQS::Queue', Properties: {QueueName: inbox}}
              Hook:
                Type: AWS::SNS::Subscription
                Properties:
                  TopicArn: !Ref Alerts
                  Protocol: https
                  Endpoint: https://example.com/hook
                  RawMessageDelivery: 'true'
                  FilterPolicy: {kind: [urgent]}
              Ordered: {Type: 'AWS::SNS::Topic', Properties: {FifoTopic: true}}
            """)
        #expect(plan.entries.map(\.logicalId) == ["Inbox", "Alerts", "AlertsSubscription0", "Hook", "Ordered"])
        #expect(plan.topics[0].topicName == "alerts")
        #expect(plan.topics[0].attributes == ["DisplayName": "Alerts"])
        #expect(plan.topics[1].topicName.hasSuffix(".fifo"))
        let inline = plan.subscriptions[0]
        #expect(inline.source == .topicSubscription(topic: "Alerts", index: 0))
        #expect(inline.topicArn == "arn:aws:sns:us-east-1:123456789012:alerts")
        #expect(inline.endpoint == "arn:aws:sqs:us-east-1:123456789012:inbox")
        let hook = plan.subscriptions[1]
        #expect(hook.protocol == "https")
        #expect(hook.topicArn == "arn:aws:sns:us-east-1:123456789012:alerts")
        #expect(hook.attributes == ["RawMessageDelivery": "true", "FilterPolicy": #"{"kind":["urgent"]}"#])
    }

    @Test("state machines: inline Definition with intrinsics, DefinitionString, substitutions, Type and Name")
    func stateMachines() throws {
        let plan = try Fixture.plan("""
            Transform: AWS::Serverless-2016-10-31
            Resources:
              Inline:
                Type: AWS::Serverless::StateMachine
                Properties:
                  Type: EXPRESS
                  Definition:
                    StartAt: Send
                    States:
                      Send:
                        Type: Task
                        Resource: arn:aws:states:::sqs:sendMessage
                        Parameters: {QueueUrl: !Ref Jobs, MessageBody: '${Greeting}'}
                        End: true
                  DefinitionSubstitutions:
                    Greeting: hello
                  Events:
                    Every: {Type: Schedule, Properties: {Schedule: rate(1 minute)}}
              Cfn:
                Type: AWS::StepFunctions::StateMachine
                Properties:
                  StateMachineName: cfn-machine
                  RoleArn: arn:aws:iam::123456789012:role/x
                  DefinitionString: !Sub '{"StartAt":"P","States":{"P":{"Type":"Pass","Result":"${Jobs.QueueName}","End":true}}}'
                  Tags: [{Key: a, Value: b}]
              Jobs: {Type: 'AWS::SQS::Queue', Properties: {QueueName: jobs}}
            """)
        let inline = plan.stateMachines[0]
        #expect(inline.type == .express)
        #expect(inline.name.hasPrefix("demo-Inline-"))
        #expect(inline.definitionSource == "Definition")
        let definition = try JSON(parsing: inline.definition)
        #expect(definition["States"]?["Send"]?["Parameters"] == ["QueueUrl": "http://127.0.0.1:8083/123456789012/jobs", "MessageBody": "hello"])
        #expect(plan.messages.contains { $0.location == "Resources/Inline/Properties/Events" && $0.severity == .warning })
        let cfn = plan.stateMachines[1]
        #expect(cfn.name == "cfn-machine")
        #expect(cfn.type == .standard)
        #expect(cfn.roleArn == "arn:aws:iam::123456789012:role/x")
        #expect(cfn.tags == ["a": "b"])
        #expect(try JSON(parsing: cfn.definition)["States"]?["P"]?["Result"] == "jobs")
    }

    @Test("DefinitionUri is read relative to the template; missing substitutions are kept and reported")
    func definitionUri() throws {
        let plan = try Fixture.plan("""
            Transform: AWS::Serverless-2016-10-31
            Resources:
              Machine:
                Type: AWS::Serverless::StateMachine
                Properties:
                  Name: from-file
                  DefinitionUri: ./sm/../sm/flow.asl.json
                  DefinitionSubstitutions:
                    Wait: 5
            """, files: ["/stack/sm/flow.asl.json": #"{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":${Wait},"Next":"P"},"P":{"Type":"Pass","Result":"${Other}","End":true}}}"#])
        let machine = plan.stateMachines[0]
        #expect(machine.name == "from-file")
        #expect(machine.definitionSource == "/stack/sm/flow.asl.json")
        #expect(machine.definition.contains(#""Seconds":5"#))
        #expect(machine.unresolvedPlaceholders == ["Other"])
        #expect(plan.warnings.contains { $0.message.contains("${Other}") })
    }

    @Test("state machine problems are errors at the property", arguments: [
        ("DefinitionUri: missing.json", "Resources/M/Properties/DefinitionUri", TemplateError.Code.file),
        ("DefinitionUri: s3://bucket/key.json", "Resources/M/Properties/DefinitionUri", .unsupported),
        ("DefinitionUri: {Bucket: b, Key: k}", "Resources/M/Properties/DefinitionUri", .unsupported),
        ("Type: SLOW\n      Definition: {StartAt: P, States: {P: {Type: Pass, End: true}}}", "Resources/M/Properties/Type", .invalidProperty),
        ("Definition: {StartAt: Nope, States: {P: {Type: Pass, End: true}}}", "Resources/M/Properties/Definition", .invalidProperty),
        ("Name: x", "Resources/M/Properties", .invalidProperty),
    ])
    func badStateMachines(properties: String, location: String, code: TemplateError.Code) {
        let error = Fixture.planError("""
            Transform: AWS::Serverless-2016-10-31
            Resources:
              M:
                Type: AWS::Serverless::StateMachine
                Properties:
                  \(properties)
            """)
        #expect(error?.location == location, "\(String(describing: error))")
        #expect(error?.code == code)
    }

    @Test("DefinitionS3Location is unsupported")
    func s3Location() {
        let error = Fixture.planError("""
            Resources:
              M:
                Type: AWS::StepFunctions::StateMachine
                Properties:
                  DefinitionS3Location: {Bucket: b, Key: k}
            """)
        #expect(error?.code == .unsupported)
        #expect(error?.location == "Resources/M/Properties/DefinitionS3Location")
    }

    @Test("activities need a Name")
    func activities() throws {
        let plan = try Fixture.plan("Resources:\n  Work:\n    Type: AWS::StepFunctions::Activity\n    Properties: {Name: work}\nOutputs:\n  Arn: {Value: !Ref Work}\n")
        #expect(plan.activities == [ActivityPlan(logicalId: "Work", name: "work", tags: [:])])
        #expect(plan.output("Arn") == "arn:aws:states:us-east-1:123456789012:activity:work")
        #expect(Fixture.planError("Resources:\n  Work: {Type: 'AWS::StepFunctions::Activity'}\n")?.location == "Resources/Work/Properties/Name")
    }

    @Test("SAM function events become event source mappings and subscriptions after the function")
    func functionEvents() throws {
        let plan = try Fixture.plan("""
            Transform: AWS::Serverless-2016-10-31
            Resources:
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: worker
                  CodeUri: code.zip
                  Runtime: python3.12
                  Handler: app.handler
                  Policies: [AWSLambdaBasicExecutionRole]
                  Events:
                    Jobs:
                      Type: SQS
                      Properties:
                        Queue: !GetAtt Jobs.Arn
                        BatchSize: 5
                        MaximumBatchingWindowInSeconds: 2
                        FunctionResponseTypes: [ReportBatchItemFailures]
                    News:
                      Type: SNS
                      Properties:
                        Topic: !Ref News
                        FilterPolicy: {kind: [a]}
                    Http:
                      Type: Api
                      Properties: {Path: /, Method: get}
              Jobs: {Type: 'AWS::SQS::Queue', Properties: {QueueName: jobs}}
              News: {Type: 'AWS::SNS::Topic', Properties: {TopicName: news}}
            """, files: ["/stack/code.zip": ""])
        #expect(plan.entries.map(\.logicalId) == ["Jobs", "News", "Worker", "WorkerJobs", "WorkerNews"])
        #expect(plan.functions[0].code == .zipFile("/stack/code.zip"))
        #expect(plan.mappings == [EventSourceMappingPlan(
            logicalId: "WorkerJobs", source: .functionEvent(function: "Worker", event: "Jobs"), functionName: "worker",
            eventSourceArn: "arn:aws:sqs:us-east-1:123456789012:jobs", batchSize: 5, maximumBatchingWindowInSeconds: 2,
            functionResponseTypes: ["ReportBatchItemFailures"], enabled: true, filterCriteria: nil)])
        #expect(plan.subscriptions == [SubscriptionPlan(
            logicalId: "WorkerNews", source: .functionEvent(function: "Worker", event: "News"),
            topicArn: "arn:aws:sns:us-east-1:123456789012:news", protocol: "lambda",
            endpoint: "arn:aws:lambda:us-east-1:123456789012:function:worker", attributes: ["FilterPolicy": #"{"kind":["a"]}"#])])
        #expect(plan.warnings.contains { $0.location == "Resources/Worker/Properties/Events/Http" })
        #expect(plan.messages.contains { $0.severity == .note && $0.message.contains("Policies") })
    }

    @Test("AWS::Lambda::Function and AWS::Lambda::EventSourceMapping")
    func lambdaResources() throws {
        let plan = try Fixture.plan("""
            Resources:
              Fn:
                Type: AWS::Lambda::Function
                Properties:
                  Runtime: python3.12
                  Handler: app.handler
                  Code: ./src
                  Timeout: 10
                  MemorySize: 512
                  Environment: {Variables: {A: 1}}
                  Role: !GetAtt Role.Arn
              Role: {Type: 'AWS::IAM::Role'}
              Q: {Type: 'AWS::SQS::Queue', Properties: {QueueName: q}}
              Mapping:
                Type: AWS::Lambda::EventSourceMapping
                Properties:
                  FunctionName: !Ref Fn
                  EventSourceArn: !GetAtt Q.Arn
                  Enabled: false
            Outputs:
              Id: {Value: !Ref Mapping}
            """, directories: ["/stack/src"])
        let fn = plan.functions[0]
        #expect(fn.functionName.hasPrefix("demo-Fn-"))
        #expect(fn.code == .directory("/stack/src"))
        #expect(fn.timeout == 10 && fn.memorySize == 512)
        #expect(fn.environment == ["A": "1"])
        #expect(fn.roleArn?.hasPrefix("arn:aws:iam:") == true)
        #expect(plan.skipped.map(\.logicalId) == ["Role"])
        #expect(plan.mappings[0].functionName == fn.functionName)
        #expect(plan.mappings[0].enabled == false)
        #expect(plan.mappings[0].batchSize == 10)
        #expect(plan.output("Id")?.count == 36)
    }

    @Test("function code that cannot be used locally is an error", arguments: [
        ("CodeUri: s3://bucket/code.zip", "Resources/F/Properties/CodeUri"),
        ("CodeUri: {Bucket: b, Key: k}", "Resources/F/Properties/CodeUri"),
        ("ImageUri: repo/image:latest", "Resources/F/Properties/ImageUri"),
        ("Runtime: python3.12", "Resources/F/Properties/CodeUri"),
        ("CodeUri: src\n      Timeout: 0", "Resources/F/Properties/Timeout"),
    ])
    func badFunctions(properties: String, location: String) {
        let error = Fixture.planError("""
            Transform: AWS::Serverless-2016-10-31
            Resources:
              F:
                Type: AWS::Serverless::Function
                Properties:
                  \(properties)
            """)
        #expect(error?.location == location, "\(String(describing: error))")
    }

    @Test("unsupported types are skipped with a warning and still answer Ref")
    func skipped() throws {
        let plan = try Fixture.plan("""
            Resources:
              Bucket: {Type: 'AWS::S3::Bucket'}
              Q:
                Type: AWS::SQS::Queue
                Properties:
                  Tags: [{Key: bucket, Value: !Ref Bucket}]
            """)
        #expect(plan.skipped == [SkippedResource(logicalId: "Bucket", type: "AWS::S3::Bucket", reason: "AWS::S3::Bucket is not supported by a local deploy")])
        #expect(plan.warnings.contains { $0.location == "Resources/Bucket" })
        #expect(plan.queues[0].tags["bucket"]?.hasPrefix("demo-Bucket-") == true)
    }

    @Test("creation order follows Ref, GetAtt, Sub and DependsOn; cycles are errors")
    func ordering() throws {
        let plan = try Fixture.plan("""
            Resources:
              C: {Type: 'AWS::SQS::Queue', DependsOn: [B]}
              B: {Type: 'AWS::SQS::Queue', Properties: {QueueName: !Sub '${A.QueueName}-b'}}
              A: {Type: 'AWS::SQS::Queue'}
              D: {Type: 'AWS::SQS::Queue'}
            """)
        #expect(plan.entries.map(\.logicalId) == ["A", "B", "C", "D"])
        let cycle = Fixture.planError("""
            Resources:
              A: {Type: 'AWS::SQS::Queue', Properties: {QueueName: !GetAtt B.QueueName}}
              B: {Type: 'AWS::SQS::Queue', DependsOn: A}
            """)
        #expect(cycle?.code == .circularDependency)
        #expect(cycle?.message == "Circular dependency between resources: [A, B]")
        let missing = Fixture.planError("Resources:\n  A: {Type: 'AWS::SQS::Queue', DependsOn: Z}\n")
        #expect(missing?.location == "Resources/A/DependsOn/0")
    }

    @Test("a custom resolver decides what Ref and GetAtt return")
    func customResolver() throws {
        struct ServerResolver: ResourceResolver {
            func reference(to resource: PlannedResource) -> JSON { .string("ref:\(resource.physicalName)") }
            func attribute(_ name: String, of resource: PlannedResource) -> JSON? { .string("\(name):\(resource.physicalName)") }
        }
        let fileSystem = InMemoryFileSystem(files: ["/t.yaml": """
            Resources:
              Q: {Type: 'AWS::SQS::Queue', Properties: {QueueName: q}}
            Outputs:
              Url: {Value: !Ref Q}
              Arn: {Value: !GetAtt Q.Arn}
            """])
        let planner = DeploymentPlanner(configuration: Fixture.configuration, resolver: ServerResolver(), fileSystem: fileSystem)
        let plan = try planner.plan(templateAt: "/t.yaml")
        #expect(plan.outputs.map(\.value) == ["ref:q", "Arn:q"])
    }

    @Test("an unsupported transform is an error; SAM types without the SAM transform are a warning")
    func transforms() throws {
        #expect(Fixture.planError("Transform: AWS::Include\nResources:\n  Q: {Type: 'AWS::SQS::Queue'}\n")?.code == .unsupported)
        let plan = try Fixture.plan("Resources:\n  F:\n    Type: AWS::Serverless::Function\n    Properties: {InlineCode: x, Runtime: python3.12, Handler: a.b}\n")
        #expect(plan.warnings.contains { $0.location == "Resources/F/Type" })
    }
}
