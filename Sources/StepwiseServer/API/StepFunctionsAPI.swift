import Foundation
import Hummingbird
import Logging
import StepwiseEngine

/// The Step Functions API over an ``Engine``: one handler per operation of botocore's
/// model, each decoding its request shape, validating it as the model says, calling the
/// engine and encoding the response shape. Errors leave as thrown; the router renders
/// them through ``StepFunctionsError/init(mapping:)``.
public struct StepFunctionsAPI: Sendable {
    public let engine: Engine
    public let metrics: ServerMetrics
    /// How long GetActivityTask waits for a task (AWS: 60 seconds).
    public var activityPoll: Duration

    public init(engine: Engine, metrics: ServerMetrics, activityPoll: Duration = .seconds(60)) {
        self.engine = engine
        self.metrics = metrics
        self.activityPoll = activityPoll
    }

    /// Handles one call of `operation` with its JSON body.
    public func handle(_ operation: StepFunctionsOperation, body: ByteBuffer) async throws -> Response {
        guard operation.isSupported else { throw StepFunctionsError.unsupported(operation.rawValue) }
        switch operation {
        case .createStateMachine: return try await call(body, createStateMachine)
        case .describeStateMachine: return try await call(body, describeStateMachine)
        case .updateStateMachine: return try await call(body, updateStateMachine)
        case .deleteStateMachine: return try await call(body, deleteStateMachine)
        case .listStateMachines: return try await call(body, listStateMachines)
        case .describeStateMachineForExecution: return try await call(body, describeStateMachineForExecution)
        case .validateStateMachineDefinition: return try await call(body, validateStateMachineDefinition)
        case .startExecution: return try await call(body, startExecution)
        case .startSyncExecution: return try await call(body, startSyncExecution)
        case .stopExecution: return try await call(body, stopExecution)
        case .describeExecution: return try await call(body, describeExecution)
        case .listExecutions: return try await call(body, listExecutions)
        case .getExecutionHistory: return try await call(body, getExecutionHistory)
        case .sendTaskSuccess: return try await call(body, sendTaskSuccess)
        case .sendTaskFailure: return try await call(body, sendTaskFailure)
        case .sendTaskHeartbeat: return try await call(body, sendTaskHeartbeat)
        case .createActivity: return try await call(body, createActivity)
        case .describeActivity: return try await call(body, describeActivity)
        case .deleteActivity: return try await call(body, deleteActivity)
        case .listActivities: return try await call(body, listActivities)
        case .getActivityTask: return try await call(body, getActivityTask)
        case .tagResource: return try await call(body, tagResource)
        case .untagResource: return try await call(body, untagResource)
        case .listTagsForResource: return try await call(body, listTagsForResource)
        case .publishStateMachineVersion: return try await call(body, publishStateMachineVersion)
        case .listStateMachineVersions: return try await call(body, listStateMachineVersions)
        case .deleteStateMachineVersion: return try await call(body, deleteStateMachineVersion)
        case .createStateMachineAlias: return try await call(body, createStateMachineAlias)
        case .describeStateMachineAlias: return try await call(body, describeStateMachineAlias)
        case .updateStateMachineAlias: return try await call(body, updateStateMachineAlias)
        case .deleteStateMachineAlias: return try await call(body, deleteStateMachineAlias)
        case .listStateMachineAliases: return try await call(body, listStateMachineAliases)
        case .redriveExecution: return try await call(body, redriveExecution)
        case .testState: return try await call(body, testState)
        default: throw StepFunctionsError.unsupported(operation.rawValue)
        }
    }

    private func call<Input: ValidatedRequest, Output: Encodable>(
        _ body: ByteBuffer, _ handler: (Input) async throws -> Output
    ) async throws -> Response {
        let input = try AWSJSON.decode(Input.self, from: body)
        var validator = FieldValidator()
        input.validate(&validator)
        try validator.check()
        return try AWSJSON.response(try await handler(input))
    }

    /// Fails with `InvalidArn` unless `arn` is a Step Functions ARN of one of `types`.
    func requireArn(_ arn: String?, _ types: String...) throws(StepFunctionsError) -> String {
        let arn = arn ?? ""
        guard arn.hasPrefix("arn:"), let parsed = engine.arns.parse(arn) else { throw .invalidArn(arn) }
        guard types.contains(parsed.type) else { throw .wrongResourceType(parsed.type) }
        return arn
    }

    /// `maxResults`: 0 or absent means AWS's default page of 100.
    static func pageSize(_ maxResults: Int?) -> Int {
        guard let maxResults, maxResults > 0 else { return 100 }
        return maxResults
    }
}
