import Foundation
import HTTPTypes
import Hummingbird
import StatesLanguage
import StepwiseServer
import Testing

@Suite struct SigV4Tests {
    static let credentials = Credentials(secrets: ["AKIDEXAMPLE": "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"])

    /// AWS's published SigV4 test vector `get-vanilla` (service `service`, us-east-1).
    @Test("the verifier accepts AWS's get-vanilla test vector and refuses it altered")
    func testVector() throws {
        var head = HTTPRequest(method: .get, scheme: "http", authority: "example.amazonaws.com", path: "/")
        head.headerFields[HTTPField.Name("X-Amz-Date")!] = "20150830T123600Z"
        head.headerFields[.authorization] = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"
        let verifier = SigV4Verifier(credentials: Self.credentials)
        let now = try #require(ISO8601DateFormatter().date(from: "2015-08-30T12:40:00Z"))
        try verifier.verify(head, body: ByteBuffer(), now: now)

        var altered = head
        altered.path = "/other"
        #expect(throws: StepFunctionsError.self) { try verifier.verify(altered, body: ByteBuffer(), now: now) }
        do {
            try verifier.verify(altered, body: ByteBuffer(), now: now)
        } catch {
            #expect(error.code == .invalidSignature)
        }
        do {
            try verifier.verify(head, body: ByteBuffer(), now: now.addingTimeInterval(3600))
        } catch {
            #expect(error.code == .invalidSignature)
        }
    }

    @Test("unsigned requests, unknown keys and bad signatures are refused as AWS refuses them")
    func refusals() async throws {
        try await ServerHarness.run(credentials: Self.credentials) { server in
            let (status, unsigned) = try await server.call("ListStateMachines")
            #expect(status == .forbidden)
            #expect(unsigned["__type"] == "MissingAuthenticationTokenException")
            let date = Self.amzDate(Date())
            var headers = HTTPFields()
            headers[HTTPField.Name("X-Amz-Date")!] = date
            headers[.authorization] = "AWS4-HMAC-SHA256 Credential=AKIDUNKNOWN/\(date.prefix(8))/us-east-1/states/aws4_request, SignedHeaders=host;x-amz-date, Signature=00"
            let (_, unknown) = try await server.call("ListStateMachines", headers: headers)
            #expect(unknown["__type"] == "UnrecognizedClientException")
            headers[.authorization] = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/\(date.prefix(8))/us-east-1/states/aws4_request, SignedHeaders=host;x-amz-date, Signature=00"
            let (_, bad) = try await server.call("ListStateMachines", headers: headers)
            #expect(bad["__type"] == "InvalidSignatureException")
        }
    }

    @Test("credentials files are read as ~/.aws/credentials; incomplete sections are refused")
    func credentialsFile() throws {
        let parsed = try Credentials(parsing: """
            # shared server keys
            [ci]
            aws_access_key_id = AKID1
            aws_secret_access_key = secret1
            [dev]
            aws_access_key_id=AKID2
            aws_secret_access_key=secret2
            """)
        #expect(parsed.secrets == ["AKID1": "secret1", "AKID2": "secret2"])
        #expect(throws: CredentialsError.self) { try Credentials(parsing: "[a]\naws_access_key_id = X\n") }
        #expect(throws: CredentialsError.self) { try Credentials(parsing: "") }
    }

    static func amzDate(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        return formatter.string(from: date)
    }
}
