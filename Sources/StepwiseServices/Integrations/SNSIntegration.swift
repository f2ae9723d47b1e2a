import Foundation
import StatesLanguage
import StepwiseEngine

/// Step Functions' `arn:aws:states:::sns:publish` (request-response and
/// `.waitForTaskToken`) over the local topics.
///
/// As AWS: a Message that is not a string is published as its JSON text; the result is
/// `{"MessageId"}` (with `SequenceNumber` for FIFO topics); errors are
/// `SNS.<Exception>` (`SNS.NotFoundException`, `SNS.InvalidParameterException`) with the
/// AWS SDK for Java's message as the cause.
///
/// Inline (``InlineIntegration``): the notification goes into the topic's outbox in the
/// transaction of the step that starts the Task, and the deliverer is woken once it committed.
public struct SNSIntegration: InlineIntegration {
    public let topics: TopicService

    public init(topics: TopicService) { self.topics = topics }

    public func invoke(_ call: IntegrationCall) async -> IntegrationOutcome {
        let invocation = call.invocation
        guard case .integration(_, let action) = invocation.resource.kind, action == "publish",
              invocation.resource.pattern == .requestResponse || invocation.resource.pattern == .waitForTaskToken else {
            return .failed(Failure("States.Runtime", cause: "Stepwise does not support the resource '\(invocation.resource.arn)'."))
        }
        let object = invocation.parameters.objectValue ?? [:]
        do throws(SNSError) {
            let result = try await topics.publish(topicArn: try Self.topic(object), try Self.request(object))
            return Self.outcome(result, invocation)
        } catch {
            return .failed(Self.failure(error))
        }
    }

    public func prepare(_ call: IntegrationCall) async -> InlinePreparation? {
        let invocation = call.invocation
        guard case .integration(_, "publish") = invocation.resource.kind,
              invocation.resource.pattern == .requestResponse || invocation.resource.pattern == .waitForTaskToken else {
            return nil
        }
        let object = invocation.parameters.objectValue ?? [:]
        do throws(SNSError) {
            let (publish, result) = try await topics.preparePublish(topicArn: try Self.topic(object), try Self.request(object))
            let topics = self.topics
            return InlinePreparation(topicPublishes: [publish], outcome: Self.outcome(result, invocation),
                                     afterCommit: { if publish.receipt.deliveries > 0 { topics.deliveriesStored() } })
        } catch {
            return InlinePreparation(outcome: .failed(Self.failure(error)))
        }
    }

    static func topic(_ object: JSONObject) throws(SNSError) -> String {
        guard let topic = object["TopicArn"]?.stringValue ?? object["TargetArn"]?.stringValue else {
            throw .invalid("TopicArn or TargetArn Reason: no value for required parameter")
        }
        return topic
    }

    /// Publish's response, as the Task's result or (with a token) as what TaskSubmitted shows.
    static func outcome(_ result: PublishResult, _ invocation: TaskInvocation) -> IntegrationOutcome {
        var output: JSONObject = ["MessageId": .string(result.messageId)]
        if let sequence = result.sequenceNumber { output["SequenceNumber"] = .string(sequence) }
        return invocation.resource.pattern == .waitForTaskToken ? .submitted(.object(output)) : .succeeded(.object(output))
    }

    static func request(_ object: JSONObject) throws(SNSError) -> PublishRequest {
        let message: String? = switch object["Message"] {
        case .string(let text)?: text
        case nil, .null?: nil
        case let value?: value.serialized
        }
        var request = PublishRequest(message: message, subject: object["Subject"]?.stringValue,
                                     messageStructure: object["MessageStructure"]?.stringValue,
                                     messageGroupId: object["MessageGroupId"]?.stringValue,
                                     messageDeduplicationId: object["MessageDeduplicationId"]?.stringValue)
        if let attributes = object["MessageAttributes"] {
            do {
                request.messageAttributes = try JSONDecoder().decode([String: MessageAttributeValue].self, from: Data(attributes.serialized.utf8))
            } catch {
                throw SNSError(.invalidParameterValue, "The message attributes are not valid: each needs a DataType and a StringValue or BinaryValue.")
            }
        }
        return request
    }

    static func failure(_ error: SNSError) -> Failure {
        Failure(ErrorName("SNS.\(error.code.shape)"),
                cause: "\(error.message) (Service: AmazonSNS; Status Code: \(error.code.status); Error Code: \(error.code.code); Request ID: \(RandomBytes.uuidString()); Proxy: null)")
    }
}
