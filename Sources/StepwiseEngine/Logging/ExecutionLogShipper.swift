import Foundation
import StepwiseStore
import Synchronization

/// Where executions' log events go: in a server, the local CloudWatch Logs.
public protocol ExecutionLogSink: Sendable {
    /// Appends `events` (in order) to `stream` of the log group `group`, creating the stream
    /// when it does not exist. Events for a group that does not exist are dropped, as Step
    /// Functions drops what it cannot deliver; an execution never waits for its logs.
    func append(group: String, stream: String, events: [LogEventInput]) async

    /// Whether the log group exists (CreateStateMachine refuses a destination that does
    /// not); nil when that cannot be told.
    func logGroupExists(_ name: String) async -> Bool?
}

/// Sends committed history events to the log groups of the state machines that log them
/// (`loggingConfiguration`), off the commit path: a commit only appends to a buffer, and a
/// loop of its own (`Engine.executionLogLoop`) hands the buffer to the sink.
///
/// Which state machines log is kept in memory: read from the store when the engine starts,
/// changed at once by this process's CreateStateMachine / UpdateStateMachine /
/// DeleteStateMachine, and read again every minute for changes made by another node. An
/// engine with no logging state machine pays one dictionary check per commit.
///
/// Streams are named as Step Functions names them, by state machine and minute,
/// `states/NAME/YYYY-MM-DD-HH-MM/NODE`, the last part this process's own (several
/// processes never write to one stream).
final class ExecutionLogShipper: Sendable {
    private struct Buffer {
        var streams: [StreamKey: [LogEventInput]] = [:]
        var order: [StreamKey] = []
    }

    private struct StreamKey: Hashable {
        var group: String
        var stream: String
    }

    /// State machine ARN → its logging, for those that log.
    private let machines = Mutex<[String: ExecutionLogging]>([:])
    /// This process's changes while a reload reads the store (nil when none runs): the
    /// reload's older view must not undo them.
    private let changesDuringReload = Mutex<[String: ExecutionLogging?]?>(nil)
    private let buffer = Mutex(Buffer())
    private let sink = Mutex<(any ExecutionLogSink)?>(nil)
    /// Signalled when events were buffered (the engine's log loop waits on it).
    let wakeup = Wakeup()
    private let node = RandomBytes.make(4).map { String(format: "%02x", $0) }.joined()

    func setSink(_ sink: any ExecutionLogSink) { self.sink.withLock { $0 = sink } }

    var hasSink: Bool { sink.withLock { $0 != nil } }

    /// A sink is set and some state machine logs: otherwise a commit has nothing to do here.
    var isActive: Bool { hasSink && !machines.withLock { $0.isEmpty } }

    /// Whether the sink knows the log group (nil without a sink).
    func logGroupExists(_ name: String) async -> Bool? {
        guard let sink = sink.withLock({ $0 }) else { return nil }
        return await sink.logGroupExists(name)
    }

    /// The logging of the state machine `arn` (its own ARN, not a version's or alias's).
    func logging(machine arn: String) -> ExecutionLogging? {
        machines.withLock { $0[arn] }
    }

    /// A state machine was created or updated (nil: it was deleted, or logs nothing).
    func machineChanged(_ arn: String, _ logging: ExecutionLogging?) {
        changesDuringReload.withLock { changes in
            machines.withLock { $0[arn] = logging }
            if changes != nil { changes?[arn] = .some(logging) }
        }
    }

    /// Reads which state machines log, replacing what was known.
    func reload(from store: any Store) async {
        changesDuringReload.withLock { $0 = [:] }
        var found: [String: ExecutionLogging] = [:]
        var cursor: String?
        repeat {
            guard let page = try? await store.listStateMachines(limit: 1000, cursor: cursor) else {
                changesDuringReload.withLock { $0 = nil }
                return
            }
            for machine in page.items {
                if let logging = ExecutionLogging(configurationText: machine.loggingConfiguration) { found[machine.arn] = logging }
            }
            cursor = page.nextCursor
        } while cursor != nil
        changesDuringReload.withLock { changes in
            for (arn, logging) in changes ?? [:] { found[arn] = logging }
            machines.withLock { $0 = found }
            changes = nil
        }
    }

    /// Buffers the events an execution of `machineName` recorded that `logging` keeps.
    func enqueue(_ events: [HistoryRecord], executionArn: String, machineName: String, redriveCount: Int,
                 logging: ExecutionLogging) {
        var lines: [LogEventInput] = []
        for event in events where logging.logs(event.type) {
            lines.append(LogEventInput(
                timestamp: event.timestamp.epochMilliseconds,
                message: ExecutionLogMessage.text(event, executionArn: executionArn, redriveCount: redriveCount,
                                                  includeExecutionData: logging.includeExecutionData)))
        }
        guard let first = lines.first else { return }
        let key = StreamKey(group: logging.logGroupName, stream: streamName(machineName, at: first.timestamp))
        buffer.withLock { buffer in
            if buffer.streams[key] == nil { buffer.order.append(key) }
            buffer.streams[key, default: []].append(contentsOf: lines)
        }
        wakeup.signal()
    }

    private func streamName(_ machine: String, at milliseconds: Int64) -> String {
        let date = Date(timeIntervalSince1970: TimeInterval(milliseconds) / 1000)
        let c = Calendar.utc.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        let minute = String(format: "%04d-%02d-%02d-%02d-%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0, c.hour ?? 0, c.minute ?? 0)
        return "states/\(machine)/\(minute)/\(node)"
    }

    func wake() { wakeup.signal() }

    /// Delivers everything buffered, stream by stream in the order streams appeared.
    func flush() async {
        let taken = buffer.withLock { buffer -> Buffer in
            defer { buffer = Buffer() }
            return buffer
        }
        guard let sink = sink.withLock({ $0 }) else { return }
        for key in taken.order {
            if let events = taken.streams[key] { await sink.append(group: key.group, stream: key.stream, events: events) }
        }
    }
}

extension Calendar {
    static let utc: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
        return calendar
    }()
}
