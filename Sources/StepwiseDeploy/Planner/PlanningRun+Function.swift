import StatesLanguage

extension PlanningRun {
    /// `AWS::Serverless::Function` and `AWS::Lambda::Function` → ``FunctionPlan``, then one entry
    /// per SAM `SQS` event (``EventSourceMappingPlan``) and `SNS` event (``SubscriptionPlan``).
    mutating func planFunction(_ resource: ResourceDeclaration) throws(TemplateError) -> [PlanEntry] {
        var reader = PropertyReader(resource: resource, evaluator: evaluator)
        let isSAM = resource.type == ResourceType.samFunction
        let name = try physicalName(&reader, key: "FunctionName", maxLength: 64)
        let code = isSAM ? try samCode(&reader) : try lambdaCode(&reader)
        var environment: [String: String] = [:]
        if let value = try reader.value("Environment") {
            if let variables = value["Variables"] {
                environment = try PropertyReader.stringMap(variables, at: reader.path / "Environment" / "Variables")
            }
        }
        let plan = FunctionPlan(
            logicalId: resource.logicalId, resourceType: resource.type, functionName: name,
            runtime: try reader.string("Runtime"), handler: try reader.string("Handler"), code: code,
            environment: environment, timeout: try reader.int("Timeout") ?? 3, memorySize: try reader.int("MemorySize") ?? 128,
            reservedConcurrency: try reader.int("ReservedConcurrentExecutions"), description: try reader.string("Description"),
            roleArn: try reader.string("Role"), tags: try reader.tags())
        if plan.runtime == nil, case .inline = code {} else if plan.runtime == nil {
            messages.append(PlanMessage(.warning, at: reader.path / "Runtime", "no Runtime: the function cannot be invoked until one is set"))
        }
        if plan.timeout < 1 || plan.timeout > 900 {
            throw TemplateError(.invalidProperty, at: reader.path / "Timeout", "Timeout must be from 1 to 900 seconds, found \(plan.timeout)")
        }
        if plan.memorySize < 128 || plan.memorySize > 10240 {
            throw TemplateError(.invalidProperty, at: reader.path / "MemorySize", "MemorySize must be from 128 to 10240 MB, found \(plan.memorySize)")
        }
        register(resource, name: name, entry: .function(plan))
        var planned: [PlanEntry] = [.function(plan)]
        if isSAM, let events = try reader.value("Events") {
            planned += try samEvents(events, of: resource, at: reader.path / "Events")
        }
        note(reader)
        return planned
    }

    /// SAM's `CodeUri` (a local directory or zip) or `InlineCode`.
    private mutating func samCode(_ reader: inout PropertyReader) throws(TemplateError) -> FunctionCode {
        if let inline = try reader.string("InlineCode") { return .inline(inline) }
        let imageUri = try reader.string("ImageUri")
        let packageType = try reader.string("PackageType")
        if imageUri != nil || packageType == "Image" {
            throw TemplateError(.unsupported, at: reader.path / "ImageUri", "container image functions are not supported by a local deploy")
        }
        guard let value = try reader.value("CodeUri") else {
            throw TemplateError(.invalidProperty, at: reader.path / "CodeUri", "a function needs CodeUri (a folder relative to the template) or InlineCode")
        }
        guard case .string(let uri) = value, !uri.hasPrefix("s3://") else {
            throw TemplateError(.unsupported, at: reader.path / "CodeUri", "CodeUri must be a local path relative to the template; S3 locations are not supported by a local deploy")
        }
        return localCode(uri, at: reader.path / "CodeUri")
    }

    /// CloudFormation's `Code`: `ZipFile` source text, or a local path written as `Code: ./src`
    /// (the form `aws cloudformation package` accepts).
    private mutating func lambdaCode(_ reader: inout PropertyReader) throws(TemplateError) -> FunctionCode {
        let path = reader.path / "Code"
        guard let value = try reader.value("Code") else {
            throw TemplateError(.invalidProperty, at: path, "AWS::Lambda::Function requires Code")
        }
        if case .string(let local) = value, !local.hasPrefix("s3://") { return localCode(local, at: path) }
        if let source = value["ZipFile"] { return .inline(try PropertyReader.string(source, at: path / "ZipFile")) }
        if value["ImageUri"] != nil {
            throw TemplateError(.unsupported, at: path / "ImageUri", "container image functions are not supported by a local deploy")
        }
        throw TemplateError(.unsupported, at: path, "Code from S3 is not supported by a local deploy: use Code.ZipFile or a local path")
    }

