import Foundation

/// A Lambda-style function: what Lambda's CreateFunction records, with the code as a
/// directory on disk.
public struct FunctionRecord: Sendable, Equatable {
    /// The function's name (Lambda's `FunctionName`).
    public var name: String
    /// `arn:aws:lambda:REGION:ACCOUNT:function:NAME`
    public var arn: String
    /// `python3.12`, `nodejs20.x`, `provided.al2023`, `http`, …
    public var runtime: String
    /// `module.function` (Python, Node.js), an executable's path (`provided`), a URL (`http`).
    public var handler: String
    /// The directory holding the code.
    public var codeLocation: String
    /// Seconds an invocation may run (Lambda's default is 3). Lambda takes whole seconds;
    /// fractions serve tests.
    public var timeout: Double
    /// Megabytes (Lambda's default is 128); reported, not enforced.
    public var memorySize: Int
    public var environment: [String: String]
    /// Lambda's reserved concurrency: at most this many invocations at once; nil: no limit
    /// beyond the service's own.
    public var reservedConcurrency: Int?
    public var description: String
    public var role: String
    public var lastModified: Date
    /// Base64 of the SHA-256 of the uploaded zip, when there was one (Lambda's `CodeSha256`).
    public var codeSha256: String

    public init(name: String, arn: String, runtime: String, handler: String, codeLocation: String,
                timeout: Double = 3, memorySize: Int = 128, environment: [String: String] = [:],
                reservedConcurrency: Int? = nil, description: String = "",
                role: String = "arn:aws:iam::123456789012:role/lambda-role", lastModified: Date,
                codeSha256: String = "") {
        self.name = name
        self.arn = arn
        self.runtime = runtime
        self.handler = handler
        self.codeLocation = codeLocation
        self.timeout = timeout
        self.memorySize = memorySize
        self.environment = environment
        self.reservedConcurrency = reservedConcurrency
        self.description = description
        self.role = role
        self.lastModified = lastModified
        self.codeSha256 = codeSha256
    }
}

/// Where functions are kept. Durability: every method that returns has committed.
public protocol FunctionStore: Sendable {
    /// Fails with ``StoreError/alreadyExists`` when the name is taken.
    func createFunction(_ record: FunctionRecord) async throws
    /// Replaces the function with the same name; fails with ``StoreError/notFound``.
    func updateFunction(_ record: FunctionRecord) async throws
    func function(name: String) async throws -> FunctionRecord?
    /// Returns false when there was no such function.
    @discardableResult func deleteFunction(name: String) async throws -> Bool
    /// Ordered by name, as Lambda's ListFunctions.
    func listFunctions(limit: Int, cursor: String?) async throws -> Page<FunctionRecord>
}
