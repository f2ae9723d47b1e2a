import Foundation
import StatesLanguage
import StepwiseEngine
import StepwiseStore

/// Step Functions' `arn:aws:states:::sqs:sendMessage` (request-response and
/// `.waitForTaskToken`) over the local queues.
///
/// As AWS: a MessageBody that is not a string is sent as its JSON text; the result is
/// SendMessage's (`MD5OfMessageBody`, `MessageId`, …); errors are named after the AWS SDK
/// for Java's exception (`SQS.QueueDoesNotExistException`, or `SQS.AmazonSQSException`
/// for codes it does not model) with the SDK's message as the cause.
///
/// Inline for standard queues (``InlineIntegration``): the message is written in the
/// transaction of the step that starts the Task, with the Task's token; a FIFO queue's send
/// goes through a dispatch, since its deduplication needs the send's own transaction.
public struct SQSIntegration: InlineIntegration {
    public let queues: QueueService

    public init(queues: QueueService) { self.queues = queues }

    public func invoke(_ call: IntegrationCall) async -> IntegrationOutcome {
        let invocation = call.invocation
        guard case .integration(_, let action) = invocation.resource.kind, action == "sendMessage",
              invocation.resource.pattern == .requestResponse || invocation.resource.pattern == .waitForTaskToken else {
            return .failed(Failure("States.Runtime", cause: "Stepwise does not support the resource '\(invocation.resource.arn)'."))
        }
        do throws(SQSError) {
            let (name, request) = try Self.destination(invocation)
            return Self.outcome(try await queues.sendMessage(queue: name, request), invocation)
        } catch {
            return .failed(Self.failure(error))
        }
    }

    public func prepare(_ call: IntegrationCall) async -> InlinePreparation? {
        let invocation = call.invocation
        guard case .integration(_, "sendMessage") = invocation.resource.kind,
              invocation.resource.pattern == .requestResponse || invocation.resource.pattern == .waitForTaskToken else {
            return nil
        }
        do throws(SQSError) {
            let (name, request) = try Self.destination(invocation)
            guard let (draft, result) = try await queues.prepareSend(queue: name, request) else { return nil }
            let queues = self.queues
            return InlinePreparation(queueSends: [QueueSend(queue: name, message: draft)],
                                     outcome: Self.outcome(result, invocation),
                                     afterCommit: { queues.messagesStored(queue: name, count: 1) })
        } catch {
            return InlinePreparation(outcome: .failed(Self.failure(error)))
        }
    }

    /// The queue's name and SendMessage's request, from the Task's parameters.
    static func destination(_ invocation: TaskInvocation) throws(SQSError) -> (String, SendMessageRequest) {
        let request = try request(invocation.parameters)
        guard let url = request.queueUrl else { throw .missing("QueueUrl") }
        guard let name = QueueService.queueName(fromURL: url) else { throw .noSuchQueue }
        return (name, request)
    }

    /// The Task's outcome: SendMessage's response, as its result or (with a token) as what
    /// TaskSubmitted shows.
    static func outcome(_ result: SendMessageResult, _ invocation: TaskInvocation) -> IntegrationOutcome {
        var output: JSONObject = [:]
        if let md5 = result.md5OfMessageAttributes { output["MD5OfMessageAttributes"] = .string(md5) }
        output["MD5OfMessageBody"] = .string(result.md5OfMessageBody)
        output["MessageId"] = .string(result.messageId)
        if let sequence = result.sequenceNumber { output["SequenceNumber"] = .string(sequence) }
        return invocation.resource.pattern == .waitForTaskToken ? .submitted(.object(output)) : .succeeded(.object(output))
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
        return Failure(ErrorName(name), cause: "\(message) (Service: AmazonSQS; Status Code: \(error.code.status); Error Code: \(error.code.queryCode); Request ID: \(RandomBytes.uuidString()); Proxy: null)")
    }
}