    /// A local code path: made absolute; its absence is a warning now and an error at apply.
    private mutating func localCode(_ uri: String, at path: TemplatePath) -> FunctionCode {
        let file = PathResolution.resolve(uri, against: baseDirectory)
        switch planner.fileSystem.kind(ofItemAt: file) {
        case .directory?: return .directory(file)
        case .file?: return .zipFile(file)
        case nil:
            messages.append(PlanMessage(.warning, at: path, "the code at \(file) does not exist; the function cannot be created until it does"))
            return file.lowercased().hasSuffix(".zip") ? .zipFile(file) : .directory(file)
        }
    }

    /// A SAM function's `Events`: `SQS` → event source mapping, `SNS` → subscription; other
    /// types are reported and skipped.
    private mutating func samEvents(_ events: JSON, of function: ResourceDeclaration,
                                    at path: TemplatePath) throws(TemplateError) -> [PlanEntry] {
        guard case .object(let object) = events else {
            throw TemplateError(.invalidProperty, at: path, "Events must be a map of event name to {Type, Properties}")
        }
        let functionResource = evaluator.resources[function.logicalId]
        var planned: [PlanEntry] = []
        for (eventName, event) in object {
            let here = path / eventName
            guard let type = event["Type"]?.stringValue else {
                throw TemplateError(.invalidProperty, at: here / "Type", "each event needs a Type")
            }
            let properties = event["Properties"] ?? .object([:])
            let propertiesPath = here / "Properties"
            let logicalId = function.logicalId + eventName
            switch type {
            case "SQS":
                guard let queue = properties["Queue"] else {
                    throw TemplateError(.invalidProperty, at: propertiesPath / "Queue", "an SQS event needs Queue (the queue's ARN)")
                }
                let mapping = try eventSourceMapping(
                    logicalId: logicalId, source: .functionEvent(function: function.logicalId, event: eventName),
                    functionName: functionResource?.physicalName ?? function.logicalId, eventSource: queue,
                    properties: properties, at: propertiesPath, sourceKey: "Queue")
                planned.append(.eventSourceMapping(mapping))
            case "SNS":
                guard let topic = properties["Topic"] else {
                    throw TemplateError(.invalidProperty, at: propertiesPath / "Topic", "an SNS event needs Topic (the topic's ARN)")
                }
                let topicArn = try PropertyReader.string(try evaluator.required(topic, at: propertiesPath / "Topic", in: "Topic"), at: propertiesPath / "Topic")
                let functionArn = try evaluator.attribute("Arn", of: function.logicalId, at: here)
                var attributes: [String: String] = [:]
                for key in ["FilterPolicy", "RedrivePolicy"] {
                    if let value = properties[key], let evaluated = try evaluator.evaluate(value, at: propertiesPath / key) {
                        attributes[key] = try PropertyReader.jsonText(evaluated, at: propertiesPath / key)
                    }
                }
                if let scope = properties["FilterPolicyScope"], let evaluated = try evaluator.evaluate(scope, at: propertiesPath / "FilterPolicyScope") {
                    attributes["FilterPolicyScope"] = try PropertyReader.string(evaluated, at: propertiesPath / "FilterPolicyScope")
                }
                if properties["SqsSubscription"] != nil {
                    messages.append(PlanMessage(.warning, at: propertiesPath / "SqsSubscription", "SqsSubscription is not supported: the function is subscribed to the topic directly"))
                }
                planned.append(.subscription(SubscriptionPlan(
                    logicalId: logicalId, source: .functionEvent(function: function.logicalId, event: eventName),
                    topicArn: topicArn, protocol: "lambda", endpoint: try PropertyReader.string(functionArn, at: here),
                    attributes: attributes)))
            default:
                messages.append(PlanMessage(.warning, at: here, "event type \(type) is not created by a local deploy (only SQS and SNS events are)"))
            }
        }
        return planned
    }

