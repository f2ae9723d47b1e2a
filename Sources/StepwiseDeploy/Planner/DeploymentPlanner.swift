import StatesLanguage

/// Turns a template into a ``DeploymentPlan``: parameters, conditions, Globals, intrinsic
/// functions and dependency order, as CloudFormation and the SAM translator do them.
///
/// Planning performs no I/O but reading the template and the files it names, through
/// ``TemplateFileSystem``. What `Ref` and `Fn::GetAtt` return comes from the
/// ``ResourceResolver``.
public struct DeploymentPlanner: Sendable {
    public var configuration: DeploymentConfiguration
    public var resolver: any ResourceResolver
    public var fileSystem: any TemplateFileSystem

    /// - Parameters:
    ///   - resolver: what resources' `Ref` and `Fn::GetAtt` return; by default a
    ///     ``LocalResourceResolver`` over `configuration`.
    public init(configuration: DeploymentConfiguration, resolver: (any ResourceResolver)? = nil,
                fileSystem: any TemplateFileSystem = LocalFileSystem()) {
        self.configuration = configuration
        self.resolver = resolver ?? LocalResourceResolver(configuration: configuration)
        self.fileSystem = fileSystem
    }

    /// Reads and plans the template at `path`; files it names are read relative to its directory.
    public func plan(templateAt path: String, parameterOverrides: [String: String] = [:]) throws(TemplateError) -> DeploymentPlan {
        let text: String
        do { text = try fileSystem.readText(atPath: path) } catch {
            throw TemplateError(.file, at: [], "cannot read the template \(path): \(error)")
        }
        let template = try Template(parsing: text)
        return try plan(template, baseDirectory: PathResolution.directory(of: path), parameterOverrides: parameterOverrides)
    }

    /// Plans a parsed template; `baseDirectory` is where relative `CodeUri` and `DefinitionUri` start.
    public func plan(_ template: Template, baseDirectory: String,
                     parameterOverrides: [String: String] = [:]) throws(TemplateError) -> DeploymentPlan {
        var run = PlanningRun(planner: self, template: template, baseDirectory: baseDirectory)
        try run.checkTransforms()
        let parameters = try ParameterValues(declarations: template.parameters, overrides: parameterOverrides)
        run.evaluator.parameters = parameters.values
        try run.evaluateConditions()
        let resources = try SAMGlobals.apply(template.globals, to: template.resources, messages: &run.messages)
        for resource in try run.creationOrder(resources) {
            try run.plan(resource)
        }
        let outputs = try run.outputs()
        var shownParameters: [String: String] = [:]
        for declaration in template.parameters {
            let value = parameters.values[declaration.name]
            let text = value?.arrayValue.map { $0.compactMap(\.stringValue).joined(separator: ",") } ?? value?.stringValue ?? ""
            shownParameters[declaration.name] = declaration.noEcho ? "****" : text
        }
        return DeploymentPlan(
            stackName: configuration.stackName, stackId: configuration.stackId, description: template.description,
            parameters: shownParameters, conditions: run.evaluator.conditions, entries: run.entries,
            skipped: run.skipped, outputs: outputs, messages: run.messages)
    }
}

/// The mutable state of one planning pass.
struct PlanningRun {
    let planner: DeploymentPlanner
    let template: Template
    let baseDirectory: String
    var evaluator: IntrinsicEvaluator
    var entries: [PlanEntry] = []
    var skipped: [SkippedResource] = []
    var messages: [PlanMessage] = []

    init(planner: DeploymentPlanner, template: Template, baseDirectory: String) {
        self.planner = planner
        self.template = template
        self.baseDirectory = baseDirectory
        evaluator = IntrinsicEvaluator(
            parameters: [:], pseudoParameters: planner.configuration.pseudoParameters, conditions: [:],
            mappings: template.mappings, declaredResources: Set(template.resources.map(\.logicalId)),
            excludedResources: [:], resources: [:], resolver: planner.resolver, region: planner.configuration.region)
    }

