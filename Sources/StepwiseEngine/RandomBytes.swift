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
}
