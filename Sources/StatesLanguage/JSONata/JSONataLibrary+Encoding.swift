import Foundation

extension JSONataLibrary {
    static let encodings: [JSONataBuiltin] = [
        JSONataBuiltin("base64encode", "<s-:s>") { a, _ in
            a[argument: 0]?.string.map { .string(Data($0.utf8).base64EncodedString()) }
        },
        JSONataBuiltin("base64decode", "<s-:s>") { a, _ in
            guard let s = a[argument: 0]?.string else { return nil }
            var text = s.filter { !$0.isWhitespace }
            while text.count % 4 != 0 { text += "=" }
            guard let data = Data(base64Encoded: text) else { return nil }
            return .string(String(decoding: data, as: UTF8.self))
        },
        JSONataBuiltin("encodeUrlComponent", "<s-:s>") { a, _ in
            a[argument: 0]?.string.map { .string(encode($0, keeping: componentSafe)) }
        },
        JSONataBuiltin("encodeUrl", "<s-:s>") { a, _ in
            a[argument: 0]?.string.map { .string(encode($0, keeping: uriSafe)) }
        },
        JSONataBuiltin("decodeUrlComponent", "<s-:s>") { (a, _) throws(JSONataError) in
            guard let s = a[argument: 0]?.string else { return nil }
            return .string(try decode(s, reserved: []))
        },
        JSONataBuiltin("decodeUrl", "<s-:s>") { (a, _) throws(JSONataError) in
            guard let s = a[argument: 0]?.string else { return nil }
            return .string(try decode(s, reserved: Set(";/?:@&=+$,#".utf8)))
        },
    ]

    /// `encodeURIComponent` leaves these unescaped.
    private static let componentSafe = Set(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.!~*'()".utf8)
    /// `encodeURI` also leaves the URI's reserved characters.
    private static let uriSafe = componentSafe.union(";,/?:@&=+$#".utf8)

    private static func encode(_ s: String, keeping safe: Set<UInt8>) -> String {
        var out = ""
        for byte in s.utf8 {
            if safe.contains(byte) {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                out += String(format: "%%%02X", byte)
            }
        }
        return out
    }

    /// `decodeURIComponent` / `decodeURI`: escapes of `reserved` bytes stay as written.
    private static func decode(_ s: String, reserved: Set<UInt8>) throws(JSONataError) -> String {
        let malformed = JSONataError("D3140", "Malformed URL passed to $decodeUrl(): \"\(s)\"")
        let bytes = Array(s.utf8)
        var out: [UInt8] = []
        var i = 0
        while i < bytes.count {
            guard bytes[i] == UInt8(ascii: "%") else {
                out.append(bytes[i])
                i += 1
                continue
            }
            guard i + 2 < bytes.count, let byte = UInt8(String(decoding: bytes[i + 1...i + 2], as: UTF8.self), radix: 16) else {
                throw malformed
            }
            if reserved.contains(byte) {
                out += bytes[i...i + 2]
            } else {
                out.append(byte)
            }
            i += 3
        }
        guard let text = String(validating: out, as: UTF8.self) else { throw malformed }
        return text
    }
}
