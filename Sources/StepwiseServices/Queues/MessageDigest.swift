import Crypto
import Foundation
import StatesLanguage

/// The digests SQS returns with a message, computed as SQS computes them (the SDKs verify
/// them: boto3's MD5OfMessageBody check, the Java SDK's attribute check).
enum MessageDigest {
    /// MD5 of the body's UTF-8 bytes, lowercase hex.
    static func md5(ofBody body: String) -> String { hex(Insecure.MD5.hash(data: Array(body.utf8))) }

    /// MD5 of message attributes: for each attribute in ascending name order, the name,
    /// the data type (each as a 4-byte big-endian length and UTF-8 bytes), a transport byte
    /// (1 string, 2 binary, 3 string list, 4 binary list) and the value(s), length-prefixed.
    /// nil when there are none.
    static func md5(ofAttributes attributes: [String: MessageAttributeValue]?) -> String? {
        guard let attributes, !attributes.isEmpty else { return nil }
        var bytes: [UInt8] = []
        for name in attributes.keys.sorted(by: { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }) {
            guard let value = attributes[name] else { continue }
            append(Array(name.utf8), to: &bytes)
            append(Array(value.dataType.utf8), to: &bytes)
            if let string = value.stringValue {
                bytes.append(1)
                append(Array(string.utf8), to: &bytes)
            } else if let binary = value.binaryValue {
                bytes.append(2)
                append(Array(binary), to: &bytes)
            } else if let strings = value.stringListValues {
                bytes.append(3)
                for s in strings { append(Array(s.utf8), to: &bytes) }
            } else if let binaries = value.binaryListValues {
                bytes.append(4)
                for b in binaries { append(Array(b), to: &bytes) }
            }
        }
        return hex(Insecure.MD5.hash(data: bytes))
    }

    private static func append(_ field: [UInt8], to bytes: inout [UInt8]) {
        let count = UInt32(truncatingIfNeeded: field.count)
        bytes.append(contentsOf: [UInt8(count >> 24), UInt8((count >> 16) & 0xFF), UInt8((count >> 8) & 0xFF), UInt8(count & 0xFF)])
        bytes.append(contentsOf: field)
    }

    static func hex<D: Sequence>(_ digest: D) -> String where D.Element == UInt8 {
        digest.hexEncoded
    }
}
