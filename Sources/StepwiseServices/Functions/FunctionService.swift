import Foundation
import StatesLanguage
import StepwiseEngine
import StepwiseStore
import Synchronization

/// Lambda-style functions: kept in the store, run as local processes (warm ones reused),
/// their output in CloudWatch-Logs-style log groups `/aws/lambda/NAME`.
///
/// ``run()`` serves `Event` (asynchronous) invocations until ``shutdown()``, which also
/// kills every process the service started: none outlives it.
public final class FunctionService: Sendable {
    /// How functions run here.
    public struct Configuration: Sendable {
        public var region: String
        public var account: String
        /// The server's URL, given to functions as `AWS_ENDPOINT_URL` so that SDK calls from a
        /// handler land on Stepwise.
        public var endpointURL: String?
        /// Where `@aws-sdk/*` imports of Node.js handlers are looked up; nil: the folders of
        /// `STEPWISE_NODE_MODULES` (colon-separated), then `npm root -g`.
        public var nodeModules: [String]?
        /// Concurrent invocations of one function without reserved concurrency; more wait.
        public var concurrencyLimit: Int
        /// Where uploaded zips are extracted; nil: a temporary directory.
        public var codeDirectory: String?
        /// Seconds a runtime may take to load the handler (Lambda's init phase allows 10).
        public var initTimeout: Double

        public init(region: String = "us-east-1", account: String = "123456789012", endpointURL: String? = nil,
                    nodeModules: [String]? = nil, concurrencyLimit: Int = 16, codeDirectory: String? = nil,
                    initTimeout: Double = 10) {
            self.region = region
            self.account = account
            self.endpointURL = endpointURL
            self.nodeModules = nodeModules
            self.concurrencyLimit = concurrencyLimit
            self.codeDirectory = codeDirectory
            self.initTimeout = initTimeout
        }
    }

    public let store: any FunctionStore & LogStore
    public let configuration: Configuration
    let clock: any EngineClock
    let pools = Mutex<[String: FunctionPool]>([:])
    let live = Mutex<[ObjectIdentifier: FunctionProcess]>([:])
    let stopped = Mutex(false)
    let files = Mutex<(bootstraps: String?, nodeModules: [String]?)>((nil, nil))
    let events: AsyncStream<EventInvocation>
    let eventsContinuation: AsyncStream<EventInvocation>.Continuation

    public init(store: any FunctionStore & LogStore, configuration: Configuration = Configuration(),
                clock: any EngineClock = SystemClock()) {
        self.store = store
        self.configuration = configuration
        self.clock = clock
        (events, eventsContinuation) = AsyncStream.makeStream(of: EventInvocation.self)
        // A write to the pipe of a child that just died must fail, not kill the server.
        signal(SIGPIPE, SIG_IGN)
    }

    /// `arn:aws:lambda:REGION:ACCOUNT:function:NAME`
    public func arn(_ name: String) -> String {
        "arn:aws:lambda:\(configuration.region):\(configuration.account):function:\(name)"
    }

    /// Lambda's log group of a function.
    public static func logGroupName(_ function: String) -> String { "/aws/lambda/\(function)" }

    /// The name in a `FunctionName` parameter: a name, an ARN or a partial ARN
    /// (`ACCOUNT:function:NAME`), with or without a `:$LATEST` qualifier.
    public static func functionName(_ identifier: String) -> String {
        var parts = identifier.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        if parts.first == "arn", parts.count >= 7 { parts = Array(parts[6...]) }
        else if let index = parts.firstIndex(of: "function"), index + 1 < parts.count { parts = Array(parts[(index + 1)...]) }
        return parts.first ?? identifier
    }

    // MARK: Definitions

    /// Creates a function (Lambda's CreateFunction); fails with `ResourceConflictException`
    /// when the name is taken.
    @discardableResult
    public func createFunction(_ definition: FunctionDefinition) async throws(LambdaError) -> FunctionRecord {
        let record = try validated(definition)
        do {
            try await store.createFunction(record)
        } catch StoreError.alreadyExists {
            throw LambdaError(.resourceConflict, "Function already exist: \(record.name)")
        } catch {
            throw LambdaError(.service, "\(error)")
        }
        return record
    }

    /// Creates the function or replaces its configuration (how deploy applies a template
    /// again). Warm processes of the old configuration are not reused. `requiringCode: false`
    /// accepts a code folder that does not exist yet (a deployed template whose code is still
    /// to be written): invocations fail until it does.
    @discardableResult
    public func putFunction(_ definition: FunctionDefinition, requiringCode: Bool = true) async throws(LambdaError) -> FunctionRecord {
        let record = try validated(definition, requiringCode: requiringCode)
        do {
            if try await store.function(name: record.name) == nil {
                try await store.createFunction(record)
            } else {
                try await store.updateFunction(record)
            }
        } catch {
            throw LambdaError(.service, "\(error)")
        }
        retire(record.name)
        return record
    }

    /// The function named by a name or an ARN.
    public func function(named identifier: String) async throws(LambdaError) -> FunctionRecord {
        let name = Self.functionName(identifier)
        let found: FunctionRecord?
        do { found = try await store.function(name: name) } catch { throw LambdaError(.service, "\(error)") }
        guard let found else { throw LambdaError.functionNotFound(arn(name)) }
        return found
    }

    /// Deletes a function and stops its processes (its log group stays, as in Lambda).
    public func deleteFunction(named identifier: String) async throws(LambdaError) {
        let name = Self.functionName(identifier)
        let deleted: Bool
        do { deleted = try await store.deleteFunction(name: name) } catch { throw LambdaError(.service, "\(error)") }
        guard deleted else { throw LambdaError.functionNotFound(arn(name)) }
        retire(name)
    }

