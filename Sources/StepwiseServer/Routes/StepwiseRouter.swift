import Foundation
import HTTPTypes
import Hummingbird
import Logging
import StepwiseEngine
import StepwiseServices

/// The routes of `stepwise serve`:
///
/// - `POST /`: the Step Functions API (AWS JSON 1.0, `X-Amz-Target: AWSStepFunctions.<Operation>`),
///   SigV4-verified when credentials are configured;
/// - `POST /callbacks/{token}/success|failure|heartbeat`: plain-HTTP task callbacks, for
///   systems that cannot sign AWS requests (the token is the capability);
/// - `GET /healthz` and `GET /metrics` (Prometheus text);
/// - `/stepwise/stacks`: deploy, list, describe and delete stacks (``StackAPI``).
public struct StepwiseRouter: Sendable {
    public var api: StepFunctionsAPI
    /// When set, API calls must carry a valid SigV4 signature from one of its keys.
    public var verifier: SigV4Verifier?
    public var logger: Logger
    /// The local SQS, SNS, Lambda and Logs, served on the same port.
    public var services: LocalServices?
    /// The stacks API (`/stepwise/stacks`), when the server applies templates.
    public var stacks: StackAPI?
    /// The largest request body read (a definition is at most 1 MiB; a function's zip more).
    public var maximumBodySize = 64 * 1024 * 1024

    public init(api: StepFunctionsAPI, verifier: SigV4Verifier? = nil, services: LocalServices? = nil,
                logger: Logger = Logger(label: "stepwise.server")) {
        self.api = api
        self.verifier = verifier
        self.services = services
        self.logger = logger
    }

