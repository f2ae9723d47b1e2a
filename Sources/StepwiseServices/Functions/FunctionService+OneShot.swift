import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import StatesLanguage
import StepwiseStore

// The runtimes without a warm process: an executable per call, and a URL.
extension FunctionService {
    /// `provided` / any executable: the event JSON on stdin, the result JSON on stdout, stderr
    /// to the log; a non-zero exit fails the call (`Runtime.ExitError`).
    func runOnce(_ function: FunctionRecord, payload: [UInt8], requestId: String, log: inout InvocationLog) async -> InvocationOutcome {
        let handler = function.handler.isEmpty ? "bootstrap" : function.handler
        let path = handler.hasPrefix("/") ? handler : URL(fileURLWithPath: function.codeLocation).appendingPathComponent(handler).path
        guard FileManager.default.isExecutableFile(atPath: path) else {
            return .failed(Self.errorObject("Runtime.InvalidEntrypoint", "RequestId: \(requestId) Error: '\(path)' is not an executable file"))
        }
        let environment = FunctionEnvironment(region: configuration.region, endpointURL: configuration.endpointURL, nodeModules: [])
        let streamName = log.streamName ?? Self.streamName(at: clock.now())
        let process: FunctionProcess
        do {
            process = try FunctionProcess(executable: path, arguments: [], directory: function.codeLocation,
                                          environment: environment.variables(for: function, streamName: streamName),
                                          version: function.lastModified, streamName: streamName)
        } catch {
            return .failed(Self.errorObject("Runtime.InvalidEntrypoint", "RequestId: \(requestId) Error: cannot start '\(path)': \(error)"))
        }
        live.withLock { $0[ObjectIdentifier(process)] = process }
        defer { forget(process) }
        let began = Date()
        log.start(version: "$LATEST")
        _ = process.send(String(decoding: payload, as: UTF8.self))
        process.closeInput()
        var output: [String] = []
        while true {
            switch await process.nextLine(until: began.addingTimeInterval(function.timeout)) {
            case .line(let line):
                output.append(line)
                log.append(contentsOf: process.stderr.drain())
                continue
            case .timedOut:
                process.kill()
                log.append(contentsOf: process.stderr.drain())
                log.duration = Date().timeIntervalSince(began)
                return timedOut(function, requestId: requestId, log: &log)
            case .closed:
                break
            }
            break
        }
        let termination = await process.termination(within: max(function.timeout - Date().timeIntervalSince(began), 0.05))
        log.append(contentsOf: process.stderr.drain())
        log.duration = Date().timeIntervalSince(began)
        guard termination == .exited(0) else {
            let exit = await process.exitDescription()
            return .failed(Self.errorObject("Runtime.ExitError", "RequestId: \(requestId) Error: Runtime exited with error: \(exit)"))
        }
        let text = output.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        return .succeeded(Array((text.isEmpty ? "null" : text).utf8))
    }

    /// `http`: the event POSTed to the handler's URL; a 2xx body is the result.
    func runHTTP(_ function: FunctionRecord, payload: [UInt8], requestId: String, log: inout InvocationLog) async -> InvocationOutcome {
        let target = function.handler.isEmpty ? function.codeLocation : function.handler
        guard let url = URL(string: target), url.scheme == "http" || url.scheme == "https" else {
            return .failed(Self.errorObject("Runtime.InvalidEntrypoint", "'\(target)' is not an http(s) URL"))
        }
        log.start(version: "$LATEST")
        var request = URLRequest(url: url, timeoutInterval: function.timeout)
        request.httpMethod = "POST"
        request.httpBody = Data(payload)
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.setValue(requestId, forHTTPHeaderField: "Lambda-Runtime-Aws-Request-Id")
        request.setValue(function.arn, forHTTPHeaderField: "Lambda-Runtime-Invoked-Function-Arn")
        let began = Date()
        let answer: (Data?, Int, String?) = await withCheckedContinuation { continuation in
            URLSession.shared.dataTask(with: request) { data, response, error in
                continuation.resume(returning: (data, (response as? HTTPURLResponse)?.statusCode ?? 0, error.map { "\($0)" }))
            }.resume()
        }
        log.duration = Date().timeIntervalSince(began)
        if let error = answer.2 {
            if log.duration >= function.timeout { return timedOut(function, requestId: requestId, log: &log) }
            log.append("POST \(target) failed: \(error)")
            return .failed(Self.errorObject("Runtime.HTTPError", "POST \(target) failed: \(error)"))
        }
        let body = String(decoding: answer.0 ?? Data(), as: UTF8.self)
        guard (200..<300).contains(answer.1) else {
            log.append("POST \(target) answered \(answer.1): \(body)")
            return .failed(Self.errorObject("Runtime.HTTPError", "POST \(target) answered \(answer.1): \(body)"))
        }
        let text = body.trimmingCharacters(in: .whitespacesAndNewlines)
        return .succeeded(Array((text.isEmpty ? "null" : text).utf8))
    }
}
