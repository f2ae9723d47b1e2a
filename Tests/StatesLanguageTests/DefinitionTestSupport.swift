@testable import StatesLanguage

/// Helpers shared by the definition and validation tests.
enum DefinitionTestSupport {
    /// The diagnostics a definition text produces (empty when it parses).
    static func diagnostics(_ text: String, type: StateMachineType = .standard) -> [Diagnostic] {
        do {
            _ = try StateMachine(parsing: text, type: type)
            return []
        } catch {
            return error.diagnostics
        }
    }

    /// A one-state machine around `state` (a JSON object text) named `S`.
    static func single(_ state: String) -> String {
        #"{"StartAt":"S","States":{"S":\#(state)}}"#
    }
}
