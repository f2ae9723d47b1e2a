import Foundation

/// An SQS API error, named as botocore's SQS model names it.
///
/// SQS speaks JSON but keeps its old query-protocol codes: the JSON `__type` carries the
/// shape name (`com.amazonaws.sqs#QueueDoesNotExist`), and the `x-amzn-query-error` header
/// the legacy code (`AWS.SimpleQueueService.NonExistentQueue;Sender`), which botocore maps
/// back to the modeled exception.
public struct SQSError: Error, Sendable, Equatable {
    /// One SQS error code: its shape, its legacy query code and its HTTP status.
    public struct Code: Sendable, Hashable {
        /// The shape name in botocore's model (`QueueDoesNotExist`), or the bare code of an
        /// error SQS does not model (`InvalidParameterValue`).
        public var shape: String
        /// The query-protocol code (`AWS.SimpleQueueService.NonExistentQueue`).
        public var queryCode: String
        /// Whether the AWS SDK for Java has an exception class for it (`<shape>Exception`);
        /// the others are `AmazonSQSException` (what Step Functions names the error after).
        public var modeled: Bool
        public var status: Int
        /// A fault of the caller (`Sender`) or of the service (`Receiver`).
        public var senderFault: Bool

        public init(shape: String, queryCode: String, modeled: Bool, status: Int = 400, senderFault: Bool = true) {
            self.shape = shape
            self.queryCode = queryCode
            self.modeled = modeled
            self.status = status
            self.senderFault = senderFault
        }

        public static let queueDoesNotExist = Code(shape: "QueueDoesNotExist", queryCode: "AWS.SimpleQueueService.NonExistentQueue", modeled: true)
        public static let queueNameExists = Code(shape: "QueueNameExists", queryCode: "QueueAlreadyExists", modeled: true)
        public static let receiptHandleIsInvalid = Code(shape: "ReceiptHandleIsInvalid", queryCode: "ReceiptHandleIsInvalid", modeled: true)
        public static let messageNotInflight = Code(shape: "MessageNotInflight", queryCode: "AWS.SimpleQueueService.MessageNotInflight", modeled: true)
        public static let invalidAttributeName = Code(shape: "InvalidAttributeName", queryCode: "InvalidAttributeName", modeled: true)
        public static let invalidAttributeValue = Code(shape: "InvalidAttributeValue", queryCode: "InvalidAttributeValue", modeled: true)
        public static let invalidMessageContents = Code(shape: "InvalidMessageContents", queryCode: "InvalidMessageContents", modeled: true)
        public static let emptyBatchRequest = Code(shape: "EmptyBatchRequest", queryCode: "AWS.SimpleQueueService.EmptyBatchRequest", modeled: true)
        public static let tooManyEntriesInBatchRequest = Code(shape: "TooManyEntriesInBatchRequest", queryCode: "AWS.SimpleQueueService.TooManyEntriesInBatchRequest", modeled: true)
        public static let batchEntryIdsNotDistinct = Code(shape: "BatchEntryIdsNotDistinct", queryCode: "AWS.SimpleQueueService.BatchEntryIdsNotDistinct", modeled: true)
        public static let invalidBatchEntryId = Code(shape: "InvalidBatchEntryId", queryCode: "AWS.SimpleQueueService.InvalidBatchEntryId", modeled: true)
        public static let unsupportedOperation = Code(shape: "UnsupportedOperation", queryCode: "AWS.SimpleQueueService.UnsupportedOperation", modeled: true)
        public static let invalidParameterValue = Code(shape: "InvalidParameterValue", queryCode: "InvalidParameterValue", modeled: false)
        public static let missingParameter = Code(shape: "MissingParameter", queryCode: "MissingParameter", modeled: false)
        public static let invalidAction = Code(shape: "InvalidAction", queryCode: "InvalidAction", modeled: false)
        public static let internalFailure = Code(shape: "InternalFailure", queryCode: "InternalFailure", modeled: false, status: 500, senderFault: false)
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    static let noSuchQueue = SQSError(.queueDoesNotExist, "The specified queue does not exist.")

    static func invalidParameter(_ name: String, _ value: CustomStringConvertible, reason: String) -> SQSError {
        SQSError(.invalidParameterValue, "Value \(value) for parameter \(name) is invalid. Reason: \(reason).")
    }

    static func missing(_ name: String) -> SQSError {
        SQSError(.missingParameter, "The request must contain the parameter \(name).")
    }

    static func invalidReceiptHandle(_ handle: String) -> SQSError {
        SQSError(.receiptHandleIsInvalid, "The input receipt handle \"\(handle)\" is not a valid receipt handle.")
    }
}
