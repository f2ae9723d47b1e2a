import Foundation
import StepwiseDeploy
import StepwiseStore

extension StackService {
    /// Creates the stack, or updates it when it exists (CloudFormation's `CreateStack` and
    /// `UpdateStack` in one, like `aws cloudformation deploy`).
    ///
    /// A template or parameter problem is a `ValidationError` and changes nothing. A resource
    /// that fails is reported in the returned stack (`CREATE_FAILED` / `UPDATE_FAILED`, the
    /// resource's status and reason), with everything created so far still recorded.
    @discardableResult
    public func deploy(_ deployment: Deployment) async throws(StackError) -> StackRecord {
        try Self.validate(stackName: deployment.stackName)
        guard deployment.templateDirectory.hasPrefix("/") else {
            throw StackError(.validation, "TemplateDirectory must be an absolute path, found '\(deployment.templateDirectory)'")
        }
        return try await exclusively(deployment.stackName) { () async throws(StackError) -> StackRecord in
            let previous: StackRecord?
            do { previous = try await store.stack(named: deployment.stackName) } catch { throw .storage(error) }
            let plan = try makePlan(deployment)
            return try await apply(plan, deployment: deployment, previous: previous)
        }
    }

    func makePlan(_ deployment: Deployment) throws(StackError) -> DeploymentPlan {
        let configuration = DeploymentConfiguration(
            stackName: deployment.stackName, region: engine.configuration.region, accountId: engine.configuration.account,
            endpoint: endpoint)
        do {
            let template = try Template(parsing: deployment.templateBody)
            return try DeploymentPlanner(configuration: configuration)
                .plan(template, baseDirectory: deployment.templateDirectory, parameterOverrides: deployment.parameters)
        } catch {
            throw StackError(.validation, "Template error: \(error)")
        }
    }

    private func apply(_ plan: DeploymentPlan, deployment: Deployment, previous: StackRecord?) async throws(StackError) -> StackRecord {
        let now = engine.clock.now()
        let updating = previous != nil
        var stack = StackRecord(
            name: plan.stackName, stackId: previous?.stackId ?? plan.stackId,
            status: updating ? "UPDATE_IN_PROGRESS" : "CREATE_IN_PROGRESS", description: plan.description,
            templateBody: deployment.templateBody, templateDirectory: deployment.templateDirectory,
            parameters: deployment.parameters, resources: previous?.resources ?? [],
            skipped: plan.skipped.map { StackSkippedResource(logicalId: $0.logicalId, type: $0.type, reason: $0.reason) },
            warnings: plan.messages.filter { $0.severity == .warning }.map(\.description),
            createdAt: previous?.createdAt ?? now, updatedAt: now)
        try await save(stack)
        let old = previous?.resources ?? []
        var applied: [StackResourceRecord] = []
        var failed: StackResourceRecord?
        for entry in plan.entries {
            let before = old.last { $0.logicalId == entry.logicalId && $0.type == entry.resourceType }
            do {
                applied.append(try await apply(entry, previous: before, stackName: plan.stackName))
            } catch {
                let failure = ResourceFailure(error)
                failed = StackResourceRecord(
                    logicalId: entry.logicalId, type: entry.resourceType, physicalId: before?.physicalId, arn: before?.arn,
                    status: before == nil ? "CREATE_FAILED" : "UPDATE_FAILED", statusReason: failure.reason)
                break
            }
            stack.resources = Self.merge(applied, keeping: old)
            try await save(stack)
        }
        if let failed {
            // Nothing is rolled back: what exists stays recorded, so `delete` cleans it up.
            stack.resources = Self.merge(applied + [failed], keeping: old)
            stack.status = updating ? "UPDATE_FAILED" : "CREATE_FAILED"
            stack.statusReason = "The following resource(s) failed to \(updating ? "update" : "create"): [\(failed.logicalId)]."
        } else {
            // CloudFormation's cleanup phase: what left the template (or was replaced) goes,
            // back to front, once everything new is in place.
            let leftovers = old.filter { resource in !applied.contains { Self.same($0, resource) } }
            var kept: [StackResourceRecord] = []
            for resource in leftovers.reversed() {
                do { try await remove(resource, stackName: plan.stackName) } catch {
                    var failedDelete = resource
                    failedDelete.status = "DELETE_FAILED"
                    failedDelete.statusReason = ResourceFailure(error).reason
                    kept.insert(failedDelete, at: 0)
                    stack.warnings.append("\(resource.logicalId) left the template but could not be deleted: \(failedDelete.statusReason ?? "")")
                }
            }
            stack.resources = applied + kept
            stack.outputs = plan.outputs.map {
                StackOutputRecord(key: $0.name, value: $0.value, description: $0.description, exportName: $0.exportName)
            }
            stack.status = updating ? "UPDATE_COMPLETE" : "CREATE_COMPLETE"
            stack.statusReason = nil
        }
        stack.updatedAt = engine.clock.now()
        try await save(stack)
        return stack
    }

    /// `applied`, then the old resources not among them (still owned: kept for a later
    /// deploy or delete).
    static func merge(_ applied: [StackResourceRecord], keeping old: [StackResourceRecord]) -> [StackResourceRecord] {
        applied + old.filter { resource in !applied.contains { same($0, resource) } }
    }

    /// The same physical resource (a replaced resource keeps its logical ID, not its physical one).
    static func same(_ a: StackResourceRecord, _ b: StackResourceRecord) -> Bool {
        a.logicalId == b.logicalId && a.type == b.type && (a.physicalId == b.physicalId || a.physicalId == nil || b.physicalId == nil)
    }

    func save(_ stack: StackRecord) async throws(StackError) {
        do { try await store.putStack(stack) } catch { throw .storage(error) }
    }
}
