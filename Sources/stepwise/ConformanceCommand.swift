import ArgumentParser
import Foundation
import StepwiseTesting

struct ConformanceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "conformance",
        abstract: "Score the in-memory interpreter with conformance cases recorded against AWS.",
        discussion: """
            Reads every case in DIR (the format of the shared conformance suite), runs those that \
            need no queue, topic, activity, child state machine or callback worker in memory, and \
            prints one line per case and a last line "N passed, N failed".
            """
    )

    @Argument(help: "The folder of case files.")
    var directory: String

    @Option(name: .customShort("k"), help: "Only cases whose name contains this text.")
    var filter: String?

    @Flag(help: "Print only failures and the summary.")
    var quiet = false

    @Flag(help: "Also compare the sequence of history event types.")
    var history = false

    func run() throws {
        let cases: [ConformanceCase]
        do { cases = try ConformanceCase.load(from: URL(fileURLWithPath: directory)) } catch {
            var stderr = StandardError()
            print("Cannot read cases from '\(directory)': \(error)", to: &stderr)
            throw ExitCode(2)
        }
        let suite = ConformanceSuite(cases: cases, comparesHistory: history)
        var selected = suite.inMemoryCases
        if let filter { selected = selected.filter { $0.name.localizedCaseInsensitiveContains(filter) } }
        let report = suite.run(selected)
        for (name, verdict) in report.results {
            switch verdict {
            case .pass: if !quiet { print("PASS \(name)") }
            case .fail(let reason): print("FAIL \(name): \(reason)")
            }
        }
        print(String(format: "score: %.1f%% of %d in-memory cases (of %d in the folder)", report.score * 100, report.results.count, cases.count))
        print("\(report.passed) passed, \(report.failed) failed")
    }
}
