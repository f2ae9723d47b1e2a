import CSpawn
import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A child process, started with `posix_spawn` and reaped by a thread of its own.
///
/// Why not Foundation's `Process`: on Linux its `run()` finds the highest open descriptor by
/// reading `/proc/self/fd` and copying each entry's whole 256-byte name field; once a process
/// holds about 1,350 descriptors (a busy server, a parallel test run) the copy of the last
/// entry reads past the end of the directory buffer and the process dies of SIGSEGV. It then
/// adds one close action per descriptor. Here the child closes everything above standard
/// error in one action, starts with default signal dispositions and an empty signal mask
/// (the server ignores SIGPIPE; a function's runtime must not inherit that), and the exit is
/// observed without a run loop.
public final class ChildProcess: Sendable {
    /// Where one of the child's standard streams goes.
    public enum Stream: Sendable {
        /// The parent's own stream.
        case inherit
        /// `/dev/null`.
        case nullDevice
        /// A new pipe; the parent's end is ``standardInput`` / ``standardOutput`` / ``standardError``.
        case pipe
        /// A descriptor the caller owns (a file, a pipe end); it stays open in the parent.
        case descriptor(Int32)
    }

    public let processIdentifier: pid_t
    /// The write end of the child's standard input, when it is ``Stream/pipe``.
    public let standardInput: FileHandle?
    /// The read end of the child's standard output, when it is ``Stream/pipe``.
    public let standardOutput: FileHandle?
    /// The read end of the child's standard error, when it is ``Stream/pipe``.
    public let standardError: FileHandle?

    private let state = Mutex(State())

    private struct State {
        var termination: Termination?
        var waiters: [Waiter] = []
    }

    private enum Waiter {
        case continuation(CheckedContinuation<Termination, Never>)
        case semaphore(DispatchSemaphore)
        case handler(@Sendable (Termination) -> Void)
    }

    /// Starts `executable` (a path, or a name looked up on the `PATH`) with `arguments`.
    /// `environment` nil passes this process's environment on.
    public init(executable: String, arguments: [String] = [], environment: [String: String]? = nil,
                directory: String? = nil, standardInput: Stream = .nullDevice,
                standardOutput: Stream = .inherit, standardError: Stream = .inherit) throws(ChildProcessError) {
        var spawn = try SpawnPlan(executable: executable)
        defer { spawn.release() }
        let input = try spawn.connect(standardInput, to: STDIN_FILENO)
        let output = try spawn.connect(standardOutput, to: STDOUT_FILENO)
        let error = try spawn.connect(standardError, to: STDERR_FILENO)
        if let directory { try spawn.changeDirectory(to: directory) }
        processIdentifier = try spawn.launch(arguments: arguments, environment: environment ?? ProcessInfo.processInfo.environment)
        self.standardInput = input
        self.standardOutput = output
        self.standardError = error
        startReaper()
    }

    /// How the child ended; nil while it runs.
    public var termination: Termination? { state.withLock { $0.termination } }

    public var isRunning: Bool { termination == nil }

    /// Sends `signal` unless the child has already been reaped (its identifier may then
    /// belong to another process); whether it was sent.
    @discardableResult
    public func send(signal: Int32) -> Bool {
        state.withLock { state in
            guard state.termination == nil else { return false }
            return kill(processIdentifier, signal) == 0
        }
    }

    /// SIGTERM.
    @discardableResult
    public func terminate() -> Bool { send(signal: SIGTERM) }

    /// Waits for the end without holding a thread.
    public func waitForExit() async -> Termination {
        await withCheckedContinuation { continuation in
            if let ended = register(.continuation(continuation)) { continuation.resume(returning: ended) }
        }
    }

    /// Blocks the calling thread until the end (for code that runs on a thread of its own).
    @discardableResult
    public func waitUntilExit() -> Termination {
        let semaphore = DispatchSemaphore(value: 0)
        if let ended = register(.semaphore(semaphore)) { return ended }
        semaphore.wait()
        return termination ?? .exited(-1)
    }

