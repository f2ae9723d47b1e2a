import ArgumentParser
import Foundation
import StatesLanguage

struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure Stepwise's own speed (see BENCHMARKS.md).",
        subcommands: [InterpreterBench.self, DurableBench.self, CallbackBench.self, WaitManyBench.self, ColdStartBench.self]
    )
}

/// Pure interpreter transitions per second on one core: a chain of Pass states, each with
/// Parameters (a path and an intrinsic call) and a ResultPath.
struct InterpreterBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "interpreter",
        abstract: "Pure interpreter transitions per second (one core, no I/O)."
    )

    @Option(help: "Pass states in the chain.")
    var states = 1000

    @Option(help: "Executions to run.")
    var executions = 200

    func run() throws {
        var definition: JSONObject = [:]
        for i in 0..<states {
            var state: JSONObject = [
                "Type": "Pass",
                "Parameters": ["count.$": "States.MathAdd($.count, 1)", "label.$": "$.label"],
                "ResultPath": "$",
            ]
            if i == states - 1 { state["End"] = true } else { state["Next"] = .string("S\(i + 1)") }
            definition["S\(i)"] = .object(state)
        }
        let text = JSON.object(["StartAt": "S0", "States": .object(definition)]).serialized
        let machine = try StateMachine(parsing: text)
        let interpreter = Interpreter(machine: machine)
        let environment = InterpreterEnvironment(entropy: .system) { "token-\($0)" }
        let input: JSON = ["count": 0, "label": "bench"]
        let context = ContextObject(
            execution: .init(id: "arn:aws:states:us-east-1:123456789012:execution:bench:e", name: "e", input: input,
                             roleArn: "arn:aws:iam::123456789012:role/bench", startTime: "2026-01-01T00:00:00.000Z"),
            stateMachineId: "arn:aws:states:us-east-1:123456789012:stateMachine:bench", stateMachineName: "bench")
        let now = Date()
        let clock = ContinuousClock()
        var transitions = 0
        let elapsed = clock.measure {
            for _ in 0..<executions {
                let (state, _) = interpreter.start(input: input, context: context, now: now, environment: environment)
                transitions += state.transitions
                precondition(state.outcome == .succeeded(output: ["count": .int(states), "label": "bench"]))
            }
        }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        print(String(format: "%d transitions in %.3f s: %.0f transitions/s (one core)", transitions, seconds, Double(transitions) / seconds))
    }
}
