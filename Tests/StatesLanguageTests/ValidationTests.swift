import Foundation
import Testing
@testable import StatesLanguage

@Suite struct ValidationTests {
    typealias Support = DefinitionTestSupport

    struct Expectation: Sendable, CustomStringConvertible {
        var definition: String
        var code: Diagnostic.Code
        var location: String
        var message: String
        var description: String { "\(code.rawValue) at \(location)" }
    }

    static let single = Support.single

    static let problems: [Expectation] = [
        .init(definition: #"{"StartAt":"A"}"#, code: .schemaValidationFailed, location: "",
              message: "These fields are required: [States]"),
        .init(definition: #"{"States":{"A":{"Type":"Succeed"}}}"#, code: .schemaValidationFailed, location: "",
              message: "These fields are required: [StartAt]"),
        .init(definition: #"{"StartAt":"A","States":{"A":{"Type":"Succeed"}},"Extra":1}"#,
              code: .schemaValidationFailed, location: "", message: "Field 'Extra' is not supported"),
        .init(definition: #"{"StartAt":"B","States":{"A":{"Type":"Succeed"}}}"#, code: .missingTransitionTarget,
              location: "/StartAt", message: "Missing 'Next' target: B"),
        .init(definition: #"{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"Z"}}}"#,
              code: .missingTransitionTarget, location: "/States/A/Next", message: "Missing 'Next' target: Z"),
        .init(definition: #"{"StartAt":"A","States":{"A":{"Type":"Succeed"},"B":{"Type":"Succeed"}}}"#,
              code: .missingTransitionTarget, location: "/States/B", message: "State \"B\" is not reachable."),
        .init(definition: #"{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"},"B":{"Type":"Pass","Next":"A"}}}"#,
              code: .missingEndState, location: "", message: "Workflow has no terminal state"),
        .init(definition: single(#"{"Type":"Nope"}"#), code: .schemaValidationFailed, location: "/States/S/Type",
              message: "The field 'Type' should have one of these values: [Task, Wait, Pass, Succeed, Fail, Choice, Parallel, Map]"),
        .init(definition: single(#"{"End":true}"#), code: .schemaValidationFailed, location: "/States/S",
              message: "These fields are required: [Type]"),
        .init(definition: single(#"{"Type":"Choice","Parameters":{},"Choices":[{"Variable":"$.a","IsNull":true,"Next":"S"}]}"#),
              code: .schemaValidationFailed, location: "/States/S", message: "Field 'Parameters' is not supported"),
        .init(definition: single(#"{"Type":"Pass","Next":"S","End":true}"#), code: .schemaValidationFailed,
              location: "/States/S", message: "The fields 'Next' and 'End' are mutually exclusive"),
        .init(definition: single(#"{"Type":"Pass"}"#), code: .schemaValidationFailed, location: "/States/S",
              message: "Either 'Next' or 'End: true' is required"),
        .init(definition: single(#"{"Type":"Pass","End":"yes"}"#), code: .schemaValidationFailed,
              location: "/States/S/End", message: "The field 'End' should be a boolean"),
        .init(definition: single(#"{"Type":"Pass","Comment":3,"End":true}"#), code: .schemaValidationFailed,
              location: "/States/S/Comment", message: "The field 'Comment' should be a string"),
        .init(definition: single(#"{"Type":"Pass","InputPath":"a.b","End":true}"#), code: .invalidJSONPath,
              location: "/States/S/InputPath", message: "The value for the field 'InputPath' must be a valid JSONPath"),
        .init(definition: single(#"{"Type":"Pass","ResultPath":"$.a[*]","End":true}"#), code: .invalidReferencePath,
              location: "/States/S/ResultPath", message: "The value for the field 'ResultPath' must be a valid ReferencePath"),
        .init(definition: single(#"{"Type":"Pass","ResultPath":"$$.a","End":true}"#), code: .invalidReferencePath,
              location: "/States/S/ResultPath", message: "The value for the field 'ResultPath' must be a valid ReferencePath"),
        .init(definition: single(#"{"Type":"Pass","Parameters":"x","End":true}"#), code: .schemaValidationFailed,
              location: "/States/S/Parameters", message: "The field 'Parameters' should be an object"),
        .init(definition: single(#"{"Type":"Task","End":true}"#), code: .schemaValidationFailed, location: "/States/S",
              message: "These fields are required: [Resource]"),
        .init(definition: single(#"{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","TimeoutSeconds":0,"End":true}"#),
              code: .schemaValidationFailed, location: "/States/S/TimeoutSeconds",
              message: "The field 'TimeoutSeconds' should be greater than or equal to 1"),
        .init(definition: single(#"{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","TimeoutSeconds":5,"HeartbeatSeconds":5,"End":true}"#),
              code: .schemaValidationFailed, location: "/States/S/HeartbeatSeconds",
              message: "The field 'HeartbeatSeconds' should be smaller than the field 'TimeoutSeconds'"),
        .init(definition: single(#"{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","TimeoutSeconds":5,"TimeoutSecondsPath":"$.t","End":true}"#),
              code: .schemaValidationFailed, location: "/States/S",
              message: "The fields 'TimeoutSeconds' and 'TimeoutSecondsPath' are mutually exclusive"),
        .init(definition: single(#"{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Credentials":{},"End":true}"#),
              code: .schemaValidationFailed, location: "/States/S/Credentials",
              message: "The field 'RoleArn' is required but was missing"),
        .init(definition: single(#"{"Type":"Task","Resource":"arn:aws:states:::dynamodb:query","End":true}"#),
              code: .schemaValidationFailed, location: "/States/S/Resource",
              message: "The resource provided arn:<partition>:states:::dynamodb:query is not recognized. The value is not a valid resource ARN, or the resource is not available in this region."),
        .init(definition: single(#"{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Retry":[{"ErrorEquals":["States.ALL"]},{"ErrorEquals":["X"]}],"End":true}"#),
              code: .schemaValidationFailed, location: "/States/S/Retry/0/ErrorEquals",
              message: "'States.ALL' must appear in the last Retrier or Catcher"),
        .init(definition: single(#"{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Retry":[{"ErrorEquals":["States.ALL","X"]}],"End":true}"#),
              code: .schemaValidationFailed, location: "/States/S/Retry/0/ErrorEquals",
              message: "'States.ALL' must appear alone in 'ErrorEquals'"),
        .init(definition: single(#"{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Retry":[{"ErrorEquals":[]}],"End":true}"#),
              code: .schemaValidationFailed, location: "/States/S/Retry/0/ErrorEquals",
              message: "The field 'ErrorEquals' should be a non-empty array of strings"),
        .init(definition: single(#"{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Retry":[{"ErrorEquals":["X"],"MaxAttempts":-1}],"End":true}"#),
              code: .schemaValidationFailed, location: "/States/S/Retry/0/MaxAttempts",
              message: "The field 'MaxAttempts' should be greater than or equal to 0"),
        .init(definition: single(#"{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Retry":[{"ErrorEquals":["X"],"BackoffRate":0.5}],"End":true}"#),
              code: .schemaValidationFailed, location: "/States/S/Retry/0/BackoffRate",
              message: "The field 'BackoffRate' should be greater than or equal to 1.0"),
        .init(definition: single(#"{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Retry":[{"ErrorEquals":["X"],"IntervalSeconds":0}],"End":true}"#),
              code: .schemaValidationFailed, location: "/States/S/Retry/0/IntervalSeconds",
              message: "The field 'IntervalSeconds' should be greater than or equal to 1"),
        .init(definition: single(#"{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Retry":[{"ErrorEquals":["X"],"JitterStrategy":"SOME"}],"End":true}"#),
              code: .schemaValidationFailed, location: "/States/S/Retry/0/JitterStrategy",
              message: "The field 'JitterStrategy' should have one of these values: [FULL, NONE]"),
        .init(definition: single(#"{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Catch":[{"ErrorEquals":["X"]}],"End":true}"#),
              code: .schemaValidationFailed, location: "/States/S/Catch/0", message: "These fields are required: [Next]"),
        .init(definition: single(#"{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Catch":[{"ErrorEquals":["X"],"Next":"Nowhere"}],"End":true}"#),
              code: .missingTransitionTarget, location: "/States/S/Catch/0/Next", message: "Missing 'Next' target: Nowhere"),
        .init(definition: single(#"{"Type":"Pass","Retry":[],"End":true}"#), code: .schemaValidationFailed,
              location: "/States/S", message: "Field 'Retry' is not supported"),
        .init(definition: single(#"{"Type":"Choice"}"#), code: .schemaValidationFailed, location: "/States/S",
              message: "These fields are required: [Choices]"),
        .init(definition: single(#"{"Type":"Choice","Choices":[]}"#), code: .schemaValidationFailed,
              location: "/States/S/Choices", message: "The field 'Choices' should be a non-empty array"),
        .init(definition: single(#"{"Type":"Choice","Choices":[{"Variable":"$.a","IsNull":true}]}"#),
              code: .schemaValidationFailed, location: "/States/S/Choices/0", message: "These fields are required: [Next]"),
        .init(definition: single(#"{"Type":"Choice","Choices":[{"Variable":"$.a","IsNull":true,"Next":"X"}]}"#),
              code: .missingTransitionTarget, location: "/States/S/Choices/0/Next", message: "Missing 'Next' target: X"),
        .init(definition: single(#"{"Type":"Choice","Choices":[{"Variable":"$.a","IsNull":true,"Next":"S"}],"Default":"X"}"#),
              code: .missingTransitionTarget, location: "/States/S/Default", message: "Missing 'Next' target: X"),
        .init(definition: single(#"{"Type":"Wait","End":true}"#), code: .schemaValidationFailed, location: "/States/S",
              message: "Exactly one of 'Seconds', 'SecondsPath', 'Timestamp' or 'TimestampPath' is required"),
        .init(definition: single(#"{"Type":"Wait","Seconds":1,"SecondsPath":"$.s","End":true}"#),
              code: .schemaValidationFailed, location: "/States/S",
              message: "Exactly one of 'Seconds', 'SecondsPath', 'Timestamp' or 'TimestampPath' is required"),
        .init(definition: single(#"{"Type":"Wait","Seconds":-1,"End":true}"#), code: .schemaValidationFailed,
              location: "/States/S/Seconds", message: "The field 'Seconds' should be greater than or equal to 0"),
        .init(definition: single(#"{"Type":"Wait","Timestamp":"2016-02-30T00:00:00Z","End":true}"#),
              code: .schemaValidationFailed, location: "/States/S/Timestamp", message: "String does not match RFC3339 timestamp"),
        .init(definition: single(#"{"Type":"Fail","Error":"E","ErrorPath":"$.e"}"#), code: .schemaValidationFailed,
              location: "/States/S", message: "The fields 'Error' and 'ErrorPath' are mutually exclusive"),
        .init(definition: single(#"{"Type":"Fail","Cause":"c","CausePath":"$.c"}"#), code: .schemaValidationFailed,
              location: "/States/S", message: "The fields 'Cause' and 'CausePath' are mutually exclusive"),
        .init(definition: single(#"{"Type":"Fail","End":true}"#), code: .schemaValidationFailed,
              location: "/States/S", message: "Field 'End' is not supported"),
        .init(definition: single(#"{"Type":"Succeed","Next":"S"}"#), code: .schemaValidationFailed,
              location: "/States/S", message: "Field 'Next' is not supported"),
        .init(definition: single(#"{"Type":"Parallel","End":true}"#), code: .schemaValidationFailed,
              location: "/States/S", message: "These fields are required: [Branches]"),
        .init(definition: single(#"{"Type":"Parallel","End":true,"Branches":[{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"S"}}}]}"#),
              code: .missingTransitionTarget, location: "/States/S/Branches/0/States/A/Next", message: "Missing 'Next' target: S"),
        .init(definition: single(#"{"Type":"Parallel","End":true,"Branches":[{"StartAt":"S","States":{"S":{"Type":"Succeed"}}}]}"#),
              code: .duplicateStateName, location: "/States/S/Branches/0/States/S", message: "Duplicate State name: S"),
        .init(definition: single(#"{"Type":"Pass","QueryLanguage":"Python","End":true}"#), code: .schemaValidationFailed,
              location: "/States/S/QueryLanguage",
              message: "The field 'QueryLanguage' should have one of these values: [JSONPath, JSONata]"),
        .init(definition: single("{\"Type\":\"Succeed\"}").replacingOccurrences(of: "\"S\"", with: "\"\(String(repeating: "n", count: 81))\""),
              code: .invalidStateName, location: "/States/" + String(repeating: "n", count: 81),
              message: "The state name '\(String(repeating: "n", count: 81))' must be between 1 and 80 characters long"),
    ]

    @Test("each problem is reported with AWS's code, its location and a message", arguments: problems)
    func problem(_ expected: Expectation) {
        let diagnostics = Support.diagnostics(expected.definition)
        #expect(diagnostics.contains { $0.code == expected.code && $0.location == expected.location
            && $0.message == expected.message }, "got \(diagnostics)")
    }

    @Test("every problem of a definition is reported at once")
    func everyProblem() {
        let diagnostics = Support.diagnostics(#"""
            {"StartAt":"A","States":{
              "A":{"Type":"Pass","Next":"Missing","Bogus":1},
              "B":{"Type":"Wait","Seconds":-5,"End":true},
              "C":{"Type":"Task","Resource":"not-an-arn","End":true}}}
            """#)
        #expect(diagnostics.map(\.location).sorted() == [
            "/States/A", "/States/A/Next", "/States/B", "/States/B/Seconds", "/States/C", "/States/C/Resource",
        ])
    }

    @Test("EXPRESS machines refuse activities, .sync and .waitForTaskToken", arguments: [
        ("arn:aws:states:us-east-1:111122223333:activity:work", "Express state machine does not support Activity ARN"),
        ("arn:aws:states:::states:startExecution.sync:2",
         "Express state machine does not support '.sync' service integration"),
        ("arn:aws:states:::sqs:sendMessage.waitForTaskToken",
         "Express state machine does not support '.waitForTaskToken' service integration "),
    ])
    func express(resource: String, message: String) {
        let text = Support.single(#"{"Type":"Task","Resource":"\#(resource)","End":true}"#)
        #expect(Support.diagnostics(text) == [])
        #expect(Support.diagnostics(text, type: .express)
            == [Diagnostic(.schemaValidationFailed, at: "/States/S/Resource", message)])
    }

    @Test("a field of the other query language is refused at the state", arguments: [
        (single(#"{"Type":"Pass","Output":{"x":1},"End":true}"#), "JSONPath", "Output"),
        (single(#"{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Arguments":{},"End":true}"#), "JSONPath", "Arguments"),
        (single(#"{"Type":"Pass","QueryLanguage":"JSONata","ResultPath":"$.x","End":true}"#), "JSONata", "ResultPath"),
        (single(#"{"Type":"Pass","QueryLanguage":"JSONata","InputPath":"$.x","End":true}"#), "JSONata", "InputPath"),
    ])
    func otherLanguage(_ text: String, language: String, key: String) {
        let other = language == "JSONata" ? "JSONPath" : "JSONata"
        #expect(Support.diagnostics(text) == [Diagnostic(.schemaValidationFailed, at: "/States/S",
            "The QueryLanguage is set to '\(language)', but field '\(key)' is only supported for the '\(other)' QueryLanguage")])
    }

    @Test("odd definitions AWS accepts are accepted", arguments: [
        // `End: false` beside a `Next`.
        #"{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B","End":false},"B":{"Type":"Succeed"}}}"#,
        // A Choice that loops back, with a terminal state elsewhere.
        #"{"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[{"Variable":"$.a","IsNull":true,"Next":"D"}],"Default":"C"},"D":{"Type":"Succeed"}}}"#,
        // Explicit QueryLanguage JSONPath, Credentials with a path, ResultPath "$".
        #"{"QueryLanguage":"JSONPath","StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:111122223333:function:f:$LATEST","Credentials":{"RoleArn.$":"$.role"},"ResultPath":"$","End":true}}}"#,
        // Wait of zero seconds.
        single(#"{"Type":"Wait","Seconds":0,"End":true}"#),
    ])
    func accepted(_ text: String) {
        #expect(Support.diagnostics(text) == [])
    }
}
