/// Lambda's `InvocationType`.
public enum InvocationType: String, Sendable {
    /// Wait for the function's result.
    case requestResponse = "RequestResponse"
    /// Queue the invocation and return at once (HTTP 202).
    case event = "Event"
    /// Check the request only (HTTP 204).
    case dryRun = "DryRun"
}

/// What Lambda's Invoke answers.
public struct FunctionResult: Sendable, Equatable {
    public var requestId: String
    /// The function's result (JSON), or Lambda's error object when ``functionError`` is set.
    public var payload: [UInt8]
    /// `Unhandled` when the function failed (Lambda's `X-Amz-Function-Error` header).
    public var functionError: String?
    /// 200, or 202 for `Event`, 204 for `DryRun`.
    public var statusCode: Int

    public init(requestId: String, payload: [UInt8], functionError: String? = nil, statusCode: Int = 200) {
        self.requestId = requestId
        self.payload = payload
        self.functionError = functionError
        self.statusCode = statusCode
    }
}
