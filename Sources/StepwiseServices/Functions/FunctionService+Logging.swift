import Foundation
import StatesLanguage
import StepwiseEngine
import StepwiseStore

/// How an invocation ended.
enum InvocationOutcome {
    /// The handler's result, as JSON text.
    case succeeded([UInt8])
    /// Lambda's error object (`errorType`, `errorMessage`, …).
    case failed(JSON)

    func result(requestId: String) -> FunctionResult {
        switch self {
        case .succeeded(let payload): FunctionResult(requestId: requestId, payload: payload)
        case .failed(let error): FunctionResult(requestId: requestId, payload: Array(error.serialized.utf8), functionError: "Unhandled")
        }
    }
}

/// The log events of one invocation, stamped as they arrive, written to the process's
/// stream when it ends (START, the handler's output, END and REPORT, as Lambda logs).
struct InvocationLog {
    let clock: any EngineClock
    let requestId: String
    var streamName: String?
    var events: [LogEventInput] = []
    var duration: Double = 0
    var initDuration: Double?
    var status: String?

    init(service: FunctionService, requestId: String) {
        clock = service.clock
        self.requestId = requestId
    }

    mutating func append(_ message: String) {
        events.append(LogEventInput(timestamp: FunctionService.millis(clock.now()), message: message))
    }

    mutating func append(contentsOf messages: [String]) { for message in messages { append(message) } }

    mutating func start(version: String) { append("START RequestId: \(requestId) Version: \(version)") }
}

extension FunctionService {
    static func millis(_ date: Date) -> Int64 { date.epochMilliseconds }

    /// Lambda's stream names: `2026/01/31/[$LATEST]` and 32 hexadecimal digits.
    static func streamName(at date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        let hex = UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        return String(format: "%04d/%02d/%02d/[$LATEST]%@", parts.year ?? 1970, parts.month ?? 1, parts.day ?? 1, hex)
    }

    static func iso8601(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }

    /// Lambda's error object.
    static func errorObject(_ type: String, _ message: String) -> JSON {
        ["errorType": .string(type), "errorMessage": .string(message)]
    }

    /// Ends the invocation's log with END and REPORT, and writes it.
    func finish(_ function: FunctionRecord, stream: String, log: InvocationLog, outcome: InvocationOutcome) async {
        var log = log
        if !log.events.contains(where: { $0.message.hasPrefix("START RequestId:") }) {
            log.events.insert(LogEventInput(timestamp: log.events.first?.timestamp ?? Self.millis(clock.now()),
                                            message: "START RequestId: \(log.requestId) Version: $LATEST"), at: 0)
        }
        log.append("END RequestId: \(log.requestId)")
        let milliseconds = log.duration * 1000
        var report = "REPORT RequestId: \(log.requestId)\tDuration: \(String(format: "%.2f", milliseconds)) ms\t"
            + "Billed Duration: \(Int(milliseconds.rounded(.up))) ms\tMemory Size: \(function.memorySize) MB\tMax Memory Used: 0 MB\t"
        if let initDuration = log.initDuration { report += "Init Duration: \(String(format: "%.2f", initDuration * 1000)) ms\t" }
        if let status = log.status { report += "Status: \(status)" }
        log.append(report)
        try? await store.putLogEvents(groupName: Self.logGroupName(function.name), streamName: stream, events: log.events,
                                      now: Self.millis(clock.now()), creatingMissing: true)
    }
}
