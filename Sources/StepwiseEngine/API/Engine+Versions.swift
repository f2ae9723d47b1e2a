import Foundation
import StatesLanguage
import StepwiseStore

/// PublishStateMachineVersion, DescribeStateMachine on a version, ListStateMachineVersions,
/// DeleteStateMachineVersion, and what StartExecution runs for a qualified ARN.
extension Engine {
    /// Publishes the state machine's current revision as a version. When `revisionID` is
    /// given it must be the current revision (else `ConflictException`); publishing a
    /// revision that already has a version returns that version, as AWS does.
    public func publishStateMachineVersion(stateMachineArn: String, revisionID: String? = nil,
                                           description: String? = nil) async throws -> StateMachineVersionRecord {
        switch try await store.publishStateMachineVersion(stateMachineArn: stateMachineArn, expectedRevisionID: revisionID,
                                                          description: description, now: clock.now()) {
        case .published(let version):
            // Executions of the version run this text (normally kept already by the update).
            try await store.saveDefinition(id: Self.definitionID(version.definition), text: version.definition)
            return version
        case .existing(let version):
            return version
        case .revisionMismatch(let current):
            throw EngineError.conflict(
                "Failed to publish the State Machine version: revision '\(revisionID ?? "")' is not the current revision '\(current)'.")
        case .stateMachineNotFound:
            throw EngineError.stateMachineDoesNotExist(arn: stateMachineArn)
        }
    }

    /// A version by its ARN (`StateMachineDoesNotExist` when there is none).
    public func describeStateMachineVersion(arn: String) async throws -> StateMachineVersionRecord {
        guard let version = try await store.stateMachineVersion(arn: arn) else { throw EngineError.stateMachineDoesNotExist(arn: arn) }
        return version
    }

    /// Newest first. A state machine that does not exist has no versions (AWS answers an
    /// empty list).
    public func listStateMachineVersions(stateMachineArn: String, limit: Int, cursor: String?) async throws -> Page<StateMachineVersionRecord> {
        try await store.listStateMachineVersions(stateMachineArn: stateMachineArn, limit: limit, cursor: cursor)
    }

    /// Deletes a version; refused (`ConflictException`) while an alias routes to it.
    /// Deleting one that does not exist succeeds.
    public func deleteStateMachineVersion(arn: String) async throws {
        if case .referenced(let aliases) = try await store.deleteStateMachineVersion(arn: arn) {
            throw EngineError.conflict(
                "Version to be deleted must not be referenced by an alias. Current list of aliases referencing this version: [\(aliases.joined(separator: ", "))]")
        }
    }

    /// What a StartExecution names: the state machine itself (its latest revision), one of
    /// its versions, or an alias, which picks one of its versions by weight.
    public struct ExecutionTarget: Sendable {
        /// The state machine, with the definition, role and type the execution runs.
        public var machine: StateMachineRecord
        public var versionArn: String?
        public var aliasArn: String?
    }

    /// Resolves a state machine, version or alias ARN (`StateMachineDoesNotExist` when it
    /// names nothing). An alias's pick is random, from the engine's ``Entropy``.
    public func executionTarget(_ arn: String) async throws -> ExecutionTarget {
        guard let (machineArn, qualifier) = arns.splitStateMachine(arn) else { throw EngineError.stateMachineDoesNotExist(arn: arn) }
        guard var machine = try await stateMachines.value(for: machineArn, now: clock.now(), read: {
            try await store.stateMachine(arn: machineArn)
        }) else { throw EngineError.stateMachineDoesNotExist(arn: machineArn) }
        switch qualifier {
        case .none:
            return ExecutionTarget(machine: machine)
        case .version:
            let version = try await describeStateMachineVersion(arn: arn)
            machine.apply(version)
            return ExecutionTarget(machine: machine, versionArn: version.arn)
        case .alias:
            guard let alias = try await store.stateMachineAlias(arn: arn),
                let versionArn = AliasRouting.pick(alias.routes, random: entropy.next()) else {
                throw EngineError.stateMachineDoesNotExist(arn: arn)
            }
            let version = try await describeStateMachineVersion(arn: versionArn)
            machine.apply(version)
            return ExecutionTarget(machine: machine, versionArn: version.arn, aliasArn: alias.arn)
        }
    }
}

extension Engine.ExecutionTarget {
    init(machine: StateMachineRecord) {
        self.init(machine: machine, versionArn: nil, aliasArn: nil)
    }
}

extension StateMachineRecord {
    /// The record as the version has it: what an execution of the version runs.
    mutating func apply(_ version: StateMachineVersionRecord) {
        definition = version.definition
        roleArn = version.roleArn
        type = version.type
        revisionID = version.revisionID
    }
}

/// How an alias splits executions between its versions.
public enum AliasRouting {
    /// The version that gets one execution: each route's chance is its weight in percent.
    /// `random` is 64 random bits (from ``Entropy``), so tests choose the outcome. Nil only
    /// when no route has weight (never for a valid alias).
    public static func pick(_ routes: [AliasRoute], random: UInt64) -> String? {
        let total = routes.reduce(0) { $0 + max($1.weight, 0) }
        guard total > 0 else { return nil }
        var point = Int(random % UInt64(total))
        for route in routes where route.weight > 0 {
            if point < route.weight { return route.versionArn }
            point -= route.weight
        }
        return routes.last { $0.weight > 0 }?.versionArn
    }
}
