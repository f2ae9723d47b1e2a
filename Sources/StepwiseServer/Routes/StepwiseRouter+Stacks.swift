import Foundation
import HTTPTypes
import Hummingbird
import StepwiseServices

/// The Stepwise stacks API (`/stepwise/stacks`, see ``StackAPI``): plain JSON, not an AWS
/// protocol. When SigV4 verification is on, these calls must be signed too: a deploy starts
/// processes on this machine.
extension StepwiseRouter {
    func addStackRoutes(to router: Router<BasicRequestContext>) {
        router.get(RouterPath(StackAPI.root)) { request, _ in await self.stacksCall(request) }
        router.post(RouterPath(StackAPI.root)) { request, _ in await self.stacksCall(request) }
        router.get(RouterPath(StackAPI.root + "/:name")) { request, _ in await self.stacksCall(request) }
        router.delete(RouterPath(StackAPI.root + "/:name")) { request, _ in await self.stacksCall(request) }
    }

    func stacksCall(_ request: Request) async -> Response {
        guard let stacks else {
            return Self.stackResponse(StackAPI.error(StackError(.validation, "This server has no stacks service")))
        }
        let body: ByteBuffer
        do { body = try await request.body.collect(upTo: maximumBodySize) } catch {
            return Self.stackResponse(StackAPI.error(StackError(.validation, "The request body is larger than \(maximumBodySize) bytes.")))
        }
        if let verifier {
            do { try verifier.verify(request.head, body: body) } catch { return Self.response(StepFunctionsError(mapping: error)) }
        }
        let answer = await stacks.handle(ServiceRequest(
            method: request.method.rawValue, path: request.uri.path, body: Array(body.readableBytesView)))
        return Self.stackResponse(answer)
    }

    static func stackResponse(_ answer: ServiceResponse) -> Response {
        var fields = HTTPFields()
        for (name, value) in answer.headers {
            if let name = HTTPField.Name(name) { fields[name] = value }
        }
        return Response(status: .init(code: answer.status), headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: answer.body)))
    }
}
