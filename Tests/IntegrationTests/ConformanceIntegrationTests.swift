import Foundation
import Testing

/// The shared conformance suite (recorded against real AWS) run against `stepwise serve`
/// through boto3: every case, JSONPath and JSONata, the ones with queues, topics,
/// activities, callbacks and child executions included, and workflow variables.
@Suite(.serialized, .enabled(if: ServeProcess.built, "the stepwise executable was not built beside the tests"))
struct ConformanceIntegrationTests {
    static let runner = ServeProcess.shared.appendingPathComponent("conformance/run.py")

    /// The share of cases AWS's answers must match (the issue's bar).
    static let required = 0.95

    @Test("conformance/run.py scores at least 95% of the cases, JSONata, services and variables included",
          .enabled(if: FileManager.default.fileExists(atPath: runner.path), "the shared conformance folder is not beside the package"),
          .enabled(if: Tool.available, "boto3 is not installed"))
    func conformance() async throws {
        let server = try ServeProcess()
        defer { server.stop() }
        try await server.waitUntilReady()
        let result = try await Tool.run(["python3", Self.runner.path, "--endpoint", server.endpoint, "--quiet", "--jobs", "4"])
        let summary = result.output.split(separator: "\n").last.map(String.init) ?? ""
        let numbers = summary.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        try #require(numbers.count >= 2, "no summary line: \(result.output.suffix(2000)) \(result.error.suffix(2000))")
        let (passed, failed) = (numbers[0], numbers[1])
        let score = Double(passed) / Double(max(passed + failed, 1))
        print("conformance: \(summary) (\(String(format: "%.1f", score * 100))%)")
        #expect(score >= Self.required, "\(summary)\n\(result.output.suffix(4000))")
    }
}
