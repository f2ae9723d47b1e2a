import Foundation
import StepwiseDeploy
import StepwiseStore

extension StackService {
    /// Deletes the stack's resources back to front, then the stack (CloudFormation's
    /// `DeleteStack`). A resource already gone counts as deleted. When one cannot be deleted
    /// the stack stays, `DELETE_FAILED`, holding what is left, and deleting again retries.
    /// Returns the stack as it ended: `DELETE_COMPLETE` with its resources' final statuses.
    @discardableResult
    public func delete(stackName name: String) async throws(StackError) -> StackRecord {
        try await exclusively(name) { () async throws(StackError) -> StackRecord in
            var stack = try await describe(stackName: name)
            var remaining: [StackResourceRecord] = []
            var report: [StackResourceRecord] = []
            for resource in stack.resources.reversed() {
                var outcome = resource
                do {
                    try await remove(resource, stackName: name)
                    outcome.status = "DELETE_COMPLETE"
                    outcome.statusReason = nil
                } catch {
                    outcome.status = "DELETE_FAILED"
                    outcome.statusReason = ResourceFailure(error).reason
                    remaining.insert(outcome, at: 0)
                }
                report.insert(outcome, at: 0)
            }
            stack.updatedAt = engine.clock.now()
            if let failed = remaining.first {
                stack.resources = remaining
                stack.status = "DELETE_FAILED"
                stack.statusReason = "The following resource(s) failed to delete: [\(remaining.map(\.logicalId).joined(separator: ", "))]. \(failed.statusReason ?? "")"
                try await save(stack)
                stack.resources = report
                return stack
            }
            try? FileManager.default.removeItem(atPath: codeFolder(stackName: name))
            do { try await store.deleteStack(named: name) } catch { throw .storage(error) }
            stack.resources = report
            stack.status = "DELETE_COMPLETE"
            stack.statusReason = nil
            return stack
        }
    }

    /// Deletes one resource the stack owns; one that is already gone is not an error.
    func remove(_ resource: StackResourceRecord, stackName: String) async throws {
        guard let id = resource.physicalId else { return }
        switch resource.type {
        case ResourceType.sqsQueue:
            guard let name = QueueService.queueName(fromURL: id) else { return }
            if (try? await queues.existingQueue(named: name)) != nil { try await queues.deleteQueue(name) }
        case ResourceType.snsTopic:
            try await topics.deleteTopic(arn: id)
        case ResourceType.snsSubscription:
            if try await topics.store.subscription(arn: id) != nil { try await topics.unsubscribe(arn: id) }
        case ResourceType.samFunction, ResourceType.lambdaFunction:
            if (try? await functions.function(named: id)) != nil { try await functions.deleteFunction(named: id) }
        case ResourceType.samStateMachine, ResourceType.stateMachine:
            try await engine.deleteStateMachine(arn: id)
        case ResourceType.activity:
            try await engine.deleteActivity(arn: id)
        case ResourceType.eventSourceMapping:
            try await removeEventSourceMapping(resource)
        case ResourceType.logGroup:
            try await functions.store.deleteLogGroup(name: id)
        default:
            return
        }
    }

    /// Deletes the mapping whose `UUID` is the resource's physical id; one already gone counts
    /// as deleted.
    func removeEventSourceMapping(_ resource: StackResourceRecord) async throws {
        guard let uuid = resource.physicalId else { return }
        do { try await eventSourceMappings.deleteEventSourceMapping(uuid: uuid) } catch where error.code == .resourceNotFound {}
    }
}
