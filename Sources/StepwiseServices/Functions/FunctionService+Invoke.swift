import Foundation
import StepwiseEngine
import StatesLanguage
import StepwiseStore
import Synchronization

/// A caller's turn in a function's pool.
enum PoolDecision {
    /// Run, on this warm process (nil: start one).
    case run(FunctionProcess?)
    /// Reserved concurrency is used up (Lambda's TooManyRequestsException).
    case throttled
    /// A slot was freed: ask again.
    case retry
}

/// How starting a warm process went.
enum StartResult {
    case started(FunctionProcess)
    /// Lambda's error object for the init failure.
    case failed(JSON)
}

extension FunctionService {
    /// Invokes a function (Lambda's Invoke). `RequestResponse` waits for the result;
    /// `Event` queues the call for ``run()`` and answers 202; `DryRun` only checks.
    /// A failing handler is not an error here: the result carries `Unhandled` and Lambda's
    /// error object, as Lambda answers.
    public func invoke(_ identifier: String, payload: [UInt8], type: InvocationType = .requestResponse)
        async throws(LambdaError) -> FunctionResult {
        let function = try await function(named: identifier)
        let text = payload.isEmpty ? "{}" : String(decoding: payload, as: UTF8.self)
        guard (try? JSON(parsing: text)) != nil else {
            throw LambdaError(.invalidRequestContent, "Could not parse request body into json: Could not parse payload into json")
        }
        let requestId = RandomBytes.uuidString()
        switch type {
        case .dryRun:
            return FunctionResult(requestId: requestId, payload: [], statusCode: 204)
        case .event:
            eventsContinuation.yield(EventInvocation(function: function, payload: Array(text.utf8), requestId: requestId))
            return FunctionResult(requestId: requestId, payload: [], statusCode: 202)
        case .requestResponse:
            return try await execute(function, payload: Array(text.utf8), requestId: requestId)
        }
    }

    /// Runs one invocation to its end, logging it.
    func execute(_ function: FunctionRecord, payload: [UInt8], requestId: String) async throws(LambdaError) -> FunctionResult {
        guard let runtime = FunctionRuntime(function.runtime) else {
            throw LambdaError(.invalidParameterValue, "The runtime '\(function.runtime)' is not supported.")
        }
        let reused = try await acquire(function)
        var log = InvocationLog(service: self, requestId: requestId)
        let outcome: InvocationOutcome
        var keep = false
        var process = reused
        switch runtime {
        case .python, .node:
            if process == nil {
                switch await start(function, runtime: runtime, log: &log) {
                case .started(let started): process = started
                case .failed(let error):
                    outcome = .failed(error)
                    release(function, nil, reusable: false)
                    await finish(function, stream: log.streamName ?? Self.streamName(at: clock.now()), log: log, outcome: outcome)
                    return outcome.result(requestId: requestId)
                }
            }
            guard let process else { preconditionFailure("a started process") }
            log.streamName = process.streamName
            (outcome, keep) = await runWarm(process, function: function, payload: payload, requestId: requestId, log: &log)
        case .executable:
            log.streamName = Self.streamName(at: clock.now())
            outcome = await runOnce(function, payload: payload, requestId: requestId, log: &log)
        case .http:
            log.streamName = Self.streamName(at: clock.now())
            outcome = await runHTTP(function, payload: payload, requestId: requestId, log: &log)
        }
        release(function, process, reusable: keep)
        await finish(function, stream: log.streamName ?? Self.streamName(at: clock.now()), log: log, outcome: outcome)
        return outcome.result(requestId: requestId)
    }

    // MARK: Warm processes

