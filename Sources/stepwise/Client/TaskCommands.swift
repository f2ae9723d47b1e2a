import ArgumentParser
import StatesLanguage

/// `stepwise send-task-success TOKEN --output JSON`.
struct SendTaskSuccessCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "send-task-success", abstract: "Complete a waiting task with its output.")

    @Argument(help: "The task token.")
    var token: String
    @Option(help: "The task's output: JSON text, or @FILE.")
    var output: String = "{}"
    @OptionGroup var endpoint: EndpointOptions

    func run() async throws {
        try await runClientVerb {
            let output = try CommandInput.json(output, what: "output")
            _ = try await endpoint.client.call("SendTaskSuccess", ["taskToken": .string(token), "output": .string(output.serialized)])
        }
    }
}

/// `stepwise send-task-failure TOKEN --error E --cause C`.
struct SendTaskFailureCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "send-task-failure", abstract: "Fail a waiting task with an error and cause.")

    @Argument(help: "The task token.")
    var token: String
    @Option(help: "The error name (Catch and Retry match it).")
    var error: String?
    @Option(help: "A description of the failure.")
    var cause: String?
    @OptionGroup var endpoint: EndpointOptions

    func run() async throws {
        try await runClientVerb {
            var request: JSONObject = ["taskToken": .string(token)]
            if let error { request["error"] = .string(error) }
            if let cause { request["cause"] = .string(cause) }
            _ = try await endpoint.client.call("SendTaskFailure", request)
        }
    }
}

/// `stepwise send-task-heartbeat TOKEN`.
struct SendTaskHeartbeatCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "send-task-heartbeat", abstract: "Report that a waiting task is still being worked on.")

    @Argument(help: "The task token.")
    var token: String
    @OptionGroup var endpoint: EndpointOptions

    func run() async throws {
        try await runClientVerb {
            _ = try await endpoint.client.call("SendTaskHeartbeat", ["taskToken": .string(token)])
        }
    }
}
