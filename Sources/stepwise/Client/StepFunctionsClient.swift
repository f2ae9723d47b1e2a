import ArgumentParser
import AsyncHTTPClient
import Foundation
import NIOCore
import StatesLanguage

/// A small client of the Step Functions JSON 1.0 protocol, for the CLI verbs that talk
/// to a running `stepwise serve` (unsigned: a server that verifies SigV4 refuses them).
struct StepFunctionsClient {
    var endpoint: String

    /// Calls `operation` with `request`; the response body, or an AWS error as a
    /// ``CommandFailure`` (`ExecutionDoesNotExist: Execution Does Not Exist: '…'`).
    func call(_ operation: String, _ request: JSONObject) async throws -> JSON {
        var http = HTTPClientRequest(url: endpoint.hasSuffix("/") ? endpoint : endpoint + "/")
        http.method = .POST
        http.headers.add(name: "Content-Type", value: "application/x-amz-json-1.0")
        http.headers.add(name: "X-Amz-Target", value: "AWSStepFunctions.\(operation)")
        http.body = .bytes(ByteBuffer(string: JSON.object(request).serialized))
        let response: HTTPClientResponse
        do {
            response = try await HTTPClient.shared.execute(http, timeout: .seconds(90))
        } catch {
            throw CommandFailure("Cannot reach the Stepwise server at \(endpoint): \(error). Start one with `stepwise serve`, or pass --endpoint.")
        }
        let body = try await response.body.collect(upTo: 64 * 1024 * 1024)
        let json = (try? JSON(parsing: String(buffer: body))) ?? .object([:])
        guard response.status == .ok else {
            let code = json["__type"]?.stringValue ?? "HTTP \(response.status.code)"
            let message = json["message"]?.stringValue ?? String(buffer: body)
            throw CommandFailure("\(code): \(message)", exitCode: 1)
        }
        return json
    }

    /// The ARN of a state machine given by ARN or by name (looked up with ListStateMachines).
    func stateMachineArn(_ nameOrArn: String) async throws -> String {
        if nameOrArn.hasPrefix("arn:") { return nameOrArn }
        var token: String?
        repeat {
            var request: JSONObject = ["maxResults": 1000]
            if let token { request["nextToken"] = .string(token) }
            let page = try await call("ListStateMachines", request)
            for machine in page["stateMachines"]?.arrayValue ?? [] where machine["name"]?.stringValue == nameOrArn {
                if let arn = machine["stateMachineArn"]?.stringValue { return arn }
            }
            token = page["nextToken"]?.stringValue
        } while token != nil
        throw CommandFailure("No state machine is named '\(nameOrArn)' on \(endpoint).", exitCode: 1)
    }
}

/// `--endpoint`, shared by every client verb.
struct EndpointOptions: ParsableArguments {
    @Option(help: "The Stepwise server (or any Step Functions endpoint that needs no signature).")
    var endpoint = "http://127.0.0.1:8083"

    var client: StepFunctionsClient { StepFunctionsClient(endpoint: endpoint) }
}

/// Runs a client verb, printing failures as the other commands do.
func runClientVerb(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let failure as CommandFailure {
        var stderr = StandardError()
        print(failure.message, to: &stderr)
        throw ExitCode(failure.exitCode)
    }
}

extension JSON {
    /// Epoch seconds as ISO 8601 (API timestamps), for people.
    var readableDate: String {
        guard let seconds = numberValue?.doubleValue else { return "-" }
        return Date(timeIntervalSince1970: seconds).formatted(.iso8601)
    }
}
