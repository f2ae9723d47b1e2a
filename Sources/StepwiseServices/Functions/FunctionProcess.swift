import Foundation
import StatesLanguage
import StepwiseEngine
import StepwiseProcess
import StepwiseStore
#if canImport(Glibc)
import Glibc
#endif

/// A child process of a function, with its pipes: replies (or, for a one-shot executable,
/// the result) on stdout, raw output on stderr.
///
/// `@unchecked Sendable`: `FileHandle` is not `Sendable`; the handles are set once in `init`,
/// and a process is used by one invocation at a time (the pool hands it out).
final class FunctionProcess: @unchecked Sendable {
    let process: ChildProcess
    let input: FileHandle
    let stdout: LineQueue
    let stderr: LineQueue
    /// The function's `lastModified` when started: a process of an older configuration is
    /// not reused.
    let version: Date
    let streamName: String
    let startedAt = Date()

    init(executable: String, arguments: [String], directory: String, environment: [String: String],
         version: Date, streamName: String) throws {
        process = try ChildProcess(executable: executable, arguments: arguments, environment: environment, directory: directory,
                                   standardInput: .pipe, standardOutput: .pipe, standardError: .pipe)
        // The three handles exist: all three streams were asked for as pipes.
        input = process.standardInput!
        stdout = LineQueue(reading: process.standardOutput!)
        stderr = LineQueue(reading: process.standardError!)
        self.version = version
        self.streamName = streamName
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
    /// `.timedOut` at `deadline`. End of file alone cannot tell the end: a process the
    /// function started may still hold the pipe's write end.
    func nextLine(until deadline: Date) async -> LineQueue.Wait {
        var drained = false
        while true {
            let remaining = deadline.timeIntervalSinceNow
            if remaining <= 0 { return .timedOut }
            let answer = await stdout.next(within: min(remaining, 0.1))
            if answer != .timedOut { return answer }
            if process.termination != nil {
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
        process.send(signal: SIGKILL)
    }

    /// How the process ended, or nil if it still runs after `seconds`. Polls: it is asked
    /// only once the process closed its output, so the end is near.
    func termination(within seconds: Double) async -> ChildProcess.Termination? {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if let ended = process.termination { return ended }
            try? await Task.sleep(for: .milliseconds(5))
        }
        return process.termination
    }

    /// "exit status 1", "signal: killed": how Lambda words a runtime's exit.
    func exitDescription() async -> String {
        switch await termination(within: 1) {
        case nil, .signalled(SIGKILL): "signal: killed"
        case .signalled(let signal): "signal: \(signal)"
        case .exited(let status): "exit status \(status)"
        }
    }
}
