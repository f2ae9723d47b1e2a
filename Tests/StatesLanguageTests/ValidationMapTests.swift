import Testing
@testable import StatesLanguage

@Suite struct ValidationMapTests {
    typealias Support = DefinitionTestSupport

    static func map(label: String? = nil, extra: String = "",
                    config: String = #"{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"}"#) -> String {
        var labelField = ""
        if let label { labelField = #","Label":\#(JSON.string(label).serialized)"# }
        return Support.single(#"""
            {"Type":"Map","End":true\#(labelField)\#(extra),"ItemProcessor":{"ProcessorConfig":\#(config),
             "StartAt":"I","States":{"I":{"Type":"Pass","End":true}}}}
            """#)
    }

    @Test("a valid label is accepted", arguments: ["label", "my-label_1", String(repeating: "x", count: 40), "étiquette"])
    func validLabel(_ label: String) {
        #expect(Support.diagnostics(Self.map(label: label)) == [])
    }

    @Test("labels with forbidden characters are refused", arguments: Array(
        " |?^%;{}>$[#*,\\~<\":`&]/\n\r\t\u{0}\u{1}\u{1F}\u{7F}\u{80}\u{9F}".unicodeScalars))
    func forbiddenCharacter(_ scalar: Unicode.Scalar) {
        let diagnostics = Support.diagnostics(Self.map(label: "label_" + String(Character(scalar))))
        #expect(diagnostics == [Diagnostic(.invalidLabelName, at: "/States/S/Label",
                                           "The Label contains an invalid character: '\(scalar)'")])
    }

    @Test("an empty label and one over 40 characters are refused")
    func labelLength() {
        #expect(Support.diagnostics(Self.map(label: "")).map(\.code) == [.invalidLabelName])
        #expect(Support.diagnostics(Self.map(label: String(repeating: "1", count: 41)))
            == [Diagnostic(.invalidLabelName, at: "/States/S/Label", "The Label cannot be longer than 40 characters")])
    }

    @Test("labels are unique in the definition")
    func duplicateLabel() {
        let text = #"""
            {"StartAt":"A","States":{
              "A":{"Type":"Map","Label":"L","Next":"B","ItemProcessor":{"StartAt":"I","States":{"I":{"Type":"Pass","End":true}}}},
              "B":{"Type":"Map","Label":"L","End":true,"ItemProcessor":{"StartAt":"J","States":{"J":{"Type":"Pass","End":true}}}}}}
            """#
        #expect(Support.diagnostics(text) == [Diagnostic(.duplicateLabelName, at: "/States/B/Label", "Duplicate Label: L")])
    }

    @Test("ProcessorConfig: modes, execution types and their combinations")
    func processorConfig() {
        #expect(Support.diagnostics(Self.map(config: #"{"Mode":"INLINE"}"#)) == [])
        #expect(Support.diagnostics(Self.map(config: #"{"Mode":"DISTRIBUTED"}"#)) == [
            Diagnostic(.schemaValidationFailed, at: "/States/S/ItemProcessor/ProcessorConfig",
                       "The field 'ExecutionType' is required but was missing"),
        ])
        #expect(Support.diagnostics(Self.map(config: #"{"Mode":"INLINE","ExecutionType":"STANDARD"}"#)) == [
            Diagnostic(.schemaValidationFailed, at: "/States/S/ItemProcessor/ProcessorConfig",
                       "Field 'ExecutionType' is not supported"),
        ])
        #expect(Support.diagnostics(Self.map(config: #"{"Mode":"SIDEWAYS"}"#)).map(\.location)
            == ["/States/S/ItemProcessor/ProcessorConfig/Mode"])
    }

    @Test("Map field problems", arguments: [
        (#","ItemSelector":{},"Parameters":{}"#, "/States/S",
         "The fields 'ItemSelector' and 'Parameters' are mutually exclusive"),
        (#","MaxConcurrency":-1"#, "/States/S/MaxConcurrency", "The field 'MaxConcurrency' should be greater than or equal to 0"),
        (#","ToleratedFailurePercentage":101"#, "/States/S/ToleratedFailurePercentage",
         "The field 'ToleratedFailurePercentage' should be less than or equal to 100.0"),
        (#","ToleratedFailureCount":1,"ToleratedFailureCountPath":"$.n""#, "/States/S",
         "The fields 'ToleratedFailureCount' and 'ToleratedFailureCountPath' are mutually exclusive"),
        (#","ItemsPath":"$.a[*]""#, "/States/S/ItemsPath", "The value for the field 'ItemsPath' must be a valid ReferencePath"),
        (#","Iterator":{"StartAt":"J","States":{"J":{"Type":"Pass","End":true}}}"#, "/States/S",
         "The fields 'ItemProcessor' and 'Iterator' are mutually exclusive"),
    ])
    func mapProblems(extra: String, location: String, message: String) {
        let diagnostics = Support.diagnostics(Self.map(extra: extra, config: #"{"Mode":"INLINE"}"#))
        #expect(diagnostics.contains { $0.location == location && $0.message == message }, "got \(diagnostics)")
    }

    @Test("a Map needs a processor")
    func missingProcessor() {
        #expect(Support.diagnostics(Support.single(#"{"Type":"Map","End":true}"#))
            == [Diagnostic(.schemaValidationFailed, at: "/States/S", "These fields are required: [ItemProcessor]")])
    }
}
