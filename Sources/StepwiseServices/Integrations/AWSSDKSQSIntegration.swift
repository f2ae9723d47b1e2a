import Foundation
import StatesLanguage
import StepwiseEngine

/// `arn:aws:states:::aws-sdk:sqs:<action>` (request-response and `.waitForTaskToken`): any
/// operation of the local queues (`sendMessage`, `sendMessageBatch`, `receiveMessage`,
/// `deleteMessage`, `getQueueUrl`, `getQueueAttributes`, `createQueue`, `deleteQueue`,
/// `purgeQueue`, `listQueues`, …), with the SDK's PascalCase parameters and results (SQS's
/// JSON protocol has the same shapes) and errors as `Sqs.<Name>Exception`.
///
/// Unlike `sqs:sendMessage`, `MessageBody` must be a string here, as the SDK's shape says.
public struct AWSSDKSQSIntegration: Integration {
    let handler: SQSHandler

    init(handler: SQSHandler) { self.handler = handler }

    public func invoke(_ call: IntegrationCall) async -> IntegrationOutcome {
        let invocation = call.invocation
        guard case .integration(_, let action) = invocation.resource.kind else {
            return .failed(AWSSDKError.unsupported(service: "Sqs", action: invocation.resource.arn))
        }
        let operation = AWSSDKError.operation(action)
        do throws(SQSError) {
            let data = try await handler.perform(operation, JSONBody(Array(invocation.parameters.serialized.utf8)))
            let result = (try? JSON(parsing: Array(data))) ?? [:]
            return invocation.resource.pattern == .waitForTaskToken ? .submitted(result) : .succeeded(result)
        } catch {
            if error.code == .invalidAction { return .failed(AWSSDKError.unsupported(service: "Sqs", action: action)) }
            return .failed(Self.failure(error))
        }
    }

    static func failure(_ error: SQSError) -> Failure {
        AWSSDKError.failure(service: "Sqs", exception: error.code.modeled ? error.code.shape : nil,
                            message: error.message, status: error.code.status)
    }
}
