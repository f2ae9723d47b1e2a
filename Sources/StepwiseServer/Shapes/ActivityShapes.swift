import Foundation

// CreateActivity, DescribeActivity, DeleteActivity, ListActivities, GetActivityTask.

struct CreateActivityInput: ValidatedRequest {
    var name: String?
    var tags: [Tag]?
    var encryptionConfiguration: EncryptionConfiguration?

    func validate(_ v: inout FieldValidator) {
        v.name("name", name, required: true)
        v.tags("tags", tags)
        v.encryption(encryptionConfiguration)
    }
}

struct CreateActivityOutput: Encodable {
    var activityArn: String
    var creationDate: Date
}

/// DescribeActivity and DeleteActivity take the same member.
struct ActivityArnInput: ValidatedRequest {
    var activityArn: String?
    func validate(_ v: inout FieldValidator) { v.arn("activityArn", activityArn) }
}

struct DescribeActivityOutput: Encodable {
    var activityArn: String
    var name: String
    var creationDate: Date
}

struct ListActivitiesInput: ValidatedRequest {
    var maxResults: Int?
    var nextToken: String?
    func validate(_ v: inout FieldValidator) { v.pageSize(maxResults, nextToken: nextToken) }
}

struct ListActivitiesOutput: Encodable {
    var activities: [DescribeActivityOutput]
    var nextToken: String?
}

struct GetActivityTaskInput: ValidatedRequest {
    var activityArn: String?
    var workerName: String?

    func validate(_ v: inout FieldValidator) {
        v.arn("activityArn", activityArn)
        v.name("workerName", workerName)
    }
}

/// No task within the poll: AWS answers with neither member.
struct GetActivityTaskOutput: Encodable {
    var taskToken: String?
    var input: String?
}
