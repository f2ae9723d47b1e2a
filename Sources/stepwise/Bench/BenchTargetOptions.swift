import ArgumentParser
import Foundation

/// The endpoint a whole-system benchmark drives, and the server process it watches.
struct BenchTargetOptions: ParsableArguments {
    @Option(help: "A Step Functions + SQS endpoint (Stepwise, MiniStack, …); loopback only unless --allow-remote.")
    var endpoint = "http://127.0.0.1:8083"
    @Option(help: "The server's process id: its CPU time (and RSS) are read from /proc/PID.")
    var serverPid: Int32?
    @Flag(help: "Accept an endpoint that is not on loopback.")
    var allowRemote = false
    @Flag(help: "Keep the queue and state machine afterwards.")
    var keep = false
    @Flag(help: "Print one JSON object with every figure as the last line.")
    var json = false

    func validate() throws {
        guard let host = URL(string: endpoint)?.host else { throw ValidationError("--endpoint \(endpoint) is not a URL.") }
        if !allowRemote, !["127.0.0.1", "localhost", "::1", "[::1]"].contains(host) {
            throw ValidationError("--endpoint \(endpoint) is not on loopback; pass --allow-remote to drive it anyway.")
        }
    }

    func probe() throws -> ProcessProbe? {
        guard let serverPid else { return nil }
        do { return try ProcessProbe(pid: serverPid) } catch { throw ValidationError(error.message) }
    }

    /// A short unique name part for this run's resources.
    static func runID() -> String { "b" + UUID().uuidString.lowercased().prefix(8) }

    /// Why a run failed to do what it measured, or nil.
    static func problem(_ state: CallbackLedger.State, finished: Bool, succeeded: Int, of count: Int) -> String? {
        if succeeded == count { return nil }
        let errors = state.errors.map { "\($0.key) ×\($0.value)" }.sorted().joined(separator: ", ")
        return "\(succeeded)/\(count) executions succeeded" + (finished ? "" : " (stopped before all ended)")
            + (errors.isEmpty ? "" : "; errors: \(errors)")
    }
}
