import Foundation
import StatesLanguage
import Testing

/// Smoke tests of `stepwise bench`'s whole-system benchmarks at tiny sizes on loopback:
/// they run to the end and report their figures. Performance is measured, not tested, so
/// no figure is compared with a target.
@Suite(.serialized, .enabled(if: ServeProcess.built, "the stepwise executable was not built beside the tests"))
struct BenchIntegrationTests {
    /// Runs `stepwise bench …` to its end; the exit status and the JSON object on its last line.
    static func bench(_ arguments: String...) async throws -> (status: Int32, report: JSON, output: String) {
        let result = try await Tool.run([ServeProcess.executable.path, "bench"] + arguments + ["--json"])
        let last = result.output.split(separator: "\n").last.map(String.init) ?? ""
        let report = (try? JSON(parsing: last)) ?? .null
        return (result.status, report, result.output + result.error)
    }

    @Test("bench callback drives 5 executions through a queue and SendTaskSuccess to SUCCEEDED, with server CPU per execution")
    func callbackBurst() async throws {
        let server = try ServeProcess()
        defer { server.stop() }
        try await server.waitUntilReady()
        let run = try await Self.bench("callback", "--endpoint", server.endpoint, "--executions", "5", "--concurrency", "2",
                                       "--server-pid", String(server.process.processIdentifier), "--timeout", "60")
        #expect(run.status == 0, "\(run.output)")
        #expect(run.report["ok"] == true)
        #expect(run.report["results"]?["succeeded"] == 5)
        #expect((run.report["results"]?["executions_per_s"]?.numberValue?.doubleValue ?? 0) > 0)
        #expect(run.report["results"]?["server_cpu_ms_per_execution"] != nil)
        #expect(run.report["results"]?["resume_server_stamped"]?["n"] == 5)
    }

    @Test("bench callback --rate paces the starts and samples the resume latency by polling")
    func callbackPaced() async throws {
        let server = try ServeProcess()
        defer { server.stop() }
        try await server.waitUntilReady()
        let run = try await Self.bench("callback", "--endpoint", server.endpoint, "--executions", "5", "--concurrency", "2",
                                       "--rate", "50", "--timeout", "60")
        #expect(run.status == 0, "\(run.output)")
        // Every 10th execution is sampled: sequence 0 of 5.
        #expect(run.report["results"]?["resume_polled"]?["n"] == 1)
    }

    @Test("bench callback names the failing operation when nothing listens on the endpoint")
    func callbackUnreachable() async throws {
        let run = try await Self.bench("callback", "--endpoint", "http://127.0.0.1:\(try ServeProcess.freePort())", "--executions", "2")
        #expect(run.status == 1)
        #expect(run.report["ok"] == false)
        #expect(run.report["error"]?.stringValue?.contains("CreateQueue") == true)
    }

    @Test("bench wait-many parks executions on a server of its own, reports RSS and disk per execution, then drains them")
    func waitMany() async throws {
        let run = try await Self.bench("wait-many", "--executions", "5", "--concurrency", "2", "--workers", "2", "--timeout", "60")
        #expect(run.status == 0, "\(run.output)")
        #expect(run.report["results"]?["parked"] == 5)
        #expect(run.report["results"]?["succeeded"] == 5)
        #expect(run.report["results"]?["bytes_per_waiting_execution"] != nil)
        #expect((run.report["results"]?["disk_bytes_parked"]?.intValue ?? 0) > 0)
    }

    @Test("bench cold-start starts the server and times its first answered request")
    func coldStart() async throws {
        let run = try await Self.bench("cold-start", "--runs", "1")
        #expect(run.status == 0, "\(run.output)")
        #expect((run.report["results"]?["median_ms"]?.numberValue?.doubleValue ?? 0) > 0)
    }

    @Test("bench durable runs pass chains on a SQLite file and counts every state entered")
    func durable() async throws {
        let run = try await Self.bench("durable", "--executions", "10", "--states", "5", "--concurrency", "4")
        #expect(run.status == 0, "\(run.output)")
        #expect(run.report["results"]?["succeeded"] == 10)
        #expect(run.report["results"]?["transitions"] == 50)
    }
}
