import ArgumentParser
import Foundation
import StatesLanguage

/// Cold start: `stepwise serve` spawned on a free loopback port with a fresh data file, from
/// process start to the first answered request (a ListStateMachines); the median of N runs.
struct ColdStartBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cold-start",
        abstract: "Process start → first answered ListStateMachines of `stepwise serve` (median of N runs)."
    )

    @Option(help: "The stepwise executable to start (default: this one).")
    var binary: String?
    @Option(help: "Runs (each a fresh process and data file).")
    var runs = 5
    @Flag(help: "Print one JSON object with every figure as the last line.")
    var json = false

    func run() async throws {
        let binary = self.binary ?? ServerLauncher.ownExecutable
        var report = BenchReport(name: "cold-start")
        var times: [Double] = []
        var failure: String?
        for _ in 0..<max(1, runs) {
            let clock = ContinuousClock()
            let began = clock.now
            let server: ServerLauncher
            do { server = try ServerLauncher(binary: binary) } catch {
                failure = "cannot start \(binary): \(error)"
                break
            }
            let probe = AWSBenchClient(endpoint: server.endpoint, connections: 2)
            let answered = await server.waitUntilAnswering(probe)
            let elapsed = (clock.now - began).seconds
            await probe.shutdown()
            server.stop()
            guard answered else {
                failure = "\(binary) serve did not answer within 30 s"
                break
            }
            times.append(elapsed)
            report.line(String(format: "  run %d: %.1f ms", times.count, elapsed * 1000))
        }
        let sorted = times.sorted()
        if !sorted.isEmpty {
            let median = sorted[sorted.count / 2]
            report.line(String(format: "cold start (process start → first answered request): median %.1f ms, min %.1f, max %.1f (n=%d)",
                               median * 1000, sorted[0] * 1000, sorted[sorted.count - 1] * 1000, sorted.count))
            report.figures = [
                "median_ms": .number(.double(rounded(median * 1000))), "min_ms": .number(.double(rounded(sorted[0] * 1000))),
                "max_ms": .number(.double(rounded(sorted[sorted.count - 1] * 1000))), "runs": .number(.int(sorted.count)),
            ]
        }
        try report.finish(json: json, ok: failure == nil, error: failure)
    }
}
