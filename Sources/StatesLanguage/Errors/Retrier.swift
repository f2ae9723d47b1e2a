/// One `Retry` entry.
public struct Retrier: Sendable, Equatable {
    public enum JitterStrategy: String, Sendable { case full = "FULL", none = "NONE" }

    public var errorEquals: [ErrorName]
    /// Seconds before the first retry (default 1).
    public var intervalSeconds: Int
    /// Retries at most (default 3; 0 means never).
    public var maxAttempts: Int
    /// Multiplier of the interval after each attempt (default 2.0, at least 1.0).
    public var backoffRate: Double
    /// Cap on any one interval.
    public var maxDelaySeconds: Int?
    public var jitterStrategy: JitterStrategy

    public init(errorEquals: [ErrorName], intervalSeconds: Int = 1, maxAttempts: Int = 3, backoffRate: Double = 2.0,
                maxDelaySeconds: Int? = nil, jitterStrategy: JitterStrategy = .none) {
        self.errorEquals = errorEquals
        self.intervalSeconds = intervalSeconds
        self.maxAttempts = maxAttempts
        self.backoffRate = backoffRate
        self.maxDelaySeconds = maxDelaySeconds
        self.jitterStrategy = jitterStrategy
    }
}

/// One `Catch` entry.
public struct Catcher: Sendable, Equatable {
    public var errorEquals: [ErrorName]
    /// Where the error output goes in the state's input (`$` by default).
    public var resultPath: ResultPath
    /// Index of the `Next` state.
    public var next: Int
    /// `Assign`: its `$` is the error output (`{"Error", "Cause"}`).
    public var assignment: Assignment?
    /// `Output` (JSONata states): the state's output when caught, from
    /// `$states.errorOutput` (the error output itself when absent).
    public var output: JSONataTemplate?

    public init(errorEquals: [ErrorName], resultPath: ResultPath = .default, next: Int, assignment: Assignment? = nil,
                output: JSONataTemplate? = nil) {
        self.errorEquals = errorEquals
        self.resultPath = resultPath
        self.next = next
        self.assignment = assignment
        self.output = output
    }
}
