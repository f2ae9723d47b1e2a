import Foundation
import StepwiseProcess
import StepwiseStore
import Synchronization

/// How a function's code runs, from its `Runtime`.
enum FunctionRuntime: Equatable {
    /// `python3.x`: a warm process running ``PythonBootstrap``.
    case python(version: String)
    /// `nodejs18.x` / `nodejs20.x` / `nodejs22.x`: a warm process running ``NodeBootstrap``.
    case node
    /// `provided`, `provided.al2`, `provided.al2023`, `executable`: the handler is an
    /// executable; event JSON on stdin, result JSON on stdout, one process per call.
    case executable
    /// `http`: the handler is a URL the event is POSTed to.
    case http

    init?(_ runtime: String) {
        if runtime.hasPrefix("python3") {
            self = .python(version: String(runtime.dropFirst("python".count)))
        } else if runtime.hasPrefix("nodejs") {
            self = .node
        } else if runtime.hasPrefix("provided") || runtime == "executable" {
            self = .executable
        } else if runtime == "http" {
            self = .http
        } else {
            return nil
        }
    }

    /// The runtimes CreateFunction accepts, for its error message.
    static let supported = "python3.x, nodejs18.x, nodejs20.x, nodejs22.x, provided, provided.al2, provided.al2023, executable, http"

    /// Whether a process is kept warm between invocations.
    var isWarm: Bool {
        switch self {
        case .python, .node: true
        case .executable, .http: false
        }
    }

    /// The bootstrap's interpreter: `python3.12` when installed, else `python3`; `node`.
    func interpreter() -> String? {
        switch self {
        case .python(let version): Self.working("python\(version)") ?? Self.working("python3")
        case .node: Self.working("node")
        case .executable, .http: nil
        }
    }

    /// `name` on the PATH if it runs (`--version` succeeds): a version manager's shim for
    /// a version that is not installed exists but fails.
    static func working(_ name: String) -> String? {
        guard let path = which(name) else { return nil }
        if let known = workingCache.withLock({ $0[path] }) { return known }
        guard let child = try? ChildProcess(executable: path, arguments: ["--version"], standardOutput: .nullDevice, standardError: .nullDevice),
              child.waitUntilExit().succeeded else { return nil }
        workingCache.withLock { $0[path] = path }
        return path
    }

    private static let workingCache = Mutex<[String: String]>([:])

    /// The full path of `name` on the PATH.
    static func which(_ name: String) -> String? {
        if name.contains("/") { return FileManager.default.isExecutableFile(atPath: name) ? name : nil }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}

/// What a function's process sees in its environment: the parent's, without its `AWS_*`
/// settings (real credentials or profiles must not leak into a local function), then
/// Lambda's variables, then the function's own `Environment`.
struct FunctionEnvironment {
    var region: String
    var endpointURL: String?
    var nodeModules: [String]

    func variables(for function: FunctionRecord, streamName: String) -> [String: String] {
        var variables = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("AWS_") }
        if let endpointURL { variables["AWS_ENDPOINT_URL"] = endpointURL }
        variables["AWS_REGION"] = region
        variables["AWS_DEFAULT_REGION"] = region
        variables["AWS_ACCESS_KEY_ID"] = "test"
        variables["AWS_SECRET_ACCESS_KEY"] = "test"
        variables["AWS_LAMBDA_FUNCTION_NAME"] = function.name
        variables["AWS_LAMBDA_FUNCTION_VERSION"] = "$LATEST"
        variables["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] = String(function.memorySize)
        variables["AWS_LAMBDA_LOG_GROUP_NAME"] = FunctionService.logGroupName(function.name)
        variables["AWS_LAMBDA_LOG_STREAM_NAME"] = streamName
        variables["AWS_EXECUTION_ENV"] = "AWS_Lambda_\(function.runtime)"
        variables["LAMBDA_TASK_ROOT"] = function.codeLocation
        variables["_HANDLER"] = function.handler
        variables["PYTHONUNBUFFERED"] = "1"
        if !nodeModules.isEmpty {
            let joined = nodeModules.joined(separator: ":")
            let searched = nodeModules.flatMap { $0.hasSuffix("node_modules") ? [$0] : [$0, "\($0)/node_modules"] }
            variables["NODE_PATH"] = [searched.joined(separator: ":"), variables["NODE_PATH"]].compactMap { $0 }.joined(separator: ":")
            variables["STEPWISE_NODE_MODULES_PATHS"] = joined
        }
        for (key, value) in function.environment { variables[key] = value }
        return variables
    }

    /// The folders `@aws-sdk/*` imports are looked up in: `STEPWISE_NODE_MODULES` (a
    /// colon-separated list) when set, then the global folder `npm root -g` names.
    static func defaultNodeModules() -> [String] {
        var folders: [String] = []
        if let configured = ProcessInfo.processInfo.environment["STEPWISE_NODE_MODULES"] {
            folders += configured.split(separator: ":").map(String.init)
        }
        if let npm = FunctionRuntime.which("npm") {
            if let (termination, output) = try? ChildProcess.run(npm, arguments: ["root", "-g"]) {
                let root = String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
                if termination.succeeded, !root.isEmpty { folders.append(root) }
            }
        }
        return folders
    }
}
