import AsyncHTTPClient
import Foundation
import NIOCore
import StatesLanguage

/// An HTTP Task's `Parameters`, checked as AWS checks them, and the request they describe.
struct HTTPTaskRequest {
    /// Why the parameters cannot make a request (the Task fails with `States.Runtime`).
    struct Problem: Error {
        var message: String
    }

    /// How `RequestEncodingOptions.ArrayFormat` writes an array in a URL-encoded body.
    enum ArrayFormat: String {
        /// `array[0]=a&array[1]=b` (AWS's default).
        case indices = "INDICES"
        /// `array=a&array=b`
        case `repeat` = "REPEAT"
        /// `array=a,b`
        case commas = "COMMAS"
        /// `array[]=a&array[]=b`
        case brackets = "BRACKETS"
    }

    static let methods: Set<String> = ["GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD"]

    /// Headers AWS keeps for itself: an HTTP Task may not set them.
    static let reservedHeaders: Set<String> = [
        "a-im", "accept-charset", "accept-datetime", "accept-encoding", "cache-control", "connection", "content-encoding",
        "content-length", "content-md5", "date", "expect", "forwarded", "from", "host", "http2-settings", "if-match",
        "if-modified-since", "if-none-match", "if-range", "if-unmodified-since", "max-forwards", "origin", "pragma",
        "proxy-authorization", "referer", "server", "te", "trailer", "transfer-encoding", "upgrade", "user-agent", "via",
        "warning",
    ]

    /// The endpoint with the query parameters added.
    var url: String
    var method: String
    var headers: [(String, String)] = []
    var body: [UInt8]?

    init(parameters: JSON) throws(Problem) {
        guard let object = parameters.objectValue else { throw Problem(message: "The HTTP Task's Parameters must be an object.") }
        guard let endpoint = object["ApiEndpoint"]?.stringValue else {
            throw Problem(message: "The field 'ApiEndpoint' is required and must be a string.")
        }
        guard let parsed = URLComponents(string: endpoint), let scheme = parsed.scheme?.lowercased(), scheme == "http" || scheme == "https",
              parsed.host?.isEmpty == false else {
            throw Problem(message: "The ApiEndpoint '\(endpoint)' is not an http or https URL.")
        }
        var url = endpoint
        guard let method = object["Method"]?.stringValue, Self.methods.contains(method) else {
            throw Problem(message: "The field 'Method' is required and must be one of \(Self.methods.sorted().joined(separator: ", ")).")
        }
        self.method = method
        let format = try Self.arrayFormat(object["Transform"])
        if let query = object["QueryParameters"] {
            guard let fields = query.objectValue else { throw Problem(message: "The field 'QueryParameters' must be an object.") }
            // Brackets are escaped here: a URL's query may not hold them as they are.
            let added = Self.formPairs(.object(fields), format: format)
                .map { "\(Self.escape($0, allowing: Self.unreserved))=\(Self.escape($1, allowing: Self.unreserved))" }
            if !added.isEmpty { url += (parsed.query == nil ? "?" : "&") + added.joined(separator: "&") }
        }
        self.url = url
        if let given = object["Headers"] {
            guard let fields = given.objectValue else { throw Problem(message: "The field 'Headers' must be an object.") }
            for (name, value) in fields {
                let lower = name.lowercased()
                if Self.reservedHeaders.contains(lower) || lower.hasPrefix("x-amz") || lower.hasPrefix("x-forwarded") {
                    throw Problem(message: "The header '\(name)' cannot be set in an HTTP Task.")
                }
                headers.append((name, Self.text(value)))
            }
        }
        try setBody(object["RequestBody"], transform: object["Transform"], format: format)
    }

    private mutating func setBody(_ given: JSON?, transform: JSON?, format: ArrayFormat) throws(Problem) {
        guard let given, !given.isNull else { return }
        let encoding = transform?["RequestBodyEncoding"]?.stringValue ?? "NONE"
        let contentType: String
        switch (encoding, given) {
        case ("NONE", .string(let text)):
            body = Array(text.utf8)
            contentType = "text/plain; charset=UTF-8"
        case ("NONE", _):
            body = Array(given.serialized.utf8)
            contentType = "application/json; charset=UTF-8"
        case ("URL_ENCODED", .object):
            body = Array(Self.formPairs(given, format: format).map { "\(Self.escape($0))=\(Self.escape($1))" }.joined(separator: "&").utf8)
            contentType = "application/x-www-form-urlencoded"
        case ("URL_ENCODED", _):
            throw Problem(message: "A URL_ENCODED RequestBody must be a JSON object.")
        default:
            throw Problem(message: "The RequestBodyEncoding '\(encoding)' is not one of NONE, URL_ENCODED.")
        }
        if !headers.contains(where: { $0.0.lowercased() == "content-type" }) { headers.append(("Content-Type", contentType)) }
    }

    private static func arrayFormat(_ transform: JSON?) throws(Problem) -> ArrayFormat {
        guard let name = transform?["RequestEncodingOptions"]?["ArrayFormat"]?.stringValue else { return .indices }
        guard let format = ArrayFormat(rawValue: name) else {
            throw Problem(message: "The ArrayFormat '\(name)' is not one of INDICES, REPEAT, COMMAS, BRACKETS.")
        }
        return format
    }

    /// A JSON object as form fields: nested objects as `a[b]`, arrays as `format` says.
    static func formPairs(_ value: JSON, format: ArrayFormat, prefix: String? = nil) -> [(String, String)] {
        switch value {
        case .object(let fields):
            return fields.flatMap { name, inner in
                formPairs(inner, format: format, prefix: prefix.map { "\($0)[\(name)]" } ?? name)
            }
        case .array(let items):
            let key = prefix ?? ""
            switch format {
            case .indices:
                return items.enumerated().flatMap { index, item in formPairs(item, format: format, prefix: "\(key)[\(index)]") }
            case .brackets:
                return items.flatMap { formPairs($0, format: format, prefix: "\(key)[]") }
            case .repeat:
                return items.flatMap { formPairs($0, format: format, prefix: key) }
            case .commas:
                return [(key, items.map(text).joined(separator: ","))]
            }
        default:
            return [(prefix ?? "", text(value))]
        }
    }

    /// A scalar as a header, query or form value: strings as they are, others as JSON text.
    static func text(_ value: JSON) -> String {
        switch value {
        case .string(let s): s
        case .null: ""
        default: value.serialized
        }
    }

    /// RFC 3986's unreserved characters: everything else is percent-encoded.
    static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
    /// In a form body, field names keep their brackets (`arr[0]`), as AWS shows them.
    static let formAllowed = unreserved.union(CharacterSet(charactersIn: "[]"))

    static func escape(_ text: String, allowing allowed: CharacterSet = formAllowed) -> String {
        text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }

    func clientRequest() -> HTTPClientRequest {
        var request = HTTPClientRequest(url: url)
        request.method = .init(rawValue: method)
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body { request.body = .bytes(ByteBuffer(bytes: body)) }
        return request
    }
}
