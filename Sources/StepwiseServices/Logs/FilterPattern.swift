/// A CloudWatch Logs filter pattern for unstructured events: terms that must all appear
/// (`ERROR timeout`), quoted phrases (`"request failed"`), `?` terms of which one must
/// appear (`?ERROR ?WARN`), and `-` terms that must not (`ERROR -retry`). Matching is
/// case-sensitive, as CloudWatch Logs'. JSON (`{ $.x = 1 }`) and space-delimited
/// (`[a, b]`) patterns are not supported.
public struct FilterPattern: Sendable, Equatable {
    public var required: [String] = []
    public var anyOf: [String] = []
    public var excluded: [String] = []

    public struct Unsupported: Error, Equatable {
        public var pattern: String
    }

    public init(_ text: String) throws(Unsupported) {
        let trimmed = text.trimmingWhitespace
        if trimmed.hasPrefix("{") || trimmed.hasPrefix("[") { throw Unsupported(pattern: text) }
        var index = trimmed.startIndex
        while index < trimmed.endIndex {
            if trimmed[index] == " " { index = trimmed.index(after: index); continue }
            var prefix: Character?
            if trimmed[index] == "?" || trimmed[index] == "-" {
                prefix = trimmed[index]
                index = trimmed.index(after: index)
            }
            var term = ""
            if index < trimmed.endIndex, trimmed[index] == "\"" {
                index = trimmed.index(after: index)
                while index < trimmed.endIndex, trimmed[index] != "\"" {
                    term.append(trimmed[index])
                    index = trimmed.index(after: index)
                }
                if index < trimmed.endIndex { index = trimmed.index(after: index) }
            } else {
                while index < trimmed.endIndex, trimmed[index] != " " {
                    term.append(trimmed[index])
                    index = trimmed.index(after: index)
                }
            }
            guard !term.isEmpty else { continue }
            switch prefix {
            case "?": anyOf.append(term)
            case "-": excluded.append(term)
            default: required.append(term)
            }
        }
    }

    public func matches(_ message: String) -> Bool {
        if excluded.contains(where: { message.contains($0) }) { return false }
        if !anyOf.isEmpty, !anyOf.contains(where: { message.contains($0) }) { return false }
        return required.allSatisfy { message.contains($0) }
    }
}

extension String {
    var trimmingWhitespace: String {
        var text = Substring(self)
        while text.first?.isWhitespace == true { text = text.dropFirst() }
        while text.last?.isWhitespace == true { text = text.dropLast() }
        return String(text)
    }
}
