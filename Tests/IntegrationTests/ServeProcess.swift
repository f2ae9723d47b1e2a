import Foundation
import StepwiseProcess
@testable import stepwise
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
#if canImport(Glibc)
import Glibc
#endif

/// A real `stepwise serve` child process on a free loopback port, with its own
/// temporary database; terminated with SIGTERM by ``stop()``.
final class ServeProcess: @unchecked Sendable {
    let process: ChildProcess
    let port: Int
    let dataPath: String
    let log: URL
    var endpoint: String { "http://127.0.0.1:\(port)" }

    /// `swift test` builds the executable beside the test bundle.
    static let executable: URL = {
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        while dir.path != "/" {
            let candidate = dir.appendingPathComponent("stepwise")
            if FileManager.default.isExecutableFile(atPath: candidate.path), !candidate.hasDirectoryPath { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return URL(fileURLWithPath: "/nonexistent/stepwise")
    }()

    static var built: Bool { FileManager.default.isExecutableFile(atPath: executable.path) }

    /// The package's root folder (tests read fixtures and the shared folder beside it).
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let shared = packageRoot.deletingLastPathComponent().appendingPathComponent("shared")

    /// `softDescriptorLimit`: started through `sh` with that soft open-file limit (`ulimit -Sn`).
    init(extraArguments: [String] = [], dataPath: String? = nil, softDescriptorLimit: Int? = nil) throws {
        port = try Self.freePort()
        let id = UUID().uuidString
        self.dataPath = dataPath ?? FileManager.default.temporaryDirectory.appendingPathComponent("stepwise-serve-\(id).sqlite").path
        log = FileManager.default.temporaryDirectory.appendingPathComponent("stepwise-serve-\(id).log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        defer { try? handle.close() }
        let serve = ["serve", "--port", String(port), "--data", self.dataPath, "--log-level", "debug"] + extraArguments
        let (executable, arguments) = softDescriptorLimit.map { limit in
            ("/bin/sh", ["-c", "ulimit -Sn \(limit) && exec \"$0\" \"$@\"", Self.executable.path] + serve)
        } ?? (Self.executable.path, serve)
        process = try ChildProcess(executable: executable, arguments: arguments,
                                   standardOutput: .descriptor(handle.fileDescriptor), standardError: .descriptor(handle.fileDescriptor))
    }

    /// Polls `/healthz` until the server answers (at most ~20 s).
    func waitUntilReady() async throws {
        let url = URL(string: "\(endpoint)/healthz")!
        for _ in 0..<400 {
            if let (_, response) = try? await URLSession.shared.data(from: url), (response as? HTTPURLResponse)?.statusCode == 200 { return }
            guard process.isRunning else { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw ServeError("stepwise serve did not come up; its log:\n\(logText)")
    }

    /// Waits until the process has exited, at most `seconds`; whether it did.
    func waitForExit(seconds: Double) -> Bool { process.waitUntilExit(seconds: seconds) != nil }

    var logText: String { (try? String(contentsOf: log, encoding: .utf8)) ?? "" }

    /// SIGTERM, then waits for the exit (SIGKILL after 10 s, so a server that fails to stop
    /// fails its test instead of hanging the suite), removes the data and the log; the exit
    /// status (128 + a signal).
    @discardableResult
    func stop() -> Int32 {
        if process.terminate(), !waitForExit(seconds: 10) {
            process.send(signal: SIGKILL)
        }
        let termination = process.waitUntilExit()
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: dataPath + suffix) }
        try? FileManager.default.removeItem(at: log)
        return termination.status
    }

    /// A port nothing listens on (the CLI's own helper).
    static func freePort() throws -> Int { try LoopbackPort.free() }
}

struct ServeError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Runs a tool (the AWS CLI, python3) to its end; its status, standard output and error.
struct Tool {
    var status: Int32
    var output: String
    var error: String

    /// Runs a tool to its end on a thread of its own, so that waiting for it never holds
    /// one of the few threads Swift's concurrency runs every test on.
    static func run(_ arguments: [String], environment extra: [String: String] = [:]) async throws -> Tool {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(with: Result { try runBlocking(arguments, environment: extra) })
            }
        }
    }

    static func runBlocking(_ arguments: [String], environment extra: [String: String] = [:]) throws -> Tool {
        var environment = ProcessInfo.processInfo.environment
        environment["AWS_ACCESS_KEY_ID"] = "test"
        environment["AWS_SECRET_ACCESS_KEY"] = "test"
        environment["AWS_DEFAULT_REGION"] = "us-east-1"
        environment["AWS_PAGER"] = ""
        environment["AWS_CONFIG_FILE"] = "/dev/null"
        environment["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null"
        environment.merge(extra) { _, new in new }
        // Standard error goes to a file, so that a full pipe never blocks the tool.
        let errorFile = FileManager.default.temporaryDirectory.appendingPathComponent("stepwise-tool-\(UUID().uuidString).err")
        _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: errorFile) }
        let errorHandle = try FileHandle(forWritingTo: errorFile)
        let (termination, output) = try withExtendedLifetime(errorHandle) {
            try ChildProcess.run("/usr/bin/env", arguments: arguments, environment: environment, standardError: .descriptor(errorHandle.fileDescriptor))
        }
        try? errorHandle.close()
        let errorText = (try? String(contentsOf: errorFile, encoding: .utf8)) ?? ""
        return Tool(status: termination.status, output: String(decoding: output, as: UTF8.self), error: errorText)
    }

    /// Whether the AWS CLI and boto3 are installed; asked once (each suite's trait reads it).
    static let available: Bool =
        (try? runBlocking(["aws", "--version"]).status) == 0 && (try? runBlocking(["python3", "-c", "import boto3"]).status) == 0
}
