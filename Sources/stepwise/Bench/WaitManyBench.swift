import ArgumentParser
import Foundation
import StatesLanguage

/// Open waiting executions: N executions parked on `sqs:sendMessage.waitForTaskToken`; the
/// server's RSS and disk bytes per waiting execution, then the drain rate when workers
/// complete them all. Without --endpoint it starts a `stepwise serve` of its own.
struct WaitManyBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wait-many",
        abstract: "RSS and disk per waiting execution with N parked on a task token, then the drain rate.",
        discussion: """
            Without --endpoint, a `stepwise serve` (--binary, default this executable) is \
            started on a free loopback port with a fresh data file, so RSS and disk are known. \
            With --endpoint, pass --server-pid for RSS and --data-file for disk. Sized for \
            100,000+ executions: starts are spread over --concurrency callers and progress is \
            printed every 10 s.
            """
    )

    @Option(help: "A Step Functions + SQS endpoint; default: a server started for the run.")
    var endpoint: String?
    @Option(help: "The server's process id (with --endpoint).")
    var serverPid: Int32?
    @Option(help: "The server's SQLite file, for disk bytes (with --endpoint).")
    var dataFile: String?
    @Option(help: "The stepwise executable to start when no --endpoint is given.")
    var binary: String?
    @Option(help: "Executions to park.")
    var executions = 2000
    @Option(help: "Concurrent StartExecution callers.")
    var concurrency = 64
    @Option(help: "Queue workers for the drain.")
    var workers = 64
    @Option(help: "Give up after this many seconds (per phase).")
    var timeout = 3600.0
    @Flag(help: "Print one JSON object with every figure as the last line.")
    var json = false

    func run() async throws {
        let server: ServerLauncher? = try endpoint == nil ? ServerLauncher(binary: binary ?? ServerLauncher.ownExecutable) : nil
        let client = AWSBenchClient(endpoint: endpoint ?? server?.endpoint ?? "", connections: concurrency + workers + 8)
        defer { server?.stop() }
        do {
            if let server, await !server.waitUntilAnswering(client) { throw CommandFailure("the server did not start", exitCode: 1) }
            let probe = try (serverPid ?? server?.pid).map(ProcessProbe.init(pid:))
            try await measure(client, probe: probe, dataFile: dataFile ?? server?.dataPath)
        } catch {
            await client.shutdown()
            throw error
        }
        await client.shutdown()
    }

    private func measure(_ client: AWSBenchClient, probe: ProcessProbe?, dataFile: String?) async throws {
        var report = BenchReport(name: "wait-many")
        let rig: CallbackRig
        do { rig = try await CallbackRig.create(client: client, runID: BenchTargetOptions.runID(), taskTimeoutSeconds: 86_400) } catch {
            try report.finish(json: json, ok: false, error: error.description)
            return
        }
        let ledger = CallbackLedger(count: executions)
        let clock = ContinuousClock()
        try await Task.sleep(for: .milliseconds(500))
        let rssBefore = probe?.residentBytes()
        let diskBefore = dataFile.map(databaseBytes)
        // Park: start all, then wait until every message is in the queue.
        let began = clock.now
        await withDiscardingTaskGroup { group in
            group.addTask { await progress(ledger, every: .seconds(10)) }
            await rig.startAll(ledger, range: 0..<executions, concurrency: concurrency, rate: nil)
            let deadline = clock.now + .seconds(timeout)
            while !ledger.isStopped, clock.now < deadline {
                do { if try await rig.visibleMessages() >= ledger.startedCount { break } } catch { ledger.record(error) }
                try? await Task.sleep(for: .milliseconds(250))
            }
            ledger.stop()
            group.cancelAll()
        }
        let parkSeconds = (clock.now - began).seconds
        let parked = ledger.startedCount
        try await Task.sleep(for: .seconds(1))
        let rssParked = probe?.residentBytes()
        let diskParked = dataFile.map(databaseBytes)
        report.line("wait-many: \(parked)/\(executions) parked in \(format(parkSeconds)) s (\(format(perSecond(parked, parkSeconds)))/s)")
        var figures: JSONObject = [
            "executions": .number(.int(executions)), "parked": .number(.int(parked)),
            "park_s": .number(.double(rounded(parkSeconds))), "start_rate_per_s": .number(.double(rounded(perSecond(parked, parkSeconds)))),
        ]
        if let rssBefore, let rssParked {
            let per = (rssParked - rssBefore) / max(1, parked)
            report.line("  server RSS \(rssBefore >> 20) MiB → \(rssParked >> 20) MiB: \(per) bytes per waiting execution")
            figures["rss_before"] = .number(.int(rssBefore))
            figures["rss_parked"] = .number(.int(rssParked))
            figures["bytes_per_waiting_execution"] = .number(.int(per))
        }
        if let diskBefore, let diskParked {
            let per = (diskParked - diskBefore) / max(1, parked)
            report.line("  disk (data file + WAL) \(diskBefore >> 10) KiB → \(diskParked >> 10) KiB: \(per) bytes per waiting execution")
            figures["disk_bytes_parked"] = .number(.int(diskParked))
            figures["disk_bytes_per_waiting_execution"] = .number(.int(per))
        }
        // Drain: workers complete every parked execution.
        let drain = CallbackLedger(count: executions)
        drain.state.withLock { $0.arns = ledger.snapshot.arns }
        let drainStart = Date().timeIntervalSince1970
        let drainBegan = clock.now
        var finished = false
        await withDiscardingTaskGroup { group in
            for _ in 0..<workers { group.addTask { await rig.work(drain, sampler: nil, sampleEvery: 10) } }
            finished = await rig.waitUntilNoneRunning(drain, deadline: drainBegan + .seconds(timeout), every: .milliseconds(100))
            drain.stop()
            group.cancelAll()
        }
        let drainObserved = (clock.now - drainBegan).seconds
        let outcome = await CallbackOutcome.collect(rig: rig, ledger: drain, firstStart: drainStart)
        await rig.delete()
        report.line("  drained \(outcome.succeeded)/\(parked): \(format(outcome.executionsPerSecond)) executions/s "
            + "(last stopDate \(format(outcome.completionSeconds)) s after the workers started; observed \(format(drainObserved)) s)")
        figures["succeeded"] = .number(.int(outcome.succeeded))
        figures["drain_s"] = .number(.double(rounded(outcome.completionSeconds)))
        figures["drain_executions_per_s"] = .number(.double(rounded(outcome.executionsPerSecond)))
        if let rss = probe?.residentBytes() { figures["rss_after_drain"] = .number(.int(rss)) }
        report.figures = figures
        var state = drain.snapshot
        state.errors.merge(ledger.snapshot.errors, uniquingKeysWith: +)
        let problem = BenchTargetOptions.problem(state, finished: finished, succeeded: outcome.succeeded, of: executions)
        try report.finish(json: json, ok: problem == nil, error: problem)
    }
}

/// Prints how many executions have started, every `interval`, until the ledger stops.
func progress(_ ledger: CallbackLedger, every interval: Duration) async {
    while !ledger.isStopped {
        try? await Task.sleep(for: interval)
        if !ledger.isStopped { emit("  … \(ledger.startedCount) started") }
    }
}
