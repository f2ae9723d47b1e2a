import ArgumentParser
import Foundation
import StatesLanguage

/// Callback round trips over HTTP against any Step Functions + SQS endpoint (Stepwise or
/// MiniStack): start → `sqs:sendMessage.waitForTaskToken` → a worker receives the message →
/// SendTaskSuccess → the execution succeeds. A load generator in Swift, so that the client
/// is not the bottleneck.
struct CallbackBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "callback",
        abstract: "Callback executions/s (and resume latency with --rate) against a Step Functions + SQS endpoint.",
        discussion: """
            executions/s is sfn_bench.py's definition: succeeded ÷ (the last stopDate − the \
            first StartExecution). With --rate, resume latency is measured as its resume_polled: \
            SendTaskSuccess returned → DescribeExecution no longer RUNNING (polled every 2 ms, \
            every 10th execution); resume_server_stamped is SendTaskSuccess returned → stopDate.
            """
    )

    @OptionGroup var target: BenchTargetOptions
    @Option(help: "Executions to run.")
    var executions = 500
    @Option(help: "Concurrent StartExecution callers.")
    var concurrency = 64
    @Option(help: "Queue workers (each long-polls batches of 10); default: the concurrency.")
    var workers: Int?
    @Option(help: "Pace the starts to this many per second in total (open loop); default: a burst.")
    var rate: Double?
    @Option(help: "Give up after this many seconds.")
    var timeout = 300.0

    func run() async throws {
        let client = AWSBenchClient(endpoint: target.endpoint, connections: concurrency + (workers ?? concurrency) + 8)
        do { try await measure(client) } catch {
            await client.shutdown()
            throw error
        }
        await client.shutdown()
    }

    private func measure(_ client: AWSBenchClient) async throws {
        var report = BenchReport(name: "callback")
        let probe = try target.probe()
        let rig: CallbackRig
        do { rig = try await CallbackRig.create(client: client, runID: BenchTargetOptions.runID(), taskTimeoutSeconds: 3600) } catch {
            try report.finish(json: target.json, ok: false, error: error.description)
            return
        }
        let ledger = CallbackLedger(count: executions)
        let (samples, sampler) = AsyncStream.makeStream(of: (arn: String, after: ContinuousClock.Instant).self)
        let clock = ContinuousClock()
        let workerSampler = rate == nil ? nil : sampler
        let (workers, concurrency, rate) = (self.workers ?? self.concurrency, self.concurrency, self.rate)
        let cpuBefore = probe?.cpuSeconds()
        let firstStart = Date().timeIntervalSince1970
        let began = clock.now
        var startSeconds = 0.0
        var done = false
        await withDiscardingTaskGroup { group in
            for _ in 0..<workers {
                group.addTask { await rig.work(ledger, sampler: workerSampler, sampleEvery: 10) }
            }
            for _ in 0..<2 { group.addTask { await rig.sample(samples, ledger) } }
            await rig.startAll(ledger, range: 0..<executions, concurrency: concurrency, rate: rate)
            startSeconds = (clock.now - began).seconds
            done = await rig.waitUntilNoneRunning(ledger, deadline: began + .seconds(timeout), every: .milliseconds(20))
            ledger.stop()
            sampler.finish()
            group.cancelAll()
        }
        let observed = (clock.now - began).seconds
        let cpu = cpuBefore.flatMap { before in probe?.cpuSeconds().map { $0 - before } }
        let outcome = await CallbackOutcome.collect(rig: rig, ledger: ledger, firstStart: firstStart)
        if !target.keep { await rig.delete() }

        let snapshot = ledger.snapshot
        report.line("callback: \(outcome.succeeded)/\(executions) SUCCEEDED (\(outcome.failed) failed) on \(target.endpoint), "
            + "\(concurrency) starters, \(workers) workers" + (rate.map { ", paced \(format($0))/s" } ?? ", burst"))
        report.line("  \(format(outcome.executionsPerSecond)) executions/s (last stopDate \(format(outcome.completionSeconds)) s after the first start; "
            + "observed \(format(observed)) s; starts took \(format(startSeconds)) s)")
        var figures: JSONObject = [
            "executions": .number(.int(executions)), "started": .number(.int(snapshot.started)),
            "succeeded": .number(.int(outcome.succeeded)), "failed": .number(.int(outcome.failed)),
            "completion_s": .number(.double(rounded(outcome.completionSeconds))),
            "executions_per_s": .number(.double(rounded(outcome.executionsPerSecond))),
            "executions_per_s_observed": .number(.double(rounded(perSecond(outcome.succeeded, observed)))),
            "start_phase_s": .number(.double(rounded(startSeconds))), "dead_tokens": .number(.int(snapshot.deadTokens)),
        ]
        if let stamped = LatencySummary(seconds: outcome.resumeServerStamped) {
            report.line("  resume STS→stopDate:          \(stamped.text)")
            figures["resume_server_stamped"] = stamped.json
        }
        if let polled = LatencySummary(seconds: snapshot.resumePolled) {
            report.line("  resume STS→SUCCEEDED (polled): \(polled.text)")
            figures["resume_polled"] = polled.json
        }
        if let cpu {
            let perExecution = outcome.succeeded > 0 ? cpu / Double(outcome.succeeded) * 1000 : 0
            report.line("  server CPU \(format(cpu)) s over \(format(observed)) s → \(format(perExecution)) ms per execution")
            figures["server_cpu_s"] = .number(.double(rounded(cpu)))
            figures["server_cpu_ms_per_execution"] = .number(.double(rounded(perExecution)))
        }
        report.figures = figures
        let problem = BenchTargetOptions.problem(snapshot, finished: done, succeeded: outcome.succeeded, of: executions)
        if problem != nil { for sample in snapshot.errorSamples.values.prefix(5) { report.line("  error: \(sample)") } }
        try report.finish(json: target.json, ok: problem == nil, error: problem)
    }
}

/// The end of a callback run, from one ListExecutions sweep per status.
struct CallbackOutcome {
    var succeeded = 0
    var failed = 0
    var completionSeconds = 0.0
    var resumeServerStamped: [Double] = []

    var executionsPerSecond: Double { perSecond(succeeded, completionSeconds) }

    static func collect(rig: CallbackRig, ledger: CallbackLedger, firstStart: Double) async -> CallbackOutcome {
        var outcome = CallbackOutcome()
        let stopDates: [String: Double]
        do { stopDates = try await rig.executions(status: "SUCCEEDED") } catch {
            ledger.record(error)
            return outcome
        }
        outcome.succeeded = stopDates.count
        outcome.completionSeconds = (stopDates.values.max() ?? firstStart) - firstStart
        let returned = ledger.state.withLock { $0.callbackReturned }
        for (seq, time) in returned.enumerated() {
            // Not clamped, as in sfn_bench.py: stopDate has millisecond resolution, so a
            // resume faster than that can come out slightly negative.
            if let time, let stop = stopDates[rig.executionName(seq)], stop > 0 { outcome.resumeServerStamped.append(stop - time) }
        }
        for status in ["FAILED", "TIMED_OUT", "ABORTED"] {
            outcome.failed += (try? await rig.executions(status: status).count) ?? 0
        }
        return outcome
    }
}
