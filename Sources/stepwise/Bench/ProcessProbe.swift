import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Reads another process's CPU time and resident memory from `/proc/PID` (Linux), as
/// `sfn_bench.py --server-pid` does, so that the two harnesses report the same figures.
struct ProcessProbe: Sendable {
    let pid: Int32

    /// Fails when there is no such process (or no /proc).
    init(pid: Int32) throws(CommandFailure) {
        guard FileManager.default.fileExists(atPath: "/proc/\(pid)/stat") else {
            throw CommandFailure("--server-pid \(pid): no such process (/proc/\(pid)/stat is missing).")
        }
        self.pid = pid
    }

    /// User + system CPU seconds used so far.
    func cpuSeconds() -> Double? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = text.lastIndex(of: ")") else { return nil }
        // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
        let fields = text[text.index(after: close)...].split(separator: " ")
        guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return nil }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// Resident set size in bytes (`VmRSS`).
    func residentBytes() -> Int? { statusField("VmRSS").map { $0 * 1024 } }

    /// The number of threads.
    func threads() -> Int? { statusField("Threads") }

    private func statusField(_ name: String) -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix(name + ":") {
            return line.dropFirst(name.count + 1).split(whereSeparator: { $0 == " " || $0 == "\t" }).first.flatMap { Int($0) }
        }
        return nil
    }
}

/// The bytes an SQLite database occupies on disk: the file, its WAL and shared-memory index.
func databaseBytes(_ path: String) -> Int {
    ["", "-wal", "-shm"].reduce(0) { total, suffix in
        var info = stat()
        return stat(path + suffix, &info) == 0 ? total + Int(info.st_size) : total
    }
}
