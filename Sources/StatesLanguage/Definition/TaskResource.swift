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
    /// The `resource` of Task events: the ARN's part after `states:::`
    /// (`sqs:sendMessage.waitForTaskToken` → `sendMessage.waitForTaskToken`). Made once:
    /// every Task's events name it.
    let actionName: String

    public init(arn: String, kind: Kind, pattern: Pattern) {
        self.arn = arn
        self.kind = kind
        self.pattern = pattern
        actionName = Self.actionName(arn: arn, kind: kind)
    }

    private static func actionName(arn: String, kind: Kind) -> String {
        guard case .integration(let service, _) = kind else { return arn }
        guard let range = arn.range(of: ":states:::") else { return arn }
        let rest = arn[range.upperBound...]
        if rest.hasPrefix("aws-sdk:"), let colon = rest.dropFirst(8).firstIndex(of: ":") {
            return String(rest[rest.index(after: colon)...])
        }
        if rest.hasPrefix(service + ":") { return String(rest.dropFirst(service.count + 1)) }
        return String(rest)
    }

    public var description: String { arn }
}
