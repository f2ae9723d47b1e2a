import Foundation
import StepwiseEngine

/// SQS's JSON protocol (`X-Amz-Target: AmazonSQS.<Operation>`, `application/x-amz-json-1.0`),
/// what current SDKs and the AWS CLI speak, over a ``QueueService``.
public struct SQSHandler: Sendable {
    public let service: QueueService
    /// The URL the server is reached at (`http://127.0.0.1:8083`): queue URLs start with it.
    public let baseURL: String

    public init(service: QueueService, baseURL: String) {
        self.service = service
        self.baseURL = baseURL
    }

    /// Whether `request` is an SQS JSON call.
    public static func accepts(_ request: ServiceRequest) -> Bool {
        request.header("X-Amz-Target")?.hasPrefix("AmazonSQS.") == true
    }

    public func handle(_ request: ServiceRequest) async -> ServiceResponse {
        let operation = request.header("X-Amz-Target").map { String($0.dropFirst("AmazonSQS.".count)) } ?? ""
        do throws(SQSError) {
            let body = try await perform(operation, JSONBody(request.body))
            return Self.response(200, body)
        } catch {
            return Self.errorResponse(error)
        }
    }

    func perform(_ operation: String, _ body: JSONBody) async throws(SQSError) -> Data {
        switch operation {
        case "CreateQueue":
            let name = try await service.createQueue(try body.decode(CreateQueueRequest.self))
            return Self.encode(["QueueUrl": service.url(ofQueue: name, base: baseURL)])
        case "GetQueueUrl":
            let request = try body.decode(QueueNameRequest.self)
            let record = try await service.existingQueue(named: request.queueName)
            return Self.encode(["QueueUrl": service.url(ofQueue: record.name, base: baseURL)])
        case "ListQueues":
            let request = try body.decode(ListQueuesRequest.self)
            return Self.encode(try await listQueues(request))
        case "GetQueueAttributes":
            let request = try body.decode(QueueAttributesRequest.self)
            let attributes = try await service.queueAttributes(try queue(request.queueUrl), names: request.attributeNames ?? [])
            return Self.encode(attributes.isEmpty ? [String: [String: String]]() : ["Attributes": attributes])
        case "SetQueueAttributes":
            let request = try body.decode(QueueAttributesRequest.self)
            try await service.setQueueAttributes(try queue(request.queueUrl), request.attributes ?? [:])
            return Self.empty
        case "DeleteQueue":
            try await service.deleteQueue(try queue(try body.decode(QueueURLRequest.self).queueUrl))
            return Self.empty
        case "PurgeQueue":
            try await service.purgeQueue(try queue(try body.decode(QueueURLRequest.self).queueUrl))
            return Self.empty
        case "SendMessage":
            let request = try body.decode(SendMessageRequest.self)
            return Self.encode(try await service.sendMessage(queue: try queue(request.queueUrl), request))
        case "SendMessageBatch":
            let request = try body.decode(BatchRequest<SendMessageBatchEntry>.self)
            return Self.encode(try await service.sendMessageBatch(queue: try queue(request.queueUrl), request.entries ?? []))
        case "ReceiveMessage":
            let request = try body.decode(ReceiveMessageRequest.self)
            let messages = try await service.receiveMessage(queue: try queue(request.queueUrl), request)
            return Self.encode(messages.isEmpty ? ReceiveMessageResult(messages: nil) : ReceiveMessageResult(messages: messages))
        case "DeleteMessage":
            let request = try body.decode(ReceiptRequest.self)
            guard let handle = request.receiptHandle else { throw .missing("ReceiptHandle") }
            let name = try queue(request.queueUrl)
            _ = try await service.existingQueue(named: name)
            try await service.deleteMessage(queue: name, receiptHandle: handle)
            return Self.empty
        case "ChangeMessageVisibility":
            let request = try body.decode(ReceiptRequest.self)
            guard let handle = request.receiptHandle else { throw .missing("ReceiptHandle") }
            guard let timeout = request.visibilityTimeout else { throw .missing("VisibilityTimeout") }
            let name = try queue(request.queueUrl)
            _ = try await service.existingQueue(named: name)
            try await service.changeMessageVisibility(queue: name, receiptHandle: handle, timeout: timeout)
            return Self.empty
        case "DeleteMessageBatch", "ChangeMessageVisibilityBatch":
            let request = try body.decode(BatchRequest<ReceiptBatchEntry>.self)
            return Self.encode(try await service.receiptBatch(queue: try queue(request.queueUrl), request.entries ?? [],
                                                              changeVisibility: operation == "ChangeMessageVisibilityBatch"))
        default:
            throw SQSError(.invalidAction, "The action \(operation) is not valid for this endpoint.")
        }
    }

