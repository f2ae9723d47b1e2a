import StatesLanguage
import Testing

@Suite struct HexTests {
    @Test("bytes print as two lower-case hex digits each, as String(format: \"%02x\") does", arguments: [
        ([UInt8](), ""),
        ([0x00, 0x0f, 0x10, 0xab, 0xff], "000f10abff"),
    ])
    func hex(bytes: [UInt8], expected: String) {
        #expect(bytes.hexEncoded == expected)
    }
}
