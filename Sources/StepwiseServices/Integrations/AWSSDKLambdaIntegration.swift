import Foundation
import StatesLanguage
import StepwiseEngine
import StepwiseStore

/// `arn:aws:states:::aws-sdk:lambda:<action>` (request-response and `.waitForTaskToken`)
/// over the local functions: `invoke`, `getFunction`, `getFunctionConfiguration`,
/// `listFunctions`, with the SDK's shapes and errors as `Lambda.<Name>Exception`.
///
/// Unlike the optimized `lambda:invoke`, this is the bare Invoke API: the result is
/// `{ExecutedVersion, Payload, StatusCode}` with the payload as text, and a handler that
/// fails does not fail the Task: its result carries `FunctionError` (`Unhandled`) and
/// Lambda's error object as the payload, as the SDK returns them.
public struct AWSSDKLambdaIntegration: Integration {
    public let functions: FunctionService

    public init(functions: FunctionService) { self.functions = functions }

    public func invoke(_ call: IntegrationCall) async -> IntegrationOutcome {
        let invocation = call.invocation
        guard case .integration(_, let action) = invocation.resource.kind else {
            return .failed(AWSSDKError.unsupported(service: "Lambda", action: invocation.resource.arn))
        }
        let parameters = invocation.parameters.objectValue ?? [:]
        do throws(LambdaError) {
            guard let result = try await perform(action, parameters) else {
                return .failed(AWSSDKError.unsupported(service: "Lambda", action: action))
            }
            return invocation.resource.pattern == .waitForTaskToken ? .submitted(result) : .succeeded(result)
        } catch {
            return .failed(AWSSDKError.failure(service: "Lambda", exception: error.code.rawValue, message: error.message, status: error.code.status))
        }
    }

    private func perform(_ action: String, _ p: JSONObject) async throws(LambdaError) -> JSON? {
        switch action {
        case "invoke":
            let name = try Self.functionName(p)
            let payload: String = switch p["Payload"] {
            case .string(let text)?: text
            case nil, .null?: "{}"
            case let value?: value.serialized
            }
            let typeName = p["InvocationType"]?.stringValue ?? "RequestResponse"
            guard let type = InvocationType(rawValue: typeName) else {
                throw LambdaError(.invalidParameterValue, "1 validation error detected: Value '\(typeName)' at 'invocationType' failed to satisfy constraint: Member must satisfy enum value set: [Event, RequestResponse, DryRun]")
            }
            let result = try await functions.invoke(name, payload: Array(payload.utf8), type: type)
            var output: JSONObject = ["ExecutedVersion": "$LATEST"]
            if let error = result.functionError { output["FunctionError"] = .string(error) }
            output["Payload"] = .string(String(decoding: result.payload, as: UTF8.self))
            output["StatusCode"] = .int(result.statusCode)
            return .object(output)
        case "getFunction":
            let function = try await functions.function(named: try Self.functionName(p))
            return ["Code": ["Location": .string("file://\(function.codeLocation)"), "RepositoryType": "S3"],
                    "Configuration": LambdaAPI.configuration(function)]
        case "getFunctionConfiguration":
            return LambdaAPI.configuration(try await functions.function(named: try Self.functionName(p)))
        case "listFunctions":
            let limit = p["MaxItems"]?.intValue ?? 50
            guard (1...10_000).contains(limit) else {
                throw LambdaError(.invalidParameterValue, "1 validation error detected: Value '\(limit)' at 'maxItems' failed to satisfy constraint: Member must have value between 1 and 10000")
            }
            let page = try await functions.listFunctions(limit: limit, marker: p["Marker"]?.stringValue)
            var output: JSONObject = ["Functions": .array(page.items.map(LambdaAPI.configuration))]
            if let next = page.nextCursor { output["NextMarker"] = .string(next) }
            return .object(output)
        default:
            return nil
        }
    }

    private static func functionName(_ p: JSONObject) throws(LambdaError) -> String {
        guard let name = p["FunctionName"]?.stringValue, !name.isEmpty else {
            throw LambdaError(.invalidParameterValue, "1 validation error detected: Value null at 'functionName' failed to satisfy constraint: Member must not be null")
        }
        return name
    }
}
