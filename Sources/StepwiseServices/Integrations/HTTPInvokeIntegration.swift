import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import StatesLanguage
import StepwiseEngine

/// Step Functions' HTTP Task, `arn:aws:states:::http:invoke` (request-response only, as
/// AWS: CreateStateMachine refuses `.waitForTaskToken` and `.sync` on it).
///
/// As AWS: `ApiEndpoint` and `Method` are required; `Headers`, `QueryParameters`,
/// `RequestBody` and `Transform` (`RequestBodyEncoding` `URL_ENCODED` with
/// `RequestEncodingOptions.ArrayFormat`) shape the request; the result is
/// `{Headers, ResponseBody, StatusCode, StatusText}` with a JSON response body parsed; a
/// status outside 2xx fails the Task with `States.Http.StatusCode.<code>` and that result
/// as the cause; a request that cannot be made (or takes longer than AWS's 60 seconds)
/// fails with `States.Http.Socket`.
///
/// `Authentication.ConnectionArn` (or `InvocationConfig.ConnectionArn`) is accepted but
/// not required, and a connection's credentials are not applied: locally there are no
/// EventBridge connections, so put any credentials the API needs in `Headers`.
public struct HTTPInvokeIntegration: Integration {
    let client: HTTPClient
    /// AWS's limit on an HTTP Task's request.
    static let timeout: TimeAmount = .seconds(60)

    public init(client: HTTPClient = Self.client) { self.client = client }

    /// A client that reports a refused or unreachable server at once: by default
    /// AsyncHTTPClient retries connecting until the request's deadline, which would hold
    /// the Task for the full 60 seconds.
    public static let client: HTTPClient = {
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.timeout.connect = .seconds(10)
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }()

    public func invoke(_ call: IntegrationCall) async -> IntegrationOutcome {
        let invocation = call.invocation
        guard case .integration(_, "invoke") = invocation.resource.kind, invocation.resource.pattern == .requestResponse else {
            return .failed(Failure(.runtime, cause: "The resource '\(invocation.resource.arn)' supports only the request-response pattern."))
        }
        let request: HTTPClientRequest
        do throws(HTTPTaskRequest.Problem) {
            request = try HTTPTaskRequest(parameters: invocation.parameters).clientRequest()
        } catch {
            return .failed(Failure(.runtime, cause: error.message))
        }
        let response: HTTPClientResponse
        let body: ByteBuffer
        do {
            response = try await client.execute(request, timeout: Self.timeout)
            body = try await response.body.collect(upTo: 64 * 1024 * 1024)
        } catch {
            return .failed(Failure("States.Http.Socket", cause: "The HTTP request to \(request.url) failed: \(error)"))
        }
        let result = Self.result(status: response.status, headers: response.headers, body: body)
        guard (200..<300).contains(Int(response.status.code)) else {
            return .failed(Failure(ErrorName("States.Http.StatusCode.\(response.status.code)"), cause: result.serialized))
        }
        return .succeeded(result)
    }

    /// The Task's result: headers by name (each a list of values, as a name may repeat),
    /// the body (parsed when the response says it is JSON), the status and its text.
    static func result(status: HTTPResponseStatus, headers: HTTPHeaders, body: ByteBuffer) -> JSON {
        var byName: JSONObject = [:]
        for (name, value) in headers {
            var values = byName[name]?.arrayValue ?? []
            values.append(.string(value))
            byName[name] = .array(values)
        }
        let text = String(buffer: body)
        var responseBody: JSON = .string(text)
        if isJSON(headers.first(name: "Content-Type")), let parsed = try? JSON(parsing: text) {
            responseBody = parsed
        }
        return [
            "Headers": .object(byName), "ResponseBody": responseBody,
            "StatusCode": .int(Int(status.code)), "StatusText": .string(status.reasonPhrase),
        ]
    }

    static func isJSON(_ contentType: String?) -> Bool {
        guard let media = contentType?.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased() else { return false }
        return media == "application/json" || media.hasSuffix("+json")
    }
}
