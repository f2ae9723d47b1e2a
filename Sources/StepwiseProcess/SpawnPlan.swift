import CSpawn
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The `posix_spawn` file actions and attributes for one child, and the child's ends of the
/// pipes made for it, closed in the parent once it is started (or could not be). The
/// parent's ends belong to the `FileHandle`s handed out, which close them.
struct SpawnPlan {
    let executable: String
    private var actions = posix_spawn_file_actions_t()
    private var attributes = posix_spawnattr_t()
    private var childEnds: [Int32] = []

    init(executable: String) throws(ChildProcessError) {
        self.executable = executable
        try check("posix_spawn_file_actions_init", posix_spawn_file_actions_init(&actions))
        try check("posix_spawnattr_init", posix_spawnattr_init(&attributes))
        var mask = sigset_t()
        sigemptyset(&mask)
        try check("posix_spawnattr_setsigmask", posix_spawnattr_setsigmask(&attributes, &mask))
        var defaults = sigset_t()
        sigfillset(&defaults)
        sigdelset(&defaults, SIGKILL)
        sigdelset(&defaults, SIGSTOP)
        try check("posix_spawnattr_setsigdefault", posix_spawnattr_setsigdefault(&attributes, &defaults))
        var flags: Int16 = 0
        try check("posix_spawnattr_getflags", posix_spawnattr_getflags(&attributes, &flags))
        flags |= Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF)
        try check("posix_spawnattr_setflags", posix_spawnattr_setflags(&attributes, flags))
    }

    /// Points the child's `target` descriptor at `stream`; the parent's end of a new pipe.
    mutating func connect(_ stream: ChildProcess.Stream, to target: Int32) throws(ChildProcessError) -> FileHandle? {
        switch stream {
        case .inherit:
            return nil
        case .nullDevice:
            let mode = target == STDIN_FILENO ? O_RDONLY : O_WRONLY
            try check("open /dev/null", posix_spawn_file_actions_addopen(&actions, target, "/dev/null", mode, 0))
            return nil
        case .descriptor(let descriptor):
            // dup2 onto itself would leave close-on-exec set; the descriptor is already there.
            if descriptor != target { try check("dup2", posix_spawn_file_actions_adddup2(&actions, descriptor, target)) }
            return nil
        case .pipe:
            var ends: [Int32] = [-1, -1]
            guard cspawn_pipe(&ends) == 0 else { throw ChildProcessError(executable: executable, step: "pipe", code: errno) }
            let (childEnd, parentEnd) = target == STDIN_FILENO ? (ends[0], ends[1]) : (ends[1], ends[0])
            childEnds.append(childEnd)
            try check("dup2", posix_spawn_file_actions_adddup2(&actions, childEnd, target))
            return FileHandle(fileDescriptor: parentEnd, closeOnDealloc: true)
        }
    }

    mutating func changeDirectory(to directory: String) throws(ChildProcessError) {
        try check("chdir \(directory)", cspawn_change_directory(&actions, directory))
    }

    /// Spawns the child; its identifier.
    mutating func launch(arguments: [String], environment: [String: String]) throws(ChildProcessError) -> pid_t {
        let argv = CStringArray([executable] + arguments)
        let envp = CStringArray(environment.map { "\($0.key)=\($0.value)" })
        defer { argv.deallocate(); envp.deallocate() }
        // Last: the actions run in order, and the dup2s above read pipe ends numbered above 2.
        try check("closefrom", cspawn_close_from(&actions, &attributes, STDERR_FILENO + 1))
        var pid = pid_t()
        let status = executable.contains("/")
            ? posix_spawn(&pid, executable, &actions, &attributes, argv.pointers, envp.pointers)
            : posix_spawnp(&pid, executable, &actions, &attributes, argv.pointers, envp.pointers)
        try check("posix_spawn", status)
        return pid
    }

    /// Frees the actions and attributes and closes the child's pipe ends.
    mutating func release() {
        posix_spawn_file_actions_destroy(&actions)
        posix_spawnattr_destroy(&attributes)
        for end in childEnds { close(end) }
        childEnds = []
    }

    private func check(_ step: String, _ status: Int32) throws(ChildProcessError) {
        guard status == 0 else { throw ChildProcessError(executable: executable, step: step, code: status) }
    }
}

/// A NULL-terminated array of C strings, as `posix_spawn` takes its arguments and environment.
private struct CStringArray {
    let pointers: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>
    private let count: Int

    init(_ strings: [String]) {
        count = strings.count
        pointers = .allocate(capacity: count + 1)
        for (index, string) in strings.enumerated() { pointers[index] = strdup(string) }
        pointers[count] = nil
    }

    func deallocate() {
        for index in 0..<count { free(pointers[index]) }
        pointers.deallocate()
    }
}