    /// `AWS::Lambda::EventSourceMapping` → ``EventSourceMappingPlan``.
    mutating func planEventSourceMapping(_ resource: ResourceDeclaration) throws(TemplateError) -> EventSourceMappingPlan {
        let path = resource.propertiesPath
        let properties = JSON.object(resource.properties)
        guard let functionName = resource.properties["FunctionName"] else {
            throw TemplateError(.invalidProperty, at: path / "FunctionName", "AWS::Lambda::EventSourceMapping requires FunctionName")
        }
        guard let source = resource.properties["EventSourceArn"] else {
            throw TemplateError(.invalidProperty, at: path / "EventSourceArn", "AWS::Lambda::EventSourceMapping requires EventSourceArn (only SQS queues are polled locally)")
        }
        let name = try PropertyReader.string(try evaluator.required(functionName, at: path / "FunctionName", in: "FunctionName"), at: path / "FunctionName")
        let plan = try eventSourceMapping(logicalId: resource.logicalId, source: .resource, functionName: name, eventSource: source,
                                          properties: properties, at: path, sourceKey: "EventSourceArn")
        let used: Set<String> = ["FunctionName", "EventSourceArn", "BatchSize", "MaximumBatchingWindowInSeconds",
                                 "FunctionResponseTypes", "Enabled", "FilterCriteria"]
        let unused = resource.properties.keys.filter { !used.contains($0) }
        if !unused.isEmpty {
            messages.append(PlanMessage(.note, at: path, "not applied: \(unused.joined(separator: ", ")) (they have no local effect)"))
        }
        register(resource, name: resource.logicalId, entry: .eventSourceMapping(plan))
        return plan
    }

    private mutating func eventSourceMapping(logicalId: String, source: PlanEntrySource, functionName: String, eventSource: JSON,
                                             properties: JSON, at path: TemplatePath, sourceKey: String) throws(TemplateError) -> EventSourceMappingPlan {
        func value(_ key: String) throws(TemplateError) -> JSON? {
            guard let raw = properties[key] else { return nil }
            return try evaluator.evaluate(raw, at: path / key)
        }
        let arn = try PropertyReader.string(try evaluator.required(eventSource, at: path / sourceKey, in: sourceKey), at: path / sourceKey)
        if !arn.hasPrefix("arn:") || !arn.contains(":sqs:") {
            messages.append(PlanMessage(.warning, at: path / sourceKey, "\(arn) is not an SQS queue ARN: only SQS event sources are polled locally"))
        }
        let batchSize = try value("BatchSize").map { (v) throws(TemplateError) in try PropertyReader.int(v, at: path / "BatchSize") } ?? 10
        guard (1...10_000).contains(batchSize) else {
            throw TemplateError(.invalidProperty, at: path / "BatchSize", "BatchSize must be from 1 to 10000, found \(batchSize)")
        }
        let window = try value("MaximumBatchingWindowInSeconds").map { (v) throws(TemplateError) in
            try PropertyReader.int(v, at: path / "MaximumBatchingWindowInSeconds")
        } ?? 0
        guard (0...300).contains(window) else {
            throw TemplateError(.invalidProperty, at: path / "MaximumBatchingWindowInSeconds", "MaximumBatchingWindowInSeconds must be from 0 to 300, found \(window)")
        }
        var responseTypes: [String] = []
        if case .array(let items)? = try value("FunctionResponseTypes") {
            for (i, item) in items.enumerated() {
                responseTypes.append(try PropertyReader.string(item, at: path / "FunctionResponseTypes" / i))
            }
        }
        let enabled = try value("Enabled").map { (v) throws(TemplateError) in try PropertyReader.bool(v, at: path / "Enabled") } ?? true
        let filter = try value("FilterCriteria").map { (v) throws(TemplateError) in try PropertyReader.jsonText(v, at: path / "FilterCriteria") }
        return EventSourceMappingPlan(
            logicalId: logicalId, source: source, functionName: functionName, eventSourceArn: arn, batchSize: batchSize,
            maximumBatchingWindowInSeconds: window, functionResponseTypes: responseTypes, enabled: enabled, filterCriteria: filter)
    }
}
