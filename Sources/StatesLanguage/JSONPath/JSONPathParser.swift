/// Turns JSONPath text into segments. (Minimal skeleton: names, indices, wildcards.)
enum JSONPathParser {
    static func parse(_ source: String) throws(JSONPathError) -> JSONPath {
        var chars = Array(source.unicodeScalars)[...]
        let isContext: Bool
        if chars.starts(with: ["$", "$"]) {
            isContext = true
            chars = chars.dropFirst(2)
        } else if chars.first == "$" {
            isContext = false
            chars = chars.dropFirst()
        } else {
            throw .invalidSyntax(path: source, reason: "a path must start with '$'")
        }
        var segments: [JSONPathSegment] = []
        while let c = chars.first {
            if c == "." {
                chars = chars.dropFirst()
                var name = ""
                while let n = chars.first, n != ".", n != "[" {
                    name.unicodeScalars.append(n)
                    chars = chars.dropFirst()
                }
                if name.isEmpty { throw .invalidSyntax(path: source, reason: "empty name") }
                segments.append(name == "*" ? .wildcard : .child(name))
            } else if c == "[" {
                chars = chars.dropFirst()
                var inner = ""
                while let n = chars.first, n != "]" {
                    inner.unicodeScalars.append(n)
                    chars = chars.dropFirst()
                }
                guard chars.first == "]" else { throw .invalidSyntax(path: source, reason: "missing ']'") }
                chars = chars.dropFirst()
                if inner == "*" {
                    segments.append(.wildcard)
                } else if let i = Int(inner) {
                    segments.append(.index(i))
                } else if inner.count >= 2, inner.first == "'", inner.last == "'" {
                    segments.append(.child(String(inner.dropFirst().dropLast())))
                } else {
                    throw .invalidSyntax(path: source, reason: "unsupported bracket expression")
                }
            } else {
                throw .invalidSyntax(path: source, reason: "unexpected character '\(c)'")
            }
        }
        return JSONPath(source: source, isContextPath: isContext, segments: segments)
    }
}