    private func listQueues(_ request: ListQueuesRequest) async throws(SQSError) -> ListQueuesResult {
        var names = try await service.listQueues(prefix: request.queueNamePrefix)
        if let token = request.nextToken {
            guard let data = Data(base64Encoded: token), let after = String(data: data, encoding: .utf8) else {
                throw SQSError(.invalidParameterValue, "Invalid NextToken value.")
            }
            names = names.filter { $0 > after }
        }
        var next: String?
        if let max = request.maxResults {
            guard (1...1000).contains(max) else { throw .invalidParameter("MaxResults", max, reason: "MaxResults must be an integer between 1 and 1000") }
            if names.count > max {
                names = Array(names.prefix(max))
                next = names.last.map { Data($0.utf8).base64EncodedString() }
            }
        }
        let urls = names.prefix(1000).map { service.url(ofQueue: $0, base: baseURL) }
        return ListQueuesResult(queueUrls: urls.isEmpty ? nil : Array(urls), nextToken: next)
    }

    private func queue(_ url: String?) throws(SQSError) -> String {
        guard let url else { throw .missing("QueueUrl") }
        guard let name = QueueService.queueName(fromURL: url) else { throw .noSuchQueue }
        return name
    }

    // MARK: Encoding

    static let empty = Data("{}".utf8)

    static func encode<T: Encodable>(_ value: T) -> Data {
        (try? JSONEncoder().encode(value)) ?? empty
    }

    static func response(_ status: Int, _ body: Data) -> ServiceResponse {
        ServiceResponse(status: status, headers: [
            "Content-Type": "application/x-amz-json-1.0", "x-amzn-RequestId": RandomBytes.uuidString(),
        ], body: Array(body))
    }

    /// AWS's error: the shape in `__type`, the legacy code in `x-amzn-query-error`.
    static func errorResponse(_ error: SQSError) -> ServiceResponse {
        var response = response(error.code.status, encode([
            "__type": "com.amazonaws.sqs#\(error.code.shape)", "message": error.message,
        ]))
        response.headers["x-amzn-query-error"] = "\(error.code.queryCode);\(error.code.senderFault ? "Sender" : "Receiver")"
        return response
    }
}

/// A request body, decoded on demand into an operation's shape.
struct JSONBody {
    let bytes: [UInt8]
    init(_ bytes: [UInt8]) { self.bytes = bytes }

    func decode<T: Decodable>(_ type: T.Type) throws(SQSError) -> T {
        let data = bytes.isEmpty ? Data("{}".utf8) : Data(bytes)
        do {
            return try JSONDecoder().decode(T.self, from: data)
        } catch {
            throw SQSError(.invalidParameterValue, "The request body is not valid for this operation: \(Self.describe(error))")
        }
    }

    private static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            "\(context.codingPath.map(\.stringValue).joined(separator: ".")): \(context.debugDescription)"
        case DecodingError.keyNotFound(let key, _): "missing \(key.stringValue)"
        case DecodingError.dataCorrupted(let context): context.debugDescription
        default: "\(error)"
        }
    }
}

struct QueueNameRequest: Decodable {
    var queueName: String
    enum CodingKeys: String, CodingKey { case queueName = "QueueName" }
}

struct QueueURLRequest: Decodable {
    var queueUrl: String?
    enum CodingKeys: String, CodingKey { case queueUrl = "QueueUrl" }
}

struct QueueAttributesRequest: Decodable {
    var queueUrl: String?
    var attributeNames: [String]?
    var attributes: [String: String]?
    enum CodingKeys: String, CodingKey { case queueUrl = "QueueUrl", attributeNames = "AttributeNames", attributes = "Attributes" }
}

struct ListQueuesRequest: Decodable {
    var queueNamePrefix: String?
    var nextToken: String?
    var maxResults: Int?
    enum CodingKeys: String, CodingKey { case queueNamePrefix = "QueueNamePrefix", nextToken = "NextToken", maxResults = "MaxResults" }
}

struct ListQueuesResult: Encodable {
    var queueUrls: [String]?
    var nextToken: String?
    enum CodingKeys: String, CodingKey { case queueUrls = "QueueUrls", nextToken = "NextToken" }
}

struct ReceiptRequest: Decodable {
    var queueUrl: String?
    var receiptHandle: String?
    var visibilityTimeout: Int?
    enum CodingKeys: String, CodingKey { case queueUrl = "QueueUrl", receiptHandle = "ReceiptHandle", visibilityTimeout = "VisibilityTimeout" }
}

struct BatchRequest<Entry: Decodable>: Decodable {
    var queueUrl: String?
    var entries: [Entry]?
    enum CodingKeys: String, CodingKey { case queueUrl = "QueueUrl", entries = "Entries" }
}

struct ReceiveMessageResult: Encodable {
    var messages: [SQSMessage]?
    enum CodingKeys: String, CodingKey { case messages = "Messages" }
}