    private func start(_ function: FunctionRecord, runtime: FunctionRuntime, log: inout InvocationLog)
        async -> StartResult {
        let streamName = Self.streamName(at: clock.now())
        log.streamName = streamName
        guard let interpreter = runtime.interpreter() else {
            let program = if case .python(let version) = runtime { "python\(version) (or python3)" } else { "node" }
            return .failed((Self.errorObject("Runtime.InvalidEntrypoint",
                "\(program) was not found on the PATH: install it to run the \(function.runtime) function '\(function.name)'.")))
        }
        let bootstrap: String
        let environment: FunctionEnvironment
        do {
            bootstrap = try bootstrapPath(for: runtime)
            environment = FunctionEnvironment(region: configuration.region, endpointURL: configuration.endpointURL,
                                              nodeModules: runtime == .node ? nodeModuleFolders() : [])
        } catch {
            return .failed((Self.errorObject("Runtime.InvalidEntrypoint", "\(error)")))
        }
        let process: FunctionProcess
        do {
            process = try FunctionProcess(
                executable: interpreter, arguments: [bootstrap], directory: function.codeLocation,
                environment: environment.variables(for: function, streamName: streamName),
                version: function.lastModified, streamName: streamName)
        } catch {
            return .failed((Self.errorObject("Runtime.InvalidEntrypoint", "Cannot start \(interpreter): \(error)")))
        }
        live.withLock { $0[ObjectIdentifier(process)] = process }
        let began = Date()
        while true {
            switch await process.nextLine(until: began.addingTimeInterval(configuration.initTimeout)) {
            case .line(let line):
                guard let message = try? JSON(parsing: line), let type = message["type"]?.stringValue else {
                    log.append(line)
                    continue
                }
                switch type {
                case "log": log.append(message["message"]?.stringValue ?? "")
                case "ready":
                    log.initDuration = Date().timeIntervalSince(began)
                    return .started(process)
                default:
                    forget(process)
                    log.append(contentsOf: process.stderr.drain())
                    return .failed((message["error"] ?? Self.errorObject("Runtime.Unknown", "The runtime failed to start.")))
                }
            case .closed:
                let exit = await process.exitDescription()
                log.append(contentsOf: process.stderr.drain())
                forget(process)
                return .failed((Self.errorObject("Runtime.ExitError", "RequestId: \(log.requestId) Error: Runtime exited with error: \(exit)")))
            case .timedOut:
                forget(process)
                return .failed((Self.errorObject("Runtime.InitTimeout", "Init phase timed out after \(String(format: "%.2f", configuration.initTimeout)) seconds")))
            }
        }
    }

    /// One invocation on a warm process; the flag tells whether the process may be reused.
    private func runWarm(_ process: FunctionProcess, function: FunctionRecord, payload: [UInt8], requestId: String,
                         log: inout InvocationLog) async -> (InvocationOutcome, Bool) {
        let began = Date()
        log.start(version: "$LATEST")
        let request: JSON = [
            "requestId": .string(requestId), "invokedFunctionArn": .string(function.arn),
            "deadlineMs": .int(Int((began.timeIntervalSince1970 + function.timeout) * 1000)),
            "event": .string(String(decoding: payload, as: UTF8.self)),
        ]
        guard process.send(request.serialized) else {
            forget(process)
            return (.failed(Self.errorObject("Runtime.ExitError", "RequestId: \(requestId) Error: Runtime exited with error: \(await process.exitDescription())")), false)
        }
        while true {
            switch await process.nextLine(until: began.addingTimeInterval(function.timeout)) {
            case .line(let line):
                guard let message = try? JSON(parsing: line), let type = message["type"]?.stringValue else {
                    log.append(line)
                    continue
                }
                switch type {
                case "log":
                    log.append(message["message"]?.stringValue ?? "")
                case "result":
                    log.append(contentsOf: process.stderr.drain())
                    log.duration = Date().timeIntervalSince(began)
                    return (.succeeded(Array((message["payload"]?.stringValue ?? "null").utf8)), true)
                default:
                    log.append(contentsOf: process.stderr.drain())
                    log.duration = Date().timeIntervalSince(began)
                    return (.failed(message["error"] ?? Self.errorObject("Runtime.Unknown", "Unknown runtime reply.")), true)
                }
            case .closed:
                let exit = await process.exitDescription()
                log.append(contentsOf: process.stderr.drain())
                log.duration = Date().timeIntervalSince(began)
                forget(process)
                return (.failed(Self.errorObject("Runtime.ExitError", "RequestId: \(requestId) Error: Runtime exited with error: \(exit)")), false)
            case .timedOut:
                forget(process)
                log.append(contentsOf: process.stderr.drain())
                log.duration = Date().timeIntervalSince(began)
                return (timedOut(function, requestId: requestId, log: &log), false)
            }
        }
    }

