/// A Task's `Resource`, parsed: which integration, and which of AWS's three patterns.
public struct TaskResource: Sendable, Hashable, CustomStringConvertible {
    /// How the Task waits for its work (the `.sync` / `.waitForTaskToken` suffix).
    public enum Pattern: String, Sendable, Hashable {
        /// Call and move on with the response.
        case requestResponse
        /// `.sync`: wait for the job to finish.
        case sync
        /// `.sync:2`: like `.sync`, with parsed JSON output.
        case sync2
        /// `.waitForTaskToken`: wait for SendTaskSuccess/Failure with the token.
        case waitForTaskToken
    }

    /// What the ARN names.
    public enum Kind: Sendable, Hashable {
        /// `arn:aws:states:::SERVICE:ACTION[.pattern]` (and `aws-sdk:SERVICE:ACTION`).
        case integration(service: String, action: String)
        /// `arn:aws:states:REGION:ACCOUNT:activity:NAME`
        case activity(arn: String)
        /// `arn:aws:lambda:REGION:ACCOUNT:function:NAME` — a plain Lambda function ARN.
        case function(arn: String)
    }

    /// The `Resource` text as written.
    public let arn: String
    public let kind: Kind
    public let pattern: Pattern

    public init(arn: String, kind: Kind, pattern: Pattern) {
        self.arn = arn
        self.kind = kind
        self.pattern = pattern
    }

    public var description: String { arn }
}
