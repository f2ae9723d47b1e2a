import Foundation
import StatesLanguage
import StepwiseStore

/// Lambda's checks of a mapping with an SQS source.
extension EventSourceMappings {
    func validate(_ record: EventSourceMappingRecord, function: FunctionRecord) async throws(LambdaError) {
        guard record.eventSourceArn.hasPrefix("arn:aws:sqs:") else {
            throw LambdaError(.invalidParameterValue, "Unrecognized event source, must be kinesis, dynamodb stream or sqs. (Stepwise maps SQS queues only.)")
        }
        guard (1...10_000).contains(record.batchSize) else {
            throw LambdaError(.invalidParameterValue, "1 validation error detected: Value '\(record.batchSize)' at 'batchSize' failed to satisfy constraint: Member must have value between 1 and 10000")
        }
        guard (0...300).contains(record.maximumBatchingWindowInSeconds) else {
            throw LambdaError(.invalidParameterValue, "1 validation error detected: Value '\(record.maximumBatchingWindowInSeconds)' at 'maximumBatchingWindowInSeconds' failed to satisfy constraint: Member must have value between 0 and 300")
        }
        if let bad = record.functionResponseTypes.first(where: { $0 != "ReportBatchItemFailures" }) ?? (record.functionResponseTypes.count > 1 ? "" : nil) {
            throw LambdaError(.invalidParameterValue, "1 validation error detected: Value '[\(bad)]' at 'functionResponseTypes' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [ReportBatchItemFailures]]")
        }
        if let criteria = record.filterCriteria {
            // Each filter's Pattern is JSON text holding an object.
            let filters = (try? JSON(parsing: criteria))?["Filters"]?.arrayValue
            guard let filters, filters.count <= 5, filters.allSatisfy({ filter in
                filter["Pattern"]?.stringValue.flatMap { try? JSON(parsing: $0) }?.objectValue != nil
            }) else {
                throw LambdaError(.invalidParameterValue, "Invalid filter pattern definition.")
            }
        }
        let fifo = record.eventSourceArn.hasSuffix(".fifo")
        if fifo {
            guard record.batchSize <= 10 else {
                throw LambdaError(.invalidParameterValue, "BatchSize must be between 1 and 10 for FIFO queues.")
            }
            guard record.maximumBatchingWindowInSeconds == 0 else {
                throw LambdaError(.invalidParameterValue, "Batching window is not supported for FIFO queues.")
            }
        } else if record.batchSize > 10, record.maximumBatchingWindowInSeconds == 0 {
            throw LambdaError(.invalidParameterValue, "Maximum batch window in seconds must be greater than 0 if maximum batch size is greater than 10")
        }
        guard let name = queues.queueName(fromArn: record.eventSourceArn),
              let queue = try? await queues.existingQueue(named: name) else {
            throw LambdaError(.invalidParameterValue, "Error occurred while ReceiveMessage. SQS Error Code: AWS.SimpleQueueService.NonExistentQueue. SQS Error Message: The specified queue does not exist for this wsdl version.")
        }
        let visibility = QueueConfiguration(queue.attributes).visibilityTimeout
        let timeout = Int(function.timeout.rounded(.up))
        guard visibility >= timeout else {
            throw LambdaError(.invalidParameterValue, "Queue visibility timeout: \(visibility) seconds is less than Function timeout: \(timeout) seconds")
        }
    }
}