    /// A router with every route.
    public func build() -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        router.post("/") { request, _ in
            let target = request.headers[.amzTarget] ?? ""
            if !target.hasPrefix("AWSStepFunctions."), let response = await self.serviceCall(request) { return response }
            return await self.apiCall(request)
        }
        // SDKs may post SQS calls to the queue's URL, and Lambda's API is REST.
        router.post("/:account/:queue") { request, _ in await self.serviceCall(request) ?? Self.notFound(request) }
        for method in [HTTPRequest.Method.get, .post, .put, .delete] {
            router.on("/2015-03-31/**", method: method) { request, _ in await self.serviceCall(request) ?? Self.notFound(request) }
        }
        router.post("/callbacks/:token/:action") { request, context in
            await self.callback(request, token: context.parameters.get("token") ?? "", action: context.parameters.get("action") ?? "")
        }
        addStackRoutes(to: router)
        router.get("/healthz") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: #"{"status":"ok"}"#)))
        }
        router.get("/metrics") { _, _ in
            // Gauges are read from the store at scrape time, so they are right across nodes.
            if let open = try? await self.api.engine.store.openWork() { self.api.metrics.record(open) }
            return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4"],
                     body: .init(byteBuffer: ByteBuffer(string: self.api.metrics.render())))
        }
        return router
    }

    /// A call for one of the local services, or nil when none takes it.
    func serviceCall(_ request: Request) async -> Response? {
        guard let services else { return nil }
        let body: ByteBuffer
        do { body = try await readBody(request) } catch { return Self.response(StepFunctionsError(mapping: error)) }
        if let verifier {
            do { try verifier.verify(request.head, body: body) } catch { return Self.response(StepFunctionsError(mapping: error)) }
        }
        var headers: [String: String] = [:]
        for field in request.headers { headers[field.name.canonicalName] = field.value }
        var query: [String: String] = [:]
        for (key, value) in request.uri.queryParameters { query[String(key)] = String(value) }
        let serviceRequest = ServiceRequest(
            method: request.method.rawValue, path: request.uri.path, query: query, headers: headers,
            body: Array(body.readableBytesView))
        guard let answer = await services.handle(serviceRequest) else { return nil }
        var fields = HTTPFields()
        for (name, value) in answer.headers {
            if let name = HTTPField.Name(name) { fields[name] = value }
        }
        return Response(status: .init(code: answer.status), headers: fields,
                        body: .init(byteBuffer: ByteBuffer(bytes: answer.body)))
    }

    static func notFound(_ request: Request) -> Response {
        Response(status: .notFound, headers: [.contentType: "application/json"],
                 body: .init(byteBuffer: ByteBuffer(string: #"{"message":"No service answers \#(request.method.rawValue) \#(request.uri.path)"}"#)))
    }

    /// One Step Functions API call: every failure leaves as AWS's JSON error.
    func apiCall(_ request: Request) async -> Response {
        let requestID = RandomBytes.uuidString()
        let target = request.headers[.amzTarget] ?? ""
        var operationName = target.isEmpty ? "-" : target
        var response: Response
        do {
            let body = try await readBody(request)
            try verifier?.verify(request.head, body: body)
            guard let operation = StepFunctionsOperation(target: target) else {
                throw StepFunctionsError(.unknownOperation, target.isEmpty
                    ? "Missing X-Amz-Target header: expected AWSStepFunctions.<Operation>."
                    : "Unknown operation '\(target)'.")
            }
            operationName = operation.rawValue
            if operation == .getActivityTask {
                // A long poll holds its request for up to a minute: say when one opens.
                logger.debug("long poll open", metadata: ["operation": .string(operationName), "requestId": .string(requestID)])
            }
            response = try await api.handle(operation, body: body)
            api.metrics.request(operationName, error: nil)
            logger.debug("api call", metadata: ["operation": .string(operationName), "requestId": .string(requestID)])
        } catch {
            let failure = StepFunctionsError(mapping: error)
            api.metrics.request(operationName, error: failure.code.rawValue)
            log(failure, underlying: error, operation: operationName, requestID: requestID)
            response = Self.response(failure)
        }
        response.headers[values: .amznRequestID] = [requestID]
        return response
    }

    /// `POST /callbacks/{token}/success` (body: the output JSON), `/failure`
    /// (`{"error","cause"}`), `/heartbeat`: the same engine calls and errors as
    /// SendTaskSuccess, SendTaskFailure and SendTaskHeartbeat.
    func callback(_ request: Request, token: String, action: String) async -> Response {
        do {
            let body = try await readBody(request)
            let token = token.removingPercentEncoding ?? token
            let response: Response
            switch action {
            case "success":
                response = try await api.handle(.sendTaskSuccess, body: try AWSJSON.encode(
                    SendTaskSuccessInput(taskToken: token, output: body.readableBytes == 0 ? "{}" : String(buffer: body))))
            case "failure":
                let failure = try AWSJSON.decode(CallbackFailure.self, from: body)
                response = try await api.handle(.sendTaskFailure, body: try AWSJSON.encode(
                    SendTaskFailureInput(taskToken: token, error: failure.error, cause: failure.cause)))
            case "heartbeat":
                response = try await api.handle(.sendTaskHeartbeat, body: try AWSJSON.encode(SendTaskHeartbeatInput(taskToken: token)))
            default:
                throw StepFunctionsError(.unknownOperation, "Unknown callback '\(action)': use success, failure or heartbeat.")
            }
            api.metrics.request("callback.\(action)", error: nil)
            return response
        } catch {
            let failure = StepFunctionsError(mapping: error)
            api.metrics.request("callback.\(action)", error: failure.code.rawValue)
            log(failure, underlying: error, operation: "callback.\(action)", requestID: "-")
            return Self.response(failure)
        }
    }

    /// The `{"error","cause"}` body of a failure callback.
    struct CallbackFailure: Decodable {
        var error: String?
        var cause: String?
    }

    private func readBody(_ request: Request) async throws -> ByteBuffer {
        do {
            return try await request.body.collect(upTo: maximumBodySize)
        } catch {
            throw StepFunctionsError(.serialization, "The request body is larger than \(maximumBodySize) bytes.")
        }
    }

    private func log(_ failure: StepFunctionsError, underlying: any Error, operation: String, requestID: String) {
        var metadata: Logger.Metadata = [
            "operation": .string(operation), "requestId": .string(requestID), "error": .string(failure.code.rawValue),
        ]
        if failure.code == .internalFailure {
            metadata["underlying"] = .string(String(describing: underlying))
            logger.error("api call failed", metadata: metadata)
        } else {
            metadata["message"] = .string(failure.message)
            logger.debug("api call refused", metadata: metadata)
        }
    }

    static func response(_ error: StepFunctionsError) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = AWSJSON.contentType
        headers[values: .amznErrorType] = [error.code.rawValue]
        return Response(status: error.status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: error.body)))
    }
}
