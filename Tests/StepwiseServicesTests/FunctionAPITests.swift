import Foundation
import StatesLanguage
import StepwiseProcess
import Testing
@testable import StepwiseServices

@Suite struct FunctionAPITests {
    @Test("Invoke over REST answers the payload, and X-Amz-Function-Error on a handler error")
    func invoke() async throws {
        try await FunctionFixture.with { fixture in
            try fixture.write("h.py", "def handler(event, context):\n    if event.get('x'): raise ValueError('x')\n    return 'ok'\n")
            try await fixture.create("h", runtime: "python3.12", handler: "h.handler")
            let api = LambdaAPI(functions: fixture.service)
            let ok = await api.handle(ServiceRequest(method: "POST", path: "/2015-03-31/functions/h/invocations", body: Array("{}".utf8)))
            #expect(ok.status == 200)
            #expect(String(decoding: ok.body, as: UTF8.self) == #""ok""#)
            #expect(ok.headers["X-Amz-Function-Error"] == nil)
            let failed = await api.handle(ServiceRequest(method: "POST", path: "/2015-03-31/functions/h/invocations", body: Array(#"{"x":1}"#.utf8)))
            #expect(failed.status == 200)
            #expect(failed.headers["X-Amz-Function-Error"] == "Unhandled")
            #expect(try JSON(parsing: failed.body)["errorType"] == "ValueError")
            let queued = await api.handle(ServiceRequest(method: "POST", path: "/2015-03-31/functions/h/invocations",
                                                         headers: ["X-Amz-Invocation-Type": "Event"], body: Array("{}".utf8)))
            #expect(queued.status == 202)
        }
    }

    @Test("an unknown function is a 404 ResourceNotFoundException botocore can parse")
    func notFound() async throws {
        try await FunctionFixture.with { fixture in
            let api = LambdaAPI(functions: fixture.service)
            let answer = await api.handle(ServiceRequest(method: "POST", path: "/2015-03-31/functions/nope/invocations"))
            #expect(answer.status == 404)
            #expect(answer.headers["x-amzn-ErrorType"] == "ResourceNotFoundException")
            let body = try JSON(parsing: answer.body)
            #expect(body["message"] == "Function not found: arn:aws:lambda:us-east-1:123456789012:function:nope")
        }
    }

    @Test("CreateFunction from a zip, GetFunction, ListFunctions and DeleteFunction")
    func lifecycle() async throws {
        try await FunctionFixture.with { fixture in
            try fixture.write("z.py", "def handler(event, context):\n    return 7\n")
            let zip = fixture.code.appendingPathComponent("code.zip").path
            #expect(try ChildProcess.run("/usr/bin/zip", arguments: ["-q", "-j", zip, fixture.code.appendingPathComponent("z.py").path]).termination.succeeded)
            let body: JSON = ["FunctionName": "zipped", "Runtime": "python3.12", "Handler": "z.handler", "Role": "arn:aws:iam::123456789012:role/r",
                              "Code": ["ZipFile": .string(try Data(contentsOf: URL(fileURLWithPath: zip)).base64EncodedString())]]
            let api = LambdaAPI(functions: fixture.service)
            let created = await api.handle(ServiceRequest(method: "POST", path: "/2015-03-31/functions", body: Array(body.serialized.utf8)))
            #expect(created.status == 201)
            #expect(try JSON(parsing: created.body)["FunctionArn"] == "arn:aws:lambda:us-east-1:123456789012:function:zipped")
            let again = await api.handle(ServiceRequest(method: "POST", path: "/2015-03-31/functions", body: Array(body.serialized.utf8)))
            #expect(again.headers["x-amzn-ErrorType"] == "ResourceConflictException")
            let invoked = await api.handle(ServiceRequest(method: "POST", path: "/2015-03-31/functions/zipped/invocations"))
            #expect(String(decoding: invoked.body, as: UTF8.self) == "7")
            let got = await api.handle(ServiceRequest(method: "GET", path: "/2015-03-31/functions/zipped"))
            #expect(try JSON(parsing: got.body)["Configuration"]?["Timeout"] == 3)
            let listed = await api.handle(ServiceRequest(method: "GET", path: "/2015-03-31/functions/"))
            #expect(try JSON(parsing: listed.body)["Functions"]?.arrayValue?.count == 1)
            let deleted = await api.handle(ServiceRequest(method: "DELETE", path: "/2015-03-31/functions/zipped"))
            #expect(deleted.status == 204)
            let gone = await api.handle(ServiceRequest(method: "GET", path: "/2015-03-31/functions/zipped"))
            #expect(gone.status == 404)
        }
    }
}
