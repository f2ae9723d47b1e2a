import Foundation
import Testing

/// The example of AWS's "Calling Asynchronous API with Callbacks" sample, deployed with
/// `stepwise deploy` into a real `stepwise serve` and run with real function processes:
/// queue → consumer → simulator state machine → callback function → SendTask* → topic →
/// logger, checked through boto3 (Tests/IntegrationTests/sample_e2e.py).
@Suite(.serialized, .enabled(if: ServeProcess.built, "the stepwise executable was not built beside the tests"),
       .enabled(if: Tool.available, "the aws CLI or boto3 is not installed"))
struct SampleEndToEndTests {
    static let example = ServeProcess.packageRoot.appendingPathComponent("examples/calling-async-api-callback")

    static func deploy(_ server: ServeProcess, _ template: URL, _ extra: [String] = []) async throws -> Tool {
        try await Tool.run([ServeProcess.executable.path, "deploy", template.path, "--endpoint", server.endpoint] + extra)
    }

    @Test("the example's success, failure and timeout paths end as the sample says, with the notifications in the logger's log group")
    func examplePaths() async throws {
        let server = try ServeProcess()
        defer { server.stop() }
        try await server.waitUntilReady()
        // The callback timeout is a template parameter, so the timeout path takes seconds, not
        // 300 s (enough for the success path's cold Python starts and its 1 s of work).
        let deployed = try await Self.deploy(server, Self.example.appendingPathComponent("template.yaml"),
                                             ["--stack-name", "callback-sample", "--parameter-overrides", "CallbackTimeoutSeconds=20"])
        #expect(deployed.status == 0, "\(deployed.output)\n\(deployed.error)")
        #expect(deployed.output.contains("WorkflowAsyncAPICallbackPatternArn"))

        let script = ServeProcess.packageRoot.appendingPathComponent("Tests/IntegrationTests/sample_e2e.py").path
        let result = try await Tool.run(["python3", script, "--endpoint", server.endpoint])
        #expect(result.status == 0, "\(result.output)\n\(result.error)\nserver log:\n\(server.logText.suffix(4000))")
        #expect(result.output.components(separatedBy: "\n").filter { $0.hasPrefix("ok ") }.count == 3, "\(result.output)")

        let deleted = try await Tool.run([ServeProcess.executable.path, "delete", "callback-sample", "--endpoint", server.endpoint])
        #expect(deleted.status == 0, "\(deleted.error)")
        let machines = try await ServeIntegrationTests.aws(server, "list-state-machines")
        #expect(machines["stateMachines"]?.arrayValue?.isEmpty == true)
    }

    @Test("AWS's reference template deploys unchanged",
          .enabled(if: FileManager.default.fileExists(atPath: ServeProcess.shared.path), "the shared reference sample is not beside the package"))
    func referenceTemplateDeploys() async throws {
        let server = try ServeProcess()
        defer { server.stop() }
        try await server.waitUntilReady()
        let template = ServeProcess.shared.appendingPathComponent("reference/calling-async-api-callback/template.yaml")
        let deployed = try await Self.deploy(server, template)
        #expect(deployed.status == 0, "\(deployed.output)\n\(deployed.error)")
        let machines = try await ServeIntegrationTests.aws(server, "list-state-machines")
        #expect(machines["stateMachines"]?.arrayValue?.count == 2)
    }
}
