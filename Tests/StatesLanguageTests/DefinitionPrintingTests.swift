import Testing
@testable import StatesLanguage

@Suite struct DefinitionPrintingTests {
    static let definitions: [String] = [
        #"{"Comment":"all","Version":"1.0","TimeoutSeconds":30,"StartAt":"P","States":{"P":{"Type":"Pass","Comment":"p","InputPath":null,"OutputPath":"$.x","Result":{"a":[1,2.5]},"ResultPath":"$.r","Next":"W"},"W":{"Type":"Wait","SecondsPath":"$.s","Next":"C"},"C":{"Type":"Choice","Choices":[{"Variable":"$.a","IsPresent":true,"Next":"T"}],"Default":"F"},"T":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken","Parameters":{"QueueUrl.$":"$.q","MessageBody":{"t.$":"$$.Task.Token"}},"ResultSelector":{"b.$":"$.body"},"ResultPath":null,"TimeoutSeconds":100,"HeartbeatSecondsPath":"$.h","Credentials":{"RoleArn":"arn:aws:iam::1:role/r"},"Retry":[{"ErrorEquals":["A","B"],"IntervalSeconds":3,"MaxAttempts":5,"BackoffRate":1.5,"MaxDelaySeconds":10,"JitterStrategy":"FULL"}],"Catch":[{"ErrorEquals":["States.ALL"],"ResultPath":"$.e","Next":"F"}],"Next":"Par"},"Par":{"Type":"Parallel","Branches":[{"Comment":"b","StartAt":"B1","States":{"B1":{"Type":"Succeed"}}}],"ResultSelector":{"x.$":"$[0]"},"Next":"M"},"M":{"Type":"Map","ItemsPath":"$.items","ItemSelector":{"v.$":"$$.Map.Item.Value"},"MaxConcurrency":2,"ToleratedFailurePercentagePath":"$.p","ToleratedFailureCount":1,"Label":"L","ItemReader":{"Resource":"arn:aws:states:::s3:getObject"},"ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},"StartAt":"I","States":{"I":{"Type":"Pass","End":true}}},"End":true},"F":{"Type":"Fail","ErrorPath":"$.e","Cause":"c"}}}"#,
        #"{"StartAt":"M","States":{"M":{"Type":"Map","Parameters":{"a":1},"Iterator":{"StartAt":"I","States":{"I":{"Type":"Wait","Timestamp":"2016-03-14T01:59:00Z","End":true}}},"ToleratedFailurePercentage":12.5,"End":true}}}"#,
    ]

    @Test("print then parse gives the same model", arguments: definitions)
    func roundTrip(_ text: String) throws {
        let machine = try StateMachine(parsing: text)
        let printed = machine.definitionJSON
        #expect(try StateMachine(definition: printed) == machine)
        #expect(try StateMachine(parsing: printed.serialized) == machine)
    }

    @Test("printing leaves defaults out and keeps what was written")
    func printedForm() throws {
        let text = #"{"StartAt":"A","States":{"A":{"Type":"Pass","InputPath":"$","ResultPath":"$","Next":"B"},"B":{"Type":"Fail","Error":"E"}}}"#
        let printed = try StateMachine(parsing: text).definitionJSON
        #expect(printed == [
            "StartAt": "A",
            "States": ["A": ["Type": "Pass", "Next": "B"], "B": ["Type": "Fail", "Error": "E"]],
        ])
    }

    @Test("the legacy Map form prints as ItemProcessor and ItemSelector")
    func legacyMap() throws {
        let printed = try StateMachine(parsing: Self.definitions[1]).definitionJSON
        let map = printed["States"]?["M"]
        #expect(map?["ItemProcessor"]?["StartAt"] == "I")
        #expect(map?["ItemSelector"] == ["a": 1])
        #expect(map?["Iterator"] == nil)
    }
}
