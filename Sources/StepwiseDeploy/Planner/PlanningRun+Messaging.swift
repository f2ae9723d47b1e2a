import StatesLanguage

extension PlanningRun {
    /// `AWS::SQS::Queue` → ``QueuePlan``.
    mutating func planQueue(_ resource: ResourceDeclaration) throws(TemplateError) -> QueuePlan {
        var reader = PropertyReader(resource: resource, evaluator: evaluator)
        let isFIFO = try reader.bool("FifoQueue") ?? false
        let name = try physicalName(&reader, key: "QueueName", maxLength: 80, fifo: isFIFO)
        if isFIFO != name.hasSuffix(".fifo") {
            throw TemplateError(.invalidProperty, at: reader.path / "QueueName", isFIFO
                ? "the name of a FIFO queue must end with .fifo" : "a queue whose name ends with .fifo must set FifoQueue: true")
        }
        var attributes: [String: String] = [:]
        for key in ["DelaySeconds", "MaximumMessageSize", "MessageRetentionPeriod", "ReceiveMessageWaitTimeSeconds",
                    "VisibilityTimeout", "KmsDataKeyReusePeriodSeconds"] {
            if let value = try reader.int(key) { attributes[key] = String(value) }
        }
        for key in ["ContentBasedDeduplication", "SqsManagedSseEnabled"] {
            if let value = try reader.bool(key) { attributes[key] = value ? "true" : "false" }
        }
        for key in ["DeduplicationScope", "FifoThroughputLimit", "KmsMasterKeyId"] {
            if let value = try reader.string(key) { attributes[key] = value }
        }
        if isFIFO { attributes["FifoQueue"] = "true" }
        var redrive: RedrivePolicy?
        if let value = try reader.value("RedrivePolicy") {
            let policy = try Self.redrivePolicy(value, at: reader.path / "RedrivePolicy")
            attributes["RedrivePolicy"] = policy.json
            redrive = policy
        }
        if let value = try reader.value("RedriveAllowPolicy") {
            attributes["RedriveAllowPolicy"] = try PropertyReader.jsonText(value, at: reader.path / "RedriveAllowPolicy")
        }
        let plan = QueuePlan(logicalId: resource.logicalId, queueName: name, isFIFO: isFIFO, attributes: attributes,
                             redrivePolicy: redrive, tags: try reader.tags())
        note(reader)
        register(resource, name: name, entry: .queue(plan))
        return plan
    }

    /// A `RedrivePolicy` given as an object or as JSON text.
    static func redrivePolicy(_ value: JSON, at path: TemplatePath) throws(TemplateError) -> RedrivePolicy {
        var object = value
        if case .string(let text) = value {
            do { object = try JSON(parsing: text) } catch {
                throw TemplateError(.invalidProperty, at: path, "RedrivePolicy is not valid JSON: \(error)")
            }
        }
        guard case .object = object else {
            throw TemplateError(.invalidProperty, at: path, "RedrivePolicy must be an object with deadLetterTargetArn and maxReceiveCount")
        }
        guard let arnValue = object["deadLetterTargetArn"], let arn = arnValue.stringValue, arn.hasPrefix("arn:") else {
            throw TemplateError(.invalidProperty, at: path / "deadLetterTargetArn", "RedrivePolicy needs deadLetterTargetArn, the dead-letter queue's ARN (for example !GetAtt DeadLetterQueue.Arn)")
        }
        guard let countValue = object["maxReceiveCount"] else {
            throw TemplateError(.invalidProperty, at: path / "maxReceiveCount", "RedrivePolicy needs maxReceiveCount")
        }
        let count = try PropertyReader.int(countValue, at: path / "maxReceiveCount")
        guard (1...1000).contains(count) else {
            throw TemplateError(.invalidProperty, at: path / "maxReceiveCount", "maxReceiveCount must be from 1 to 1000, found \(count)")
        }
        return RedrivePolicy(deadLetterTargetArn: arn, maxReceiveCount: count)
    }

