/// Every operation of botocore's Step Functions model (`AWSStepFunctions.<Operation>`
/// in `X-Amz-Target`). Each is routed: the supported ones work, the others answer
/// `UnsupportedOperation` naming the operation.
public enum StepFunctionsOperation: String, CaseIterable, Sendable {
    case createActivity = "CreateActivity"
    case createStateMachine = "CreateStateMachine"
    case createStateMachineAlias = "CreateStateMachineAlias"
    case deleteActivity = "DeleteActivity"
    case deleteStateMachine = "DeleteStateMachine"
    case deleteStateMachineAlias = "DeleteStateMachineAlias"
    case deleteStateMachineVersion = "DeleteStateMachineVersion"
    case describeActivity = "DescribeActivity"
    case describeExecution = "DescribeExecution"
    case describeMapRun = "DescribeMapRun"
    case describeStateMachine = "DescribeStateMachine"
    case describeStateMachineAlias = "DescribeStateMachineAlias"
    case describeStateMachineForExecution = "DescribeStateMachineForExecution"
    case getActivityTask = "GetActivityTask"
    case getExecutionHistory = "GetExecutionHistory"
    case listActivities = "ListActivities"
    case listExecutions = "ListExecutions"
    case listMapRuns = "ListMapRuns"
    case listStateMachineAliases = "ListStateMachineAliases"
    case listStateMachineVersions = "ListStateMachineVersions"
    case listStateMachines = "ListStateMachines"
    case listTagsForResource = "ListTagsForResource"
    case publishStateMachineVersion = "PublishStateMachineVersion"
    case redriveExecution = "RedriveExecution"
    case sendTaskFailure = "SendTaskFailure"
    case sendTaskHeartbeat = "SendTaskHeartbeat"
    case sendTaskSuccess = "SendTaskSuccess"
    case startExecution = "StartExecution"
    case startSyncExecution = "StartSyncExecution"
    case stopExecution = "StopExecution"
    case tagResource = "TagResource"
    case testState = "TestState"
    case untagResource = "UntagResource"
    case updateMapRun = "UpdateMapRun"
    case updateStateMachine = "UpdateStateMachine"
    case updateStateMachineAlias = "UpdateStateMachineAlias"
    case validateStateMachineDefinition = "ValidateStateMachineDefinition"

    /// The `X-Amz-Target` prefix of the service (the model's `targetPrefix`).
    public static let targetPrefix = "AWSStepFunctions"

    /// The operation an `X-Amz-Target` header names, or nil.
    public init?(target: String) {
        let prefix = Self.targetPrefix + "."
        guard target.hasPrefix(prefix) else { return nil }
        self.init(rawValue: String(target.dropFirst(prefix.count)))
    }

    /// Map Runs are not implemented yet.
    public var isSupported: Bool {
        switch self {
        case .describeMapRun, .listMapRuns, .updateMapRun:
            false
        default:
            true
        }
    }
}
