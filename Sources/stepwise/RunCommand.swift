import ArgumentParser
import Foundation
import StatesLanguage
import StepwiseEngine

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a definition once, in memory, on virtual time.",
        discussion: """
            Waits, retry back-offs and timeouts take no real time: a Wait of a year returns at \
            once. Task states are answered by --mock, a JSON object keyed by state name whose \
            values are {"Return": OUTPUT}, {"Throw": {"Error": "...", "Cause": "..."}}, a plain \
            value (returned as is), or a list of these for successive attempts. A Task with no \
            mock fails with States.Runtime ("No integration for resource ...").

            Exit status: 0 when the execution succeeded, 1 when it failed, timed out or was \
            aborted, 2 when the definition, the input or the mock is invalid.
            """
    )

    @Argument(help: "The definition file (Amazon States Language JSON).")
    var file: String

    @Option(help: "Execution input: JSON text, or @FILE.")
    var input: String = "{}"

    @Option(help: "Mock responses for Task states: a JSON file keyed by state name.")
    var mock: String?

    @Flag(help: "Print exactly one JSON object: {\"status\", \"output\", \"error\", \"cause\"}.")
    var json = false

    @Flag(help: "Print the execution's history events.")
    var history = false

    func run() throws {
        do {
            try execute()
        } catch let failure as CommandFailure {
            if json {
                print(JSON.object(["status": "INVALID", "output": .null, "error": "Stepwise.InvalidArguments", "cause": .string(failure.message)]).serialized)
            } else {
                var stderr = StandardError()
                print(failure.message, to: &stderr)
            }
            throw ExitCode(failure.exitCode)
        }
    }

    private func execute() throws {
        let machine: StateMachine
        do { machine = try StateMachine(parsing: try CommandInput.text(ofFile: file)) } catch let error as DefinitionError {
            throw CommandFailure("\(file) is not a valid definition:\n" + error.diagnostics.map { "  \($0)" }.joined(separator: "\n"))
        }
        let inputValue = try CommandInput.json(input, what: "--input")
        var responder = TaskResponder.none
        if let mock {
            do { responder = try TaskResponder.mock(try CommandInput.json("@" + mock, what: "mock file")) } catch let error as MockError {
                throw CommandFailure("The mock file is not usable: \(error)")
            }
        }
        let name = URL(fileURLWithPath: file).deletingPathExtension().deletingPathExtension().lastPathComponent
        let runner = LocalRunner(machine: machine, responder: responder, stateMachineName: name)
        let result = runner.run(input: inputValue)
        if json {
            print(Self.summary(result.outcome).serialized)
        } else {
            if history { print(Timeline.render(result.history)) }
            print(Self.summary(result.outcome).prettyPrinted())
        }
        if case .succeeded = result.outcome { return }
        throw ExitCode(1)
    }

    static func summary(_ outcome: ExecutionOutcome) -> JSON {
        switch outcome {
        case .succeeded(let output):
            return ["status": "SUCCEEDED", "output": output, "error": .null, "cause": .null]
        case .failed(let failure):
            return ["status": .string(outcome.status), "output": .null, "error": .string(failure.error.rawValue),
                    "cause": failure.cause.map(JSON.string) ?? .null]
        case .aborted(let failure), .timedOut(let failure):
            return ["status": .string(outcome.status), "output": .null, "error": failure.map { .string($0.error.rawValue) } ?? .null,
                    "cause": failure?.cause.map(JSON.string) ?? .null]
        }
    }
}
