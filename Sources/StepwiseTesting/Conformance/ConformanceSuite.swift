import Foundation
import StatesLanguage
import StepwiseEngine

/// Scores the in-memory runner with the conformance cases recorded against AWS.
public struct ConformanceSuite: Sendable {
    public enum Verdict: Sendable, Equatable {
        case pass
        case fail(String)

        public var passed: Bool { self == .pass }
    }

    public struct Report: Sendable {
        public var results: [(name: String, verdict: Verdict)]
        public var passed: Int { results.count { $0.verdict.passed } }
        public var failed: Int { results.count - passed }
        public var score: Double { results.isEmpty ? 0 : Double(passed) / Double(results.count) }
    }

    public var cases: [ConformanceCase]
    /// Also compare the sequence of history event types (as `run.py --history` does):
    /// exactly, or as a multiset when the definition has a Parallel or Map state.
    public var comparesHistory: Bool

    public init(cases: [ConformanceCase], comparesHistory: Bool = false) {
        self.cases = cases
        self.comparesHistory = comparesHistory
    }

    /// The cases the in-memory runner can play.
    public var inMemoryCases: [ConformanceCase] { cases.filter(\.runsInMemory) }

    public func run(_ selected: [ConformanceCase]) -> Report {
        Report(results: selected.map { ($0.name, Self.verdict(for: $0, comparesHistory: comparesHistory)) })
    }

    /// Runs one case in memory and compares with what AWS recorded.
    public static func verdict(for testCase: ConformanceCase, comparesHistory: Bool = false) -> Verdict {
        let expect = testCase.expect
        let machine: StateMachine
        let type: StateMachineType = testCase.type == "EXPRESS" ? .express : .standard
        do {
            machine = try StateMachine(definition: testCase.definition, type: type)
        } catch {
            if expect["createError"] != nil { return .pass }
            return .fail("definition rejected: \(error)")
        }
        if let wanted = expect["createError"]?.stringValue {
            return .fail("definition accepted; AWS rejects it with \(wanted)")
        }
        let runner = LocalRunner(machine: machine, type: type, stateMachineName: "conformance")
        let result = runner.run(input: testCase.input, executionName: "conformance-execution")
        let status = result.outcome.status
        guard let wantedStatus = expect["status"]?.stringValue else { return .fail("case has no expected status") }
        guard status == wantedStatus else {
            var extra = ""
            if case .failed(let failure) = result.outcome { extra = " (error=\(failure.error), cause=\(failure.cause ?? "nil"))" }
            return .fail("status: expected \(wantedStatus), got \(status)\(extra)")
        }
        if comparesHistory, let wanted = expect["history"]?.arrayValue?.compactMap(\.stringValue) {
            let actual = result.history.map(\.type.rawValue)
            let text = testCase.definition.serialized
            let concurrent = text.contains("\"Parallel\"") || text.contains("\"Map\"")
            if concurrent ? wanted.sorted() != actual.sorted() : wanted != actual {
                return .fail("history: expected \(wanted), got \(actual)")
            }
        }
        switch result.outcome {
        case .succeeded(let output):
            guard let wantedOutput = expect["output"] else { return .pass }
            var ignored = Set<[ConformanceComparison.PathToken]>()
            for path in expect["ignorePaths"]?.arrayValue ?? [] {
                if let text = path.stringValue, let tokens = ConformanceComparison.parsePath(text) { ignored.insert(tokens) }
            }
            var actual = output
            let dropped = Set((expect["ignoreKeys"]?.arrayValue ?? []).compactMap(\.stringValue))
            if !dropped.isEmpty { actual = ConformanceComparison.dropping(dropped, from: actual) }
            if let d = ConformanceComparison.difference(wantedOutput, ConformanceNormalizer.normalise(actual), ignoring: ignored) {
                return .fail("output \(d)")
            }
        case .failed(let failure):
            if let error = expect["error"]?.stringValue, error != failure.error.rawValue {
                return .fail("error: expected \(error), got \(failure.error)")
            }
            if expect["error"] == nil, !failure.error.rawValue.isEmpty {
                return .fail("error: expected none, got \(failure.error)")
            }
            if let cause = expect["cause"]?.stringValue, cause != failure.cause {
                return .fail("cause: expected \(cause), got \(failure.cause ?? "nil")")
            }
        case .timedOut(let failure), .aborted(let failure):
            if let error = expect["error"]?.stringValue, error != failure?.error.rawValue {
                return .fail("error: expected \(error), got \(failure?.error.rawValue ?? "none")")
            }
        }
        return .pass
    }
}
