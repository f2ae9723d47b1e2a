import AsyncHTTPClient
import Foundation
import NIOCore
import StatesLanguage

/// The AWS JSON protocols a benchmark speaks: Step Functions (JSON 1.0) and SQS (its JSON
/// 1.0 protocol, what current SDKs send). Both go to the one endpoint, as with Stepwise or
/// MiniStack.
enum AWSBenchService: Sendable {
    case stepFunctions, sqs

    var targetPrefix: String { self == .stepFunctions ? "AWSStepFunctions" : "AmazonSQS" }
    /// The service name in a SigV4 credential scope (emulators may route by it).
    var signingName: String { self == .stepFunctions ? "states" : "sqs" }
}

/// An AWS error answered by the endpoint, or a transport failure (status 0).
struct AWSBenchError: Error, CustomStringConvertible {
    var operation: String
    var code: String
    var status: Int
    var message: String

    var description: String {
        status == 0 ? "\(operation) failed without an HTTP response: \(message)"
            : "\(operation) failed: HTTP \(status), \(code): \(message)"
    }

    /// A token that was already used or timed out: another worker won the race, which a
    /// benchmark counts but does not treat as an error (AWS's names).
    var isDeadToken: Bool { ["InvalidToken", "TaskDoesNotExist", "TaskTimedOut"].contains(code) }
}

/// A load-generating client: one HTTP/1.1 connection pool sized for the benchmark's
/// concurrency, unsigned requests (with a well-formed but unverified SigV4 header, which
/// local emulators accept and route by). Never used against a server that verifies
/// signatures.
final class AWSBenchClient: Sendable {
    let endpoint: String
    let region: String
    private let http: HTTPClient
    private let url: String

    init(endpoint: String, region: String = "us-east-1", connections: Int) {
        self.endpoint = endpoint
        self.region = region
        url = endpoint.hasSuffix("/") ? endpoint : endpoint + "/"
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: max(8, connections))
        configuration.timeout = .init(connect: .seconds(5), read: .seconds(120))
        configuration.httpVersion = .http1Only
        http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    /// Closes the connections; call once at the end.
    func shutdown() async {
        try? await http.shutdown()
    }

    /// Calls `operation` of `service`; the response body, or an ``AWSBenchError``.
    func call(_ service: AWSBenchService, _ operation: String, _ body: JSONObject) async throws(AWSBenchError) -> JSON {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/x-amz-json-1.0")
        request.headers.add(name: "X-Amz-Target", value: "\(service.targetPrefix).\(operation)")
        request.headers.add(name: "Authorization", value: authorization(service))
        request.body = .bytes(ByteBuffer(string: JSON.object(body).serialized))
        let response: HTTPClientResponse
        let bytes: ByteBuffer
        do {
            response = try await http.execute(request, timeout: .seconds(120))
            bytes = try await response.body.collect(upTo: 64 * 1024 * 1024)
        } catch {
            throw AWSBenchError(operation: operation, code: "Transport", status: 0, message: "\(error)")
        }
        let text = String(buffer: bytes)
        let json = (try? JSON(parsing: text)) ?? .object([:])
        guard response.status == .ok else {
            // `__type` may be namespaced (`com.amazonaws.sqs#QueueDoesNotExist`).
            let type = json["__type"]?.stringValue ?? json["code"]?.stringValue ?? "HTTP\(response.status.code)"
            let code = type.split(separator: "#").last.map(String.init) ?? type
            let message = json["message"]?.stringValue ?? json["Message"]?.stringValue ?? String(text.prefix(300))
            throw AWSBenchError(operation: operation, code: code, status: Int(response.status.code), message: message)
        }
        return json
    }

    private func authorization(_ service: AWSBenchService) -> String {
        "AWS4-HMAC-SHA256 Credential=stepwisebench/20260101/\(region)/\(service.signingName)/aws4_request, "
            + "SignedHeaders=content-type;host;x-amz-target, Signature=" + String(repeating: "0", count: 64)
    }
}
