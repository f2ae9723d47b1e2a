import ArgumentParser
import Foundation
import StepwiseEngine
import StepwiseStore
import StepwiseStoreSQLite
import Synchronization

/// Durable transitions per second: the real ``Engine`` on a SQLite file (synchronous=FULL,
/// group commit), many pass-chain executions started concurrently, in this process.
struct DurableBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "durable",
        abstract: "Durable transitions/s: the engine on a SQLite file, many executions at once (in process)."
    )

    @Option(help: "Pass states per execution (sfn_bench's pass-chain uses 100).")
    var states = 100
    @Option(help: "Executions to run.")
    var executions = 2000
    @Option(help: "Concurrent StartExecution callers.")
    var concurrency = 64
    @Option(help: "Executions stepped per transaction (the engine's group commit).")
    var batchSize = 256
    @Option(help: "The SQLite file (default: a fresh temporary file, deleted afterwards).")
    var data: String?
    @Flag(help: "Print one JSON object with every figure as the last line.")
    var json = false

    func run() async throws {
        let path = data ?? FileManager.default.temporaryDirectory.appendingPathComponent("stepwise-bench-\(UUID().uuidString).sqlite").path
        defer { if data == nil { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } } }
        let counter = CommitCounter()
        var configuration = EngineConfiguration(batchSize: batchSize)
        configuration.observer = counter
        let store = try SQLiteStore(path: path)
        let engine = try await Engine.open(store: store, configuration: configuration)
        let machine = try await engine.createStateMachine(
            name: "bench-durable-\(UUID().uuidString.prefix(8))", definition: PassChain.definition(states: states),
            roleArn: "arn:aws:iam::123456789012:role/bench", type: .standard)
        let total = executions
        let clock = ContinuousClock()
        let began = clock.now
        let elapsed = try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await engine.run() }
            let next = Counter(0)
            let starters = min(concurrency, total)
            try await withThrowingTaskGroup(of: Void.self) { starting in
                for _ in 0..<starters {
                    starting.addTask {
                        while true {
                            let i = next.take()
                            guard i < total else { return }
                            _ = try await engine.startExecution(stateMachineArn: machine.arn, input: PassChain.input(i))
                        }
                    }
                }
                try await starting.waitForAll()
            }
            while counter.ended < total { try await Task.sleep(for: .milliseconds(2)) }
            let elapsed = clock.now - began
            engine.stop()
            group.cancelAll()
            return elapsed
        }
        let seconds = elapsed.seconds
        var report = BenchReport(name: "durable")
        report.line("\(counter.succeeded)/\(total) SUCCEEDED, \(counter.transitions) transitions in \(format(seconds)) s "
            + "(\(states) Pass states each, batch \(batchSize), \(concurrency) starters, SQLite synchronous=FULL)")
        report.line("  \(Int(perSecond(counter.transitions, seconds))) transitions/s, \(format(perSecond(total, seconds))) executions/s")
        report.figures = [
            "executions": .number(.int(total)), "succeeded": .number(.int(counter.succeeded)),
            "transitions": .number(.int(counter.transitions)), "seconds": .number(.double(rounded(seconds))),
            "transitions_per_s": .number(.double(rounded(perSecond(counter.transitions, seconds)))),
            "executions_per_s": .number(.double(rounded(perSecond(total, seconds)))),
            "states": .number(.int(states)), "batch_size": .number(.int(batchSize)),
        ]
        try report.finish(json: json, ok: counter.succeeded == total)
    }
}

/// Counts what the engine committed: states entered and executions ended.
final class CommitCounter: EngineObserver {
    private let counts = Mutex((transitions: 0, ended: 0, succeeded: 0))

    func committed(stateTransitions: Int, ended: [(executionArn: String, status: ExecutionStatus)]) {
        counts.withLock {
            $0.transitions += stateTransitions
            $0.ended += ended.count
            $0.succeeded += ended.count { $0.status == .succeeded }
        }
    }

    var transitions: Int { counts.withLock { $0.transitions } }
    var ended: Int { counts.withLock { $0.ended } }
    var succeeded: Int { counts.withLock { $0.succeeded } }
}
