import Foundation
import StatesLanguage
import StepwiseProcess
import StepwiseStore

/// Lambda's REST-JSON API (`/2015-03-31/functions…`): Invoke, CreateFunction, GetFunction,
/// GetFunctionConfiguration, DeleteFunction, ListFunctions, and the event source mapping
/// operations (`LambdaAPI+EventSourceMappings.swift`). Errors carry botocore's code in
/// `x-amzn-ErrorType` and the message in the body, as Lambda sends them.
///
/// CreateFunction takes `Code.ZipFile` (extracted to a managed directory) or a local
/// directory: `Code.S3Bucket` `local` (or `hot-reload`) with the path as `S3Key`, since the
/// SDKs accept no other member there.
public struct LambdaAPI: Sendable {
    public let functions: FunctionService
    /// Serves `/2015-03-31/event-source-mappings…` when set.
    public let eventSourceMappings: EventSourceMappings?

    public init(functions: FunctionService, eventSourceMappings: EventSourceMappings? = nil) {
        self.functions = functions
        self.eventSourceMappings = eventSourceMappings
    }

    public func handle(_ request: ServiceRequest) async -> ServiceResponse {
        let segments = request.path.split(separator: "/").map { String($0).removingPercentEncoding ?? String($0) }
        if segments.count >= 2, segments[1] == "event-source-mappings", let eventSourceMappings {
            return await handleEventSourceMappings(request, segments: segments, mappings: eventSourceMappings)
        }
        guard segments.count >= 2, segments[0] == "2015-03-31", segments[1] == "functions" else {
            return Self.error(LambdaError(Self.unknownOperation, "No Lambda operation at \(request.method) \(request.path)."))
        }
        do {
            switch (request.method, segments.count, segments.last) {
            case ("POST", 4, "invocations"): return try await invoke(segments[2], request)
            case ("POST", 2, _): return Self.json(201, try await create(request.body))
            case ("GET", 2, _):
                let page = try await functions.listFunctions(limit: request.query["MaxItems"].flatMap(Int.init) ?? 50, marker: request.query["Marker"])
                var answer: JSONObject = ["Functions": .array(page.items.map(Self.configuration))]
                if let next = page.nextCursor { answer["NextMarker"] = .string(next) }
                return Self.json(200, .object(answer))
            case ("GET", 3, _):
                let function = try await functions.function(named: segments[2])
                return Self.json(200, ["Configuration": Self.configuration(function),
                                       "Code": ["RepositoryType": "S3", "Location": .string("file://\(function.codeLocation)")]])
            case ("GET", 4, "configuration"):
                return Self.json(200, Self.configuration(try await functions.function(named: segments[2])))
            case ("DELETE", 3, _):
                try await functions.deleteFunction(named: segments[2])
                return ServiceResponse(status: 204)
            default:
                return Self.error(LambdaError(Self.unknownOperation, "No Lambda operation at \(request.method) \(request.path)."))
            }
        } catch {
            return Self.error(error)
        }
    }

    static let unknownOperation = LambdaError.Code("UnknownOperationException", status: 404)

    private func invoke(_ name: String, _ request: ServiceRequest) async throws(LambdaError) -> ServiceResponse {
        let header = request.headers.first { $0.key.lowercased() == "x-amz-invocation-type" }?.value
        guard let type = InvocationType(rawValue: header ?? "RequestResponse") else {
            throw LambdaError(.invalidParameterValue, "Unsupported invocation type \(header ?? "")")
        }
        let result = try await functions.invoke(name, payload: request.body, type: type)
        var headers = ["Content-Type": "application/json", "X-Amz-Executed-Version": "$LATEST", "x-amzn-RequestId": result.requestId]
        if let error = result.functionError { headers["X-Amz-Function-Error"] = error }
        return ServiceResponse(status: result.statusCode, headers: headers, body: result.payload)
    }

