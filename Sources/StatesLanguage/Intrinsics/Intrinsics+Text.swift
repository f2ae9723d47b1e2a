import Foundation

/// `States.Format`, `States.StringSplit`, `States.StringToJson`, `States.JsonMerge`,
/// `States.Base64Encode`, `States.Base64Decode`, `States.Hash`.
extension Intrinsics {
    /// Replaces each `{}` in the template with the next argument: strings as they are,
    /// other values as Java prints them (`{a=1, b=[x, y]}`). `\{`, `\}`, `\'` and `\\`
    /// are literal characters; a lone brace is an error, and the number of placeholders
    /// must equal the number of arguments.
    static func format(_ values: [JSON], arguments: [IntrinsicArgument]) throws(IntrinsicArgumentError) -> JSON {
        let template: String
        if case .template(_, let raw)? = arguments.first {
            template = raw
        } else {
            template = try string(values[0], "first")
        }
        var output = ""
        var nextArgument = 1
        let scalars = Array(template.unicodeScalars)
        var i = 0
        while i < scalars.count {
            let c = scalars[i]
            if c == "\\", i + 1 < scalars.count {
                output.unicodeScalars.append(scalars[i + 1])
                i += 2
                continue
            }
            if c == "{" {
                guard i + 1 < scalars.count, scalars[i + 1] == "}" else {
                    throw IntrinsicArgumentError("The format string has an unescaped '{' that does not start a '{}' placeholder")
                }
                guard nextArgument < values.count else {
                    throw IntrinsicArgumentError("The format string has more placeholders than the \(values.count - 1) argument(s) given")
                }
                output += values[nextArgument].javaText
                nextArgument += 1
                i += 2
                continue
            }
            if c == "}" {
                throw IntrinsicArgumentError("The format string has an unescaped '}'")
            }
            output.unicodeScalars.append(c)
            i += 1
        }
        guard nextArgument == values.count else {
            throw IntrinsicArgumentError("The format string has \(nextArgument - 1) placeholder(s) but \(values.count - 1) argument(s) were given")
        }
        return .string(output)
    }

    /// Splits on any of the delimiter's characters and drops empty pieces, as Java's
    /// `StringTokenizer` does (`",,a,,b" → ["a","b"]`).
    static func stringSplit(_ text: JSON, _ delimiters: JSON) throws(IntrinsicArgumentError) -> JSON {
        let s = try string(text, "first")
        let d = Set(try string(delimiters, "second").unicodeScalars)
        var pieces: [JSON] = []
        var piece = String.UnicodeScalarView()
        for scalar in s.unicodeScalars {
            if d.contains(scalar) {
                if !piece.isEmpty { pieces.append(.string(String(piece))) }
                piece = String.UnicodeScalarView()
            } else {
                piece.append(scalar)
            }
        }
        if !piece.isEmpty { pieces.append(.string(String(piece))) }
        return .array(pieces)
    }

    /// Parses a string as JSON; a blank string gives null (as Jackson reads it).
    static func stringToJson(_ value: JSON) throws(IntrinsicArgumentError) -> JSON {
        let s = try string(value, "first")
        if s.allSatisfy(\.isWhitespace) { return .null }
        do { return try JSON(parsing: s) } catch {
            throw IntrinsicArgumentError("The string is not valid JSON: \(error)")
        }
    }

    /// A shallow merge: the second object's members replace the first's. AWS supports
    /// only the shallow mode, so the third argument must be `false`.
    static func jsonMerge(_ first: JSON, _ second: JSON, _ deep: JSON) throws(IntrinsicArgumentError) -> JSON {
        guard case .object(var merged) = first else {
            throw IntrinsicArgumentError("The first argument must be an object, but was \(first.typeName): \(first.serialized)")
        }
        guard case .object(let other) = second else {
            throw IntrinsicArgumentError("The second argument must be an object, but was \(second.typeName): \(second.serialized)")
        }
        guard case .bool(let isDeep) = deep else {
            throw IntrinsicArgumentError("The third argument must be a boolean, but was \(deep.typeName): \(deep.serialized)")
        }
        guard !isDeep else { throw IntrinsicArgumentError("Deep merge is not supported: the third argument must be false") }
        for (key, value) in other { merged[key] = value }
        return .object(merged)
    }

    static func limitedString(_ value: JSON, _ what: String) throws(IntrinsicArgumentError) -> String {
        let s = try string(value, "first")
        guard s.utf16.count <= maximumInputCharacters else {
            throw IntrinsicArgumentError("The \(what) cannot be longer than \(maximumInputCharacters) characters, but has \(s.utf16.count)")
        }
        return s
    }

    static func base64Encode(_ value: JSON) throws(IntrinsicArgumentError) -> JSON {
        let s = try limitedString(value, "input data")
        return .string(Data(s.utf8).base64EncodedString())
    }

    static func base64Decode(_ value: JSON) throws(IntrinsicArgumentError) -> JSON {
        let s = try limitedString(value, "base64 encoded data")
        guard let data = Data(base64Encoded: s), let text = String(data: data, encoding: .utf8) else {
            throw IntrinsicArgumentError("The input is not valid base64 encoded UTF-8 text")
        }
        return .string(text)
    }

    /// The lowercase hex digest of the UTF-8 input with MD5, SHA-1, SHA-256, SHA-384 or SHA-512.
    static func hash(_ value: JSON, _ algorithm: JSON) throws(IntrinsicArgumentError) -> JSON {
        let s = try limitedString(value, "input data")
        let name = try string(algorithm, "second")
        guard let hex = HashDigest.hex(of: s, algorithm: name) else {
            throw IntrinsicArgumentError("The hash algorithm '\(name)' is not supported; use \(HashDigest.algorithmNames)")
        }
        return .string(hex)
    }
}
