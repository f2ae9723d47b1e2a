import ArgumentParser
import AsyncHTTPClient
import Foundation
import NIOCore
import StatesLanguage
import StepwiseServices

/// `stepwise deploy TEMPLATE`: applies a SAM/CloudFormation template on a running server.
struct DeployCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deploy",
        abstract: "Deploy a SAM/CloudFormation template to a running server (create or update the stack).",
        discussion: """
            The server reads the template's DefinitionUri and CodeUri files from the template's \
            folder, on its own disk; functions keep running their code from there, so code \
            edits need no new deploy. Deploying again updates the stack in place and deletes \
            the resources that left the template.
            """)

    @Argument(help: "The template file (YAML or JSON).")
    var template: String
    @Option(help: "The stack's name (default: the template's folder name).")
    var stackName: String?
    @Option(parsing: .upToNextOption, help: "Template parameters as KEY=VALUE pairs.")
    var parameterOverrides: [String] = []
    @OptionGroup var endpoint: EndpointOptions

    func run() async throws {
        try await runClientVerb {
            let url = URL(fileURLWithPath: template).standardizedFileURL
            let body = try CommandInput.text(ofFile: url.path)
            var parameters: JSONObject = [:]
            for pair in parameterOverrides {
                guard let equals = pair.firstIndex(of: "="), equals != pair.startIndex else {
                    throw CommandFailure("--parameter-overrides takes KEY=VALUE pairs, found '\(pair)'.")
                }
                parameters[String(pair[..<equals])] = .string(String(pair[pair.index(after: equals)...]))
            }
            let directory = url.deletingLastPathComponent()
            let name = stackName ?? StackService.stackName(forFolder: directory.lastPathComponent)
            print("Deploying stack \(name) to \(endpoint.endpoint)…")
            let stack = try await StackClient(endpoint: endpoint.endpoint).call("POST", "", [
                "StackName": .string(name), "TemplateBody": .string(body), "TemplateDirectory": .string(directory.path),
                "Parameters": .object(parameters),
            ])
            StackPrinter.print(stack)
            let status = stack["StackStatus"]?.stringValue ?? ""
            if status.hasSuffix("_FAILED") {
                throw CommandFailure("\(status): \(stack["StackStatusReason"]?.stringValue ?? "")", exitCode: 1)
            }
        }
    }
}

/// `stepwise delete STACK`: deletes a stack and its resources.
struct DeleteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete", abstract: "Delete a deployed stack and every resource it created.")

    @Argument(help: "The stack's name.")
    var stack: String
    @OptionGroup var endpoint: EndpointOptions

    func run() async throws {
        try await runClientVerb {
            let result = try await StackClient(endpoint: endpoint.endpoint).call("DELETE", "/" + stack, nil)
            StackPrinter.printResources(result)
            let status = result["StackStatus"]?.stringValue ?? ""
            print(status)
            if status != "DELETE_COMPLETE" {
                throw CommandFailure("\(status): \(result["StackStatusReason"]?.stringValue ?? "")", exitCode: 1)
            }
        }
    }
}

/// `stepwise stacks [STACK]`: the deployed stacks, or one stack in detail.
struct StacksCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stacks", abstract: "List deployed stacks, or show one with its resources and outputs.")

    @Argument(help: "A stack's name: show its resources, warnings and outputs.")
    var stack: String?
    @OptionGroup var endpoint: EndpointOptions

    func run() async throws {
        try await runClientVerb {
            let client = StackClient(endpoint: endpoint.endpoint)
            if let stack {
                StackPrinter.print(try await client.call("GET", "/" + stack, nil))
                return
            }
            let list = try await client.call("GET", "", nil)
            for stack in list["Stacks"]?.arrayValue ?? [] {
                let resources = stack["Resources"]?.arrayValue?.count ?? 0
                print("\(stack["StackName"]?.stringValue ?? "-")\t\(stack["StackStatus"]?.stringValue ?? "-")\t\(resources) resources\t\(stack["LastUpdatedTime"]?.readableDate ?? "-")")
            }
        }
    }
}

/// A client of the server's `/stepwise/stacks` API.
struct StackClient {
    var endpoint: String

    /// `method` on `/stepwise/stacks` + `path`; the JSON answer, or its `{"__type","message"}`
    /// as a ``CommandFailure``.
    func call(_ method: String, _ path: String, _ body: JSONObject?) async throws -> JSON {
        let base = endpoint.hasSuffix("/") ? String(endpoint.dropLast()) : endpoint
        let escaped = path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? path
        var http = HTTPClientRequest(url: base + StackAPI.root + escaped)
        http.method = .init(rawValue: method)
        if let body {
            http.headers.add(name: "Content-Type", value: "application/json")
            http.body = .bytes(ByteBuffer(string: JSON.object(body).serialized))
        }
        let response: HTTPClientResponse
        do {
            // A deploy starts functions and writes every resource: give it time.
            response = try await HTTPClient.shared.execute(http, timeout: .seconds(300))
        } catch {
            throw CommandFailure("Cannot reach the Stepwise server at \(endpoint): \(error). Start one with `stepwise serve`, or pass --endpoint.")
        }
        let data = try await response.body.collect(upTo: 64 * 1024 * 1024)
        let json = (try? JSON(parsing: String(buffer: data))) ?? .object([:])
        guard response.status == .ok else {
            let code = json["__type"]?.stringValue ?? "HTTP \(response.status.code)"
            let message = json["message"]?.stringValue ?? String(buffer: data)
            throw CommandFailure("\(code): \(message)", exitCode: 1)
        }
        return json
    }
}

/// How a stack is shown: resources with their status, skipped resources, warnings, outputs.
enum StackPrinter {
    static func print(_ stack: JSON) {
        printResources(stack)
        for skipped in stack["Skipped"]?.arrayValue ?? [] {
            Swift.print("  skipped  \(skipped["LogicalResourceId"]?.stringValue ?? "-") (\(skipped["ResourceType"]?.stringValue ?? "-")): \(skipped["Reason"]?.stringValue ?? "")")
        }
        for warning in stack["Warnings"]?.arrayValue ?? [] {
            Swift.print("  warning  \(warning.stringValue ?? "")")
        }
        Swift.print("\(stack["StackName"]?.stringValue ?? "-"): \(stack["StackStatus"]?.stringValue ?? "-")")
        let outputs = stack["Outputs"]?.arrayValue ?? []
        if !outputs.isEmpty { Swift.print("Outputs:") }
        for output in outputs {
            Swift.print("  \(output["OutputKey"]?.stringValue ?? "-") = \(output["OutputValue"]?.stringValue ?? "")")
        }
    }

    static func printResources(_ stack: JSON) {
        for resource in stack["Resources"]?.arrayValue ?? [] {
            let status = resource["ResourceStatus"]?.stringValue ?? "-"
            let id = resource["LogicalResourceId"]?.stringValue ?? "-"
            let type = resource["ResourceType"]?.stringValue ?? "-"
            let physical = resource["PhysicalResourceId"]?.stringValue ?? "-"
            var line = "  \(status.padding(toLength: 16, withPad: " ", startingAt: 0)) \(id) (\(type)) \(physical)"
            if let reason = resource["ResourceStatusReason"]?.stringValue { line += " — \(reason)" }
            Swift.print(line)
        }
    }
}
