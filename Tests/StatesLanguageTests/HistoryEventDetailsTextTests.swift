import Foundation
import Testing
@testable import StatesLanguage

/// `HistoryEvent.detailsText` (what the store keeps) must be the text of `details` (what
/// the API shows), byte for byte, however the payload nests quotes and escapes.
@Suite struct HistoryEventDetailsTextTests {
    static let awkward: JSON = [
        "quote": "say \"hi\"", "backslash": #"C:\temp\new"#, "controls": "tab\tline\nbell\u{07}",
        "unicode": "héllo ✓ 𝄞", "nested": ["list": [1, 2.5, true, .null, ["k": "v"]]], "empty": [:], "none": [],
    ]

    func events(_ definition: String, input: JSON) throws -> [HistoryEvent] {
        let interpreter = Interpreter(machine: try StateMachine(parsing: definition))
        let (_, effects) = interpreter.start(input: input, context: InterpreterTests.context(input),
                                             now: InterpreterTests.start, environment: InterpreterTests.environment)
        return effects.compactMap { if case .record(let event) = $0 { event } else { nil } }
    }

    @Test("state entries, exits and other events write the same text as their details object")
    func sameText() throws {
        let recorded = try events(#"""
            {"StartAt":"Quoted \"name\"","States":{
              "Quoted \"name\"":{"Type":"Pass","Next":"Pick"},
              "Pick":{"Type":"Choice","Choices":[{"Variable":"$.quote","IsPresent":true,"Next":"Stop"}]},
              "Stop":{"Type":"Fail","Error":"Bad\\Thing","Cause":"because \"so\""}}}
            """#, input: Self.awkward)
        let kinds = Set(recorded.map(\.type.rawValue))
        #expect(kinds.isSuperset(of: ["PassStateEntered", "PassStateExited", "ChoiceStateEntered", "ExecutionFailed"]))
        for event in recorded {
            #expect(event.detailsText == event.details?.serialized, "\(event.type)")
            let details = try #require(event.details)
            #expect(try JSON(parsing: #require(event.detailsText)) == details)
        }
    }

    @Test("a state's details name the member AWS uses for its type")
    func detailsKeys() throws {
        let recorded = try events(#"{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}"#, input: Self.awkward)
        let keys = recorded.map { "\($0.type.rawValue)=\($0.detailsKey ?? "-")" }
        #expect(keys == [
            "ExecutionStarted=executionStartedEventDetails", "PassStateEntered=stateEnteredEventDetails",
            "PassStateExited=stateExitedEventDetails", "ExecutionSucceeded=executionSucceededEventDetails",
        ])
    }
}
