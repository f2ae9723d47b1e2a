import Foundation
import StatesLanguage
import StepwiseEngine
import StepwiseServices
import StepwiseStore
import Testing

@Suite struct HTTPInvokeIntegrationTests {
    static let resource = "arn:aws:states:::http:invoke"
    static let connection = #""Authentication":{"ConnectionArn":"arn:aws:events:us-east-1:123456789012:connection/local/1"}"#

    @Test("http:invoke sends Method, QueryParameters and Headers; the result has Headers, the parsed ResponseBody, StatusCode and StatusText")
    func get() async throws {
        try await LocalHTTPServer.with { base, seen in
            try await LocalIntegrationHarness.with { h in
                let ended = try await h.run(LocalIntegrationHarness.task(Self.resource, """
                    {"ApiEndpoint":"\(base)/json","Method":"GET",\(Self.connection),
                     "QueryParameters":{"a":"1","b":"x y"},"Headers":{"X-Custom":"yes"}}
                    """))
                #expect(ended.status == .succeeded)
                let output = try JSON(parsing: try #require(ended.output))
                #expect(output["StatusCode"] == 200)
                #expect(output["StatusText"] == "OK")
                #expect(output["ResponseBody"] == ["ok": true, "n": 1])
                #expect(output["Headers"]?["Content-Type"] == ["application/json"])
                let request = try #require(seen().first)
                #expect(request.method == "GET")
                #expect(request.uri == "/json?a=1&b=x%20y")
                #expect(request.custom == "yes")
            }
        }
    }

    @Test("a JSON RequestBody is sent as JSON; a response that is not JSON stays text")
    func postJSON() async throws {
        try await LocalHTTPServer.with { base, seen in
            try await LocalIntegrationHarness.with { h in
                let ended = try await h.run(LocalIntegrationHarness.task(Self.resource, """
                    {"ApiEndpoint":"\(base)/text","Method":"POST","RequestBody":{"k":"v","n.$":"$.n"}}
                    """), input: #"{"n":3}"#)
                #expect(ended.status == .succeeded)
                let output = try JSON(parsing: try #require(ended.output))
                #expect(output["ResponseBody"] == "hello")
                let request = try #require(seen().first)
                #expect(request.body == #"{"k":"v","n":3}"#)
                #expect(request.contentType?.hasPrefix("application/json") == true)
            }
        }
    }

    @Test("Transform URL_ENCODED form-encodes the body, arrays as ArrayFormat says", arguments: [
        ("INDICES", "a=x%20y&arr[0]=p&arr[1]=q&obj[k]=v"),
        ("REPEAT", "a=x%20y&arr=p&arr=q&obj[k]=v"),
        ("COMMAS", "a=x%20y&arr=p%2Cq&obj[k]=v"),
        ("BRACKETS", "a=x%20y&arr[]=p&arr[]=q&obj[k]=v"),
    ])
    func urlEncoded(format: String, expected: String) async throws {
        try await LocalHTTPServer.with { base, seen in
            try await LocalIntegrationHarness.with { h in
                let ended = try await h.run(LocalIntegrationHarness.task(Self.resource, """
                    {"ApiEndpoint":"\(base)/json","Method":"PUT","RequestBody":{"a":"x y","arr":["p","q"],"obj":{"k":"v"}},
                     "Transform":{"RequestBodyEncoding":"URL_ENCODED","RequestEncodingOptions":{"ArrayFormat":"\(format)"}}}
                    """))
                #expect(ended.status == .succeeded)
                let request = try #require(seen().first)
                #expect(request.body == expected)
                #expect(request.contentType == "application/x-www-form-urlencoded")
            }
        }
    }

    @Test("a status outside 2xx fails the Task with States.Http.StatusCode.<code>, the response as the cause")
    func notFound() async throws {
        try await LocalHTTPServer.with { base, _ in
            try await LocalIntegrationHarness.with { h in
                let ended = try await h.run(LocalIntegrationHarness.task(Self.resource, #"{"ApiEndpoint":"\#(base)/missing","Method":"GET"}"#))
                #expect(ended.status == .failed)
                #expect(ended.error == "States.Http.StatusCode.404")
                let cause = try JSON(parsing: try #require(ended.cause))
                #expect(cause["StatusCode"] == 404)
                #expect(cause["ResponseBody"] == ["message": "nope"])
            }
        }
    }

    @Test("a server that cannot be reached fails the Task with States.Http.Socket; a reserved header with States.Runtime")
    func unreachableAndReserved() async throws {
        try await LocalIntegrationHarness.with { h in
            let refused = try await h.run(LocalIntegrationHarness.task(Self.resource, #"{"ApiEndpoint":"http://127.0.0.1:1/x","Method":"GET"}"#))
            #expect(refused.error == "States.Http.Socket")
            let reserved = try await h.run(LocalIntegrationHarness.task(
                Self.resource, #"{"ApiEndpoint":"http://127.0.0.1:1/x","Method":"GET","Headers":{"Host":"elsewhere"}}"#))
            #expect(reserved.error == "States.Runtime")
            let noMethod = try await h.run(LocalIntegrationHarness.task(Self.resource, #"{"ApiEndpoint":"http://127.0.0.1:1/x"}"#))
            #expect(noMethod.error == "States.Runtime")
        }
    }

    @Test("http:invoke supports only request-response: CreateStateMachine refuses .waitForTaskToken")
    func onlyRequestResponse() async throws {
        try await LocalIntegrationHarness.with { h in
            await #expect(throws: (any Error).self) {
                _ = try await h.engine.createStateMachine(
                    name: "callback", definition: LocalIntegrationHarness.task(Self.resource + ".waitForTaskToken", #"{"ApiEndpoint":"http://x","Method":"GET"}"#),
                    roleArn: "arn:aws:iam::123456789012:role/r", type: .standard)
            }
        }
    }
}
