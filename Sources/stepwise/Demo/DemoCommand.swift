import ArgumentParser
import Foundation
import Logging
import StepwiseEngine
import StepwiseProcess
import StepwiseServer
import StepwiseServices
import StepwiseStoreSQLite

/// `stepwise demo`: the README's first command. It runs the whole reference system of AWS's
/// "Calling Asynchronous API with Callbacks" sample on this machine, with nothing to set up:
/// an embedded store, a server on a free loopback port, the example deployed from its SAM
/// template, real function processes.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Deploy and run the callback sample end to end (success and failure paths).",
        discussion: """
            Starts Stepwise in this process (a temporary SQLite database, the API on a free \
            loopback port), deploys examples/calling-async-api-callback from its SAM template \
            (two queues, a topic, three Python functions, two state machines), then runs the \
            main workflow twice: the simulated external API calls back with SendTaskSuccess, \
            then with SendTaskFailure. Prints each execution's timeline and the notifications \
            the logger function wrote to its log group. Exits 0 only when both paths behaved \
            as the sample describes. Needs python3 with boto3 (the example's functions use it).
            """
    )

    @Option(help: "The example folder holding template.yaml (default: the repository's examples/calling-async-api-callback).")
    var example: String?
    @Option(help: "Seconds the simulated external API works before calling back.")
    var waitTime = 1
    @Flag(help: "Keep the demo's database and print where it is.")
    var keepData = false

    func run() async throws {
        var stderr = StandardError()
        if let problem = DemoPreflight.missingPython() {
            print("stepwise demo: \(problem)", to: &stderr)
            throw ExitCode(2)
        }
        guard let template = DemoPreflight.template(option: example) else {
            print("stepwise demo: cannot find examples/calling-async-api-callback/template.yaml; pass --example DIR.", to: &stderr)
            throw ExitCode(2)
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("stepwise-demo-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { if !keepData { try? FileManager.default.removeItem(at: folder) } }
        let system = try await DemoSystem.start(dataFolder: folder.path)
        let behaved: Bool
        do {
            behaved = try await DemoScenario(system: system, waitTime: waitTime).run(template: template)
        } catch {
            await system.stop()
            throw error
        }
        await system.stop()
        if keepData { say("The demo's database: \(folder.path)/demo.sqlite") }
        if !behaved { throw ExitCode(1) }
    }
}

/// What the demo needs before it starts anything.
enum DemoPreflight {
    /// Why the example's Python functions cannot run here, or nil when they can.
    static func missingPython() -> String? {
        guard let python = ExecutableLookup.which("python3") else {
            return "the example's functions run on python3, which is not on the PATH. Install Python 3 (e.g. `apt-get install python3`) and boto3 (`pip install boto3`)."
        }
        let child: ChildProcess
        do {
            child = try ChildProcess(executable: python, arguments: ["-c", "import boto3"], standardOutput: .nullDevice, standardError: .nullDevice)
        } catch { return "python3 could not be started: \(error)" }
        if !child.waitUntilExit().succeeded {
            return "the example's functions call Step Functions with boto3, which python3 cannot import. Install it: `pip install boto3` (or `apt-get install python3-boto3`)."
        }
        return nil
    }

    /// The example's template: `--example`, else the repository's copy (found from this
    /// source file, which `swift run` builds in place), else the working directory's.
    static func template(option: String?) -> String? {
        let relative = "examples/calling-async-api-callback"
        var candidates: [URL] = []
        if let option { candidates.append(URL(fileURLWithPath: option)) }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(root.appendingPathComponent(relative))
        candidates.append(URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent(relative))
        for folder in candidates {
            let template = folder.path.hasSuffix(".yaml") ? folder : folder.appendingPathComponent("template.yaml")
            if FileManager.default.fileExists(atPath: template.path) { return template.path }
        }
        return nil
    }
}

/// Looks up an executable on the PATH.
enum ExecutableLookup {
    static func which(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}

/// Prints a line at once, also when the output is a pipe: the demo's progress shows as it
/// happens.
func say(_ line: String) {
    print(line)
    fflush(nil)
}
