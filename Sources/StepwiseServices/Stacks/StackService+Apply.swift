import Foundation
import StepwiseDeploy
import StepwiseEngine
import StepwiseStore

/// Each plan entry applied through its service's Swift API. `previous` is what the stack
/// recorded for the logical ID before this deploy: the resource it owns and may update.
extension StackService {
    func apply(_ entry: PlanEntry, previous: StackResourceRecord?, stackName: String) async throws -> StackResourceRecord {
        switch entry {
        case .queue(let plan): try await applyQueue(plan, previous: previous)
        case .topic(let plan): try await applyTopic(plan, previous: previous)
        case .subscription(let plan): try await applySubscription(plan, previous: previous)
        case .function(let plan): try await applyFunction(plan, previous: previous, stackName: stackName)
        case .stateMachine(let plan): try await applyStateMachine(plan, previous: previous, stackName: stackName)
        case .activity(let plan): try await applyActivity(plan, previous: previous)
        case .eventSourceMapping(let plan): try await applyEventSourceMapping(plan, previous: previous)
        case .logGroup(let plan): try await applyLogGroup(plan, previous: previous)
        }
    }

    /// Whether the stack owned this very resource before the deploy.
    private func owns(_ previous: StackResourceRecord?, _ physicalId: String) -> Bool {
        previous?.physicalId == physicalId
    }

    private func record(_ logicalId: String, _ type: String, _ physicalId: String, arn: String?,
                        previous: StackResourceRecord?, reason: String? = nil) -> StackResourceRecord {
        StackResourceRecord(logicalId: logicalId, type: type, physicalId: physicalId, arn: arn,
                            status: previous == nil ? "CREATE_COMPLETE" : "UPDATE_COMPLETE", statusReason: reason)
    }

    // MARK: Queues and topics

    private func applyQueue(_ plan: QueuePlan, previous: StackResourceRecord?) async throws -> StackResourceRecord {
        let url = queues.url(ofQueue: plan.queueName, base: endpoint)
        let exists = (try? await queues.existingQueue(named: plan.queueName)) != nil
        if exists {
            guard owns(previous, url) else { throw ResourceFailure.alreadyExists(type: ResourceType.sqsQueue, identifier: plan.queueName) }
            // FifoQueue is fixed at creation (a change makes a new queue, by a new name). A
            // property removed from the template reverts to its default, as in CloudFormation.
            try await queues.setQueueAttributes(plan.queueName, plan.attributes.filter { $0.key != "FifoQueue" }, replacingAll: true)
        } else {
            try await queues.createQueue(CreateQueueRequest(queueName: plan.queueName, attributes: plan.attributes, tags: plan.tags))
        }
        return record(plan.logicalId, ResourceType.sqsQueue, url, arn: queues.arn(ofQueue: plan.queueName), previous: previous)
    }

    private func applyTopic(_ plan: TopicPlan, previous: StackResourceRecord?) async throws -> StackResourceRecord {
        let arn = topics.arn(ofTopic: plan.topicName)
        if let existing = try? await topics.existingTopic(arn) {
            guard owns(previous, arn) else { throw ResourceFailure.alreadyExists(type: ResourceType.snsTopic, identifier: arn) }
            for (name, value) in plan.attributes.sorted(by: { $0.key < $1.key }) where name != "FifoTopic" && existing.attributes[name] != value {
                try await topics.setTopicAttribute(arn: arn, name: name, value: value)
            }
            // A property removed from the template goes back to its default, as in CloudFormation.
            let removed = Self.topicTemplateAttributes.subtracting(plan.attributes.keys)
            if !removed.isDisjoint(with: existing.attributes.keys) { try await topics.resetTopicAttributes(arn: arn, names: removed) }
        } else {
            try await topics.createTopic(name: plan.topicName, attributes: plan.attributes)
        }
        return record(plan.logicalId, ResourceType.snsTopic, arn, arn: arn, previous: previous)
    }