    /// `AWS::SNS::Topic` → ``TopicPlan``, then one ``SubscriptionPlan`` per `Subscription` item.
    mutating func planTopic(_ resource: ResourceDeclaration) throws(TemplateError) -> [PlanEntry] {
        var reader = PropertyReader(resource: resource, evaluator: evaluator)
        let isFIFO = try reader.bool("FifoTopic") ?? false
        let name = try physicalName(&reader, key: "TopicName", maxLength: 256, fifo: isFIFO)
        if isFIFO != name.hasSuffix(".fifo") {
            throw TemplateError(.invalidProperty, at: reader.path / "TopicName", isFIFO
                ? "the name of a FIFO topic must end with .fifo" : "a topic whose name ends with .fifo must set FifoTopic: true")
        }
        var attributes: [String: String] = [:]
        for key in ["DisplayName", "KmsMasterKeyId", "SignatureVersion", "TracingConfig"] {
            if let value = try reader.string(key) { attributes[key] = value }
        }
        if isFIFO { attributes["FifoTopic"] = "true" }
        if let value = try reader.bool("ContentBasedDeduplication") { attributes["ContentBasedDeduplication"] = value ? "true" : "false" }
        if let value = try reader.value("ArchivePolicy") {
            attributes["ArchivePolicy"] = try PropertyReader.jsonText(value, at: reader.path / "ArchivePolicy")
        }
        let plan = TopicPlan(logicalId: resource.logicalId, topicName: name, isFIFO: isFIFO, attributes: attributes,
                             tags: try reader.tags())
        register(resource, name: name, entry: .topic(plan))
        var planned: [PlanEntry] = [.topic(plan)]
        if let list = try reader.value("Subscription") {
            let path = reader.path / "Subscription"
            guard case .array(let items) = list else {
                throw TemplateError(.invalidProperty, at: path, "Subscription must be a list of {Endpoint, Protocol}")
            }
            let topicArn = try evaluator.attribute("TopicArn", of: resource.logicalId, at: path)
            for (i, item) in items.enumerated() {
                guard let endpoint = item["Endpoint"], let proto = item["Protocol"] else {
                    throw TemplateError(.invalidProperty, at: path / i, "each Subscription needs an Endpoint and a Protocol")
                }
                planned.append(.subscription(SubscriptionPlan(
                    logicalId: "\(resource.logicalId)Subscription\(i)", source: .topicSubscription(topic: resource.logicalId, index: i),
                    topicArn: try PropertyReader.string(topicArn, at: path), protocol: try PropertyReader.string(proto, at: path / i / "Protocol"),
                    endpoint: try PropertyReader.string(endpoint, at: path / i / "Endpoint"), attributes: [:])))
            }
        }
        note(reader)
        return planned
    }

    /// `AWS::SNS::Subscription` → ``SubscriptionPlan``.
    mutating func planSubscription(_ resource: ResourceDeclaration) throws(TemplateError) -> SubscriptionPlan {
        var reader = PropertyReader(resource: resource, evaluator: evaluator)
        let topicArn = try reader.requiredString("TopicArn")
        let proto = try reader.requiredString("Protocol")
        let endpoint = try reader.string("Endpoint") ?? ""
        var attributes: [String: String] = [:]
        if let raw = try reader.bool("RawMessageDelivery") { attributes["RawMessageDelivery"] = raw ? "true" : "false" }
        if let scope = try reader.string("FilterPolicyScope") { attributes["FilterPolicyScope"] = scope }
        for key in ["FilterPolicy", "RedrivePolicy", "DeliveryPolicy"] {
            if let value = try reader.value(key) { attributes[key] = try PropertyReader.jsonText(value, at: reader.path / key) }
        }
        let plan = SubscriptionPlan(logicalId: resource.logicalId, source: .resource, topicArn: topicArn, protocol: proto,
                                    endpoint: endpoint, attributes: attributes)
        note(reader)
        register(resource, name: resource.logicalId, entry: .subscription(plan))
        return plan
    }

    /// `AWS::StepFunctions::Activity` → ``ActivityPlan``.
    mutating func planActivity(_ resource: ResourceDeclaration) throws(TemplateError) -> ActivityPlan {
        var reader = PropertyReader(resource: resource, evaluator: evaluator)
        let name = try reader.requiredString("Name")
        let plan = ActivityPlan(logicalId: resource.logicalId, name: name, tags: try reader.tags())
        note(reader)
        register(resource, name: name, entry: .activity(plan))
        return plan
    }
}