    var configuration: DeploymentConfiguration { planner.configuration }

    mutating func checkTransforms() throws(TemplateError) {
        for (i, transform) in template.transforms.enumerated() {
            switch transform {
            case Template.serverlessTransform: continue
            case "AWS::LanguageExtensions":
                messages.append(PlanMessage(.note, at: ["Transform", String(i)], "AWS::LanguageExtensions: Fn::Length, Fn::ToJsonString and FindInMap defaults are supported, Fn::ForEach is not"))
            default:
                throw TemplateError(.unsupported, at: ["Transform"], "the transform \(transform) is not supported by a local deploy")
            }
        }
        if !template.isServerless {
            if !template.globals.isEmpty {
                messages.append(PlanMessage(.warning, at: ["Globals"], "Globals needs `Transform: \(Template.serverlessTransform)`; applied anyway"))
            }
            for resource in template.resources where resource.type.hasPrefix("AWS::Serverless::") {
                messages.append(PlanMessage(.warning, at: ["Resources", resource.logicalId, "Type"], "\(resource.type) needs `Transform: \(Template.serverlessTransform)`; planned anyway"))
            }
        }
    }

    mutating func evaluateConditions() throws(TemplateError) {
        let names = Array(template.conditions.keys)
        var edges: [String: Set<String>] = [:]
        for (name, definition) in template.conditions {
            let references = ReferenceScanner.conditionReferences(in: definition)
            for reference in references where template.conditions[reference] == nil {
                throw TemplateError(.unresolved, at: ["Conditions", name], "Template format error: Unresolved dependencies [\(reference)]. Cannot reference resources in the Conditions block of the template")
            }
            edges[name] = references
        }
        let order = try DependencyGraph(nodes: names, edges: edges).order(kind: "conditions", at: ["Conditions"])
        var conditionEvaluator = evaluator
        conditionEvaluator.resourcesReferable = false
        for name in order {
            guard let definition = template.conditions[name] else { continue }
            conditionEvaluator.conditions[name] = try conditionEvaluator.condition(definition, at: ["Conditions", name])
        }
        evaluator.conditions = conditionEvaluator.conditions
    }

    func creationOrder(_ resources: [ResourceDeclaration]) throws(TemplateError) -> [ResourceDeclaration] {
        let scanner = ReferenceScanner(parameters: Set(template.parameters.map(\.name)),
                                       resources: Set(resources.map(\.logicalId)))
        var edges: [String: Set<String>] = [:]
        for resource in resources {
            var dependencies = try scanner.resourceReferences(in: .object(resource.properties), at: resource.propertiesPath)
            for (i, name) in resource.dependsOn.enumerated() {
                guard scanner.resources.contains(name) else {
                    throw TemplateError(.unresolved, at: ["Resources", resource.logicalId, "DependsOn", String(i)], "Template format error: Unresolved resource dependencies [\(name)] in the Resources block of the template")
                }
                dependencies.insert(name)
            }
            if let condition = resource.condition, evaluator.conditions[condition] == nil {
                throw TemplateError(.unresolved, at: ["Resources", resource.logicalId, "Condition"], "Template format error: Unresolved condition dependency \(condition)")
            }
            edges[resource.logicalId] = dependencies
        }
        let order = try DependencyGraph(nodes: resources.map(\.logicalId), edges: edges).order(kind: "resources", at: ["Resources"])
        let byId = Dictionary(uniqueKeysWithValues: resources.map { ($0.logicalId, $0) })
        return order.compactMap { byId[$0] }
    }

