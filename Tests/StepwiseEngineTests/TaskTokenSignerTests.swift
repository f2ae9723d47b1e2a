import Foundation
import Testing
@testable import StepwiseEngine

@Suite struct TaskTokenSignerTests {
    let signer = TaskTokenSigner(key: Data(repeating: 7, count: 32))

    @Test("minted tokens are base64url without padding and verify to their id, bare or JSON-quoted")
    func roundTrip() {
        var alphabet = Set<Character>()
        for _ in 0..<500 {
            let (id, token) = signer.mint()
            alphabet.formUnion(token)
            #expect(token.count == 44)
            #expect(signer.verify(token) == id)
            #expect(signer.verify("\"\(token)\"") == id)
        }
        #expect(alphabet.isSubset(of: Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")))
        // 500 tokens of 44 characters use both URL-safe characters.
        #expect(alphabet.contains("-") && alphabet.contains("_"))
    }

    @Test("the standard base64 spelling, padding, another key's token and short text are refused")
    func refusals() {
        let (_, token) = signer.mint()
        let standard = token.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        if standard != token { #expect(signer.verify(standard) == nil) }
        #expect(signer.verify(token + "=") == nil)
        #expect(TaskTokenSigner(key: Data(repeating: 8, count: 32)).verify(token) == nil)
        #expect(signer.verify("") == nil)
        #expect(signer.verify("\"") == nil)
        #expect(signer.verify(String(token.dropLast(4))) == nil)
    }
}

@Suite struct RandomBytesTests {
    @Test("uuidString is a lower-case version 4 UUID that Foundation parses, and never repeats")
    func uuids() throws {
        var seen = Set<String>()
        for _ in 0..<1000 {
            let text = RandomBytes.uuidString()
            let parsed = try #require(UUID(uuidString: text))
            #expect(parsed.uuidString.lowercased() == text)
            let bytes = parsed.uuid
            #expect(bytes.6 >> 4 == 4)
            #expect(bytes.8 >> 6 == 0b10)
            seen.insert(text)
        }
        #expect(seen.count == 1000)
    }
}
