import Foundation
import StatesLanguage
import StepwiseEngine

/// Step Functions' `arn:aws:states:::sqs:sendMessage` (request-response and
/// `.waitForTaskToken`) over the local queues.
///
/// As AWS: a MessageBody that is not a string is sent as its JSON text; the result is
/// SendMessage's (`MD5OfMessageBody`, `MessageId`, …); errors are named after the AWS SDK
/// for Java's exception (`SQS.QueueDoesNotExistException`, or `SQS.AmazonSQSException`
/// for codes it does not model) with the SDK's message as the cause.
public struct SQSIntegration: Integration {
    public let queues: QueueService

    public init(queues: QueueService) { self.queues = queues }

    public func invoke(_ call: IntegrationCall) async -> IntegrationOutcome {
        let invocation = call.invocation
        guard case .integration(_, let action) = invocation.resource.kind, action == "sendMessage",
              invocation.resource.pattern == .requestResponse || invocation.resource.pattern == .waitForTaskToken else {
            return .failed(Failure("States.Runtime", cause: "Stepwise does not support the resource '\(invocation.resource.arn)'."))
        }
        do throws(SQSError) {
            let request = try Self.request(invocation.parameters)
            guard let url = request.queueUrl else { throw .missing("QueueUrl") }
            guard let name = QueueService.queueName(fromURL: url) else { throw .noSuchQueue }
            let result = try await queues.sendMessage(queue: name, request)
            var output: JSONObject = [:]
            if let md5 = result.md5OfMessageAttributes { output["MD5OfMessageAttributes"] = .string(md5) }
            output["MD5OfMessageBody"] = .string(result.md5OfMessageBody)
            output["MessageId"] = .string(result.messageId)
            if let sequence = result.sequenceNumber { output["SequenceNumber"] = .string(sequence) }
            return invocation.resource.pattern == .waitForTaskToken ? .submitted(.object(output)) : .succeeded(.object(output))
        } catch {
            return .failed(Self.failure(error))
        }
    }

    /// SendMessage's request from the Task's parameters.
    static func request(_ parameters: JSON) throws(SQSError) -> SendMessageRequest {
        let object = parameters.objectValue ?? [:]
        let body: String? = switch object["MessageBody"] {
        case .string(let text)?: text
        case nil, .null?: nil
        case let value?: value.serialized
        }
        var request = SendMessageRequest(queueUrl: object["QueueUrl"]?.stringValue, messageBody: body)
        if let delay = object["DelaySeconds"] {
            guard let seconds = delay.intValue else { throw .invalidParameter("DelaySeconds", delay.serialized, reason: "must be an integer") }
            request.delaySeconds = seconds
        }
        request.messageGroupId = object["MessageGroupId"]?.stringValue
        request.messageDeduplicationId = object["MessageDeduplicationId"]?.stringValue
        if let attributes = object["MessageAttributes"] {
            do {
                request.messageAttributes = try JSONDecoder().decode([String: MessageAttributeValue].self, from: Data(attributes.serialized.utf8))
            } catch {
                throw SQSError(.invalidParameterValue, "The message attributes are not valid: each needs a DataType and a StringValue or BinaryValue.")
            }
        }
        return request
    }

    /// The error a failed SendMessage raises in the Task.
    static func failure(_ error: SQSError) -> Failure {
        let name = error.code.modeled ? "SQS.\(error.code.shape)Exception" : "SQS.AmazonSQSException"
        // The Java SDK (query protocol) words a missing queue as it always did.
        let message = error.code == .queueDoesNotExist ? "The specified queue does not exist for this wsdl version." : error.message
        return Failure(ErrorName(name), cause: "\(message) (Service: AmazonSQS; Status Code: \(error.code.status); Error Code: \(error.code.queryCode); Request ID: \(UUID().uuidString.lowercased()); Proxy: null)")
    }
}
