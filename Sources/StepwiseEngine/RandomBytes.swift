/// Unpredictable bytes for secrets (task tokens, receipt handles, subscription tokens,
/// keys), from the system's CSPRNG.
///
/// Eight bytes per draw: `UInt8.random(in:)` asks the generator for a whole `UInt64`
/// (one `getrandom` call) for each byte it returns, which made minting handles a
/// noticeable share of the server's CPU under load.
public enum RandomBytes {
    public static func make(_ count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count + 7)
        while bytes.count < count {
            withUnsafeBytes(of: generator.next() as UInt64) { bytes.append(contentsOf: $0) }
        }
        bytes.removeLast(bytes.count - count)
        return bytes
    }

    /// A random (version 4) UUID in lower case, as AWS writes request, message and
    /// execution ids. Foundation's `UUID()` opens and reads `/dev/urandom` on every call
    /// on Linux: three system calls per id, several ids per request.
    public static func uuidString() -> String {
        var bytes = make(16)
        bytes[6] = (bytes[6] & 0x0F) | 0x40
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(36)
        for (index, byte) in bytes.enumerated() {
            if index == 4 || index == 6 || index == 8 || index == 10 { text.append(UInt8(ascii: "-")) }
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