    mutating func plan(_ resource: ResourceDeclaration) throws(TemplateError) {
        if let condition = resource.condition, evaluator.conditions[condition] == false {
            evaluator.excludedResources[resource.logicalId] = condition
            skipped.append(SkippedResource(logicalId: resource.logicalId, type: resource.type, reason: "condition \(condition) is false"))
            return
        }
        let planned: [PlanEntry]
        switch resource.type {
        case ResourceType.sqsQueue: planned = [.queue(try planQueue(resource))]
        case ResourceType.snsTopic: planned = try planTopic(resource)
        case ResourceType.snsSubscription: planned = [.subscription(try planSubscription(resource))]
        case ResourceType.samStateMachine, ResourceType.stateMachine: planned = [.stateMachine(try planStateMachine(resource))]
        case ResourceType.activity: planned = [.activity(try planActivity(resource))]
        case ResourceType.samFunction, ResourceType.lambdaFunction: planned = try planFunction(resource)
        case ResourceType.eventSourceMapping: planned = [.eventSourceMapping(try planEventSourceMapping(resource))]
        case ResourceType.logGroup: planned = [.logGroup(try planLogGroup(resource))]
        default:
            let reason = resource.type.hasPrefix("AWS::IAM::")
                ? "IAM is not enforced locally" : "\(resource.type) is not supported by a local deploy"
            skipped.append(SkippedResource(logicalId: resource.logicalId, type: resource.type, reason: reason))
            messages.append(PlanMessage(resource.type.hasPrefix("AWS::IAM::") ? .note : .warning,
                                        at: ["Resources", resource.logicalId], "skipped: \(reason)"))
            register(resource, name: PhysicalName.generate(stackName: configuration.stackName, logicalId: resource.logicalId, maxLength: 128), entry: nil)
            return
        }
        entries.append(contentsOf: planned)
    }

    /// Makes the resource answer `Ref` and `Fn::GetAtt` for the resources planned after it.
    mutating func register(_ resource: ResourceDeclaration, name: String, entry: PlanEntry?) {
        evaluator.resources[resource.logicalId] = PlannedResource(
            logicalId: resource.logicalId, type: resource.type, physicalName: name, entry: entry)
    }

    /// The resource's name property, or a generated name.
    mutating func physicalName(_ reader: inout PropertyReader, key: String, maxLength: Int,
                               fifo: Bool = false) throws(TemplateError) -> String {
        if let name = try reader.string(key) {
            if name.isEmpty || name.count > maxLength {
                throw TemplateError(.invalidProperty, at: reader.path / key, "\(key) must be 1 to \(maxLength) characters")
            }
            return name
        }
        return PhysicalName.generate(stackName: configuration.stackName, logicalId: reader.resource.logicalId,
                                     maxLength: maxLength, fifo: fifo)
    }

    mutating func note(_ reader: PropertyReader) {
        if let note = reader.unusedNote() { messages.append(note) }
    }

    mutating func outputs() throws(TemplateError) -> [PlannedOutput] {
        var outputs: [PlannedOutput] = []
        for output in template.outputs {
            let path: TemplatePath = ["Outputs", output.name]
            if let condition = output.condition {
                guard let value = evaluator.conditions[condition] else {
                    throw TemplateError(.unresolved, at: path / "Condition", "Template format error: Unresolved condition dependency \(condition)")
                }
                if !value { continue }
            }
            let evaluator = self.evaluator
            func text(_ json: JSON?, at path: TemplatePath) throws(TemplateError) -> String? {
                guard let json, let value = try evaluator.evaluate(json, at: path) else { return nil }
                if case .array(let items) = value { return items.compactMap(\.scalarText).joined(separator: ",") }
                return value.scalarText ?? value.serialized
            }
            if output.exportName != nil {
                messages.append(PlanMessage(.note, at: path / "Export", "exports are not published: a local deploy has no cross-stack imports"))
            }
            outputs.append(PlannedOutput(
                name: output.name, value: try text(output.value, at: path / "Value") ?? "",
                description: try text(output.description, at: path / "Description"),
                exportName: try text(output.exportName, at: path / "Export" / "Name")))
        }
        return outputs
    }
}
