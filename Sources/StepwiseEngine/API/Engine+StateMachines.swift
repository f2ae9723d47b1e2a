import Foundation
import StatesLanguage
import StepwiseStore

/// CreateStateMachine, DescribeStateMachine, UpdateStateMachine, DeleteStateMachine,
/// ListStateMachines, ValidateStateMachineDefinition.
extension Engine {
    /// Validates `definition` as a state machine of `type`; every problem found.
    public func validate(definition: String, type: StatesLanguage.StateMachineType = .standard) -> [Diagnostic] {
        do {
            _ = try StateMachine(parsing: definition, type: type)
            return []
        } catch {
            return error.diagnostics
        }
    }

    /// Creates a state machine. Creating one with the same name, definition, role and type
    /// again returns the existing one (AWS's idempotent answer); a different one with
    /// that name is `StateMachineAlreadyExists`.
    public func createStateMachine(name: String, definition: String, roleArn: String,
                                   type: StepwiseStore.StateMachineType = .standard, description: String? = nil,
                                   loggingConfiguration: String? = nil, tracingConfiguration: String? = nil) async throws -> StateMachineRecord {
        guard ARNs.isValidName(name) else { throw EngineError.invalidName("Invalid Name: '\(name)'") }
        let diagnostics = validate(definition: definition, type: type == .express ? .express : .standard)
        if !diagnostics.isEmpty { throw EngineError.invalidDefinition(diagnostics) }
        try await checkLogging(loggingConfiguration)
        let arn = arns.stateMachine(name)
        let now = clock.now()
        let record = StateMachineRecord(
            arn: arn, name: name, type: type, definition: definition, roleArn: roleArn, description: description,
            createdAt: now, updatedAt: now, revisionID: RandomBytes.uuidString(),
            loggingConfiguration: loggingConfiguration, tracingConfiguration: tracingConfiguration)
        do {
            try await store.saveDefinition(id: Self.definitionID(definition), text: definition)
            try await store.createStateMachine(record)
            loggingChanged(record, arn: arn)
            return record
        } catch StoreError.alreadyExists {
            guard let existing = try await store.stateMachine(arn: arn) else { throw EngineError.stateMachineAlreadyExists(arn: arn) }
            if existing.definition == definition, existing.roleArn == roleArn, existing.type == type { return existing }
            throw EngineError.stateMachineAlreadyExists(arn: arn)
        }
    }

    public func describeStateMachine(arn: String) async throws -> StateMachineRecord {
        guard let record = try await store.stateMachine(arn: arn) else { throw EngineError.stateMachineDoesNotExist(arn: arn) }
        return record
    }

    /// Changes the definition, role or description. Running executions keep the
    /// definition they started with. An update that changes nothing keeps the revision (and
    /// writes nothing), as on AWS: publishing after it finds the same version.
    public func updateStateMachine(arn: String, definition: String?, roleArn: String?, description: String? = nil,
                                   loggingConfiguration: String? = nil, tracingConfiguration: String? = nil) async throws -> StateMachineRecord {
        var record = try await describeStateMachine(arn: arn)
        try await checkLogging(loggingConfiguration)
        let unchanged = (definition ?? record.definition) == record.definition && (roleArn ?? record.roleArn) == record.roleArn
            && (description ?? record.description) == record.description
            && (loggingConfiguration ?? record.loggingConfiguration) == record.loggingConfiguration
            && (tracingConfiguration ?? record.tracingConfiguration) == record.tracingConfiguration
        if unchanged { return record }
        if let definition {
            let diagnostics = validate(definition: definition, type: record.type == .express ? .express : .standard)
            if !diagnostics.isEmpty { throw EngineError.invalidDefinition(diagnostics) }
            try await store.saveDefinition(id: Self.definitionID(definition), text: definition)
            record.definition = definition
        }
        if let roleArn { record.roleArn = roleArn }
        if let description { record.description = description }
        if let loggingConfiguration { record.loggingConfiguration = loggingConfiguration }
        if let tracingConfiguration { record.tracingConfiguration = tracingConfiguration }
        record.updatedAt = clock.now()
        record.revisionID = RandomBytes.uuidString()
        try await store.updateStateMachine(record)
        stateMachines.remove(arn)
        loggingChanged(record, arn: arn)
        return record
    }

    /// Deletes a state machine (deleting one that does not exist succeeds, as on AWS).
    public func deleteStateMachine(arn: String) async throws {
        try await store.deleteStateMachine(arn: arn)
        stateMachines.remove(arn)
        loggingChanged(nil, arn: arn)
    }

    public func listStateMachines(limit: Int, cursor: String?) async throws -> Page<StateMachineRecord> {
        try await store.listStateMachines(limit: limit, cursor: cursor)
    }
}
