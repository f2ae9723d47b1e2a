import Foundation
import StatesLanguage

/// The Stepwise stacks API, JSON over plain HTTP under `/stepwise/stacks`:
///
/// - `POST /stepwise/stacks` `{"StackName", "TemplateBody", "TemplateDirectory", "Parameters"}`:
///   deploy (create or update); answers the stack (status `*_FAILED` when a resource failed);
/// - `GET /stepwise/stacks`: `{"Stacks": [...]}`;
/// - `GET /stepwise/stacks/{name}`: one stack with its resources, outputs, skipped resources
///   and warnings;
/// - `DELETE /stepwise/stacks/{name}`: delete; answers the stack's final state.
///
/// Errors are `{"__type", "message"}` with CloudFormation's names (`ValidationError`).
public struct StackAPI: Sendable {
    public let service: StackService

    public init(service: StackService) { self.service = service }

    /// The path every route starts with.
    public static let root = "/stepwise/stacks"

    public func handle(_ request: ServiceRequest) async -> ServiceResponse {
        var path = request.path
        while path.hasSuffix("/") { path.removeLast() }
        let name = path.hasPrefix(Self.root + "/")
            ? String(path.dropFirst(Self.root.count + 1)).removingPercentEncoding : nil
        do throws(StackError) {
            switch (request.method, name) {
            case ("POST", nil) where path == Self.root:
                return Self.ok(StackDescription(try await service.deploy(try deployment(request.body))))
            case ("GET", nil) where path == Self.root:
                return Self.ok(StackList(stacks: try await service.list().map(StackDescription.init)))
            case ("GET", let name?):
                return Self.ok(StackDescription(try await service.describe(stackName: name)))
            case ("DELETE", let name?):
                return Self.ok(StackDescription(try await service.delete(stackName: name)))
            default:
                throw StackError(.validation, "No stacks operation answers \(request.method) \(request.path)")
            }
        } catch {
            return Self.error(error)
        }
    }

    private func deployment(_ body: [UInt8]) throws(StackError) -> StackService.Deployment {
        let input: DeployStackInput
        do { input = try JSONDecoder().decode(DeployStackInput.self, from: Data(body)) } catch {
            throw StackError(.validation, "The request body is not a valid deploy request: \(error)")
        }
        guard let stackName = input.stackName else { throw StackError(.validation, "StackName is required") }
        guard let body = input.templateBody, !body.isEmpty else { throw StackError(.validation, "TemplateBody is required") }
        guard let directory = input.templateDirectory else { throw StackError(.validation, "TemplateDirectory is required") }
        return StackService.Deployment(stackName: stackName, templateBody: body, templateDirectory: directory,
                                       parameters: input.parameters ?? [:])
    }

    static func ok(_ value: some Encodable) -> ServiceResponse {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let data = try? encoder.encode(value) else {
            return error(StackError(.internalFailure, "Cannot encode the answer"))
        }
        return ServiceResponse(status: 200, headers: ["Content-Type": "application/json"], body: Array(data))
    }

    /// The `{"__type", "message"}` answer for an error, with its status.
    public static func error(_ error: StackError) -> ServiceResponse {
        let body: JSON = ["__type": .string(error.code.rawValue), "message": .string(error.message)]
        return ServiceResponse(status: error.code.status, headers: ["Content-Type": "application/json"],
                               body: Array(body.serialized.utf8))
    }
}
