import Foundation
import StatesLanguage
import StepwiseEngine

/// Step Functions' Lambda integrations: `arn:aws:states:::lambda:invoke` (request-response
/// and `.waitForTaskToken`) and the plain function ARN `arn:aws:lambda:…:function:NAME`.
///
/// As AWS: `lambda:invoke`'s result is Invoke's response (`ExecutedVersion`, `Payload`,
/// `SdkHttpMetadata`, `SdkResponseMetadata`, `StatusCode`), a plain ARN's result is the
/// function's return value; a failing handler fails the Task with its `errorType` as the
/// error (`Lambda.Unknown` without one) and Lambda's error object as the cause; a failing
/// call fails it with `Lambda.<Code>` and the Java SDK's message form.
public struct LambdaIntegration: Integration {
    public let functions: FunctionService

    public init(functions: FunctionService) { self.functions = functions }

    public func invoke(_ call: IntegrationCall) async -> IntegrationOutcome {
        let invocation = call.invocation
        switch invocation.resource.kind {
        case .function(let arn):
            return await plain(arn, input: invocation.parameters)
        case .integration(_, "invoke"):
            return await invokeAction(invocation)
        default:
            return .failed(Failure("Lambda.AWSLambdaException", cause: "Stepwise does not support '\(invocation.resource.arn)' yet."))
        }
    }

    private func plain(_ arn: String, input: JSON) async -> IntegrationOutcome {
        do {
            let result = try await functions.invoke(arn, payload: Array(input.serialized.utf8))
            if let failure = Self.handlerFailure(result) { return .failed(failure) }
            return .succeeded(Self.parsed(result.payload))
        } catch {
            return .failed(Self.failure(error))
        }
    }

    private func invokeAction(_ invocation: TaskInvocation) async -> IntegrationOutcome {
        let parameters = invocation.parameters
        guard let name = parameters["FunctionName"]?.stringValue else {
            return .failed(Failure("Lambda.InvalidParameterValueException", cause: "The field 'FunctionName' is required."))
        }
        let payload: String = switch parameters["Payload"] {
        case .string(let text)?: text
        case nil, .null?: "{}"
        case let value?: value.serialized
        }
        let type = parameters["InvocationType"]?.stringValue.flatMap(InvocationType.init(rawValue:)) ?? .requestResponse
        let result: FunctionResult
        do {
            result = try await functions.invoke(name, payload: Array(payload.utf8), type: type)
        } catch {
            return .failed(Self.failure(error))
        }
        if let failure = Self.handlerFailure(result) { return .failed(failure) }
        let response = Self.response(result, date: Date())
        return invocation.resource.pattern == .waitForTaskToken ? .submitted(response) : .succeeded(response)
    }

    /// Invoke's response as the Java SDK describes it to Step Functions.
    static func response(_ result: FunctionResult, date: Date) -> JSON {
        let length = String(result.payload.count)
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        let day = formatter.string(from: date)
        let trace = "Root=1-\(String(Int(date.timeIntervalSince1970), radix: 16))-\(result.requestId.replacingOccurrences(of: "-", with: "").prefix(24));Sampled=0"
        let headers: JSONObject = [
            "Connection": "keep-alive", "Content-Length": .string(length), "Content-Type": "application/json",
            "Date": .string(day), "X-Amz-Executed-Version": "$LATEST", "x-amzn-Remapped-Content-Length": "0",
            "x-amzn-RequestId": .string(result.requestId), "X-Amzn-Trace-Id": .string(trace),
        ]
        let all: JSONObject = [
            "X-Amz-Executed-Version": ["$LATEST"], "x-amzn-Remapped-Content-Length": ["0"], "Connection": ["keep-alive"],
            "x-amzn-RequestId": [.string(result.requestId)], "Content-Length": [.string(length)], "Date": [.string(day)],
            "X-Amzn-Trace-Id": [.string(trace)], "Content-Type": ["application/json"],
        ]
        var response: JSONObject = ["ExecutedVersion": "$LATEST"]
        response["Payload"] = result.statusCode == 200 ? parsed(result.payload) : ""
        response["SdkHttpMetadata"] = ["AllHttpHeaders": .object(all), "HttpHeaders": .object(headers), "HttpStatusCode": .int(result.statusCode)]
        response["SdkResponseMetadata"] = ["RequestId": .string(result.requestId)]
        response["StatusCode"] = .int(result.statusCode)
        return .object(response)
    }

    /// A function's result as JSON (a result that is not JSON stays text).
    static func parsed(_ payload: [UInt8]) -> JSON {
        (try? JSON(parsing: payload)) ?? .string(String(decoding: payload, as: UTF8.self))
    }

    /// The failure of a handler that failed: its `errorType` names the error.
    static func handlerFailure(_ result: FunctionResult) -> Failure? {
        guard result.functionError != nil else { return nil }
        let text = String(decoding: result.payload, as: UTF8.self)
        let type = (try? JSON(parsing: result.payload))?["errorType"]?.stringValue ?? "Lambda.Unknown"
        return Failure(ErrorName(type), cause: text)
    }

    /// A call Lambda refused: `Lambda.<Code>` with the Java SDK's message form.
    static func failure(_ error: LambdaError) -> Failure {
        Failure(ErrorName("Lambda.\(error.code.rawValue)"),
                cause: "\(error.message) (Service: AWSLambda; Status Code: \(error.code.status); Error Code: \(error.code.rawValue); Request ID: \(RandomBytes.uuidString()); Proxy: null)")
    }
}
