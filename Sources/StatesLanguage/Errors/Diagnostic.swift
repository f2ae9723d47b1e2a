/// One problem found in a state machine definition, as AWS's
/// `ValidateStateMachineDefinition` reports it.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
    /// AWS's diagnostic codes.
    public struct Code: RawRepresentable, Hashable, Sendable, ExpressibleByStringLiteral {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public init(stringLiteral value: String) { self.rawValue = value }

        /// The definition is not valid JSON.
        public static let invalidJSONDescription: Code = "INVALID_JSON_DESCRIPTION"
        /// A field is missing, unknown, misplaced or of the wrong type or value.
        public static let schemaValidationFailed: Code = "SCHEMA_VALIDATION_FAILED"
        /// `Next`, `Default` or `StartAt` names a state that does not exist.
        public static let missingTransitionTarget: Code = "MISSING_TRANSITION_TARGET"
        /// A state is not reachable from `StartAt`.
        public static let unreachableState: Code = "UNREACHABLE_STATE"
        /// A state has neither `Next` nor `End` (nor is terminal by type).
        public static let noTerminalState: Code = "NO_TERMINAL_STATE"
        /// Two states share a name (across branches and processors too).
        public static let duplicateStateName: Code = "DUPLICATE_STATE_NAME"
        /// A `States.ALL` not alone or not last in `Retry`/`Catch`.
        public static let invalidErrorEquals: Code = "INVALID_ERROR_EQUALS"
        /// A JSONPath or reference path does not parse.
        public static let invalidJSONPath: Code = "INVALID_JSON_PATH"
        /// A reference path uses operators a reference path may not.
        public static let invalidReferencePath: Code = "INVALID_REFERENCE_PATH"
        /// An intrinsic function call does not parse or names no known function.
        public static let invalidIntrinsicFunction: Code = "INVALID_INTRINSIC_FUNCTION"
        /// A `Resource` is not a valid ARN or integration.
        public static let invalidResource: Code = "INVALID_RESOURCE"
        /// A Map's `Label` is invalid.
        public static let invalidLabel: Code = "INVALID_LABEL"
        /// A Map's `Label` is invalid (the code AWS's `ValidateStateMachineDefinition` documents).
        public static let invalidLabelName: Code = "INVALID_LABEL_NAME"
        /// Two Map states share a `Label`.
        public static let duplicateLabelName: Code = "DUPLICATE_LABEL_NAME"
        /// A state name is empty or longer than 80 characters.
        public static let invalidStateName: Code = "INVALID_STATE_NAME"
        /// A JSONata expression (`{% … %}`) does not parse.
        public static let invalidJSONataExpression: Code = "INVALID_JSONATA_EXPRESSION"
        /// A JSONata expression uses what Step Functions does not offer (a path from the
        /// top level, `$states.result` where there is no result …).
        public static let unsupportedJSONataExpression: Code = "UNSUPPORTED_JSONATA_EXPRESSION"
        /// A graph (the top level, a branch or a processor) has no state that ends it.
        public static let missingEndState: Code = "MISSING_END_STATE"
    }

    public enum Severity: String, Sendable { case error = "ERROR", warning = "WARNING" }

    public var code: Code
    /// A JSON-pointer-like location inside the definition, e.g. `/States/Check/Choices/0/Next`.
    public var location: String
    public var message: String
    public var severity: Severity

    public init(_ code: Code, at location: String, _ message: String, severity: Severity = .error) {
        self.code = code
        self.location = location
        self.message = message
        self.severity = severity
    }

    /// The form AWS uses in `InvalidDefinition` messages: `CODE: message at /location`.
    public var description: String { "\(code.rawValue): \(message) at \(location.isEmpty ? "/" : location)" }
}

/// A definition that failed validation, with every problem found.
public struct DefinitionError: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]
    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }

    /// AWS's `InvalidDefinition` message text.
    public var description: String {
        "Invalid State Machine Definition: '"
            + diagnostics.map(\.description).joined(separator: ", ") + "'"
    }
}
