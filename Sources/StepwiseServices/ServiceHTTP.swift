/// An HTTP request to one of the local services, free of any HTTP framework (the server
/// mounts the handlers).
public struct ServiceRequest: Sendable {
    public var method: String
    public var path: String
    public var query: [String: String]
    /// Header names as sent; handlers look them up case-insensitively.
    public var headers: [String: String]
    public var body: [UInt8]

    public init(method: String, path: String, query: [String: String] = [:], headers: [String: String] = [:], body: [UInt8] = []) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
    }
}

/// A service's answer.
public struct ServiceResponse: Sendable {
    public var status: Int
    public var headers: [String: String]
    public var body: [UInt8]

    public init(status: Int, headers: [String: String] = [:], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}
