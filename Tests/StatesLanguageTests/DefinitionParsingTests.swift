import Foundation
import Testing
@testable import StatesLanguage

@Suite struct DefinitionParsingTests {
    @Test("top-level fields and transitions resolve to indices")
    func topLevel() throws {
        let machine = try StateMachine(parsing: #"""
            {"Comment":"c","Version":"1.0","TimeoutSeconds":60,"StartAt":"B","States":{
              "A":{"Type":"Pass","End":true},
              "B":{"Type":"Pass","Next":"A"}}}
            """#)
        #expect(machine.comment == "c")
        #expect(machine.version == "1.0")
        #expect(machine.timeoutSeconds == 60)
        #expect(machine.queryLanguage == .jsonPath)
        #expect(machine.graphs.count == 1)
        #expect(machine.root.startAt == 1)
        #expect(machine.root.states[1].transition == .next(0))
        #expect(machine.root.states[0].transition == .end)
    }

    @Test("InputPath and OutputPath default to $ and may be null; ResultPath null discards")
    func paths() throws {
        let machine = try StateMachine(parsing: DefinitionTestSupport.single(
            #"{"Type":"Pass","InputPath":null,"OutputPath":"$.a","ResultPath":null,"End":true}"#))
        let state = machine.root.states[0]
        #expect(state.inputPath == nil)
        #expect(state.outputPath == (try JSONPath(parsing: "$.a")))
        guard case .pass(let pass) = state.kind else { Issue.record("not a Pass"); return }
        #expect(pass.resultPath == .discard)

        let plain = try StateMachine(parsing: DefinitionTestSupport.single(#"{"Type":"Pass","End":true}"#))
        #expect(plain.root.states[0].inputPath == .root)
        #expect(plain.root.states[0].outputPath == .root)
    }

    @Test("Pass keeps Result and compiles Parameters")
    func pass() throws {
        let machine = try StateMachine(parsing: DefinitionTestSupport.single(
            #"{"Type":"Pass","Result":{"x":1},"Parameters":{"a.$":"$.b"},"ResultPath":"$.r","End":true}"#))
        guard case .pass(let pass) = machine.root.states[0].kind else { Issue.record("not a Pass"); return }
        #expect(pass.result == ["x": 1])
        #expect(pass.parameters?.source == ["a.$": "$.b"])
        #expect(pass.resultPath == .path(try ReferencePath(parsing: "$.r")))
    }

    @Test("Task reads its resource, timeouts, retriers, catchers and credentials")
    func task() throws {
        let machine = try StateMachine(parsing: #"""
            {"StartAt":"T","States":{
              "T":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                   "TimeoutSecondsPath":"$.timeout","HeartbeatSeconds":10,
                   "Credentials":{"RoleArn":"arn:aws:iam::111122223333:role/r"},
                   "ResultSelector":{"id.$":"$.MessageId"},
                   "Retry":[{"ErrorEquals":["States.Timeout"],"IntervalSeconds":2,"MaxAttempts":0,
                             "BackoffRate":1.5,"MaxDelaySeconds":30,"JitterStrategy":"FULL"},
                            {"ErrorEquals":["States.ALL"]}],
                   "Catch":[{"ErrorEquals":["States.ALL"],"ResultPath":"$.error","Next":"F"}],
                   "End":true},
              "F":{"Type":"Fail","Error":"E","Cause":"C"}}}
            """#)
        guard case .task(let task) = machine.root.states[0].kind else { Issue.record("not a Task"); return }
        #expect(task.resource.kind == .integration(service: "sqs", action: "sendMessage"))
        #expect(task.resource.pattern == .waitForTaskToken)
        #expect(task.timeoutSeconds == .path(try ReferencePath(parsing: "$.timeout")))
        #expect(task.heartbeatSeconds == .literal(10))
        #expect(task.credentials?["RoleArn"] == "arn:aws:iam::111122223333:role/r")
        #expect(task.retry == [
            Retrier(errorEquals: [.timeout], intervalSeconds: 2, maxAttempts: 0, backoffRate: 1.5,
                    maxDelaySeconds: 30, jitterStrategy: .full),
            Retrier(errorEquals: [.all]),
        ])
        #expect(task.catch == [Catcher(errorEquals: [.all], resultPath: .path(try ReferencePath(parsing: "$.error")),
                                       next: 1)])
    }

    @Test("Choice rules are compiled without their Next, which resolves to an index")
    func choice() throws {
        let machine = try StateMachine(parsing: #"""
            {"StartAt":"C","States":{
              "C":{"Type":"Choice","Choices":[{"Variable":"$.x","NumericEquals":1,"Next":"A"}],"Default":"B"},
              "A":{"Type":"Succeed"},"B":{"Type":"Succeed"}}}
            """#)
        guard case .choice(let choice) = machine.root.states[0].kind else { Issue.record("not a Choice"); return }
        #expect(choice.choices.count == 1)
        #expect(choice.choices[0].next == 1)
        #expect(choice.choices[0].rule.source == ["Variable": "$.x", "NumericEquals": 1])
        #expect(choice.defaultState == 2)
        #expect(machine.root.states[0].transition == nil)
    }

    @Test("Wait takes seconds, a timestamp or a path to either", arguments: [
        (#""Seconds":5"#, WaitState.Duration.seconds(5)),
        (#""Timestamp":"2016-03-14T01:59:00Z""#,
         .timestamp("2016-03-14T01:59:00Z", Date(timeIntervalSince1970: 1_457_920_740))),
        (#""Timestamp":"2016-03-14T03:59:00.5+02:00""#,
         .timestamp("2016-03-14T03:59:00.5+02:00", Date(timeIntervalSince1970: 1_457_920_740.5))),
    ])
    func wait(field: String, duration: WaitState.Duration) throws {
        let machine = try StateMachine(parsing: DefinitionTestSupport.single(#"{"Type":"Wait",\#(field),"End":true}"#))
        #expect(machine.root.states[0].kind == .wait(WaitState(duration: duration)))
    }

    @Test("Wait paths are reference paths")
    func waitPaths() throws {
        let machine = try StateMachine(parsing: DefinitionTestSupport.single(
            #"{"Type":"Wait","TimestampPath":"$.when","End":true}"#))
        #expect(machine.root.states[0].kind == .wait(WaitState(duration: .timestampPath(try ReferencePath(parsing: "$.when")))))
    }

    @Test("Fail takes literal or path error and cause")
    func fail() throws {
        let machine = try StateMachine(parsing: DefinitionTestSupport.single(
            #"{"Type":"Fail","ErrorPath":"$.error","Cause":"because"}"#))
        #expect(machine.root.states[0].kind == .fail(FailState(error: .path(try JSONPath(parsing: "$.error")),
                                                               cause: .literal("because"))))
    }

    @Test("Parallel branches become graphs of the flat table")
    func parallel() throws {
        let machine = try StateMachine(parsing: #"""
            {"StartAt":"P","States":{"P":{"Type":"Parallel","End":true,"Branches":[
              {"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}},
              {"StartAt":"B","States":{"B":{"Type":"Pass","Next":"C"},"C":{"Type":"Succeed"}}}]}}}
            """#)
        guard case .parallel(let parallel) = machine.root.states[0].kind else { Issue.record("not a Parallel"); return }
        #expect(parallel.branches == [1, 2])
        #expect(machine.graphs[1].states.map(\.name) == ["A"])
        #expect(machine.graphs[2].states.map(\.name) == ["B", "C"])
        #expect(machine.graphs[2].states[0].transition == .next(1))
    }

    @Test("Map reads its processor, item fields and tolerances")
    func map() throws {
        let machine = try StateMachine(parsing: #"""
            {"StartAt":"M","States":{"M":{"Type":"Map","End":true,"ItemsPath":"$.items",
              "ItemSelector":{"v.$":"$$.Map.Item.Value"},"MaxConcurrencyPath":"$.n",
              "ToleratedFailureCount":2,"ToleratedFailurePercentage":12.5,"Label":"run",
              "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"EXPRESS"},
                               "StartAt":"I","States":{"I":{"Type":"Pass","End":true}}}}}}
            """#)
        guard case .map(let map) = machine.root.states[0].kind else { Issue.record("not a Map"); return }
        #expect(map.processor == 1)
        #expect(machine.graphs[1].processorConfig == ProcessorConfig(mode: .distributed, executionType: .express))
        #expect(map.itemsPath == (try ReferencePath(parsing: "$.items")))
        #expect(map.itemSelector?.source == ["v.$": "$$.Map.Item.Value"])
        #expect(map.maxConcurrency == .path(try ReferencePath(parsing: "$.n")))
        #expect(map.toleratedFailureCount == .literal(2))
        #expect(map.toleratedFailurePercentage == .literal(12.5))
        #expect(map.label == "run")
    }

    @Test("the legacy Map form: Iterator and Parameters")
    func legacyMap() throws {
        let machine = try StateMachine(parsing: #"""
            {"StartAt":"M","States":{"M":{"Type":"Map","End":true,"MaxConcurrency":1,
              "Parameters":{"v.$":"$$.Map.Item.Value"},
              "Iterator":{"StartAt":"I","States":{"I":{"Type":"Pass","End":true}}}}}}
            """#)
        guard case .map(let map) = machine.root.states[0].kind else { Issue.record("not a Map"); return }
        #expect(machine.graphs[1].processorConfig == nil)
        #expect(map.itemSelector?.source == ["v.$": "$$.Map.Item.Value"])
        #expect(map.maxConcurrency == .literal(1))
    }

    @Test("nested graphs are numbered in definition order")
    func nestedNumbering() throws {
        let machine = try StateMachine(parsing: #"""
            {"StartAt":"P","States":{
              "P":{"Type":"Parallel","Next":"M","Branches":[{"StartAt":"M1","States":{"M1":{"Type":"Map","End":true,
                "ItemProcessor":{"StartAt":"X","States":{"X":{"Type":"Pass","End":true}}}}}}]},
              "M":{"Type":"Map","End":true,"ItemProcessor":{"StartAt":"Y","States":{"Y":{"Type":"Pass","End":true}}}}}}
            """#)
        #expect(machine.graphs.map { $0.states.map(\.name) } == [["P", "M"], ["M1"], ["X"], ["Y"]])
    }

    @Test("an EXPRESS machine accepts request-response integrations")
    func expressRequestResponse() throws {
        let machine = try StateMachine(parsing: DefinitionTestSupport.single(
            #"{"Type":"Task","Resource":"arn:aws:states:::sns:publish","End":true}"#), type: .express)
        #expect(machine.root.states.count == 1)
    }
}
