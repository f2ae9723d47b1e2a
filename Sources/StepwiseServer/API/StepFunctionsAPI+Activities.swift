import Foundation
import ServiceLifecycle
import StepwiseEngine

extension StepFunctionsAPI {
    func createActivity(_ input: CreateActivityInput) async throws -> CreateActivityOutput {
        let record = try await engine.createActivity(name: input.name ?? "")
        if let tags = input.tags, !tags.isEmpty { try await engine.tagResource(arn: record.arn, tags: Self.dictionary(tags)) }
        return CreateActivityOutput(activityArn: record.arn, creationDate: record.createdAt)
    }

    func describeActivity(_ input: ActivityArnInput) async throws -> DescribeActivityOutput {
        let record = try await engine.describeActivity(arn: try requireArn(input.activityArn, "activity"))
        return DescribeActivityOutput(activityArn: record.arn, name: record.name, creationDate: record.createdAt)
    }

    func deleteActivity(_ input: ActivityArnInput) async throws -> EmptyOutput {
        try await engine.deleteActivity(arn: try requireArn(input.activityArn, "activity"))
        return EmptyOutput()
    }

    func listActivities(_ input: ListActivitiesInput) async throws -> ListActivitiesOutput {
        let page = try await engine.listActivities(limit: Self.pageSize(input.maxResults), cursor: input.nextToken)
        return ListActivitiesOutput(
            activities: page.items.map { .init(activityArn: $0.arn, name: $0.name, creationDate: $0.createdAt) },
            nextToken: page.nextCursor)
    }

    /// Long poll: answers as soon as a task is scheduled, or empty after ``activityPoll``.
    func getActivityTask(_ input: GetActivityTaskInput) async throws -> GetActivityTaskOutput {
        let arn = try requireArn(input.activityArn, "activity")
        let engine = self.engine
        let poll = try await withGracefulShutdownHandler {
            try await engine.getActivityTask(activityArn: arn, workerName: input.workerName, wait: activityPoll)
        } onGracefulShutdown: {
            engine.endLongPolls()
        }
        guard let task = poll else {
            return GetActivityTaskOutput()
        }
        return GetActivityTaskOutput(taskToken: task.token, input: task.input)
    }
}
