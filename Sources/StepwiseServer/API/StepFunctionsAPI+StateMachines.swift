import Foundation
import StatesLanguage
import StepwiseEngine
import StepwiseStore

extension StepFunctionsAPI {
    func createStateMachine(_ input: CreateStateMachineInput) async throws -> CreateStateMachineOutput {
        try Self.checkPublish(input.publish, input.versionDescription)
        let roleArn = input.roleArn ?? ""
        guard roleArn.hasPrefix("arn:") else { throw StepFunctionsError.invalidArn(roleArn) }
        let record = try await engine.createStateMachine(
            name: input.name ?? "", definition: input.definition ?? "", roleArn: roleArn,
            type: input.type.flatMap(StepwiseStore.StateMachineType.init(rawValue:)) ?? .standard,
            loggingConfiguration: input.loggingConfiguration?.jsonText,
            tracingConfiguration: input.tracingConfiguration?.jsonText)
        if let tags = input.tags, !tags.isEmpty { try await engine.tagResource(arn: record.arn, tags: Self.dictionary(tags)) }
        var versionArn: String?
        if input.publish == true {
            versionArn = try await engine.publishStateMachineVersion(
                stateMachineArn: record.arn, revisionID: record.revisionID, description: input.versionDescription).arn
        }
        return CreateStateMachineOutput(stateMachineArn: record.arn, creationDate: record.createdAt, stateMachineVersionArn: versionArn)
    }

    /// AWS: "You can only set the description if the publish parameter is set to true."
    static func checkPublish(_ publish: Bool?, _ versionDescription: String?) throws(StepFunctionsError) {
        if versionDescription != nil, publish != true {
            throw StepFunctionsError(.validation, "Version description can only be set when publish is true")
        }
    }

    /// A version ARN describes that version: its definition, role, revision and
    /// description, created when it was published.
    func describeStateMachine(_ input: DescribeStateMachineInput) async throws -> DescribeStateMachineOutput {
        let arn = try requireArn(input.stateMachineArn, "stateMachine")
        switch engine.arns.splitStateMachine(arn)?.qualifier {
        case .version?:
            let version = try await engine.describeStateMachineVersion(arn: arn)
            let machine = try await engine.describeStateMachine(arn: version.stateMachineArn)
            return DescribeStateMachineOutput(
                stateMachineArn: version.arn, name: machine.name, status: "ACTIVE", definition: version.definition,
                roleArn: version.roleArn, type: version.type.rawValue, creationDate: version.createdAt,
                loggingConfiguration: (LoggingConfiguration(jsonText: version.loggingConfiguration) ?? .off).described,
                tracingConfiguration: TracingConfiguration(jsonText: version.tracingConfiguration) ?? .off,
                revisionId: version.revisionID, description: version.description)
        case .alias?:
            throw StepFunctionsError(.invalidArn, "Invalid Arn: 'DescribeStateMachine does not describe aliases; use DescribeStateMachineAlias: \(arn)'")
        default:
            break
        }
        let record = try await engine.describeStateMachine(arn: arn)
        return DescribeStateMachineOutput(
            stateMachineArn: record.arn, name: record.name, status: "ACTIVE", definition: record.definition,
            roleArn: record.roleArn, type: record.type.rawValue, creationDate: record.createdAt,
            loggingConfiguration: (LoggingConfiguration(jsonText: record.loggingConfiguration) ?? .off).described,
            tracingConfiguration: TracingConfiguration(jsonText: record.tracingConfiguration) ?? .off,
            revisionId: record.describedRevisionID, description: record.description)
    }

    func updateStateMachine(_ input: UpdateStateMachineInput) async throws -> UpdateStateMachineOutput {
        try Self.checkPublish(input.publish, input.versionDescription)
        let arn = try requireStateMachine(input.stateMachineArn)
        if input.definition == nil, input.roleArn == nil, input.loggingConfiguration == nil, input.tracingConfiguration == nil,
           input.encryptionConfiguration == nil {
            throw StepFunctionsError(.missingRequiredParameter,
                                     "Either the definition, the roleArn, the loggingConfiguration, the tracingConfiguration or the encryptionConfiguration must be specified")
        }
        if let roleArn = input.roleArn, !roleArn.hasPrefix("arn:") { throw StepFunctionsError.invalidArn(roleArn) }
        let record = try await engine.updateStateMachine(
            arn: arn, definition: input.definition, roleArn: input.roleArn,
            loggingConfiguration: input.loggingConfiguration?.jsonText,
            tracingConfiguration: input.tracingConfiguration?.jsonText)
        var versionArn: String?
        if input.publish == true {
            // Publishes the revision this update made (a concurrent update is a conflict).
            versionArn = try await engine.publishStateMachineVersion(
                stateMachineArn: arn, revisionID: record.revisionID, description: input.versionDescription).arn
        }
        return UpdateStateMachineOutput(updateDate: record.updatedAt, revisionId: record.revisionID, stateMachineVersionArn: versionArn)
    }