    /// Blocks until the end or `seconds`; the termination, or nil if the child still runs.
    public func waitUntilExit(seconds: Double) -> Termination? {
        let semaphore = DispatchSemaphore(value: 0)
        if let ended = register(.semaphore(semaphore)) { return ended }
        _ = semaphore.wait(timeout: .now() + seconds)
        return termination
    }

    /// Calls `handler` once the child ended (at once, on this thread, if it already has).
    public func onExit(_ handler: @escaping @Sendable (Termination) -> Void) {
        if let ended = register(.handler(handler)) { handler(ended) }
    }

    /// Queues `waiter` for the end; the termination instead when the child already ended
    /// (the waiter is then not queued: the caller answers it).
    private func register(_ waiter: Waiter) -> Termination? {
        state.withLock { state in
            if state.termination == nil { state.waiters.append(waiter) }
            return state.termination
        }
    }

    /// A thread blocked in `waitid` until the child ends. It waits without reaping first and
    /// reaps under the lock that ``send(signal:)`` takes, so a signal never reaches a process
    /// that reused the identifier.
    private func startReaper() {
        let pid = processIdentifier
        Thread.detachNewThread { [self] in
            var info = siginfo_t()
            while waitid(P_PID, id_t(pid), &info, WEXITED | WNOWAIT) == -1, errno == EINTR {}
            let (ended, waiters) = state.withLock { state -> (Termination, [Waiter]) in
                var status: Int32 = 0
                var reaped: pid_t
                repeat { reaped = waitpid(pid, &status, 0) } while reaped == -1 && errno == EINTR
                // -1 (ECHILD) only if something else in this process reaped it: the status is lost.
                let ended = reaped == pid ? Termination(waitStatus: status) : .exited(-1)
                state.termination = ended
                defer { state.waiters = [] }
                return (ended, state.waiters)
            }
            for waiter in waiters {
                switch waiter {
                case .continuation(let continuation): continuation.resume(returning: ended)
                case .semaphore(let semaphore): semaphore.signal()
                case .handler(let handler): handler(ended)
                }
            }
        }
    }
}

extension ChildProcess {
    /// How a child ended.
    public enum Termination: Sendable, Equatable, CustomStringConvertible {
        /// It exited with this status.
        case exited(Int32)
        /// A signal ended it.
        case signalled(Int32)

        init(waitStatus status: Int32) {
            let signal = status & 0x7f
            self = signal == 0 ? .exited((status >> 8) & 0xff) : .signalled(signal)
        }

        public var succeeded: Bool { self == .exited(0) }

        /// The exit status, or 128 + the signal as a shell reports it.
        public var status: Int32 {
            switch self {
            case .exited(let status): status
            case .signalled(let signal): 128 + signal
            }
        }

        public var description: String {
            switch self {
            case .exited(let status): "exit status \(status)"
            case .signalled(let signal): "signal \(signal)"
            }
        }
    }

    /// Runs `executable` to its end on the calling thread, its standard output captured.
    public static func run(_ executable: String, arguments: [String] = [], environment: [String: String]? = nil,
                           directory: String? = nil, standardError: Stream = .nullDevice) throws(ChildProcessError) -> (termination: Termination, output: Data) {
        let child = try ChildProcess(executable: executable, arguments: arguments, environment: environment, directory: directory,
                                     standardOutput: .pipe, standardError: standardError)
        let output = child.standardOutput?.readDataToEndOfFile() ?? Data()
        return (child.waitUntilExit(), output)
    }
}

/// A child that could not be started.
public struct ChildProcessError: Error, CustomStringConvertible, Sendable {
    public var executable: String
    public var step: String
    public var code: Int32

    public var description: String { "cannot start \(executable): \(step): \(String(cString: strerror(code)))" }
}
