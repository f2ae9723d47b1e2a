import Foundation

/// A published version of a state machine: an immutable copy of one revision
/// (PublishStateMachineVersion). Its ARN is the state machine's followed by `:N`.
public struct StateMachineVersionRecord: Sendable, Equatable {
    /// `…:stateMachine:NAME:N`.
    public var arn: String
    /// The state machine's (unqualified) ARN.
    public var stateMachineArn: String
    /// 1, 2, …: never reused, even after the version is deleted (as on AWS).
    public var version: Int
    public var type: StateMachineType
    public var definition: String
    public var roleArn: String
    /// The version's own description (`versionDescription`).
    public var description: String?
    /// The state machine's revision this version copies.
    public var revisionID: String
    public var createdAt: Date
    public var loggingConfiguration: String?
    public var tracingConfiguration: String?

    public init(arn: String, stateMachineArn: String, version: Int, type: StateMachineType, definition: String,
                roleArn: String, description: String? = nil, revisionID: String, createdAt: Date,
                loggingConfiguration: String? = nil, tracingConfiguration: String? = nil) {
        self.arn = arn
        self.stateMachineArn = stateMachineArn
        self.version = version
        self.type = type
        self.definition = definition
        self.roleArn = roleArn
        self.description = description
        self.revisionID = revisionID
        self.createdAt = createdAt
        self.loggingConfiguration = loggingConfiguration
        self.tracingConfiguration = tracingConfiguration
    }
}

/// One entry of an alias's `routingConfiguration`: a version and the percentage of
/// executions it receives.
public struct AliasRoute: Sendable, Equatable {
    public var versionArn: String
    /// 0–100; the routes of one alias sum to 100.
    public var weight: Int

    public init(versionArn: String, weight: Int) {
        self.versionArn = versionArn
        self.weight = weight
    }
}

/// A state machine alias: a name (`…:stateMachine:NAME:ALIAS`) that routes executions to
/// one or two versions by weight.
public struct StateMachineAliasRecord: Sendable, Equatable {
    public var arn: String
    /// The state machine's (unqualified) ARN.
    public var stateMachineArn: String
    public var name: String
    public var description: String?
    /// In the order given (at most two routes).
    public var routes: [AliasRoute]
    public var createdAt: Date
    public var updatedAt: Date

    public init(arn: String, stateMachineArn: String, name: String, description: String? = nil, routes: [AliasRoute],
                createdAt: Date, updatedAt: Date) {
        self.arn = arn
        self.stateMachineArn = stateMachineArn
        self.name = name
        self.description = description
        self.routes = routes
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// What PublishStateMachineVersion did.
public enum VersionPublication: Sendable, Equatable {
    /// A new version of the current revision.
    case published(StateMachineVersionRecord)
    /// The current revision already had this version: publishing it again returns it.
    case existing(StateMachineVersionRecord)
    /// The state machine's current revision is not the one expected.
    case revisionMismatch(currentRevisionID: String)
    /// No such state machine.
    case stateMachineNotFound
}

/// What deleting a version did.
public enum VersionDeletion: Sendable, Equatable {
    case deleted
    /// No such version (deleting it succeeds, as on AWS).
    case absent
    /// Aliases route to it: it stays.
    case referenced(aliasArns: [String])
}

/// Which executions of a state machine a listing returns.
public struct ExecutionFilter: Sendable, Equatable {
    /// The state machine's (unqualified) ARN.
    public var stateMachineArn: String
    public var status: ExecutionStatus?
    /// Only those started through this version (`stateMachineVersionArn`).
    public var versionArn: String?
    /// Only those started through this alias.
    public var aliasArn: String?
    /// `redriveFilter`: true for executions redriven at least once, false for the others.
    public var redriven: Bool?

    public init(stateMachineArn: String, status: ExecutionStatus? = nil, versionArn: String? = nil, aliasArn: String? = nil,
                redriven: Bool? = nil) {
        self.stateMachineArn = stateMachineArn
        self.status = status
        self.versionArn = versionArn
        self.aliasArn = aliasArn
        self.redriven = redriven
    }
}

/// RedriveExecution as the store performs it, in one transaction.
public struct RedriveRequest: Sendable, Equatable {
    public var executionArn: String
    /// AWS's idempotency token: a token that already redrove this execution (within
    /// ``clientTokenLifetime``) redrives nothing and answers that redrive again.
    public var clientToken: String?
    /// The entry that tells the engine to redrive the execution, put first in its inbox.
    public var payload: String
    public var now: Date
    /// Executions that stopped before this are no longer redrivable (AWS: 14 days).
    public var redrivableSince: Date

    /// AWS honours a client token for 15 minutes.
    public static let clientTokenLifetime: TimeInterval = 15 * 60
    /// AWS remembers the last 10 tokens of an execution.
    public static let rememberedClientTokens = 10

    public init(executionArn: String, clientToken: String?, payload: String, now: Date, redrivableSince: Date) {
        self.executionArn = executionArn
        self.clientToken = clientToken
        self.payload = payload
        self.now = now
        self.redrivableSince = redrivableSince
    }
}

/// What RedriveExecution did.
public enum RedriveOutcome: Sendable, Equatable {
    /// RUNNING again: `redriveCount` one more, `redriveDate` now, the stop date, output,
    /// error and cause cleared, and the request's payload in its inbox.
    case redriven(ExecutionRecord)
    /// The client token already redrove it (at `redriveDate`): nothing changed.
    case repeated(redriveDate: Date)
    /// RUNNING, SUCCEEDED, or stopped before `redrivableSince`.
    case notRedrivable(ExecutionRecord)
    case notFound
}
