import Foundation
import StepwiseEngine
import StepwiseStore

/// PublishStateMachineVersion, ListStateMachineVersions, DeleteStateMachineVersion, and
/// the aliases' operations.
extension StepFunctionsAPI {
    func publishStateMachineVersion(_ input: PublishStateMachineVersionInput) async throws -> PublishStateMachineVersionOutput {
        let arn = try requireStateMachine(input.stateMachineArn)
        let version = try await engine.publishStateMachineVersion(stateMachineArn: arn, revisionID: input.revisionId,
                                                                  description: input.description)
        return PublishStateMachineVersionOutput(creationDate: version.createdAt, stateMachineVersionArn: version.arn)
    }

    func listStateMachineVersions(_ input: ListStateMachineVersionsInput) async throws -> ListStateMachineVersionsOutput {
        let arn = try requireStateMachine(input.stateMachineArn)
        let page = try await engine.listStateMachineVersions(stateMachineArn: arn, limit: Self.pageSize(input.maxResults),
                                                             cursor: input.nextToken)
        return ListStateMachineVersionsOutput(
            stateMachineVersions: page.items.map { .init(stateMachineVersionArn: $0.arn, creationDate: $0.createdAt) },
            nextToken: page.nextCursor)
    }

    func deleteStateMachineVersion(_ input: DeleteStateMachineVersionInput) async throws -> EmptyOutput {
        let arn = try requireQualified(input.stateMachineVersionArn, version: true)
        try await engine.deleteStateMachineVersion(arn: arn)
        return EmptyOutput()
    }

    func createStateMachineAlias(_ input: CreateStateMachineAliasInput) async throws -> CreateStateMachineAliasOutput {
        for item in input.routingConfiguration ?? [] { _ = try requireQualified(item.stateMachineVersionArn, version: true) }
        let alias = try await engine.createStateMachineAlias(
            name: input.name ?? "", description: input.description, routes: Self.routes(input.routingConfiguration ?? []))
        return CreateStateMachineAliasOutput(stateMachineAliasArn: alias.arn, creationDate: alias.createdAt)
    }

    func describeStateMachineAlias(_ input: StateMachineAliasArnInput) async throws -> DescribeStateMachineAliasOutput {
        let alias = try await engine.describeStateMachineAlias(arn: try requireQualified(input.stateMachineAliasArn, version: false))
        return DescribeStateMachineAliasOutput(
            stateMachineAliasArn: alias.arn, name: alias.name, description: alias.description,
            routingConfiguration: alias.routes.map { .init(stateMachineVersionArn: $0.versionArn, weight: $0.weight) },
            creationDate: alias.createdAt, updateDate: alias.updatedAt)
    }

    func updateStateMachineAlias(_ input: UpdateStateMachineAliasInput) async throws -> UpdateStateMachineAliasOutput {
        let arn = try requireQualified(input.stateMachineAliasArn, version: false)
        guard input.description != nil || input.routingConfiguration != nil else {
            throw StepFunctionsError(.validation, "Either the description or the routingConfiguration must be specified")
        }
        for item in input.routingConfiguration ?? [] { _ = try requireQualified(item.stateMachineVersionArn, version: true) }
        let alias = try await engine.updateStateMachineAlias(arn: arn, description: input.description,
                                                             routes: input.routingConfiguration.map(Self.routes))
        return UpdateStateMachineAliasOutput(updateDate: alias.updatedAt)
    }

    func deleteStateMachineAlias(_ input: StateMachineAliasArnInput) async throws -> EmptyOutput {
        try await engine.deleteStateMachineAlias(arn: try requireQualified(input.stateMachineAliasArn, version: false))
        return EmptyOutput()
    }

    func listStateMachineAliases(_ input: ListStateMachineAliasesInput) async throws -> ListStateMachineAliasesOutput {
        let arn = try requireArn(input.stateMachineArn, "stateMachine")
        let page = try await engine.listStateMachineAliases(stateMachineArn: arn, limit: Self.pageSize(input.maxResults),
                                                            cursor: input.nextToken)
        return ListStateMachineAliasesOutput(
            stateMachineAliases: page.items.map { .init(stateMachineAliasArn: $0.arn, creationDate: $0.createdAt) },
            nextToken: page.nextCursor)
    }

    static func routes(_ items: [RoutingConfigurationListItem]) -> [AliasRoute] {
        items.map { AliasRoute(versionArn: $0.stateMachineVersionArn ?? "", weight: $0.weight ?? 0) }
    }

    /// A state machine's own ARN (no version or alias qualifier), else `InvalidArn`.
    func requireStateMachine(_ arn: String?) throws(StepFunctionsError) -> String {
        let arn = try requireArn(arn, "stateMachine")
        guard case (_, .none)? = engine.arns.splitStateMachine(arn) else {
            throw StepFunctionsError(.invalidArn, "Invalid Arn: 'Expected an unqualified state machine ARN: \(arn)'")
        }
        return arn
    }

    /// A version ARN (`version`) or an alias ARN, else `InvalidArn`.
    func requireQualified(_ arn: String?, version: Bool) throws(StepFunctionsError) -> String {
        let arn = try requireArn(arn, "stateMachine")
        switch engine.arns.splitStateMachine(arn)?.qualifier {
        case .version? where version: return arn
        case .alias? where !version: return arn
        default:
            throw StepFunctionsError(.invalidArn, "Invalid Arn: 'Expected a state machine \(version ? "version" : "alias") ARN: \(arn)'")
        }
    }
}
