/// A function of JSONata's standard library (or one Step Functions adds).
struct JSONataBuiltin: Sendable {
    typealias Implementation = @Sendable ([JValue?], JSONataCall) throws(JSONataError) -> JValue?

    let name: String
    let signature: JSONataSignature
    let implementation: Implementation

    init(_ name: String, _ signature: String, _ implementation: @escaping Implementation) {
        self.name = name
        do {
            self.signature = try JSONataSignature(signature, position: 0)
        } catch {
            preconditionFailure("The built-in signature of $\(name) is malformed: \(signature)")
        }
        self.implementation = implementation
    }
}

/// The functions every expression can call, by name without the `$`.
///
/// JSONata 2.0's library as Step Functions offers it, plus Step Functions' own
/// `$partition`, `$range`, `$hash`, `$random(seed)`, `$uuid` and `$parse`. Like Step
/// Functions, `$eval` is not offered.
enum JSONataLibrary {
    static let functions: [String: JSONataBuiltin] = {
        var table: [String: JSONataBuiltin] = [:]
        for f in strings + encodings + numbers + aggregates + arrays + objects + higherOrder + dates + stepFunctions {
            table[f.name] = f
        }
        return table
    }()
}

extension Array where Element == JValue? {
    /// The argument at `i`, or undefined when fewer were passed.
    subscript(argument i: Int) -> JValue? { i < count ? self[i] : nil }
}
