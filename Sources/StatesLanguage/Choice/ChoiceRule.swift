/// A Choice rule (a comparison, or And/Or/Not of rules), compiled once.
/// SKELETON: the Choice helper replaces this file.
public struct ChoiceRule: Sendable, Equatable {
    /// The rule as written (without `Next`).
    public let source: JSON

    /// Parses one rule object. `isTopLevel` rules carry `Next` (read by the caller, not
    /// here); nested rules (inside And/Or/Not) must not. Problems go to `diagnostics`;
    /// returns nil when the rule is unusable.
    public static func parse(
        _ json: JSON, at location: String, isTopLevel: Bool, diagnostics: inout [Diagnostic]
    ) -> ChoiceRule? {
        ChoiceRule(source: json)
    }

    /// Whether the rule matches. Failures are AWS's run-time errors (`States.Runtime`).
    public func evaluate(_ scope: EvaluationScope) throws(Failure) -> Bool {
        false
    }
}
