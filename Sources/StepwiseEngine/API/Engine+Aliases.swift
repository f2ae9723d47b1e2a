import Foundation
import StepwiseStore

/// CreateStateMachineAlias, DescribeStateMachineAlias, UpdateStateMachineAlias,
/// DeleteStateMachineAlias, ListStateMachineAliases.
extension Engine {
    /// Creates an alias routing to one or two versions of one state machine, with weights
    /// summing to 100. Creating the same alias again (same description and routes) returns
    /// it; another configuration under that name is `ConflictException`.
    public func createStateMachineAlias(name: String, description: String?, routes: [AliasRoute]) async throws -> StateMachineAliasRecord {
        guard ARNs.isValidAliasName(name) else { throw EngineError.invalidName("Invalid Name: '\(name)'") }
        let machineArn = try checkRoutes(routes, of: nil)
        let now = clock.now()
        let record = StateMachineAliasRecord(arn: "\(machineArn):\(name)", stateMachineArn: machineArn, name: name,
                                             description: description, routes: routes, createdAt: now, updatedAt: now)
        do {
            try await store.createStateMachineAlias(record)
            return record
        } catch StoreError.alreadyExists {
            guard let existing = try await store.stateMachineAlias(arn: record.arn) else { throw EngineError.conflict("Alias '\(record.arn)' is being changed.") }
            if existing.description == description, existing.routes == routes { return existing }
            throw EngineError.conflict("Alias '\(record.arn)' already exists with a different configuration.")
        } catch StoreError.notFound(let version) {
            throw EngineError.resourceNotFound(arn: version)
        }
    }

    /// `ResourceNotFound` when there is no such alias.
    public func describeStateMachineAlias(arn: String) async throws -> StateMachineAliasRecord {
        guard let alias = try await store.stateMachineAlias(arn: arn) else { throw EngineError.resourceNotFound(arn: arn) }
        return alias
    }

    /// Changes the description, the routes, or both.
    public func updateStateMachineAlias(arn: String, description: String?, routes: [AliasRoute]?) async throws -> StateMachineAliasRecord {
        var alias = try await describeStateMachineAlias(arn: arn)
        if let routes {
            _ = try checkRoutes(routes, of: alias.stateMachineArn)
            alias.routes = routes
        }
        if let description { alias.description = description }
        alias.updatedAt = clock.now()
        do {
            try await store.updateStateMachineAlias(alias)
        } catch StoreError.notFound(let what) {
            throw EngineError.resourceNotFound(arn: what)
        }
        return alias
    }

    /// `ResourceNotFound` when there is no such alias.
    public func deleteStateMachineAlias(arn: String) async throws {
        guard try await store.deleteStateMachineAlias(arn: arn) else { throw EngineError.resourceNotFound(arn: arn) }
    }

    /// The aliases of a state machine; given a version ARN, those that route to it.
    public func listStateMachineAliases(stateMachineArn arn: String, limit: Int, cursor: String?) async throws -> Page<StateMachineAliasRecord> {
        guard let (machineArn, qualifier) = arns.splitStateMachine(arn) else { throw EngineError.stateMachineDoesNotExist(arn: arn) }
        _ = try await describeStateMachine(arn: machineArn)
        switch qualifier {
        case .none:
            return try await store.listStateMachineAliases(stateMachineArn: machineArn, routingTo: nil, limit: limit, cursor: cursor)
        case .version:
            guard try await store.stateMachineVersion(arn: arn) != nil else { throw EngineError.resourceNotFound(arn: arn) }
            return try await store.listStateMachineAliases(stateMachineArn: machineArn, routingTo: arn, limit: limit, cursor: cursor)
        case .alias:
            throw EngineError.invalidArn("Invalid Arn: 'Expected a state machine or version ARN: \(arn)'")
        }
    }

    /// Checks a routing configuration: one or two distinct versions of one state machine
    /// (`machineArn`, when given), weights of 0–100 that sum to 100. Returns the machine.
    func checkRoutes(_ routes: [AliasRoute], of machineArn: String?) throws -> String {
        guard (1...2).contains(routes.count) else {
            throw EngineError.validation("Routing configuration must contain one or two state machine versions.")
        }
        var machine = machineArn
        for route in routes {
            guard let (owner, qualifier) = arns.splitStateMachine(route.versionArn), case .version = qualifier else {
                throw EngineError.invalidArn("Invalid Arn: 'Expected a state machine version ARN: \(route.versionArn)'")
            }
            if let machine, machine != owner {
                throw EngineError.validation("All versions in the routing configuration must belong to the state machine '\(machine)'.")
            }
            machine = owner
            guard (0...100).contains(route.weight) else {
                throw EngineError.validation("Routing weights must be between 0 and 100.")
            }
        }
        guard Set(routes.map(\.versionArn)).count == routes.count else {
            throw EngineError.validation("Routing configuration must not name the same version twice.")
        }
        guard routes.reduce(0, { $0 + $1.weight }) == 100 else {
            throw EngineError.validation("Sum of routing configuration weights must be equal to 100.")
        }
        return machine ?? ""
    }
}
