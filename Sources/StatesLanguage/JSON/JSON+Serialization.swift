extension JSON {
    /// Compact JSON text, as Step Functions prints payloads: no spaces, keys in order,
    /// only `"`, `\` and control characters escaped.
    public var serialized: String {
        var writer = JSONWriter(indent: nil)
        writer.write(self, level: 0)
        return writer.text
    }

    /// Indented JSON text for people.
    public func prettyPrinted(indent: Int = 2) -> String {
        var writer = JSONWriter(indent: Array(repeating: UInt8(ascii: " "), count: indent))
        writer.write(self, level: 0)
        return writer.text
    }
}

/// Writes JSON text as UTF-8 bytes.
///
/// Bytes rather than `String` appends: history events carry payloads serialised inside
/// other payloads (`"input":"{\"a\":1}"`), so escaping is on the hot path of every
/// transition, and a string is escaped by copying its runs of plain bytes whole. Escaping
/// byte by byte is sound because no byte of a multi-byte UTF-8 sequence is below 0x80.
///
/// A nested payload is written in one pass, already escaped as the string it becomes
/// (``writeQuotedText(of:)``): its quotes come out as `\"`, and the escapes inside its
/// strings are escaped once more.
struct JSONWriter {
    private static let hexDigits = Array("0123456789ABCDEF".utf8)
    private var bytes: [UInt8] = []
    private let indent: [UInt8]?
    /// Writing a value's text inside a JSON string (compact, every byte escaped for it).
    private var nested = false

    init(indent: [UInt8]?) {
        self.indent = indent
        bytes.reserveCapacity(128)
    }

    /// The text written so far.
    var text: String { String(decoding: bytes, as: UTF8.self) }

    mutating func write(_ value: JSON, level: Int) {
        switch value {
        case .null: append("null")
        case .bool(let b): append(b ? "true" : "false")
        case .number(let n): write(n)
        case .string(let s): writeQuoted(s)
        case .array(let a):
            if a.isEmpty { append("[]"); return }
            bytes.append(UInt8(ascii: "["))
            for (i, element) in a.enumerated() {
                if i > 0 { bytes.append(UInt8(ascii: ",")) }
                newline(level + 1)
                write(element, level: level + 1)
            }
            newline(level)
            bytes.append(UInt8(ascii: "]"))
        case .object(let o):
            if o.isEmpty { append("{}"); return }
            bytes.append(UInt8(ascii: "{"))
            var first = true
            for (key, value) in o {
                if !first { bytes.append(UInt8(ascii: ",")) }
                first = false
                newline(level + 1)
                writeQuoted(key)
                bytes.append(UInt8(ascii: ":"))
                if indent != nil, !nested { bytes.append(UInt8(ascii: " ")) }
                write(value, level: level + 1)
            }
            newline(level)
            bytes.append(UInt8(ascii: "}"))
        }
    }

    private mutating func write(_ number: JSONNumber) {
        switch number {
        case .int(let i): write(i)
        case .double: append(number.description)
        }
    }

    /// An integer's digits, written without making a `String` (payloads are full of them).
    private mutating func write(_ int: Int) {
        if int < 0 { bytes.append(UInt8(ascii: "-")) }
        // The magnitude as unsigned, so that Int.min has one.
        var rest = int.magnitude
        guard rest >= 10 else { bytes.append(UInt8(ascii: "0") + UInt8(rest)); return }
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 20 digits at most, reversed
        let count = withUnsafeMutableBytes(of: &digits) { buffer in
            var count = 0
            while rest > 0 {
                buffer[count] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
                count += 1
            }
            return count
        }
        withUnsafeBytes(of: digits) { buffer in
            for index in stride(from: count - 1, through: 0, by: -1) { bytes.append(buffer[index]) }
        }
    }

    private mutating func newline(_ level: Int) {
        guard let indent, !nested else { return }
        bytes.append(UInt8(ascii: "\n"))
        for _ in 0..<level { bytes.append(contentsOf: indent) }
    }

    private mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    mutating func writeQuoted(_ s: String) {
        var s = s
        s.withUTF8 { writeQuoted(utf8: $0) }
    }

    /// Writes `value`'s compact text as a JSON string, as history events nest payloads
    /// (`"input":"{\"a\":1}"`), without making the inner text first.
    mutating func writeQuotedText(of value: JSON) {
        bytes.append(UInt8(ascii: "\""))
        let outer = nested
        nested = true
        write(value, level: 0)
        nested = outer
        bytes.append(UInt8(ascii: "\""))
    }

    /// Appends UTF-8 bytes that need no escaping (keys and punctuation known in advance).
    mutating func writeRaw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    private mutating func writeQuoted(utf8: UnsafeBufferPointer<UInt8>) {
        quote()
        var runStart = 0
        for i in 0..<utf8.count {
            let b = utf8[i]
            guard b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") else { continue }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<i]))
            runStart = i + 1
            escape(b)
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...]))
        quote()
    }

    /// A string's quote: `"`, or `\"` inside a nested text.
    private mutating func quote() {
        if nested { bytes.append(UInt8(ascii: "\\")) }
        bytes.append(UInt8(ascii: "\""))
    }

    /// The escape of `b` (`\"`, `\n`, `\u001F`…); inside a nested text its backslash is
    /// escaped again (`\\\"`, `\\n`).
    private mutating func escape(_ b: UInt8) {
        bytes.append(UInt8(ascii: "\\"))
        if nested {
            bytes.append(UInt8(ascii: "\\"))
            // The inner escape of `"` and `\` is itself one of them: escape it too.
            if b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") { bytes.append(UInt8(ascii: "\\")) }
        }
        switch b {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(b)
        case 0x0A: bytes.append(UInt8(ascii: "n"))
        case 0x0D: bytes.append(UInt8(ascii: "r"))
        case 0x09: bytes.append(UInt8(ascii: "t"))
        case 0x08: bytes.append(UInt8(ascii: "b"))
        case 0x0C: bytes.append(UInt8(ascii: "f"))
        default:
            // \u00XX with upper-case hex digits, as Step Functions prints them.
            bytes.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                                      Self.hexDigits[Int(b >> 4)], Self.hexDigits[Int(b & 0x0F)]])
        }
    }
}

extension JSON: CustomStringConvertible {
    public var description: String { serialized }
}
