/// An error from parsing or evaluating a JSONata expression.
///
/// `code` is the code JSONata's reference implementation uses (`S0101` for a syntax
/// problem, `T2001` for a type mismatch, `D3001` for a dynamic failure …), so a message
/// reads like the one Step Functions puts in a `States.QueryEvaluationError` cause:
/// `"T1006: Attempted to invoke a non-function"`.
public struct JSONataError: Error, Sendable, Equatable, CustomStringConvertible {
    /// JSONata's error code, such as `"T2001"`.
    public var code: String
    /// What went wrong, in JSONata's words.
    public var message: String
    /// The character offset in the expression where the problem was found, when known.
    public var position: Int?

    public init(_ code: String, _ message: String, position: Int? = nil) {
        self.code = code
        self.message = message
        self.position = position
    }

    /// `"<code>: <message>"`, the form Step Functions reports.
    public var description: String { "\(code): \(message)" }
}

extension JSONataError {
    static func syntax(_ code: String, _ message: String, at position: Int) -> JSONataError {
        JSONataError(code, message, position: position)
    }

    /// The result holds a function (a lambda, a library function, a regex), which JSON
    /// cannot carry; Step Functions reports it as "returned an unsupported result type".
    /// JSONata itself has no code for this, so the code is not one of JSONata's.
    public static let unsupportedResult = JSONataError(
        "UnsupportedResult", "The expression returned an unsupported result type (a function)")
}
