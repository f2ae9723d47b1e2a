import Foundation
import StatesLanguage
import StepwiseStore

/// CreateActivity, DescribeActivity, DeleteActivity, ListActivities, GetActivityTask.
extension Engine {
    /// Creates an activity; creating it again returns the existing one.
    public func createActivity(name: String) async throws -> ActivityRecord {
        guard ARNs.isValidName(name) else { throw EngineError.invalidName("Invalid Name: '\(name)'") }
        return try await store.createActivity(ActivityRecord(arn: arns.activity(name), name: name, createdAt: clock.now()))
    }

    public func describeActivity(arn: String) async throws -> ActivityRecord {
        guard let record = try await store.activity(arn: arn) else { throw EngineError.activityDoesNotExist(arn: arn) }
        return record
    }

    public func deleteActivity(arn: String) async throws {
        try await store.deleteActivity(arn: arn)
    }

    public func listActivities(limit: Int, cursor: String?) async throws -> Page<ActivityRecord> {
        try await store.listActivities(limit: limit, cursor: cursor)
    }

    /// A task scheduled on the activity, for `worker`: its token and input. Waits up to
    /// `wait` (AWS: 60 s) for one to be scheduled; nil when none came.
    public func getActivityTask(activityArn: String, workerName: String?, wait: Duration = .seconds(60)) async throws -> (token: String, input: String)? {
        _ = try await describeActivity(arn: activityArn)
        let deadline = ContinuousClock.now + wait
        while true {
            let waiter = activityWaiters.waiter(activityArn)
            if let task = try await store.takeActivityTask(activityArn: activityArn, worker: workerName, now: clock.now()) {
                var details: JSONObject = [:]
                if let workerName { details["workerName"] = .string(workerName) }
                try await store.deliver(executionArn: task.executionArn, payload: Self.payload([.taskStarted(task.ticket)]), now: clock.now())
                workAvailable.signal()
                return (task.token, task.input ?? "{}")
            }
            let remaining = deadline - ContinuousClock.now
            if remaining <= .zero || isStopping || longPollsEnded.withLock({ $0 }) {
                activityWaiters.remove(activityArn, waiter)
                return nil
            }
            await waitForSignal(waiter, atMost: remaining)
            activityWaiters.remove(activityArn, waiter)
        }
    }
}
