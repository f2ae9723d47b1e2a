import Foundation

// PublishStateMachineVersion, ListStateMachineVersions, DeleteStateMachineVersion,
// CreateStateMachineAlias, DescribeStateMachineAlias, UpdateStateMachineAlias,
// DeleteStateMachineAlias, ListStateMachineAliases.

struct PublishStateMachineVersionInput: ValidatedRequest {
    var stateMachineArn: String?
    var revisionId: String?
    var description: String?

    func validate(_ v: inout FieldValidator) {
        v.arn("stateMachineArn", stateMachineArn)
        v.length("description", description, max: 256)
    }
}

struct PublishStateMachineVersionOutput: Encodable {
    var creationDate: Date
    var stateMachineVersionArn: String
}

struct ListStateMachineVersionsInput: ValidatedRequest {
    var stateMachineArn: String?
    var nextToken: String?
    var maxResults: Int?

    func validate(_ v: inout FieldValidator) {
        v.arn("stateMachineArn", stateMachineArn)
        v.pageSize(maxResults, nextToken: nextToken)
    }
}

struct ListStateMachineVersionsOutput: Encodable {
    struct Item: Encodable {
        var stateMachineVersionArn: String
        var creationDate: Date
    }

    var stateMachineVersions: [Item]
    var nextToken: String?
}

struct DeleteStateMachineVersionInput: ValidatedRequest {
    var stateMachineVersionArn: String?

    func validate(_ v: inout FieldValidator) {
        v.length("stateMachineVersionArn", stateMachineVersionArn, min: 1, max: 2000, required: true)
    }
}

/// `RoutingConfigurationListItem`.
struct RoutingConfigurationListItem: Codable, Sendable, Equatable {
    var stateMachineVersionArn: String?
    var weight: Int?
}

struct CreateStateMachineAliasInput: ValidatedRequest {
    var description: String?
    var name: String?
    var routingConfiguration: [RoutingConfigurationListItem]?

    func validate(_ v: inout FieldValidator) {
        v.length("description", description, max: 256)
        v.name("name", name, required: true)
        v.routing(routingConfiguration, required: true)
    }
}

struct CreateStateMachineAliasOutput: Encodable {
    var stateMachineAliasArn: String
    var creationDate: Date
}

struct StateMachineAliasArnInput: ValidatedRequest {
    var stateMachineAliasArn: String?
    func validate(_ v: inout FieldValidator) { v.arn("stateMachineAliasArn", stateMachineAliasArn) }
}

struct DescribeStateMachineAliasOutput: Encodable {
    var stateMachineAliasArn: String
    var name: String
    var description: String?
    var routingConfiguration: [RoutingConfigurationListItem]
    var creationDate: Date
    var updateDate: Date
}

struct UpdateStateMachineAliasInput: ValidatedRequest {
    var stateMachineAliasArn: String?
    var description: String?
    var routingConfiguration: [RoutingConfigurationListItem]?

    func validate(_ v: inout FieldValidator) {
        v.arn("stateMachineAliasArn", stateMachineAliasArn)
        v.length("description", description, max: 256)
        v.routing(routingConfiguration, required: false)
    }
}

struct UpdateStateMachineAliasOutput: Encodable {
    var updateDate: Date
}

struct ListStateMachineAliasesInput: ValidatedRequest {
    var stateMachineArn: String?
    var nextToken: String?
    var maxResults: Int?

    func validate(_ v: inout FieldValidator) {
        v.arn("stateMachineArn", stateMachineArn)
        v.pageSize(maxResults, nextToken: nextToken)
    }
}

struct ListStateMachineAliasesOutput: Encodable {
    struct Item: Encodable {
        var stateMachineAliasArn: String
        var creationDate: Date
    }

    var stateMachineAliases: [Item]
    var nextToken: String?
}

extension FieldValidator {
    /// `RoutingConfigurationList`: one or two items, each a version ARN and a weight of 0–100.
    mutating func routing(_ items: [RoutingConfigurationListItem]?, required: Bool) {
        guard let items else {
            if required { self.required("routingConfiguration", Optional<[RoutingConfigurationListItem]>.none) }
            return
        }
        count("routingConfiguration", items, min: 1, max: 2)
        for (index, item) in items.enumerated() {
            arn("routingConfiguration.\(index + 1).member.stateMachineVersionArn", item.stateMachineVersionArn)
            self.required("routingConfiguration.\(index + 1).member.weight", item.weight)
            range("routingConfiguration.\(index + 1).member.weight", item.weight, min: 0, max: 100)
        }
    }
}
