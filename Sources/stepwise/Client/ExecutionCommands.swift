import ArgumentParser
import Foundation
import StatesLanguage

/// `stepwise start NAME|ARN`: StartExecution on a running server.
struct StartCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "start", abstract: "Start an execution on a running server; prints its ARN.")

    @Argument(help: "The state machine: its name or ARN.")
    var stateMachine: String
    @Option(help: "Execution input: JSON text, or @FILE.")
    var input: String = "{}"
    @Option(help: "The execution's name (default: a new UUID).")
    var name: String?
    @OptionGroup var endpoint: EndpointOptions

    func run() async throws {
        try await runClientVerb {
            let client = endpoint.client
            let input = try CommandInput.json(input, what: "input")
            var request: JSONObject = ["stateMachineArn": .string(try await client.stateMachineArn(stateMachine)), "input": .string(input.serialized)]
            if let name { request["name"] = .string(name) }
            let started = try await client.call("StartExecution", request)
            print(started["executionArn"]?.stringValue ?? "")
        }
    }
}

/// `stepwise describe ARN`: an execution, a state machine or an activity.
struct DescribeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "describe", abstract: "Describe an execution, state machine or activity by ARN (JSON).")

    @Argument(help: "An execution, state machine or activity ARN.")
    var arn: String
    @OptionGroup var endpoint: EndpointOptions

    func run() async throws {
        try await runClientVerb {
            let parts = arn.split(separator: ":", omittingEmptySubsequences: false)
            let type = parts.count > 5 ? String(parts[5]) : ""
            let (operation, member): (String, String) = switch type {
            case "execution", "express": ("DescribeExecution", "executionArn")
            case "stateMachine": ("DescribeStateMachine", "stateMachineArn")
            case "activity": ("DescribeActivity", "activityArn")
            default: throw CommandFailure("'\(arn)' is not an execution, state machine or activity ARN.")
            }
            print(try await endpoint.client.call(operation, [member: .string(arn)]).prettyPrinted())
        }
    }
}

/// `stepwise list [NAME|ARN]`: state machines, or one state machine's executions.
struct ListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List state machines, or the executions of one (newest first).")

    @Argument(help: "A state machine's name or ARN: list its executions.")
    var stateMachine: String?
    @Option(help: "Only executions with this status (RUNNING, SUCCEEDED, FAILED, TIMED_OUT, ABORTED).")
    var status: String?
    @OptionGroup var endpoint: EndpointOptions

    func run() async throws {
        try await runClientVerb {
            let client = endpoint.client
            var token: String?
            repeat {
                var request: JSONObject = [:]
                if let token { request["nextToken"] = .string(token) }
                let page: JSON
                if let stateMachine {
                    request["stateMachineArn"] = .string(try await client.stateMachineArn(stateMachine))
                    if let status { request["statusFilter"] = .string(status) }
                    page = try await client.call("ListExecutions", request)
                    for e in page["executions"]?.arrayValue ?? [] {
                        print("\(e["status"]?.stringValue ?? "-")\t\(e["startDate"]?.readableDate ?? "-")\t\(e["executionArn"]?.stringValue ?? "")")
                    }
                } else {
                    page = try await client.call("ListStateMachines", request)
                    for m in page["stateMachines"]?.arrayValue ?? [] {
                        print("\(m["type"]?.stringValue ?? "-")\t\(m["name"]?.stringValue ?? "")\t\(m["stateMachineArn"]?.stringValue ?? "")")
                    }
                }
                token = page["nextToken"]?.stringValue
            } while token != nil
        }
    }
}

/// `stepwise history ARN`: the execution's events, one line each.
struct HistoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history", abstract: "Print an execution's history as a readable timeline.")

    @Argument(help: "The execution ARN.")
    var executionArn: String
    @Flag(help: "Print the raw GetExecutionHistory events as JSON instead.")
    var json = false
    @OptionGroup var endpoint: EndpointOptions

    func run() async throws {
        try await runClientVerb {
            var events: [JSON] = []
            var token: String?
            repeat {
                var request: JSONObject = ["executionArn": .string(executionArn), "maxResults": 1000]
                if let token { request["nextToken"] = .string(token) }
                let page = try await endpoint.client.call("GetExecutionHistory", request)
                events += page["events"]?.arrayValue ?? []
                token = page["nextToken"]?.stringValue
            } while token != nil
            if json {
                print(JSON.array(events).prettyPrinted())
            } else {
                print(Timeline.render(events.map(Self.event)))
            }
        }
    }

    /// An API history event as the engine's value (for ``Timeline``): details parsed
    /// from the `…EventDetails` member, with `output` kept as the text AWS sends.
    static func event(_ json: JSON) -> HistoryEvent {
        let details = json.objectValue?.first { $0.key.hasSuffix("EventDetails") }?.value
        return HistoryEvent(
            id: json["id"]?.intValue ?? 0, previousEventID: json["previousEventId"]?.intValue ?? 0,
            timestamp: Date(timeIntervalSince1970: json["timestamp"]?.numberValue?.doubleValue ?? 0),
            type: HistoryEventType(rawValue: json["type"]?.stringValue ?? "?"), details: details)
    }
}

/// `stepwise stop ARN`: StopExecution.
struct StopCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "stop", abstract: "Stop a running execution (it ends ABORTED).")

    @Argument(help: "The execution ARN.")
    var executionArn: String
    @Option(help: "The error recorded for the abort.")
    var error: String?
    @Option(help: "The cause recorded for the abort.")
    var cause: String?
    @OptionGroup var endpoint: EndpointOptions

    func run() async throws {
        try await runClientVerb {
            var request: JSONObject = ["executionArn": .string(executionArn)]
            if let error { request["error"] = .string(error) }
            if let cause { request["cause"] = .string(cause) }
            let stopped = try await endpoint.client.call("StopExecution", request)
            print("stopped at \(stopped["stopDate"]?.readableDate ?? "-")")
        }
    }
}
