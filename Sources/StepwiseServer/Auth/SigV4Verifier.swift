import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import StatesLanguage

/// Checks AWS Signature Version 4 on API requests, as AWS does: an unknown access key is
/// `UnrecognizedClientException`, a wrong signature (or one older than 15 minutes)
/// `InvalidSignatureException`, no signature at all `MissingAuthenticationTokenException`.
///
/// The canonical request is rebuilt from the method, path, query, the headers the client
/// signed and the SHA-256 of the body, exactly as the SDKs build it
/// (<https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html>).
public struct SigV4Verifier: Sendable {
    public var credentials: Credentials
    /// How far the request's `X-Amz-Date` may be from the server's clock.
    public var allowedSkew: TimeInterval = 15 * 60

    public init(credentials: Credentials) { self.credentials = credentials }

    /// The parts of `Authorization: AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…`.
    struct Authorization {
        var accessKeyID: String
        var scope: String
        var signedHeaders: [String]
        var signature: String
    }

    public func verify(_ head: HTTPRequest, body: ByteBuffer, now: Date = Date()) throws(StepFunctionsError) {
        guard let header = head.headerFields[.authorization] else {
            throw StepFunctionsError(.missingAuthenticationToken, "Missing Authentication Token")
        }
        guard let authorization = Self.parse(header) else {
            throw StepFunctionsError(.incompleteSignature, "Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' parameters: '\(header)'")
        }
        guard let secret = credentials.secrets[authorization.accessKeyID] else {
            throw StepFunctionsError(.unrecognizedClient, "The security token included in the request is invalid.")
        }
        guard let amzDate = head.headerFields[.amzDate], let date = Self.parseDate(amzDate) else {
            throw StepFunctionsError(.incompleteSignature, "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.")
        }
        guard abs(date.timeIntervalSince(now)) <= allowedSkew else {
            throw StepFunctionsError(.invalidSignature, "Signature expired: \(amzDate) is now earlier or later than the server's time by more than 15 minutes.")
        }
        let expected = Self.signature(head, body: body, authorization: authorization, amzDate: amzDate, secret: secret)
        guard Self.constantTimeEqual(expected, authorization.signature) else {
            throw StepFunctionsError(.invalidSignature, "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.")
        }
    }

    static func parse(_ header: String) -> Authorization? {
        let prefix = "AWS4-HMAC-SHA256 "
        guard header.hasPrefix(prefix) else { return nil }
        var fields: [String: String] = [:]
        for part in header.dropFirst(prefix.count).split(separator: ",") {
            let pair = part.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
            if pair.count == 2 { fields[String(pair[0])] = String(pair[1]) }
        }
        guard let credential = fields["Credential"], let signed = fields["SignedHeaders"], let signature = fields["Signature"],
              let slash = credential.firstIndex(of: "/") else { return nil }
        return Authorization(accessKeyID: String(credential[..<slash]), scope: String(credential[credential.index(after: slash)...]),
                             signedHeaders: signed.split(separator: ";").map(String.init), signature: signature)
    }

    /// The signature the client should have sent, computed with `secret`.
    static func signature(_ head: HTTPRequest, body: ByteBuffer, authorization: Authorization, amzDate: String, secret: String) -> String {
        let payloadHash = head.headerFields[.amzContentSHA256] ?? hex(SHA256.hash(data: Data(buffer: body)))
        let (path, query) = splitPath(head.path ?? "/")
        let headers = authorization.signedHeaders.map { name -> String in
            let value: String = if name == "host" {
                head.authority ?? ""
            } else if let field = HTTPField.Name(name) {
                head.headerFields[values: field].joined(separator: ",")
            } else { "" }
            return "\(name):\(value.split(whereSeparator: \.isWhitespace).joined(separator: " "))\n"
        }.joined()
        let canonical = [head.method.rawValue, canonicalPath(path), canonicalQuery(query), headers,
                         authorization.signedHeaders.joined(separator: ";"), payloadHash].joined(separator: "\n")
        let stringToSign = ["AWS4-HMAC-SHA256", amzDate, authorization.scope, hex(SHA256.hash(data: Data(canonical.utf8)))]
            .joined(separator: "\n")
        // The scope is date/region/service/aws4_request.
        var key = SymmetricKey(data: Data("AWS4\(secret)".utf8))
        for part in authorization.scope.split(separator: "/") {
            key = SymmetricKey(data: Data(HMAC<SHA256>.authenticationCode(for: Data(part.utf8), using: key)))
        }
        return hex(HMAC<SHA256>.authenticationCode(for: Data(stringToSign.utf8), using: key))
    }

    private static func splitPath(_ target: String) -> (String, String) {
        guard let mark = target.firstIndex(of: "?") else { return (target, "") }
        return (String(target[..<mark]), String(target[target.index(after: mark)...]))
    }

    /// Each path segment URI-encoded once (the path arrives encoded; decode it first).
    private static func canonicalPath(_ path: String) -> String {
        let segments = path.split(separator: "/", omittingEmptySubsequences: false).map { segment in
            uriEncode(String(segment).removingPercentEncoding ?? String(segment))
        }
        let joined = segments.joined(separator: "/")
        return joined.isEmpty ? "/" : joined
    }

    private static func canonicalQuery(_ query: String) -> String {
        guard !query.isEmpty else { return "" }
        return query.split(separator: "&").map { pair -> (String, String) in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(parts[0]).removingPercentEncoding ?? String(parts[0])
            let value = parts.count > 1 ? (String(parts[1]).removingPercentEncoding ?? String(parts[1])) : ""
            return (uriEncode(name), uriEncode(value))
        }.sorted { $0 < $1 }.map { "\($0.0)=\($0.1)" }.joined(separator: "&")
    }

    private static func uriEncode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: Unicode.Scalar(0)...Unicode.Scalar(127)))
        allowed.insert(charactersIn: "-_.~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }

    static func parseDate(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        return formatter.date(from: text)
    }

    static func hex(_ bytes: some Sequence<UInt8>) -> String {
        bytes.hexEncoded
    }

    private static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

extension StepFunctionsError.Code {
    /// The Authorization header is malformed.
    public static let incompleteSignature: Self = "IncompleteSignatureException"
}