    /// The topic attributes an `AWS::SNS::Topic`'s properties set (FifoTopic is fixed at creation).
    static let topicTemplateAttributes: Set<String> = [
        "DisplayName", "KmsMasterKeyId", "SignatureVersion", "TracingConfig", "ContentBasedDeduplication", "ArchivePolicy",
    ]

    private func applySubscription(_ plan: SubscriptionPlan, previous: StackResourceRecord?) async throws -> StackResourceRecord {
        if let arn = previous?.physicalId, let existing = try await topics.store.subscription(arn: arn) {
            if existing.topicArn == plan.topicArn, existing.protocol == plan.protocol, existing.endpoint == plan.endpoint {
                for (name, value) in plan.attributes.sorted(by: { $0.key < $1.key }) where existing.attributes[name] != value {
                    try await topics.setSubscriptionAttribute(arn: arn, name: name, value: value)
                }
                return record(plan.logicalId, ResourceType.snsSubscription, arn, arn: arn, previous: previous)
            }
            // Topic, protocol and endpoint are fixed: a change is a new subscription.
            try await topics.unsubscribe(arn: arn)
        }
        let arn = try await topics.subscribe(topicArn: plan.topicArn, protocol: plan.protocol, endpoint: plan.endpoint,
                                             attributes: plan.attributes, returnArn: true)
        return record(plan.logicalId, ResourceType.snsSubscription, arn, arn: arn, previous: previous)
    }

    // MARK: Functions

    private func applyFunction(_ plan: FunctionPlan, previous: StackResourceRecord?, stackName: String) async throws -> StackResourceRecord {
        let exists = (try? await functions.function(named: plan.functionName)) != nil
        if exists, !owns(previous, plan.functionName) {
            throw ResourceFailure.alreadyExists(type: plan.resourceType, identifier: plan.functionName)
        }
        var reason: String?
        let location: String
        switch plan.code {
        case .directory(let path):
            location = path
            if !FileManager.default.fileExists(atPath: path) {
                reason = "the code folder \(path) does not exist yet: invocations fail until it does"
            }
        case .zipFile(let path):
            guard let data = FileManager.default.contents(atPath: path) else {
                throw ResourceFailure("Cannot read the code archive \(path)")
            }
            location = try functions.extract(zip: data, for: plan.functionName)
        case .inline(let source):
            location = try InlineCode.write(source, runtime: plan.runtime, handler: plan.handler,
                                            into: "\(codeFolder(stackName: stackName))/\(plan.logicalId)")
        }
        let definition = FunctionDefinition(
            name: plan.functionName, runtime: plan.runtime ?? "", handler: plan.handler ?? "", codeLocation: location,
            timeout: Double(plan.timeout), memorySize: plan.memorySize, environment: plan.environment,
            reservedConcurrency: plan.reservedConcurrency, description: plan.description ?? "",
            role: plan.roleArn ?? defaultRole(stackName: stackName, logicalId: plan.logicalId))
        let created = try await functions.putFunction(definition, requiringCode: false)
        return record(plan.logicalId, plan.resourceType, created.name, arn: created.arn, previous: previous, reason: reason)
    }

    /// The role SAM would generate (`STACK-LOGICALIDRole`); recorded, not enforced.
    private func defaultRole(stackName: String, logicalId: String) -> String {
        "arn:aws:iam::\(engine.configuration.account):role/\(stackName)-\(logicalId)Role"
    }

    // MARK: State machines and activities

