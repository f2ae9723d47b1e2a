import Foundation
import Testing
@testable import StepwiseServices

@Suite struct SQSDigestTests {
    @Test("MD5OfMessageBody is the MD5 of the body's UTF-8 bytes", arguments: [
        ("derp", "58fd9edd83341c29f1aebba81c31e257"),
        ("test_message_body", "3caa9a099bc4e58ae7923f68c5d7d081"),
    ])
    func body(text: String, digest: String) {
        #expect(MessageDigest.md5(ofBody: text) == digest)
    }

    // Values AWS returns, as pinned by moto's SQS tests.
    @Test("MD5OfMessageAttributes matches the values AWS returns", arguments: [
        ("timestamp", "1493147359900", "235c5c510d26fb653d073faed50ae77c"),
        ("timestamp", "1493147359901", "994258b45346a2cc3f9cbb611aa7af30"),
        ("SOME_Valid.attribute-Name", "1493147359900", "36655e7e9d7c0e8479fa3f3f42247ae7"),
    ])
    func numberAttribute(name: String, value: String, digest: String) {
        #expect(MessageDigest.md5(ofAttributes: [name: MessageAttributeValue(dataType: "Number", stringValue: value)]) == digest)
    }

    @Test("attributes are digested in name order, binary values with transport type 2")
    func severalAttributes() {
        let strings = [
            "my_attribute_no_2": MessageAttributeValue(dataType: "String", stringValue: "World"),
            "my_attribute_no_1": MessageAttributeValue(dataType: "String", stringValue: "Hello"),
        ]
        #expect(MessageDigest.md5(ofAttributes: strings) == "7a2370fb1a1bb683e7d1ed61e44ffe02")
        let binary = ["attr": MessageAttributeValue(dataType: "Binary", binaryValue: Data([1, 2, 3]))]
        #expect(MessageDigest.md5(ofAttributes: binary) == "a9397d826b0f1fee0607c19544abd7c4")
        #expect(MessageDigest.md5(ofAttributes: [:]) == nil)
    }
}
