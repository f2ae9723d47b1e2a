import Foundation

/// A parsed JSONata 2.x expression, as Step Functions evaluates `{% … %}` fields of
/// states whose `QueryLanguage` is `JSONata`.
///
/// Parse once, evaluate many times. Evaluation is pure: `$now()`, `$millis()`,
/// `$random()` and `$uuid()` read their values from the ``JSONataEnvironment``.
///
/// ```swift
/// let e = try JSONataExpression("$sum(Account.Order.Product.(Price * Quantity))")
/// let environment = JSONataEnvironment(now: now, random: { rng.next() }, uuid: { UUID().uuidString.lowercased() })
/// let total = try e.evaluate(input, environment: environment)
/// ```
public struct JSONataExpression: Sendable {
    /// The expression's text.
    public let text: String
    let root: JSONataNode

    /// Parses `text`; a syntax error has JSONata's `S0…` code and position.
    public init(_ text: String) throws(JSONataError) {
        self.text = text
        self.root = try JSONataParser.parse(text)
    }

    /// Evaluates the expression against `input` (`nil` is no input at all).
    ///
    /// - Parameter bindings: variables the expression can read, such as `states` for
    ///   `$states.input`, or workflow variables.
    /// - Returns: the result, or `nil` when the expression evaluates to nothing (JSONata's
    ///   `undefined`), which Step Functions reports as an error in most fields.
    /// - Throws: ``JSONataError`` with JSONata's code; a function as the result is an
    ///   error because JSON cannot hold it.
    public func evaluate(
        _ input: JSON?, bindings: [String: JSON] = [:], environment: JSONataEnvironment
    ) throws(JSONataError) -> JSON? {
        var value = input.map(JValue.init)
        if let whole = value, case .array = whole {
            // JSONata wraps an array input so that a path starts from it as one value.
            var wrapper = JArray([whole], sequence: true)
            wrapper.isOuterWrapper = true
            value = .array(wrapper)
        }
        let frame = JSONataFrame(parent: nil)
        frame.bind("$", input.map(JValue.init))
        for (name, json) in bindings { frame.bind(name, JValue(json)) }
        let evaluator = JSONataEvaluator(environment: environment)
        var result = try evaluator.evaluate(root, value, frame)
        if case .array(let a)? = result, a.isSequence, a.items.count == 1, !a.keepSingleton {
            result = a.items[0]
        }
        return try result?.json()
    }
}

/// What a JSONata evaluation may read from outside: the time and sources of randomness.
///
/// Step Functions evaluates every expression of a state with the same `$now()`.
public struct JSONataEnvironment: Sendable {
    /// The instant `$now()` and `$millis()` return.
    public var now: Date
    /// A number in [0, 1) for `$random()` and `$shuffle`.
    public var random: @Sendable () -> Double
    /// A version 4 UUID for `$uuid()`.
    public var uuid: @Sendable () -> String
    /// An evaluation that takes more steps than this fails instead of running on.
    public var maxEvaluationSteps: Int
    /// How deeply expressions may nest during evaluation (recursive calls count); deeper
    /// fails with `U1001`. Evaluation also stops with `U1001` before the thread's stack
    /// runs out, whichever comes first.
    public var maxDepth: Int
    /// How many bytes of the calling thread's stack an evaluation may use; recursion that
    /// would use more fails with `U1001`. The default leaves room on a 512 KiB thread.
    public var maxStackBytes: Int

    public init(
        now: Date,
        random: @escaping @Sendable () -> Double,
        uuid: @escaping @Sendable () -> String,
        maxEvaluationSteps: Int = 5_000_000,
        maxDepth: Int = 2000,
        maxStackBytes: Int = 320 * 1024
    ) {
        self.now = now
        self.random = random
        self.uuid = uuid
        self.maxEvaluationSteps = maxEvaluationSteps
        self.maxDepth = maxDepth
        self.maxStackBytes = maxStackBytes
    }
}