    private func create(_ bytes: [UInt8]) async throws(LambdaError) -> JSON {
        guard let body = try? JSON(parsing: bytes), let name = body["FunctionName"]?.stringValue else {
            throw LambdaError(.invalidParameterValue, "FunctionName is required.")
        }
        let runtime = body["Runtime"]?.stringValue ?? ""
        let code = body["Code"] ?? [:]
        let location: String
        if let zip = code["ZipFile"]?.stringValue {
            guard let data = Data(base64Encoded: zip) else { throw LambdaError(.invalidParameterValue, "Could not unzip uploaded file. Please check your file, then try to upload again.") }
            location = try functions.extract(zip: data, for: name)
        } else if let bucket = code["S3Bucket"]?.stringValue, bucket == "local" || bucket == "hot-reload", let key = code["S3Key"]?.stringValue {
            location = key
        } else if runtime == "http" {
            location = ""
        } else {
            throw LambdaError(.invalidParameterValue, "Stepwise takes Code.ZipFile, or a local directory as Code.S3Bucket 'local' with its path as Code.S3Key.")
        }
        var environment: [String: String] = [:]
        for (key, value) in body["Environment"]?["Variables"]?.objectValue ?? [:] { environment[key] = value.stringValue ?? value.serialized }
        let record = try await functions.createFunction(FunctionDefinition(
            name: name, runtime: runtime, handler: body["Handler"]?.stringValue ?? "", codeLocation: location,
            timeout: Double(body["Timeout"]?.intValue ?? 3), memorySize: body["MemorySize"]?.intValue ?? 128,
            environment: environment, description: body["Description"]?.stringValue ?? "",
            role: body["Role"]?.stringValue ?? "arn:aws:iam::123456789012:role/lambda-role"))
        return Self.configuration(record)
    }

    /// Lambda's `FunctionConfiguration`.
    static func configuration(_ function: FunctionRecord) -> JSON {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm:ss.SSS+0000"
        var variables: JSONObject = [:]
        for key in function.environment.keys.sorted() { variables[key] = .string(function.environment[key] ?? "") }
        var configuration: JSONObject = [
            "FunctionName": .string(function.name), "FunctionArn": .string(function.arn), "Runtime": .string(function.runtime),
            "Role": .string(function.role), "Handler": .string(function.handler), "CodeSize": 0,
            "Description": .string(function.description), "Timeout": .int(Int(function.timeout.rounded(.up))),
            "MemorySize": .int(function.memorySize), "LastModified": .string(formatter.string(from: function.lastModified)),
            "CodeSha256": .string(function.codeSha256), "Version": "$LATEST", "Environment": ["Variables": .object(variables)],
            "State": "Active", "LastUpdateStatus": "Successful", "PackageType": "Zip", "Architectures": ["x86_64"],
        ]
        if let reserved = function.reservedConcurrency { configuration["ReservedConcurrentExecutions"] = .int(reserved) }
        return .object(configuration)
    }

    static func json(_ status: Int, _ body: JSON) -> ServiceResponse {
        ServiceResponse(status: status, headers: ["Content-Type": "application/json"], body: Array(body.serialized.utf8))
    }

    /// Lambda's error answer: the code in `x-amzn-ErrorType` (botocore's rest-json parser
    /// reads it there), `Type` and `message` in the body.
    static func error(_ error: LambdaError) -> ServiceResponse {
        let body: JSON = ["Type": error.code.status >= 500 ? "Service" : "User", "message": .string(error.message)]
        return ServiceResponse(status: error.code.status,
                               headers: ["Content-Type": "application/json", "x-amzn-ErrorType": error.code.rawValue],
                               body: Array(body.serialized.utf8))
    }
}

extension FunctionService {
    /// Extracts an uploaded zip into a directory of its own (with `unzip`).
    func extract(zip: Data, for name: String) throws(LambdaError) -> String {
        let base = configuration.codeDirectory ?? FileManager.default.temporaryDirectory.appendingPathComponent("stepwise-functions").path
        let directory = "\(base)/\(name)-\(UUID().uuidString.prefix(8))"
        let archive = "\(directory).zip"
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try zip.write(to: URL(fileURLWithPath: archive))
            defer { try? FileManager.default.removeItem(atPath: archive) }
            guard let unzip = FunctionRuntime.which("unzip") else {
                throw LambdaError(.service, "Stepwise needs `unzip` on the PATH to extract uploaded code.")
            }
            let child = try ChildProcess(executable: unzip, arguments: ["-q", "-o", archive, "-d", directory],
                                         standardOutput: .nullDevice, standardError: .nullDevice)
            guard child.waitUntilExit().succeeded else {
                throw LambdaError(.invalidParameterValue, "Could not unzip uploaded file. Please check your file, then try to upload again.")
            }
        } catch let error as LambdaError {
            throw error
        } catch {
            throw LambdaError(.service, "Cannot store the code of '\(name)': \(error)")
        }
        return directory
    }
}