    /// Functions by name (Lambda's ListFunctions, `Marker` as the cursor).
    public func listFunctions(limit: Int = 50, marker: String? = nil) async throws(LambdaError) -> Page<FunctionRecord> {
        do {
            return try await store.listFunctions(limit: min(max(limit, 1), 10_000), cursor: marker)
        } catch StoreError.invalidCursor {
            throw LambdaError(.invalidParameterValue, "Invalid Marker.")
        } catch {
            throw LambdaError(.service, "\(error)")
        }
    }

    private func validated(_ definition: FunctionDefinition, requiringCode: Bool = true) throws(LambdaError) -> FunctionRecord {
        let name = definition.name
        guard (1...64).contains(name.count),
              name.unicodeScalars.allSatisfy({ CharacterSet.alphanumerics.contains($0) && $0.isASCII || $0 == "-" || $0 == "_" }) else {
            throw LambdaError(.invalidParameterValue,
                              "1 validation error detected: Value '\(name)' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9-_]+ and length 1 to 64")
        }
        guard FunctionRuntime(definition.runtime) != nil else {
            throw LambdaError(.invalidParameterValue,
                              "Value \(definition.runtime) at 'runtime' failed to satisfy constraint: Member must satisfy enum value set: [\(FunctionRuntime.supported)]")
        }
        if FunctionRuntime(definition.runtime) != .http {
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: definition.codeLocation, isDirectory: &isDirectory)
            guard exists ? isDirectory.boolValue : !requiringCode else {
                throw LambdaError(.invalidParameterValue, "The code location '\(definition.codeLocation)' is not a directory.")
            }
        }
        guard definition.timeout > 0, definition.timeout <= 900 else {
            throw LambdaError(.invalidParameterValue, "Value \(definition.timeout) at 'timeout' failed to satisfy constraint: Member must have value between 1 and 900")
        }
        guard (128...10_240).contains(definition.memorySize) else {
            throw LambdaError(.invalidParameterValue, "Value \(definition.memorySize) at 'memorySize' failed to satisfy constraint: Member must have value between 128 and 10240")
        }
        if let reserved = definition.reservedConcurrency, reserved < 0 {
            throw LambdaError(.invalidParameterValue, "ReservedConcurrentExecutions must not be negative.")
        }
        let codeLocation = FunctionRuntime(definition.runtime) == .http
            ? definition.codeLocation
            : URL(fileURLWithPath: definition.codeLocation).standardizedFileURL.path
        return FunctionRecord(
            name: name, arn: arn(name), runtime: definition.runtime, handler: definition.handler, codeLocation: codeLocation,
            timeout: definition.timeout, memorySize: definition.memorySize, environment: definition.environment,
            reservedConcurrency: definition.reservedConcurrency, description: definition.description, role: definition.role,
            lastModified: clock.now(), codeSha256: definition.codeSha256)
    }

    // MARK: Lifecycle

    /// Serves `Event` invocations until ``shutdown()``, then kills every process left.
    public func run() async {
        await withDiscardingTaskGroup { group in
            for await event in events {
                group.addTask { _ = try? await self.execute(event.function, payload: event.payload, requestId: event.requestId) }
            }
        }
        killAll()
    }

    /// Stops taking invocations, kills every process the service started and removes its
    /// bootstrap files.
    public func shutdown() {
        stopped.withLock { $0 = true }
        eventsContinuation.finish()
        killAll()
        let directory = files.withLock { $0.bootstraps }
        if let directory { try? FileManager.default.removeItem(atPath: directory) }
    }

    func killAll() {
        let processes = live.withLock { live in
            defer { live = [:] }
            return Array(live.values)
        }
        for process in processes { process.kill() }
        pools.withLock { pools in
            for name in pools.keys { pools[name]?.idle = [] }
        }
    }

    /// Stops the idle processes of a function whose configuration changed or which went.
    func retire(_ name: String) {
        let idle = pools.withLock { pools in
            defer { pools[name]?.idle = [] }
            return pools[name]?.idle ?? []
        }
        for process in idle { forget(process) }
    }

    func forget(_ process: FunctionProcess) {
        process.kill()
        _ = live.withLock { $0.removeValue(forKey: ObjectIdentifier(process)) }
    }
}

/// What CreateFunction, deploy and `stepwise function create` give.
public struct FunctionDefinition: Sendable {
    public var name: String
    public var runtime: String
    public var handler: String
    /// A directory holding the code (for `http`: the URL, or empty when the handler is the URL).
    public var codeLocation: String
    public var timeout: Double
    public var memorySize: Int
    public var environment: [String: String]
    public var reservedConcurrency: Int?
    public var description: String
    public var role: String
    public var codeSha256: String

    public init(name: String, runtime: String, handler: String, codeLocation: String, timeout: Double = 3,
                memorySize: Int = 128, environment: [String: String] = [:], reservedConcurrency: Int? = nil,
                description: String = "", role: String = "arn:aws:iam::123456789012:role/lambda-role",
                codeSha256: String = "") {
        self.name = name
        self.runtime = runtime
        self.handler = handler
        self.codeLocation = codeLocation
        self.timeout = timeout
        self.memorySize = memorySize
        self.environment = environment
        self.reservedConcurrency = reservedConcurrency
        self.description = description
        self.role = role
        self.codeSha256 = codeSha256
    }
}

/// An `Event` invocation waiting for ``FunctionService/run()``.
struct EventInvocation: Sendable {
    var function: FunctionRecord
    var payload: [UInt8]
    var requestId: String
}

/// The warm processes of one function and how many invocations run.
struct FunctionPool {
    var idle: [FunctionProcess] = []
    var running = 0
    var waiters: [CheckedContinuation<PoolDecision, Never>] = []
}
