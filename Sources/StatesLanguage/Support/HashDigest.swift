import Crypto
import Foundation

/// The digests Step Functions' hash functions offer (`States.Hash` and JSONata's `$hash`):
/// the lower-case hex digest of a text's UTF-8 bytes.
enum HashDigest {
    /// The algorithm names both accept, as their error messages list them.
    static let algorithmNames = "MD5, SHA-1, SHA-256, SHA-384 or SHA-512"

    /// nil when `algorithm` is none of ``algorithmNames``.
    static func hex(of text: String, algorithm: String) -> String? {
        let data = Data(text.utf8)
        return switch algorithm {
        case "MD5": Insecure.MD5.hash(data: data).hexEncoded
        case "SHA-1": Insecure.SHA1.hash(data: data).hexEncoded
        case "SHA-256": SHA256.hash(data: data).hexEncoded
        case "SHA-384": SHA384.hash(data: data).hexEncoded
        case "SHA-512": SHA512.hash(data: data).hexEncoded
        default: nil
        }
    }
}
