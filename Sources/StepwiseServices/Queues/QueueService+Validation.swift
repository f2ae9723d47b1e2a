import Foundation
import StatesLanguage
import StepwiseEngine

/// The rules SQS applies to message contents, attributes and batches, and the encodings
/// of receipt handles, timestamps and sequence numbers.
extension QueueService {
    /// XML 1.0's characters, the only ones SQS accepts in a body.
    static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }

    static func validate(_ attributes: [String: MessageAttributeValue]) throws(SQSError) {
        guard attributes.count <= 10 else {
            throw SQSError(.invalidParameterValue, "Number of message attributes [\(attributes.count)] exceeds the allowed maximum [10].")
        }
        for (name, value) in attributes {
            guard !name.isEmpty, name.count <= 256, !name.hasPrefix("AWS."), !name.hasPrefix("Amazon."),
                  !name.hasPrefix("."), !name.hasSuffix("."), !name.contains("..") else {
                throw SQSError(.invalidParameterValue, "Message (user) attribute '\(name)' is invalid.")
            }
            let type = value.dataType
            if type.hasPrefix("String") || type.hasPrefix("Number") {
                guard let string = value.stringValue, !string.isEmpty else {
                    throw SQSError(.invalidParameterValue, "Message (user) attribute '\(name)' must contain a non-empty value of message attribute type '\(type)'.")
                }
                if type.hasPrefix("Number"), Double(string) == nil {
                    throw SQSError(.invalidParameterValue, "Could not cast message attribute '\(name)' value to number.")
                }
            } else if type.hasPrefix("Binary") {
                guard let binary = value.binaryValue, !binary.isEmpty else {
                    throw SQSError(.invalidParameterValue, "Message (user) attribute '\(name)' must contain a non-empty value of message attribute type '\(type)'.")
                }
            } else {
                throw SQSError(.invalidParameterValue, "The type of message (user) attribute '\(name)' is invalid. You must use only the following supported type prefixes: Binary, Number, String.")
            }
        }
    }

    /// A batch has 1–10 entries with distinct ids of 1–80 alphanumerics, `-` and `_`.
    static func checkBatch(_ ids: [String]) throws(SQSError) {
        guard !ids.isEmpty else { throw SQSError(.emptyBatchRequest, "There should be at least one SendMessageBatchRequestEntry in the request.") }
        guard ids.count <= 10 else {
            throw SQSError(.tooManyEntriesInBatchRequest, "Maximum number of entries per request are 10. You have sent \(ids.count).")
        }
        guard Set(ids).count == ids.count else { throw SQSError(.batchEntryIdsNotDistinct, "Id \(ids.first { id in ids.filter { $0 == id }.count > 1 } ?? "") repeated.") }
        for id in ids where !(1...80).contains(id.count) || !id.unicodeScalars.allSatisfy({ $0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == "-" || $0 == "_") }) {
            throw SQSError(.invalidBatchEntryId, "A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.")
        }
    }

    static func encodeAttributes(_ attributes: [String: MessageAttributeValue]) -> String? {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return (try? encoder.encode(attributes)).map { String(decoding: $0, as: UTF8.self) }
    }

    static func decodeAttributes(_ text: String?) -> [String: MessageAttributeValue]? {
        guard let text else { return nil }
        return try? JSONDecoder().decode([String: MessageAttributeValue].self, from: Data(text.utf8))
    }

    /// 16 random bytes: the part of a receipt handle the store checks.
    static func newHandleSecret() -> String {
        RandomBytes.make(16).hexEncoded
    }

    /// An opaque handle: base64 of the message id and the receive's random secret.
    static func receiptHandle(messageID: String, secret: String) -> String {
        Data("\(messageID) \(secret)".utf8).base64EncodedString()
    }

    static func parseReceiptHandle(_ handle: String) -> (messageID: String, secret: String)? {
        guard let data = Data(base64Encoded: handle), let text = String(data: data, encoding: .utf8) else { return nil }
        let parts = text.split(separator: " ")
        guard parts.count == 2, parts[1].count == 32 else { return nil }
        return (String(parts[0]), String(parts[1]))
    }

    static func milliseconds(_ date: Date) -> String { String(Int64((date.timeIntervalSince1970 * 1000).rounded(.down))) }

    /// FIFO sequence numbers: 20 digits, increasing in send order.
    static func sequenceNumber(_ sequence: Int64) -> String {
        let digits = String(sequence)
        return "1" + String(repeating: "0", count: max(0, 19 - digits.count)) + digits
    }
}
