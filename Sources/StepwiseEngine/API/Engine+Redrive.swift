import Foundation
import StatesLanguage
import StepwiseStore

/// RedriveExecution, and whether an execution can be redriven.
///
/// The store turns the execution back to RUNNING (one more `redriveCount`, `redriveDate`
/// now) and puts ``Engine/redrivePayload`` first in its inbox, in one transaction; the
/// worker then continues the execution with ``Interpreter/redrive(_:redriveCount:lastEventID:now:environment:)``
/// from the state the store kept (the one before the step that ended it). See that
/// method for what "continues from the failed states" means and where it differs from AWS.
extension Engine {
    /// How long after it stopped an execution can be redriven (AWS: 14 days).
    public static let redrivablePeriod: TimeInterval = 14 * 24 * 60 * 60

    /// The inbox entry that tells the worker to redrive the execution.
    static let redrivePayload = #"{"redrive":true}"#

    /// Redrives a FAILED, TIMED_OUT or ABORTED STANDARD execution that stopped less than
    /// 14 days ago; returns the redrive date. A `clientToken` that already redrove the
    /// execution (in the last 15 minutes) returns that redrive's date and does nothing.
    public func redriveExecution(arn: String, clientToken: String? = nil) async throws -> Date {
        if express.record(arn) != nil || arns.parse(arn)?.type == "express" {
            guard express.record(arn) != nil else { throw EngineError.executionDoesNotExist(arn: arn) }
            throw EngineError.executionNotRedrivable("Execution is of type EXPRESS and cannot be redriven")
        }
        guard let record = try await store.execution(arn: arn) else { throw EngineError.executionDoesNotExist(arn: arn) }
        // Checked here rather than in the store: an ended execution's history no longer grows.
        if Self.isRedrivableStatus(record.status), try await historyIsFull(arn) {
            throw EngineError.executionNotRedrivable(Self.historyLimitReason)
        }
        let now = clock.now()
        let request = RedriveRequest(executionArn: arn, clientToken: clientToken, payload: Self.redrivePayload, now: now,
                                     redrivableSince: now.addingTimeInterval(-Self.redrivablePeriod))
        switch try await store.redriveExecution(request) {
        case .redriven(let redriven):
            workAvailable.signal()
            return redriven.redriveDate ?? now
        case .repeated(let date):
            return date
        case .notRedrivable(let current):
            throw EngineError.executionNotRedrivable(Self.notRedrivableReason(current, now: now) ?? Self.historyLimitReason)
        case .notFound:
            throw EngineError.executionDoesNotExist(arn: arn)
        }
    }

    /// DescribeExecution's `redriveStatus` and `redriveStatusReason` for a STANDARD execution.
    public enum RedriveStatus: Sendable, Equatable {
        case redrivable
        /// With AWS's reason.
        case notRedrivable(String)

        /// `REDRIVABLE` or `NOT_REDRIVABLE`.
        public var name: String {
            if case .redrivable = self { "REDRIVABLE" } else { "NOT_REDRIVABLE" }
        }

        public var reason: String? {
            if case .notRedrivable(let reason) = self { reason } else { nil }
        }
    }

    /// Whether RedriveExecution would accept the execution now, and if not why, in AWS's
    /// words.
    public func redriveStatus(_ record: ExecutionRecord) async throws -> RedriveStatus {
        if let reason = Self.notRedrivableReason(record, now: clock.now()) { return .notRedrivable(reason) }
        if try await historyIsFull(record.arn) { return .notRedrivable(Self.historyLimitReason) }
        return .redrivable
    }

    /// Why the execution's status or stop date rule a redrive out, if they do.
    static func notRedrivableReason(_ record: ExecutionRecord, now: Date) -> String? {
        guard isRedrivableStatus(record.status), let stopDate = record.stopDate else {
            return "Execution is \(record.status.rawValue) and cannot be redriven"
        }
        if stopDate < now.addingTimeInterval(-redrivablePeriod) { return "Execution redrivable period exceeded" }
        return nil
    }

    /// True when the history has no room left for a redrive (the ExecutionRedriven event,
    /// a state entered again, and an end).
    func historyIsFull(_ arn: String) async throws -> Bool {
        let last = try await store.history(executionArn: arn, after: nil, limit: 1, reverse: true).first?.eventID ?? 0
        return last + Self.eventsPerRedrive > Interpreter.maximumHistoryEvents
    }

    static let eventsPerRedrive = 8
    static let historyLimitReason = "Execution history event limit exceeded"

    static func isRedrivableStatus(_ status: ExecutionStatus) -> Bool {
        status == .failed || status == .timedOut || status == .aborted
    }
}
