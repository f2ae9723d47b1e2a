import Foundation

/// Everything Stepwise keeps, behind one narrow protocol grouped by entity.
///
/// Designed for several nodes sharing one database (the PostgreSQL backend): runnable
/// executions and dispatches are *claimed* with a lease by a node, so a node that dies
/// loses nothing — its claims expire and another node takes them. "Now" is always an
/// argument; a backend never reads a clock of its own.
///
/// Durability: every method that returns has committed.
public protocol Store: Sendable {
    // MARK: State machines

    /// Fails with ``StoreError/alreadyExists`` when the ARN is taken.
    func createStateMachine(_ record: StateMachineRecord) async throws
    func stateMachine(arn: String) async throws -> StateMachineRecord?
    /// Replaces the record with the same ARN; fails with ``StoreError/notFound``.
    func updateStateMachine(_ record: StateMachineRecord) async throws
    /// Removes the state machine with its versions and aliases (its executions stay
    /// readable). Returns false when absent.
    @discardableResult func deleteStateMachine(arn: String) async throws -> Bool
    /// Ordered by creation.
    func listStateMachines(limit: Int, cursor: String?) async throws -> Page<StateMachineRecord>

    // MARK: Versions and aliases

    /// Publishes the state machine's current revision as its next version, in one
    /// transaction: refused when `expectedRevisionID` is given and is not the current
    /// revision; the existing version when the current revision was published already.
    func publishStateMachineVersion(stateMachineArn: String, expectedRevisionID: String?, description: String?,
                                    now: Date) async throws -> VersionPublication
    func stateMachineVersion(arn: String) async throws -> StateMachineVersionRecord?
    /// Newest (highest number) first.
    func listStateMachineVersions(stateMachineArn: String, limit: Int, cursor: String?) async throws -> Page<StateMachineVersionRecord>
    /// Deletes a version unless an alias routes to it.
    func deleteStateMachineVersion(arn: String) async throws -> VersionDeletion
    /// Fails with ``StoreError/alreadyExists`` when the ARN is taken, and with
    /// ``StoreError/notFound`` (naming the version) when a route names no version.
    func createStateMachineAlias(_ record: StateMachineAliasRecord) async throws
    func stateMachineAlias(arn: String) async throws -> StateMachineAliasRecord?
    /// Replaces the alias with the same ARN; ``StoreError/notFound`` when it (or a routed
    /// version) does not exist.
    func updateStateMachineAlias(_ record: StateMachineAliasRecord) async throws
    /// Returns false when absent.
    @discardableResult func deleteStateMachineAlias(arn: String) async throws -> Bool
    /// Ordered by creation; with `routingTo`, only the aliases that route to that version.
    func listStateMachineAliases(stateMachineArn: String, routingTo versionArn: String?, limit: Int,
                                 cursor: String?) async throws -> Page<StateMachineAliasRecord>

    // MARK: Definitions

    /// Keeps a definition text under its id (a digest of the text); idempotent.
    func saveDefinition(id: String, text: String) async throws
    func definition(id: String) async throws -> String?

    // MARK: Secrets

    /// The secret stored under `name`; when there is none yet, `proposed` is stored and
    /// returned (the first node to ask decides, for every node).
    func secret(named name: String, proposed: Data) async throws -> Data

    // MARK: Executions

    /// Inserts a RUNNING execution and makes it runnable, unless one of the same state
    /// machine already has the name. With a `firstStep` (computed by `node` before the
    /// execution existed: the engine's eager first step), the step is written in the same
    /// transaction as the insert, and the execution is runnable only if that step leaves it
    /// so; a taken name writes neither.
    func insertExecution(_ record: ExecutionRecord, firstStep: ExecutionStep?, node: String) async throws -> ExecutionInsert
    func execution(arn: String) async throws -> ExecutionRecord?
    /// Newest first, as AWS lists them.
    func listExecutions(stateMachineArn: String, status: ExecutionStatus?, limit: Int, cursor: String?) async throws -> Page<ExecutionRecord>
    /// Newest first, filtered by version, alias, status and redrives.
    func listExecutions(matching filter: ExecutionFilter, limit: Int, cursor: String?) async throws -> Page<ExecutionRecord>
    /// RedriveExecution: an ended execution runs again (see ``RedriveOutcome``).
    func redriveExecution(_ request: RedriveRequest) async throws -> RedriveOutcome
    /// Events after `afterEventID` (ascending) or before it (`reverse`), at most `limit`.
    func history(executionArn: String, after afterEventID: Int?, limit: Int, reverse: Bool) async throws -> [HistoryRecord]

    // MARK: The engine's work

