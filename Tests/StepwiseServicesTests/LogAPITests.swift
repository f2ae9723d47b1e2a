import Foundation
import StatesLanguage
import Testing
@testable import StepwiseServices

@Suite struct LogAPITests {
    func call(_ api: LogsAPI, _ operation: String, _ body: JSON) async -> (Int, JSON) {
        let answer = await api.handle(ServiceRequest(method: "POST", path: "/", headers: ["X-Amz-Target": "Logs_20140328.\(operation)"],
                                                     body: Array(body.serialized.utf8)))
        return (answer.status, (try? JSON(parsing: answer.body)) ?? .null)
    }

    @Test("a function's output lands in its log group, where DescribeLogStreams, GetLogEvents and FilterLogEvents find it")
    func functionLogs() async throws {
        try await FunctionFixture.with { fixture in
            try fixture.write("talk.py", "def handler(event, context):\n    print('order', event['id'], 'shipped')\n    return 1\n")
            try await fixture.create("talk", runtime: "python3.12", handler: "talk.handler")
            _ = try await fixture.invoke("talk", ["id": 7])
            _ = try await fixture.invoke("talk", ["id": 8])
            let api = LogsAPI(store: fixture.store)
            let (_, groups) = await call(api, "DescribeLogGroups", ["logGroupNamePrefix": "/aws/lambda/"])
            #expect(groups["logGroups"]?.arrayValue?.compactMap { $0["logGroupName"]?.stringValue } == ["/aws/lambda/talk"])
            let (_, streams) = await call(api, "DescribeLogStreams", ["logGroupName": "/aws/lambda/talk", "orderBy": "LastEventTime", "descending": true])
            let stream = streams["logStreams"]?.arrayValue?.first?["logStreamName"]?.stringValue ?? ""
            #expect(stream.contains("/[$LATEST]"))
            let (_, events) = await call(api, "GetLogEvents", ["logGroupName": "/aws/lambda/talk", "logStreamName": .string(stream), "startFromHead": true])
            let list: [JSON] = events["events"]?.arrayValue ?? []
            let messages: [String] = list.map { $0["message"]?.stringValue ?? "" }
            #expect(messages.first?.hasPrefix("START RequestId: ") == true)
            #expect(messages.contains("order 7 shipped"))
            let (_, filtered) = await call(api, "FilterLogEvents", ["logGroupName": "/aws/lambda/talk", "filterPattern": "shipped -7", "interleaved": true])
            #expect(filtered["events"]?.arrayValue?.compactMap { $0["message"]?.stringValue } == ["order 8 shipped"])
            let (_, paged) = await call(api, "FilterLogEvents", ["logGroupName": "/aws/lambda/talk", "filterPattern": "shipped", "limit": 1])
            #expect(paged["events"]?.arrayValue?.count == 1)
            let token = paged["nextToken"] ?? .null
            let (_, rest) = await call(api, "FilterLogEvents", ["logGroupName": "/aws/lambda/talk", "filterPattern": "shipped", "nextToken": token])
            #expect(rest["events"]?.arrayValue?.compactMap { $0["message"]?.stringValue } == ["order 8 shipped"])
        }
    }

    @Test("SDK users create groups and streams and put events; errors are named as CloudWatch Logs names them")
    func putAndErrors() async throws {
        try await FunctionFixture.with { fixture in
            let api = LogsAPI(store: fixture.store)
            #expect(await call(api, "CreateLogGroup", ["logGroupName": "app"]).0 == 200)
            let (status, duplicate) = await call(api, "CreateLogGroup", ["logGroupName": "app"])
            #expect(status == 400)
            #expect(duplicate["__type"] == "ResourceAlreadyExistsException")
            #expect(await call(api, "CreateLogStream", ["logGroupName": "app", "logStreamName": "s"]).0 == 200)
            let (putStatus, _) = await call(api, "PutLogEvents", ["logGroupName": "app", "logStreamName": "s",
                                                                   "logEvents": [["timestamp": 2000, "message": "second"], ["timestamp": 1000, "message": "first"]]])
            #expect(putStatus == 200)
            let (_, events) = await call(api, "FilterLogEvents", ["logGroupName": "app", "startTime": 1500])
            #expect(events["events"]?.arrayValue?.compactMap { $0["message"]?.stringValue } == ["second"])
            let (_, missing) = await call(api, "GetLogEvents", ["logGroupName": "nope", "logStreamName": "s"])
            #expect(missing["__type"] == "ResourceNotFoundException")
            #expect(missing["message"] == "The specified log group does not exist.")
            let (_, noStream) = await call(api, "PutLogEvents", ["logGroupName": "app", "logStreamName": "x", "logEvents": [["timestamp": 1, "message": "m"]]])
            #expect(noStream["message"] == "The specified log stream does not exist.")
        }
    }

    @Test("filter patterns", arguments: [
        ("ERROR", "an ERROR here", true), ("ERROR", "an error here", false), ("ERROR timeout", "ERROR: timeout", true),
        ("ERROR timeout", "ERROR only", false), ("?ERROR ?WARN", "WARN x", true), ("?ERROR ?WARN", "INFO x", false),
        ("ERROR -retry", "ERROR retry", false), ("\"request failed\"", "the request failed", true), ("", "anything", true),
    ])
    func patterns(pattern: String, message: String, matches: Bool) throws {
        #expect(try FilterPattern(pattern).matches(message) == matches)
    }
}
