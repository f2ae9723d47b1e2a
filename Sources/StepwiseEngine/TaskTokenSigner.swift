import Crypto
import Foundation
import StatesLanguage

/// Task tokens: 128 random bits, signed with the server's key, so a forged or mangled
/// token is refused (`InvalidToken`) before any lookup.
///
/// The text is `base64url(version ‖ id ‖ HMAC-SHA256(key, version ‖ id)[0..<16])`. The
/// store keys tokens by the hex of `id` only.
public struct TaskTokenSigner: Sendable {
    private let key: SymmetricKey
    private static let version: UInt8 = 1

    public init(key: Data) { self.key = SymmetricKey(data: key) }

    /// 32 random bytes for a new key.
    public static func newKey() -> Data {
        Data(RandomBytes.make(32))
    }

    /// A new token and its id.
    public func mint() -> (id: String, token: String) {
        var bytes = [TaskTokenSigner.version]
        bytes += RandomBytes.make(16)
        let mac = HMAC<SHA256>.authenticationCode(for: bytes, using: key)
        let full = bytes + Array(mac).prefix(16)
        return (hex(bytes.dropFirst()), Data(full).base64URLEncoded())
    }

    /// The id of a genuine token. Accepts the token wrapped in one pair of JSON double
    /// quotes (as `JSON.stringify(token)` sends it). Nil for anything forged or mangled.
    public func verify(_ text: String) -> String? {
        var text = Substring(text)
        if text.utf8.count >= 2, text.hasPrefix("\""), text.hasSuffix("\"") { text = text.dropFirst().dropLast() }
        guard text.utf8.count <= 1024, let data = Data(base64URLEncoded: text), data.count == 33, data.first == TaskTokenSigner.version
        else { return nil }
        let bytes = Array(data)
        let body = Array(bytes[0..<17])
        let mac = HMAC<SHA256>.authenticationCode(for: body, using: key)
        guard Array(mac).prefix(16).elementsEqual(bytes[17...]) else { return nil }
        return hex(body.dropFirst())
    }

    private func hex(_ bytes: some Sequence<UInt8>) -> String {
        bytes.hexEncoded
    }
}

// base64url (RFC 4648 §5) without padding, mapped byte by byte: every token is minted and
// verified through these, so no string searching.
extension Data {
    func base64URLEncoded() -> String {
        var url: [UInt8] = []
        url.reserveCapacity((count + 2) / 3 * 4)
        for byte in base64EncodedData() {
            switch byte {
            case UInt8(ascii: "+"): url.append(UInt8(ascii: "-"))
            case UInt8(ascii: "/"): url.append(UInt8(ascii: "_"))
            case UInt8(ascii: "="): break
            default: url.append(byte)
            }
        }
        return String(decoding: url, as: UTF8.self)
    }

    init?(base64URLEncoded text: some StringProtocol) {
        var base64: [UInt8] = []
        base64.reserveCapacity(text.utf8.count + 3)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "+"), UInt8(ascii: "/"), UInt8(ascii: "="): return nil
            case UInt8(ascii: "-"): base64.append(UInt8(ascii: "+"))
            case UInt8(ascii: "_"): base64.append(UInt8(ascii: "/"))
            default: base64.append(byte)
            }
        }
        while base64.count % 4 != 0 { base64.append(UInt8(ascii: "=")) }
        self.init(base64Encoded: Data(base64))
    }
}
