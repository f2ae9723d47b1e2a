import Foundation
import StepwiseStore
import Testing

/// The behaviour every ``Store`` backend must have, written once and run from each
/// backend's tests (as River's `riverdrivertest` is run from each driver's).
///
/// Each behaviour is a public static function taking a factory of *empty* stores; it calls
/// the factory once and asserts with Swift Testing's `#expect`. A backend's tests run them
/// all in one parameterized test:
///
/// ```swift
/// @Test("the store behaves as the protocol says", arguments: StoreConformance.behaviours)
/// func conformance(_ behaviour: StoreConformance.Behaviour) async throws {
///     try await behaviour.run { try SQLiteStore.temporary() }
/// }
/// ```
///
/// Only what the ``Store`` protocol promises is asserted, so every backend can pass.
/// Dates are multiples of 1/8 s (exact in binary, decimal and microseconds), except in the
/// test of millisecond precision.
public enum StoreConformance {
    /// Makes a new, empty store.
    public typealias StoreFactory = @Sendable () async throws -> any Store

    /// One named behaviour.
    public struct Behaviour: Sendable, CustomStringConvertible {
        public var name: String
        public var run: @Sendable (_ makeStore: StoreFactory) async throws -> Void

        public init(_ name: String, _ run: @escaping @Sendable (_ makeStore: StoreFactory) async throws -> Void) {
            self.name = name
            self.run = run
        }

        public var description: String { name }
    }

    /// Every behaviour of the suite.
    public static let behaviours: [Behaviour] = [
        Behaviour("state machines: create, read, update, delete", stateMachineLifecycle),
        Behaviour("state machines: listed in creation order with cursors", stateMachineListing),
        Behaviour("executions: insert, read back, duplicate names", executionInsert),
        Behaviour("executions: listed newest first, by status, with cursors", executionListing),
        Behaviour("executions: dates keep millisecond precision", datePrecision),
        Behaviour("history: pages forwards and backwards", historyPaging),
        Behaviour("claims: leases keep other nodes out until they expire", claimLeases),
        Behaviour("claims: concurrent claimers never share an execution", concurrentClaims),
        Behaviour("commit: consumes the inbox and releases the claim", commitConsumesInbox),
        Behaviour("commit: many executions in one call", groupCommit),
        Behaviour("commit: an ending stops the execution", commitEnding),
        Behaviour("commit: a step from a node whose claim was taken over is dropped", staleCommit),
        Behaviour("eager steps: a new execution is written with its first step; a completed token's execution is claimed in the same write", eagerClaims),
        Behaviour("eager claims: a completion leaves a claimed execution to its holder, which sees it stay runnable", eagerClaimOfHeldExecution),
        Behaviour("eager steps: a completion writes the step computed from what it read, unless the execution moved", steppedCompletion),
        Behaviour("deliver: only to running executions", deliver),
        Behaviour("tokens: complete once, unknown, closed", tokenCompletion),
        Behaviour("tokens: concurrent completions, exactly one wins", tokenCompletionRace),
        Behaviour("tokens: closed by closeTickets and by endings; open-work counts follow", tokenClosing),
        Behaviour("tokens: heartbeats push back the heartbeat timer", tokenHeartbeat),
        Behaviour("timers: fire in due order, up to the limit", timersFireInOrder),
        Behaviour("timers: cancel, re-arm, and close their token", timerCancellation),
        Behaviour("dispatches: claimed under a lease, finished once", dispatches),
        Behaviour("definitions and secrets: kept by id and name, first proposal wins", definitionsAndSecrets),
        Behaviour("commit: deliveries reach other running executions in the same transaction", deliveriesInCommit),
        Behaviour("activities: create, idempotent create, list, delete", activities),
        Behaviour("activity tasks: oldest first, each handed out once", activityTasks),
        Behaviour("activity tasks: concurrent takers never share a task", activityTaskRace),
        Behaviour("tags: set, overwrite, remove", tags),
    ] + versionBehaviours
}

// MARK: Fixtures

extension StoreConformance {
    /// A fixed instant plus `seconds`.
    static func at(_ seconds: Double) -> Date { Date(timeIntervalSinceReferenceDate: 760_000_000 + seconds) }

    static let region = "arn:aws:states:us-east-1:123456789012"

    static func stateMachine(_ name: String, createdAt: Date = at(0)) -> StateMachineRecord {
        StateMachineRecord(
            arn: "\(region):stateMachine:\(name)", name: name, type: .standard,
            definition: #"{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}"#,
            roleArn: "arn:aws:iam::123456789012:role/stepwise", description: "the \(name) machine",
            createdAt: createdAt, updatedAt: createdAt, revisionID: "r-\(name)",
            loggingConfiguration: #"{"level":"OFF"}"#)
    }

    static func execution(_ name: String, of machine: String = "machine", startedAt: Date = at(0),
                          input: String = #"{"n":1}"#) -> ExecutionRecord {
        ExecutionRecord(arn: "\(region):execution:\(machine):\(name)", stateMachineArn: "\(region):stateMachine:\(machine)",
                        name: name, input: input, startDate: startedAt)
    }

    /// Inserts an execution and asserts it was created.
    @discardableResult
    static func start(_ store: any Store, _ name: String, of machine: String = "machine",
                      startedAt: Date = at(0)) async throws -> ExecutionRecord {
        let record = execution(name, of: machine, startedAt: startedAt)
        #expect(try await store.insertExecution(record) == .created)
        return record
    }

    static func event(_ id: Int, _ type: String = "PassStateEntered", at seconds: Double = 0) -> HistoryRecord {
        HistoryRecord(eventID: id, previousEventID: id - 1, timestamp: at(seconds), type: type,
                      detailsKey: "stateEnteredEventDetails", details: #"{"name":"P"}"#)
    }

    static func token(_ id: String, of execution: ExecutionRecord, ticket: Int, activity: String? = nil,
                      createdAt: Date = at(0), heartbeatSeconds: Int? = nil) -> TokenRecord {
        TokenRecord(tokenID: id, token: "signed-\(id)", executionArn: execution.arn, ticket: ticket,
                    createdAt: createdAt, activityArn: activity, input: #"{"task":"\#(id)"}"#,
                    heartbeatSeconds: heartbeatSeconds)
    }

    /// Claims everything runnable for `node` and returns it by execution name.
    static func claimAll(_ store: any Store, node: String = "node-a", now: Date = at(0),
                         lease: TimeInterval = 60) async throws -> [String: ClaimedExecution] {
        let claimed = try await store.claimRunnable(node: node, limit: 1000, now: now, leaseUntil: now + lease)
        return Dictionary(claimed.map { ($0.execution.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    static func isAlreadyExists(_ error: StoreError?) -> Bool {
        if case .alreadyExists = error { true } else { false }
    }

    static func isNotFound(_ error: StoreError?) -> Bool {
        if case .notFound = error { true } else { false }
    }
}
