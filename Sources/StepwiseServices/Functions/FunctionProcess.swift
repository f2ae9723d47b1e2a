import Foundation
import StatesLanguage
import StepwiseEngine
import StepwiseStore
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A child process of a function, with its pipes: replies (or, for a one-shot executable,
/// the result) on stdout, raw output on stderr.
///
/// `@unchecked Sendable`: `Process` and `FileHandle` are not `Sendable`; they are set once in
/// `init`, and a process is used by one invocation at a time (the pool hands it out).
final class FunctionProcess: @unchecked Sendable {
    let process: Process
    let input: FileHandle
    let stdout: LineQueue
    let stderr: LineQueue
    let exit = ExitWatch()
    /// The function's `lastModified` when started: a process of an older configuration is
    /// not reused.
    let version: Date
    let streamName: String
    let startedAt = Date()

    init(executable: String, arguments: [String], directory: String, environment: [String: String],
         version: Date, streamName: String) throws {
        process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory, isDirectory: true)
        process.environment = environment
        let inputPipe = Pipe(), outputPipe = Pipe(), errorPipe = Pipe()
        process.standardInput = inputPipe
        process.standardOutput = outputPipe
        process.standardError = errorPipe
        input = inputPipe.fileHandleForWriting
        stdout = LineQueue(reading: outputPipe.fileHandleForReading)
        stderr = LineQueue(reading: errorPipe.fileHandleForReading)
        self.version = version
        self.streamName = streamName
        let exit = self.exit
        process.terminationHandler = { process in exit.exited(process.terminationReason == .uncaughtSignal ? -process.terminationStatus : process.terminationStatus) }
        try process.run()
        // The parent's copies of the child's ends: without closing them, the child's exit
        // would never read as end of file.
        try? inputPipe.fileHandleForReading.close()
        try? outputPipe.fileHandleForWriting.close()
        try? errorPipe.fileHandleForWriting.close()
    }

    /// Sends one line on stdin; false when the process is gone (the write would fail).
    func send(_ line: String) -> Bool {
        guard process.isRunning else { return false }
        do {
            try input.write(contentsOf: Data((line + "\n").utf8))
            return true
        } catch {
            return false
        }
    }

    /// The next line on stdout; `.closed` once the process ended and its output is read,
    /// `.timedOut` at `deadline`. End of file alone cannot tell the end: a sibling started
    /// at the same moment may have inherited the pipe's write end.
    func nextLine(until deadline: Date) async -> LineQueue.Wait {
        var drained = false
        while true {
            let remaining = deadline.timeIntervalSinceNow
            if remaining <= 0 { return .timedOut }
            let answer = await stdout.next(within: min(remaining, 0.1))
            if answer != .timedOut { return answer }
            if exit.status != nil {
                if drained { return .closed }
                drained = true
            }
        }
    }

    /// Ends the input (a one-shot executable reads its event to end of file).
    func closeInput() { try? input.close() }

    /// Kills the process at once (SIGKILL: a handler stuck in a loop must not survive).
    func kill() {
        try? input.close()
        if process.isRunning { _ = Glibc.kill(process.processIdentifier, SIGKILL) }
    }

    /// "exit status 1", "signal: killed": how Lambda words a runtime's exit.
    func exitDescription() async -> String {
        guard let status = await exit.status(within: 1) else { return "signal: killed" }
        if status < 0 { return -status == SIGKILL ? "signal: killed" : "signal: \(-status)" }
        return "exit status \(status)"
    }
}

/// The exit status of a child (negative: the signal that ended it).
final class ExitWatch: Sendable {
    private let state = Mutex<Int32?>(nil)

    func exited(_ status: Int32) { state.withLock { $0 = status } }

    var status: Int32? { state.withLock { $0 } }

    /// The exit status once the process ended, or nil if it still runs after `seconds`.
    /// Polls: it is asked only once the process closed its output, so the end is near.
    func status(within seconds: Double) async -> Int32? {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if let status { return status }
            try? await Task.sleep(for: .milliseconds(5))
        }
        return status
    }
}
