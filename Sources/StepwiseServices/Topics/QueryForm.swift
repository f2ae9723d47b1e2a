import Foundation

/// The parameters of a query-protocol request (`Action=Publish&TopicArn=…`): the
/// form-encoded body and the URL's query together, with the AWS query conventions for
/// maps (`Attributes.entry.1.key`) and lists (`…member.1.Id`).
struct QueryForm: Sendable {
    var values: [String: String]

    init(_ values: [String: String]) { self.values = values }

    init(request: ServiceRequest) {
        var values = request.query
        for (key, value) in Self.parse(String(decoding: request.body, as: UTF8.self)) { values[key] = value }
        self.values = values
    }

    subscript(_ key: String) -> String? { values[key] }

    /// `application/x-www-form-urlencoded`: `+` is a space, `%XX` a byte.
    static func parse(_ text: String) -> [String: String] {
        var result: [String: String] = [:]
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = decode(String(parts[0]))
            result[key] = parts.count > 1 ? decode(String(parts[1])) : ""
        }
        return result
    }

    private static func decode(_ text: String) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }

    /// `PREFIX.entry.N.key` / `PREFIX.entry.N.value` (N from 1).
    func map(_ prefix: String, key: String = "key", value: String = "value") -> [String: String] {
        var result: [String: String] = [:]
        for index in indices(of: "\(prefix).entry.") {
            if let k = values["\(prefix).entry.\(index).\(key)"] { result[k] = values["\(prefix).entry.\(index).\(value)"] ?? "" }
        }
        return result
    }

    /// `PREFIX.entry.N.Name` with `PREFIX.entry.N.Value.DataType` / `.StringValue` / `.BinaryValue`.
    func messageAttributes(_ prefix: String) -> [String: MessageAttributeValue]? {
        var result: [String: MessageAttributeValue] = [:]
        for index in indices(of: "\(prefix).entry.") {
            let base = "\(prefix).entry.\(index)"
            guard let name = values["\(base).Name"] else { continue }
            result[name] = MessageAttributeValue(
                dataType: values["\(base).Value.DataType"] ?? "", stringValue: values["\(base).Value.StringValue"],
                binaryValue: values["\(base).Value.BinaryValue"].flatMap { Data(base64Encoded: $0) })
        }
        return result.isEmpty ? nil : result
    }

    /// The N of every `PREFIXN.…` parameter, ascending.
    func indices(of prefix: String) -> [Int] {
        var found = Set<Int>()
        for key in values.keys where key.hasPrefix(prefix) {
            let rest = key.dropFirst(prefix.count)
            if let n = Int(rest.prefix { $0.isNumber }) { found.insert(n) }
        }
        return found.sorted()
    }

    /// The parameters under `prefix` (`PublishBatchRequestEntries.member.3.`), re-rooted.
    func scoped(_ prefix: String) -> QueryForm {
        var scoped: [String: String] = [:]
        for (key, value) in values where key.hasPrefix(prefix) { scoped[String(key.dropFirst(prefix.count))] = value }
        return QueryForm(scoped)
    }
}

/// A small XML writer for query-protocol responses.
struct XMLWriter {
    private(set) var text = ""

    mutating func element(_ name: String, _ value: String?) {
        guard let value else { return }
        text += "<\(name)>\(Self.escape(value))</\(name)>"
    }

    mutating func element(_ name: String, _ body: (inout XMLWriter) -> Void) {
        text += "<\(name)>"
        body(&self)
        text += "</\(name)>"
    }

    /// `<NAME><entry><key>K</key><value>V</value></entry>…</NAME>`, keys sorted.
    mutating func map(_ name: String, _ map: [String: String]) {
        element(name) { xml in
            for key in map.keys.sorted() {
                xml.element("entry") { entry in
                    entry.element("key", key)
                    entry.element("value", map[key])
                }
            }
        }
    }

    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\r": out += "&#xD;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
