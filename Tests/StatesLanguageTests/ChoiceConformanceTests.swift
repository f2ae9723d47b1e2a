import Foundation
import Testing
@testable import StatesLanguage

/// Replays the AWS-recorded conformance cases whose definition is one Choice state
/// (the start state) leading to Pass states with a literal `Result`: evaluates the rules
/// with `ChoiceRule` against the case input and checks that AWS took the same branch
/// (the Pass state whose `Result` is the recorded output) or failed the same way.
@Suite struct ChoiceConformanceTests {
    /// `shared/conformance/cases` beside the package root, when it is there.
    static let casesDirectory: URL? = {
        let packageRoot = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let directory = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/conformance/cases")
        return FileManager.default.fileExists(atPath: directory.path) ? directory : nil
    }()

    static let cases: [ChoiceCase] = {
        guard let directory = casesDirectory,
            let files = try? FileManager.default.contentsOfDirectory(atPath: directory.path)
        else { return [] }
        return files.filter { $0.hasSuffix(".json") }.sorted().compactMap { file in
            guard let data = FileManager.default.contents(atPath: directory.appendingPathComponent(file).path),
                let text = String(data: data, encoding: .utf8),
                let json = try? JSON(parsing: text)
            else { return nil }
            return ChoiceCase(file: file, json: json)
        }
    }()

    @Test("every choice_operators case has the single-Choice shape this replay needs",
        .enabled(if: casesDirectory != nil, "shared/conformance/cases is not beside the package"))
    func coverage() throws {
        let operatorCases = Self.cases.filter { $0.name.hasPrefix("choice_operators.") }
        #expect(operatorCases.count == 491)
    }

    @Test("the Choice state takes the branch AWS took",
        .enabled(if: casesDirectory != nil, "shared/conformance/cases is not beside the package"),
        arguments: cases)
    func sameBranch(_ testCase: ChoiceCase) throws {
        var diagnostics: [Diagnostic] = []
        var rules: [(ChoiceRule, String)] = []
        for (index, ruleJSON) in testCase.rules.enumerated() {
            let rule = ChoiceRule.parse(ruleJSON, at: "/States/\(testCase.choiceName)/Choices/\(index)",
                isTopLevel: true, diagnostics: &diagnostics)
            rules.append((try #require(rule, "\(diagnostics)"), try #require(ruleJSON["Next"]?.stringValue)))
        }
        #expect(diagnostics.isEmpty)

        let scope = ChoiceFixture.scope(testCase.input)
        let outcome: Result<String, Failure>
        do {
            outcome = .success(try Self.choose(rules, default: testCase.defaultState, scope: scope))
        } catch {
            outcome = .failure(error)
        }
        switch (testCase.expected, outcome) {
        case (.branch(let expected), .success(let taken)):
            #expect(taken == expected)
        case (.failure(let error, let cause), .failure(let failure)):
            #expect(failure.error.rawValue == error)
            if let cause { #expect(cause.hasSuffix(failure.cause ?? "")) }
        default:
            Issue.record("expected \(testCase.expected), got \(outcome)")
        }
    }

    /// What a Choice state does with its rules: the first match's `Next`, else `Default`.
    static func choose(_ rules: [(ChoiceRule, String)], default: String?, scope: EvaluationScope) throws(Failure)
        -> String
    {
        for (rule, next) in rules {
            if try rule.evaluate(scope) { return next }
        }
        guard let defaultState = `default` else { throw Failure(.noChoiceMatched) }
        return defaultState
    }
}

/// One recorded case reduced to what the replay needs.
struct ChoiceCase: Sendable, CustomTestStringConvertible {
    enum Expected: Sendable {
        case branch(String)
        case failure(error: String, cause: String?)
    }

    let name: String
    let choiceName: String
    let rules: [JSON]
    let defaultState: String?
    let input: JSON
    let expected: Expected

    var testDescription: String { name }

    /// Nil unless the definition is a Choice start state whose targets are all plain
    /// Pass states (`Type`, `Result`, `End`, `Comment` only) and AWS's result is known.
    init?(file: String, json: JSON) {
        guard let definition = json["definition"], definition["QueryLanguage"] == nil,
            let states = definition["States"]?.objectValue,
            let start = definition["StartAt"]?.stringValue, let choice = states[start],
            choice["Type"]?.stringValue == "Choice", choice["QueryLanguage"] == nil,
            let rules = choice["Choices"]?.arrayValue,
            let expect = json["expect"]?.objectValue, let status = expect["status"]?.stringValue
        else { return nil }
        var results: [(String, JSON)] = []
        for (name, state) in states where name != start {
            guard let fields = state.objectValue, state["Type"]?.stringValue == "Pass",
                Set(fields.keys).isSubset(of: ["Type", "Result", "End", "Comment"]), let result = state["Result"]
            else { return nil }
            results.append((name, result))
        }
        switch status {
        case "SUCCEEDED":
            let matching = results.filter { $0.1 == expect["output"] }
            guard matching.count == 1 else { return nil }
            expected = .branch(matching[0].0)
        case "FAILED":
            guard let error = expect["error"]?.stringValue else { return nil }
            expected = .failure(error: error, cause: (expect["awsCause"] ?? expect["cause"])?.stringValue)
        default:
            return nil
        }
        self.name = String(file.dropLast(".json".count))
        self.choiceName = start
        self.rules = rules
        self.defaultState = choice["Default"]?.stringValue
        self.input = json["input"] ?? .object([:])
    }
}