    /// Claims up to `limit` runnable executions not claimed by a live lease, for `node`,
    /// until `leaseUntil`; returns each with its snapshot and pending inbox.
    func claimRunnable(node: String, limit: Int, now: Date, leaseUntil: Date) async throws -> [ClaimedExecution]
    /// Commits steps of several executions in one transaction and releases their claims.
    /// An execution whose inbox received entries past `consumedThrough` stays runnable.
    /// A step is silently dropped when its execution no longer runs, or when another node
    /// now holds its claim (this node's lease expired and the other node redoes the step
    /// from the snapshot): a slow node never writes history twice. Returns how many of the
    /// steps' executions stay runnable that way, so that the caller wakes a worker for them.
    @discardableResult func commit(_ steps: [ExecutionStep], node: String) async throws -> Int
    /// Appends an event to an execution's inbox and makes it runnable (StopExecution,
    /// a task result from a dispatch). Returns false when the execution is not running.
    @discardableResult func deliver(executionArn: String, payload: String, now: Date) async throws -> Bool

    // MARK: Tokens

    /// Closes an open token and delivers `payload` to its execution, in one transaction.
    /// A token completes at most once, whatever the concurrency.
    func completeToken(tokenID: String, payload: String, now: Date) async throws -> TokenCompletion
    /// Completes a token as above, with the inbox entry made from the token's ticket; with a
    /// `lease`, and when no live claim holds the execution, it also claims the execution in
    /// the same transaction and returns it with its snapshot and inbox, to be stepped at once
    /// (the engine's eager step: no worker to wake, no claim transaction of its own).
    func completeToken(tokenID: String, now: Date, claimingFor lease: Lease?,
                       payload: @escaping @Sendable (_ ticket: Int) -> String) async throws -> (TokenCompletion, ClaimedExecution?)
    /// The open token's ticket and its RUNNING execution as a step needs it; nil when the
    /// token is unknown or closed, or its execution no longer runs.
    func tokenWork(tokenID: String, now: Date) async throws -> TokenWork?
    /// Completes the token and writes `step` (computed from ``tokenWork(tokenID:now:)``
    /// with the completion fed in, consuming the inbox it saw) in one transaction, provided
    /// no step was committed since (`stepCount`) and no node holds the execution.
    /// Otherwise it completes the token as
    /// ``completeToken(tokenID:now:claimingFor:payload:)`` does, and the step is discarded.
    func completeToken(tokenID: String, now: Date, step: ExecutionStep, stepCount: Int, node: String, claimingFor lease: Lease?,
                       payload: @escaping @Sendable (_ ticket: Int) -> String) async throws -> SteppedCompletion
    /// Pushes back the token's heartbeat timer to `now + seconds` (if it has one).
    func heartbeat(tokenID: String, now: Date) async throws -> HeartbeatResult
    func token(id: String) async throws -> TokenRecord?

    // MARK: Timers

    /// Fires up to `limit` timers due at `now`: each is deleted, its payload delivered,
    /// its token (if any) closed — in one transaction. Returns how many fired.
    func fireDueTimers(now: Date, limit: Int) async throws -> Int
    /// The earliest due time of any timer.
    func nextTimerDue() async throws -> Date?

    // MARK: Dispatches

    /// Claims up to `limit` dispatches not under a live lease.
    func claimDispatches(node: String, limit: Int, now: Date, leaseUntil: Date) async throws -> [DispatchRecord]
    /// The dispatch was performed (its result delivered); it goes.
    func finishDispatch(id: Int64) async throws

    // MARK: Activities

    func createActivity(_ record: ActivityRecord) async throws -> ActivityRecord
    func activity(arn: String) async throws -> ActivityRecord?
    @discardableResult func deleteActivity(arn: String) async throws -> Bool
    func listActivities(limit: Int, cursor: String?) async throws -> Page<ActivityRecord>
    /// Hands the oldest open, not yet taken task of the activity to `worker`.
    func takeActivityTask(activityArn: String, worker: String?, now: Date) async throws -> TokenRecord?

    // MARK: Tags

    func tags(resourceArn: String) async throws -> [String: String]
    func setTags(resourceArn: String, _ tags: [String: String]) async throws
    func removeTags(resourceArn: String, keys: [String]) async throws

    // MARK: Gauges

    /// How much work is open right now, across every node: for `/metrics`.
    func openWork() async throws -> OpenWork
}

extension Store {
    /// Inserts an execution for the workers to claim.
    public func insertExecution(_ record: ExecutionRecord) async throws -> ExecutionInsert {
        try await insertExecution(record, firstStep: nil, node: "")
    }
}

/// Counts of what the store holds open (the `/metrics` gauges).
public struct OpenWork: Sendable, Equatable {
    /// STANDARD executions with status RUNNING (or pending a redrive).
    public var executions: Int
    /// Task tokens not yet completed, timed out or closed with their execution.
    public var tokens: Int

    public init(executions: Int, tokens: Int) {
        self.executions = executions
        self.tokens = tokens
    }
}

/// What a store can fail with.
public enum StoreError: Error, Sendable, Equatable {
    case alreadyExists(String)
    case notFound(String)
    /// A cursor that this store did not hand out.
    case invalidCursor
    /// The database failed (I/O, corruption, a constraint that should not fail).
    case backend(String)
}
