import Foundation
import StatesLanguage
import StepwiseStore
import Testing
@testable import StepwiseServices

@Suite struct FunctionRuntimeTests {
    @Test("a Python handler is invoked twice on the same warm process, with its context")
    func pythonWarm() async throws {
        try await FunctionFixture.with { fixture in
            try fixture.write("app.py", """
                import os
                calls = 0
                def handler(event, context):
                    global calls
                    calls += 1
                    print("called with", event["n"])
                    return {"pid": os.getpid(), "calls": calls, "name": context.function_name,
                            "left": context.get_remaining_time_in_millis() > 0, "region": os.environ["AWS_REGION"],
                            "key": os.environ["AWS_ACCESS_KEY_ID"], "mine": os.environ["MINE"]}
                """)
            try await fixture.create("py", runtime: "python3.12", handler: "app.handler", environment: ["MINE": "yes"])
            let (first, result) = try await fixture.invoke("py", ["n": 1])
            let (second, _) = try await fixture.invoke("py", ["n": 2])
            #expect(result.functionError == nil)
            #expect(first["pid"] == second["pid"])
            #expect(second["calls"] == 2)
            #expect(first["name"] == "py")
            #expect(first["left"] == true)
            #expect(first["region"] == "us-east-1")
            #expect(first["key"] == "test")
            #expect(first["mine"] == "yes")
            let messages = try await fixture.logMessages("py")
            #expect(messages.contains("called with 1"))
            #expect(messages.contains("called with 2"))
            #expect(messages.filter { $0.hasPrefix("START RequestId: ") }.count == 2)
            #expect(messages.filter { $0.hasPrefix("REPORT RequestId: ") }.count == 2)
        }
    }

    @Test("a handler that raises reports errorType, errorMessage and stackTrace as Lambda does")
    func pythonError() async throws {
        try await FunctionFixture.with { fixture in
            try fixture.write("fail.py", """
                class OrderError(Exception):
                    pass
                def handler(event, context):
                    raise OrderError("no such order")
                """)
            try await fixture.create("fail", runtime: "python3.12", handler: "fail.handler")
            let (payload, result) = try await fixture.invoke("fail")
            #expect(result.functionError == "Unhandled")
            #expect(payload["errorType"] == "OrderError")
            #expect(payload["errorMessage"] == "no such order")
            #expect(payload["requestId"] == .string(result.requestId))
            #expect(payload["stackTrace"]?.arrayValue?.first?.stringValue?.contains("fail.py") == true)
        }
    }

    @Test("a missing module is Runtime.ImportModuleError")
    func pythonImportError() async throws {
        try await FunctionFixture.with { fixture in
            try fixture.write("broken.py", "import no_such_module_here\ndef handler(e, c): return 1\n")
            try await fixture.create("broken", runtime: "python3.12", handler: "broken.handler")
            let (payload, result) = try await fixture.invoke("broken")
            #expect(result.functionError == "Unhandled")
            #expect(payload["errorType"] == "Runtime.ImportModuleError")
            #expect(payload["errorMessage"]?.stringValue?.contains("Unable to import module 'broken'") == true)
        }
    }

    @Test("a handler that outlives its timeout is killed and reports Lambda's timeout error")
    func timeout() async throws {
        try await FunctionFixture.with { fixture in
            try fixture.write("slow.py", """
                import os, time
                def handler(event, context):
                    if event.get("sleep"):
                        time.sleep(30)
                    return os.getpid()
                """)
            try await fixture.create("slow", runtime: "python3.12", handler: "slow.handler", timeout: 0.5)
            let (pid, _) = try await fixture.invoke("slow")
            let began = Date()
            let (payload, result) = try await fixture.invoke("slow", ["sleep": true])
            // Killed at its timeout, well before the handler's 30 s sleep ends (the bound
            // leaves room for a loaded machine to start the replacement process).
            #expect(Date().timeIntervalSince(began) < 20)
            #expect(result.functionError == "Unhandled")
            #expect(payload["errorType"] == "Sandbox.Timedout")
            #expect(payload["errorMessage"]?.stringValue?.hasSuffix("Task timed out after 0.50 seconds") == true)
            let (after, _) = try await fixture.invoke("slow")
            #expect(after != pid)  // the killed process was replaced
            let messages = try await fixture.logMessages("slow")
            #expect(messages.contains { $0.hasSuffix("Task timed out after 0.50 seconds") })
        }
    }

    @Test("a provided executable gets the event on stdin and answers on stdout, one process per call")
    func provided() async throws {
        try await FunctionFixture.with { fixture in
            try fixture.write("bootstrap", """
                #!/bin/sh
                read event
                echo "got $event" >&2
                echo "{\\"echo\\": $event}"
                """, executable: true)
            try fixture.write("fails", "#!/bin/sh\necho broken >&2\nexit 3\n", executable: true)
            try await fixture.create("sh", runtime: "provided.al2023", handler: "bootstrap")
            try await fixture.create("shfail", runtime: "provided", handler: "fails")
            let (payload, result) = try await fixture.invoke("sh", ["a": 1])
            #expect(result.functionError == nil)
            #expect(payload == ["echo": ["a": 1]])
            #expect(try await fixture.logMessages("sh").contains("got {\"a\":1}"))
            let (failure, failed) = try await fixture.invoke("shfail")
            #expect(failed.functionError == "Unhandled")
            #expect(failure["errorType"] == "Runtime.ExitError")
            #expect(failure["errorMessage"]?.stringValue?.hasSuffix("exit status 3") == true)
        }
    }

    @Test("reserved concurrency 0 throttles")
    func throttled() async throws {
        try await FunctionFixture.with { fixture in
            try fixture.write("ok.py", "def handler(e, c): return 1\n")
            try await fixture.create("none", runtime: "python3.12", handler: "ok.handler", reserved: 0)
            await #expect(throws: LambdaError(.tooManyRequests, "Rate Exceeded.")) {
                _ = try await fixture.service.invoke("none", payload: [])
            }
        }
    }

    @Test("an unknown function is ResourceNotFoundException with Lambda's message")
    func notFound() async throws {
        try await FunctionFixture.with { fixture in
            await #expect(throws: LambdaError(.resourceNotFound, "Function not found: arn:aws:lambda:us-east-1:123456789012:function:nope")) {
                _ = try await fixture.service.invoke("nope", payload: [])
            }
        }
    }
}
