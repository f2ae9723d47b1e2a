/// An SNS API error, with the code botocore's SNS model gives its exception shape.
public struct SNSError: Error, Sendable, Equatable {
    /// One SNS error: the exception shape (`NotFoundException`), its code (`NotFound`) and
    /// HTTP status.
    public struct Code: Sendable, Hashable {
        public var shape: String
        public var code: String
        public var status: Int
        public var senderFault: Bool

        public init(shape: String, code: String, status: Int, senderFault: Bool = true) {
            self.shape = shape
            self.code = code
            self.status = status
            self.senderFault = senderFault
        }

        public static let notFound = Code(shape: "NotFoundException", code: "NotFound", status: 404)
        public static let invalidParameter = Code(shape: "InvalidParameterException", code: "InvalidParameter", status: 400)
        public static let invalidParameterValue = Code(shape: "InvalidParameterValueException", code: "ParameterValueInvalid", status: 400)
        public static let emptyBatchRequest = Code(shape: "EmptyBatchRequestException", code: "EmptyBatchRequest", status: 400)
        public static let tooManyEntriesInBatchRequest = Code(shape: "TooManyEntriesInBatchRequestException", code: "TooManyEntriesInBatchRequest", status: 400)
        public static let batchEntryIdsNotDistinct = Code(shape: "BatchEntryIdsNotDistinctException", code: "BatchEntryIdsNotDistinct", status: 400)
        public static let invalidBatchEntryId = Code(shape: "InvalidBatchEntryIdException", code: "InvalidBatchEntryId", status: 400)
        public static let invalidAction = Code(shape: "InvalidAction", code: "InvalidAction", status: 400)
        public static let internalError = Code(shape: "InternalErrorException", code: "InternalError", status: 500, senderFault: false)
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    static let noSuchTopic = SNSError(.notFound, "Topic does not exist")
    static let noSuchSubscription = SNSError(.notFound, "Subscription does not exist")

    static func invalid(_ text: String) -> SNSError { SNSError(.invalidParameter, "Invalid parameter: \(text)") }
}
