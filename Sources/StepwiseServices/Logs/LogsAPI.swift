import Foundation
import StatesLanguage
import StepwiseEngine
import StepwiseStore

/// CloudWatch Logs' JSON 1.1 protocol (`X-Amz-Target: Logs_20140328.<Operation>`): the
/// operations `aws logs` and the SDKs use to read function logs, and to write their own.
/// Shapes as botocore's `logs/2014-03-28/service-2.json`.
public struct LogsAPI: Sendable {
    public let store: any LogStore
    public let clock: any EngineClock
    public var region: String
    public var account: String

    public init(store: any LogStore, clock: any EngineClock = SystemClock(), region: String = "us-east-1",
                account: String = "123456789012") {
        self.store = store
        self.clock = clock
        self.region = region
        self.account = account
    }

    public func handle(_ request: ServiceRequest) async -> ServiceResponse {
        let target = request.headers.first { $0.key.lowercased() == "x-amz-target" }?.value ?? ""
        guard target.hasPrefix("Logs_20140328.") else {
            return LogsError(.unknownOperation, "Operation '\(target)' is not known.").response
        }
        let body: JSON
        do {
            body = request.body.isEmpty ? [:] : try JSON(parsing: request.body)
        } catch {
            return LogsError(.serialization, "The request body is not JSON: \(error)").response
        }
        do {
            let answer = try await perform(String(target.dropFirst("Logs_20140328.".count)), body)
            return ServiceResponse(status: 200, headers: ["Content-Type": "application/x-amz-json-1.1"], body: Array(answer.serialized.utf8))
        } catch {
            return error.response
        }
    }

    func perform(_ operation: String, _ body: JSON) async throws(LogsError) -> JSON {
        switch operation {
        case "CreateLogGroup":
            let name = try required(body, "logGroupName")
            try await storing(group: name) { try await store.createLogGroup(name: name, now: now) }
            return [:]
        case "DeleteLogGroup":
            let name = try required(body, "logGroupName")
            let deleted = try await storing(group: name) { try await store.deleteLogGroup(name: name) }
            guard deleted else { throw LogsError.groupNotFound }
            return [:]
        case "CreateLogStream":
            let group = try required(body, "logGroupName"), stream = try required(body, "logStreamName")
            try await storing(group: group, stream: stream) { try await store.createLogStream(groupName: group, name: stream, now: now) }
            return [:]
        case "PutLogEvents":
            return try await putLogEvents(body)
        case "DescribeLogGroups":
            return try await describeLogGroups(body)
        case "DescribeLogStreams":
            return try await describeLogStreams(body)
        case "GetLogEvents":
            return try await getLogEvents(body)
        case "FilterLogEvents":
            return try await filterLogEvents(body)
        default:
            throw LogsError(.unknownOperation, "Operation '\(operation)' is not supported by Stepwise.")
        }
    }

    var now: Int64 { clock.now().epochMilliseconds }

    func groupArn(_ name: String) -> String { "arn:aws:logs:\(region):\(account):log-group:\(name)" }

    func required(_ body: JSON, _ key: String) throws(LogsError) -> String {
        guard let value = body[key]?.stringValue, !value.isEmpty else {
            throw LogsError(.invalidParameter, "1 validation error detected: Value null at '\(key)' failed to satisfy constraint: Member must not be null")
        }
        return value
    }

    /// The group named by `logGroupName` or `logGroupIdentifier` (a name or an ARN).
    func groupName(_ body: JSON) throws(LogsError) -> String {
        if let name = body["logGroupName"]?.stringValue { return name }
        if let identifier = body["logGroupIdentifier"]?.stringValue {
            guard identifier.hasPrefix("arn:") else { return identifier }
            let parts = identifier.split(separator: ":", omittingEmptySubsequences: false)
            return parts.count >= 7 ? String(parts[6]) : identifier
        }
        throw LogsError(.invalidParameter, "Either logGroupName or logGroupIdentifier is required.")
    }

    func limit(_ body: JSON, default value: Int, max: Int) throws(LogsError) -> Int {
        guard let limit = body["limit"] else { return value }
        guard let number = limit.intValue, (1...max).contains(number) else {
            throw LogsError(.invalidParameter, "1 validation error detected: Value '\(limit.serialized)' at 'limit' failed to satisfy constraint: Member must have value between 1 and \(max)")
        }
        return number
    }

    /// Runs a store call, turning its errors into the API's.
    func storing<T>(group: String? = nil, stream: String? = nil, _ body: () async throws -> T) async throws(LogsError) -> T {
        do {
            return try await body()
        } catch StoreError.alreadyExists {
            throw stream == nil ? LogsError(.resourceAlreadyExists, "The specified log group already exists")
                : LogsError(.resourceAlreadyExists, "The specified log stream already exists")
        } catch StoreError.notFound(let what) {
            throw what == group ? LogsError.groupNotFound : LogsError(.resourceNotFound, "The specified log stream does not exist.")
        } catch StoreError.invalidCursor {
            throw LogsError(.invalidParameter, "The specified nextToken is not valid.")
        } catch {
            throw LogsError(.serviceUnavailable, "\(error)")
        }
    }
}

/// An error of the CloudWatch Logs API, named as botocore's exception shapes.
public struct LogsError: Error, Sendable, Equatable {
    public struct Code: RawRepresentable, Hashable, Sendable {
        public var rawValue: String
        public var status: Int
        public init(rawValue: String) { self.init(rawValue, status: 400) }
        public init(_ rawValue: String, status: Int) {
            self.rawValue = rawValue
            self.status = status
        }

        public static let resourceNotFound = Code("ResourceNotFoundException", status: 400)
        public static let resourceAlreadyExists = Code("ResourceAlreadyExistsException", status: 400)
        public static let invalidParameter = Code("InvalidParameterException", status: 400)
        public static let serviceUnavailable = Code("ServiceUnavailableException", status: 500)
        public static let unknownOperation = Code("UnknownOperationException", status: 400)
        public static let serialization = Code("SerializationException", status: 400)
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    static let groupNotFound = LogsError(.resourceNotFound, "The specified log group does not exist.")

    /// The JSON 1.1 error body botocore parses (`__type`, `message`).
    var response: ServiceResponse {
        let body: JSON = ["__type": .string(code.rawValue), "message": .string(message)]
        return ServiceResponse(status: code.status, headers: ["Content-Type": "application/x-amz-json-1.1"], body: Array(body.serialized.utf8))
    }
}
