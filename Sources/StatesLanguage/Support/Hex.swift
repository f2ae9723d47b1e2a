extension Sequence<UInt8> {
    /// Lower-case hexadecimal, two digits per byte: digests, tokens, receipt handles.
    /// Written out by hand because `String(format:)` per byte showed up at 7 % of the
    /// server's CPU under the callback benchmark.
    public var hexEncoded: String {
        let digits = Array("0123456789abcdef".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(underestimatedCount * 2)
        for byte in self {
            bytes.append(digits[Int(byte >> 4)])
            bytes.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
