import Foundation
import StepwiseProcess
#if canImport(Glibc)
import Glibc
#endif

/// A `stepwise serve` child process on a free loopback port with a fresh data file, for the
/// benchmarks that need a server of their own (cold start, wait-many without --endpoint).
final class ServerLauncher {
    let process: ChildProcess
    let port: Int
    let dataPath: String
    var endpoint: String { "http://127.0.0.1:\(port)" }
    var pid: Int32 { process.processIdentifier }

    /// This executable, which has `serve`.
    static var ownExecutable: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }

    /// Spawns the server (it is not ready yet when this returns).
    init(binary: String, extraArguments: [String] = []) throws {
        port = try LoopbackPort.free()
        dataPath = FileManager.default.temporaryDirectory.appendingPathComponent("stepwise-bench-\(UUID().uuidString).sqlite").path
        process = try ChildProcess(executable: binary, arguments: ["serve", "--port", String(port), "--data", dataPath, "--log-level", "warning"] + extraArguments,
                                   standardOutput: .nullDevice, standardError: .nullDevice)
    }

    /// Polls ListStateMachines every millisecond until the server answers it; false when the
    /// process exits or `seconds` pass.
    func waitUntilAnswering(_ client: AWSBenchClient, seconds: Double = 30) async -> Bool {
        let deadline = ContinuousClock.now + .seconds(seconds)
        while ContinuousClock.now < deadline, process.isRunning {
            if (try? await client.call(.stepFunctions, "ListStateMachines", [:])) != nil { return true }
            try? await Task.sleep(for: .milliseconds(1))
        }
        return false
    }

    /// SIGTERM (SIGKILL after 10 s), then removes the data file.
    func stop() {
        if process.terminate(), process.waitUntilExit(seconds: 10) == nil {
            process.send(signal: SIGKILL)
            process.waitUntilExit()
        }
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: dataPath + suffix) }
    }
}