    /// Lambda's timeout: the process is killed and the call fails with `Sandbox.Timedout`.
    func timedOut(_ function: FunctionRecord, requestId: String, log: inout InvocationLog) -> InvocationOutcome {
        let seconds = String(format: "%.2f", function.timeout)
        log.append("\(Self.iso8601(clock.now())) \(requestId) Task timed out after \(seconds) seconds")
        log.status = "timeout"
        return .failed(Self.errorObject("Sandbox.Timedout", "RequestId: \(requestId) Error: Task timed out after \(seconds) seconds"))
    }

    // MARK: The pool

    func acquire(_ function: FunctionRecord) async throws(LambdaError) -> FunctionProcess? {
        let limit = function.reservedConcurrency ?? configuration.concurrencyLimit
        while true {
            if stopped.withLock({ $0 }) { throw LambdaError(.service, "The function service is shutting down.") }
            let decision = await withCheckedContinuation { (continuation: CheckedContinuation<PoolDecision, Never>) in
                let immediate: PoolDecision? = pools.withLock { pools in
                    var pool = pools[function.name] ?? FunctionPool()
                    defer { pools[function.name] = pool }
                    if pool.running < limit {
                        pool.running += 1
                        while let candidate = pool.idle.popLast() {
                            if candidate.version == function.lastModified, candidate.process.isRunning { return .run(candidate) }
                            candidate.kill()
                        }
                        return .run(nil)
                    }
                    if function.reservedConcurrency != nil { return .throttled }
                    pool.waiters.append(continuation)
                    return nil
                }
                if let immediate { continuation.resume(returning: immediate) }
            }
            switch decision {
            case .run(let process): return process
            case .throttled: throw LambdaError(.tooManyRequests, "Rate Exceeded.")
            case .retry: continue
            }
        }
    }

    func release(_ function: FunctionRecord, _ process: FunctionProcess?, reusable: Bool) {
        let keep = reusable && !stopped.withLock { $0 }
        let waiter = pools.withLock { pools -> CheckedContinuation<PoolDecision, Never>? in
            var pool = pools[function.name] ?? FunctionPool()
            defer { pools[function.name] = pool }
            pool.running = max(pool.running - 1, 0)
            if keep, let process { pool.idle.append(process) }
            return pool.waiters.isEmpty ? nil : pool.waiters.removeFirst()
        }
        if !keep, let process { forget(process) }
        waiter?.resume(returning: .retry)
    }

    // MARK: Files

    func bootstrapPath(for runtime: FunctionRuntime) throws -> String {
        let directory = try files.withLock { files -> String in
            if let existing = files.bootstraps { return existing }
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("stepwise-runtime-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try PythonBootstrap.source.write(toFile: "\(directory)/\(PythonBootstrap.fileName)", atomically: true, encoding: .utf8)
            try NodeBootstrap.source.write(toFile: "\(directory)/\(NodeBootstrap.fileName)", atomically: true, encoding: .utf8)
            files.bootstraps = directory
            return directory
        }
        return "\(directory)/\(runtime == .node ? NodeBootstrap.fileName : PythonBootstrap.fileName)"
    }

    func nodeModuleFolders() -> [String] {
        if let configured = configuration.nodeModules { return configured }
        if let known = files.withLock({ $0.nodeModules }) { return known }
        let found = FunctionEnvironment.defaultNodeModules()
        files.withLock { $0.nodeModules = found }
        return found
    }
}