    private func applyStateMachine(_ plan: StateMachinePlan, previous: StackResourceRecord?, stackName: String) async throws -> StackResourceRecord {
        let arn = engine.arns.stateMachine(plan.name)
        let type: StepwiseStore.StateMachineType = plan.type == .express ? .express : .standard
        let role = plan.roleArn ?? defaultRole(stackName: stackName, logicalId: plan.logicalId)
        var reason: String?
        // Logging removed from the template turns it off, as CloudFormation does.
        let logging = plan.loggingConfiguration ?? Self.loggingOff
        if let existing = try? await engine.describeStateMachine(arn: arn) {
            guard owns(previous, arn) else { throw ResourceFailure.alreadyExists(type: plan.resourceType, identifier: arn) }
            if existing.type != type {
                // The type is fixed at creation: CloudFormation replaces the state machine.
                try await engine.deleteStateMachine(arn: arn)
                _ = try await engine.createStateMachine(name: plan.name, definition: plan.definition, roleArn: role, type: type,
                                                        loggingConfiguration: plan.loggingConfiguration)
                reason = "replaced: the type changed from \(existing.type.rawValue) to \(type.rawValue)"
            } else if existing.definition != plan.definition || existing.roleArn != role
                        || (existing.loggingConfiguration ?? Self.loggingOff) != logging {
                _ = try await engine.updateStateMachine(arn: arn, definition: plan.definition, roleArn: role,
                                                        loggingConfiguration: logging)
            }
        } else {
            _ = try await engine.createStateMachine(name: plan.name, definition: plan.definition, roleArn: role, type: type,
                                                    loggingConfiguration: plan.loggingConfiguration)
        }
        if !plan.tags.isEmpty { try await engine.tagResource(arn: arn, tags: plan.tags) }
        return record(plan.logicalId, plan.resourceType, arn, arn: arn, previous: previous, reason: reason)
    }

    /// What a state machine without `Logging` in its template is set to on update.
    static let loggingOff = #"{"level":"OFF"}"#

    // MARK: Log groups

    private func applyLogGroup(_ plan: LogGroupPlan, previous: StackResourceRecord?) async throws -> StackResourceRecord {
        let logs = functions.store
        if try await logs.logGroup(name: plan.name) != nil {
            guard owns(previous, plan.name) else { throw ResourceFailure.alreadyExists(type: ResourceType.logGroup, identifier: plan.name) }
        } else {
            try await logs.createLogGroup(name: plan.name, now: engine.clock.now().epochMilliseconds)
        }
        let arn = "arn:aws:logs:\(engine.configuration.region):\(engine.configuration.account):log-group:\(plan.name):*"
        return record(plan.logicalId, ResourceType.logGroup, plan.name, arn: arn, previous: previous)
    }

    private func applyActivity(_ plan: ActivityPlan, previous: StackResourceRecord?) async throws -> StackResourceRecord {
        let arn = engine.arns.activity(plan.name)
        if (try? await engine.describeActivity(arn: arn)) != nil, !owns(previous, arn) {
            throw ResourceFailure.alreadyExists(type: ResourceType.activity, identifier: arn)
        }
        _ = try await engine.createActivity(name: plan.name)
        if !plan.tags.isEmpty { try await engine.tagResource(arn: arn, tags: plan.tags) }
        return record(plan.logicalId, ResourceType.activity, arn, arn: arn, previous: previous)
    }

    // MARK: Event source mappings

    /// A queue → function mapping (`AWS::Lambda::EventSourceMapping`, a SAM `SQS` event):
    /// created, or the stack's existing one updated in place (Lambda's `UUID` is the
    /// physical id, as CloudFormation reports it).
    func applyEventSourceMapping(_ plan: EventSourceMappingPlan, previous: StackResourceRecord?) async throws -> StackResourceRecord {
        let request = EventSourceMappingRequest(
            functionName: plan.functionName, eventSourceArn: plan.eventSourceArn, batchSize: plan.batchSize,
            maximumBatchingWindowInSeconds: plan.maximumBatchingWindowInSeconds, enabled: plan.enabled,
            functionResponseTypes: plan.functionResponseTypes, filterCriteria: plan.filterCriteria)
        let mapping = try await eventSourceMappings.putEventSourceMapping(request)
        return record(plan.logicalId, ResourceType.eventSourceMapping, mapping.uuid,
                      arn: eventSourceMappings.arn(ofMapping: mapping.uuid), previous: previous)
    }
}