    func deleteStateMachine(_ input: DeleteStateMachineInput) async throws -> EmptyOutput {
        try await engine.deleteStateMachine(arn: try requireArn(input.stateMachineArn, "stateMachine"))
        return EmptyOutput()
    }

    func listStateMachines(_ input: ListStateMachinesInput) async throws -> ListStateMachinesOutput {
        let page = try await engine.listStateMachines(limit: Self.pageSize(input.maxResults), cursor: input.nextToken)
        return ListStateMachinesOutput(
            stateMachines: page.items.map { .init(stateMachineArn: $0.arn, name: $0.name, type: $0.type.rawValue, creationDate: $0.createdAt) },
            nextToken: page.nextCursor)
    }

    func describeStateMachineForExecution(_ input: DescribeStateMachineForExecutionInput) async throws -> DescribeStateMachineForExecutionOutput {
        let execution = try await engine.describeExecution(arn: try requireArn(input.executionArn, "execution", "express"))
        let machine = try await engine.describeStateMachine(arn: execution.stateMachineArn)
        // The definition the execution runs, which later updates do not change: its
        // version's, when it was started through a version or an alias.
        let version = try await execution.stateMachineVersionArn.asyncFlatMap { try await engine.store.stateMachineVersion(arn: $0) }
        let definition = try await engine.store.definition(id: execution.definitionID) ?? version?.definition ?? machine.definition
        return DescribeStateMachineForExecutionOutput(
            stateMachineArn: machine.arn, name: machine.name, definition: definition, roleArn: version?.roleArn ?? machine.roleArn,
            updateDate: version?.createdAt ?? machine.updatedAt,
            loggingConfiguration: (LoggingConfiguration(jsonText: version?.loggingConfiguration ?? machine.loggingConfiguration) ?? .off).described,
            tracingConfiguration: TracingConfiguration(jsonText: version?.tracingConfiguration ?? machine.tracingConfiguration) ?? .off,
            revisionId: version?.revisionID ?? machine.describedRevisionID)
    }

    /// AWS reports errors only unless `severity` is WARNING; `result` is FAIL when any
    /// error was found.
    func validateStateMachineDefinition(_ input: ValidateStateMachineDefinitionInput) async throws -> ValidateStateMachineDefinitionOutput {
        let type: StatesLanguage.StateMachineType = input.type == "EXPRESS" ? .express : .standard
        let all = engine.validate(definition: input.definition ?? "", type: type)
        let shown = all.filter { input.severity == "WARNING" || $0.severity == .error }
        let limit = Self.validationLimit(input.maxResults)
        return ValidateStateMachineDefinitionOutput(
            result: all.contains { $0.severity == .error } ? "FAIL" : "OK",
            diagnostics: shown.prefix(limit).map {
                .init(severity: $0.severity.rawValue, code: $0.code.rawValue, message: $0.message,
                      location: $0.location.isEmpty ? nil : $0.location)
            },
            truncated: shown.count > limit)
    }

    static func validationLimit(_ maxResults: Int?) -> Int {
        guard let maxResults, maxResults > 0 else { return 100 }
        return maxResults
    }

    /// Tags as the store keeps them (the last value of a repeated key wins, as on AWS).
    static func dictionary(_ tags: [Tag]) -> [String: String] {
        var result: [String: String] = [:]
        for tag in tags { if let key = tag.key { result[key] = tag.value ?? "" } }
        return result
    }
}

extension Optional {
    /// `flatMap` with an asynchronous transform.
    func asyncFlatMap<T>(_ transform: (Wrapped) async throws -> T?) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}

extension StateMachineRecord {
    /// DescribeStateMachine's `revisionId`: AWS shows none until an update has changed the
    /// state machine (the revision a create starts with stays internal: versions use it).
    var describedRevisionID: String? { updatedAt > createdAt ? revisionID : nil }
}
