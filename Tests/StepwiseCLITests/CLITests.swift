import Foundation
import StatesLanguage
import StepwiseProcess
import Testing

/// Runs the real `stepwise` executable, as a person would.
@Suite struct CLITests {
    /// `swift test` builds the executable beside the test bundle.
    static let executable: URL = {
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        while dir.path != "/" {
            let candidate = dir.appendingPathComponent("stepwise")
            if FileManager.default.isExecutableFile(atPath: candidate.path), !candidate.hasDirectoryPath { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return URL(fileURLWithPath: "/nonexistent/stepwise")
    }()

    static var built: Bool { FileManager.default.isExecutableFile(atPath: executable.path) }

    struct Outcome {
        var status: Int32
        var output: String
    }

    /// Runs the executable on a thread of its own (never blocking the concurrency pool).
    static func stepwise(_ arguments: String...) async throws -> Outcome {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread { continuation.resume(with: Result { try runBlocking(arguments) }) }
        }
    }

    static func runBlocking(_ arguments: [String], environment: [String: String]? = nil) throws -> Outcome {
        // Both streams into one pipe, as a terminal shows them.
        let child = try ChildProcess(executable: executable.path, arguments: arguments, environment: environment,
                                     standardOutput: .pipe, standardError: .descriptor(STDOUT_FILENO))
        let data = child.standardOutput?.readDataToEndOfFile() ?? Data()
        return Outcome(status: child.waitUntilExit().status, output: String(decoding: data, as: UTF8.self))
    }

    static func file(_ text: String) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("stepwise-cli-\(UUID().uuidString).asl.json")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    static let waitAndPass = #"{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":31536000,"Next":"P"},"P":{"Type":"Pass","Result":{"n":200},"ResultPath":"$.r","End":true}}}"#

    @Test("run --json prints one object and exits 0 for SUCCEEDED, even after a year-long Wait", .enabled(if: built, "the stepwise executable was not built beside the tests"))
    func runSucceeded() async throws {
        let result = try await Self.stepwise("run", try Self.file(Self.waitAndPass), "--input", #"{"a":1}"#, "--json")
        #expect(result.status == 0)
        let json = try JSON(parsing: result.output.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(json == ["status": "SUCCEEDED", "output": ["a": 1, "r": ["n": 200]], "error": nil, "cause": nil])
    }

    @Test("run --json exits 1 for FAILED and 2 for an invalid definition or input", .enabled(if: built, "the stepwise executable was not built beside the tests"))
    func runFailures() async throws {
        let failing = try Self.file(#"{"StartAt":"F","States":{"F":{"Type":"Fail","Error":"Oops","Cause":"because"}}}"#)
        let failed = try await Self.stepwise("run", failing, "--json")
        #expect(failed.status == 1)
        #expect(try JSON(parsing: failed.output)["error"] == "Oops")
        let invalid = try await Self.stepwise("run", try Self.file(#"{"StartAt":"Nowhere","States":{}}"#), "--json")
        #expect(invalid.status == 2)
        let badInput = try await Self.stepwise("run", failing, "--input", "{nope", "--json")
        #expect(badInput.status == 2)
        #expect(try JSON(parsing: badInput.output)["cause"]?.stringValue?.contains("--input is not valid JSON") == true)
    }

    @Test("run answers Task states from a mock file", .enabled(if: built, "the stepwise executable was not built beside the tests"))
    func runWithMock() async throws {
        let definition = try Self.file(#"{"StartAt":"Call","States":{"Call":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"f"},"Retry":[{"ErrorEquals":["Busy"]}],"End":true}}}"#)
        let mock = try Self.file(#"{"Call":[{"Throw":{"Error":"Busy"}},{"Return":{"Payload":7}}]}"#)
        let result = try await Self.stepwise("run", definition, "--mock", mock, "--json")
        #expect(result.status == 0)
        #expect(try JSON(parsing: result.output)["output"] == ["Payload": 7])
    }

    @Test("validate prints every problem with its code and location and exits 1", .enabled(if: built, "the stepwise executable was not built beside the tests"))
    func validate() async throws {
        let bad = try Self.file(#"{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"Missing"},"B":{"Type":"Wait","End":true}}}"#)
        let result = try await Self.stepwise("validate", bad, try Self.file(Self.waitAndPass))
        #expect(result.status == 1)
        #expect(result.output.contains("MISSING_TRANSITION_TARGET at /States/A/Next"))
        #expect(result.output.contains("/States/B"))
        #expect(result.output.contains("valid (2 states)"))
        #expect(try await Self.stepwise("validate", "/nonexistent/file.json").status == 2)
    }

    static var pythonWithBoto3: Bool {
        (try? ChildProcess(executable: "/usr/bin/env", arguments: ["python3", "-c", "import boto3"],
                           standardOutput: .nullDevice, standardError: .nullDevice).waitUntilExit().succeeded) == true
    }

    @Test("demo deploys the example, runs its success and failure paths with real functions and exits 0",
          .enabled(if: built, "the stepwise executable was not built beside the tests"),
          .enabled(if: pythonWithBoto3, "python3 with boto3 is not installed: the example's functions need it"))
    func demo() async throws {
        let result = try await Self.stepwise("demo")
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains(#"holds: "API Executed Successfully""#), "\(result.output)")
        #expect(result.output.contains(#"holds: "API Failed""#), "\(result.output)")
        #expect(result.output.contains("TaskSucceeded"))
        #expect(result.output.contains("Both paths behaved"))
    }

    @Test("demo says clearly that python3 is missing", .enabled(if: built, "the stepwise executable was not built beside the tests"))
    func demoWithoutPython() async throws {
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("stepwise-empty-path-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: empty) }
        let result = try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(with: Result { try Self.runBlocking(["demo"], environment: ["PATH": empty.path]) })
            }
        }
        #expect(result.status == 2)
        #expect(result.output.contains("python3, which is not on the PATH"))
    }
}
