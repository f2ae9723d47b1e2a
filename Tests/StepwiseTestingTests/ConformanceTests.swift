import Foundation
import Testing
import StatesLanguage
@testable import StepwiseTesting

/// Runs the conformance cases recorded against AWS through the in-memory runner.
@Suite struct ConformanceTests {
    /// The shared conformance folder sits beside the project's root.
    static let casesDirectory: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/conformance/cases")

    static var casesPresent: Bool { FileManager.default.fileExists(atPath: casesDirectory.path) }

    @Test("at least 95% of the cases that need no services (JSONPath and JSONata) pass in memory, history included",
          .enabled(if: casesPresent, "the shared conformance folder is not beside this checkout"))
    func inMemoryScore() throws {
        let suite = ConformanceSuite(cases: try ConformanceCase.load(from: Self.casesDirectory), comparesHistory: true)
        let report = suite.run(suite.inMemoryCases)
        for (name, verdict) in report.results {
            if case .fail(let reason) = verdict { print("FAIL \(name): \(reason)") }
        }
        print(String(format: "conformance (in memory): %d of %d passed, %.1f%%", report.passed, report.results.count, report.score * 100))
        #expect(report.results.count > 800)
        #expect(report.score >= 0.95)
    }

    @Test("the normaliser turns zoned ISO-8601 timestamps into \"date\" as the recordings did")
    func normaliser() {
        let value: JSON = ["at": "2024-01-02T03:04:05.678Z", "myTimestamp": 12, "nested": ["when": "x 2024-01-02T03:04:05+01:00 y"]]
        #expect(ConformanceNormalizer.normalise(value) == ["at": "date", "myTimestamp": "timestamp", "nested": ["when": "x date y"]])
    }

    @Test("comparison ignores listed paths and object key order, but not array order")
    func comparison() {
        let ignored: Set<[ConformanceComparison.PathToken]> = [ConformanceComparison.parsePath("$.arn")!]
        #expect(ConformanceComparison.difference(["arn": "a", "b": [1, 2]], ["b": [1, 2.0], "arn": "z"], ignoring: ignored) == nil)
        #expect(ConformanceComparison.difference(["b": [1, 2]], ["b": [2, 1]], ignoring: []) != nil)
        #expect(ConformanceComparison.difference([true], [1], ignoring: []) != nil)
    }
}
