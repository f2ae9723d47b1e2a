import Foundation
import StatesLanguage
import StepwiseStore

/// Executions' history events in CloudWatch Logs, for state machines with a
/// `loggingConfiguration` (see ``ExecutionLogShipper``).
extension Engine {
    /// Where log events go; until one is set nothing is logged (an engine without a Logs
    /// service, as in the in-memory runner and most tests).
    public func setExecutionLogSink(_ sink: any ExecutionLogSink) {
        executionLogs.setSink(sink)
    }

    /// Hands buffered log events to the sink until the engine stops, then once more; reads
    /// which state machines log again every minute (changes made by other nodes).
    func executionLogLoop() async {
        await executionLogs.reload(from: store)
        var reloaded = ContinuousClock.now
        while true {
            let stopping = isStopping
            await executionLogs.flush()
            if stopping { return }
            if ContinuousClock.now - reloaded > .seconds(60) {
                await executionLogs.reload(from: store)
                reloaded = ContinuousClock.now
            }
            await waitForSignal(executionLogs.wakeup, atMost: .seconds(60))
        }
    }

    /// After a commit: the steps' events, for the executions whose state machine logs.
    func logCommitted(_ batch: SteppedBatch) {
        guard executionLogs.isActive else { return }
        for (index, step) in batch.steps.enumerated() where !step.events.isEmpty {
            guard let machine = machineName(ofExecution: step.executionArn),
                  let logging = executionLogs.logging(machine: arns.stateMachine(machine)) else { continue }
            executionLogs.enqueue(step.events, executionArn: step.executionArn, machineName: machine,
                                  redriveCount: batch.redriveCounts[index], logging: logging)
        }
    }

    /// An EXPRESS execution's events (kept nowhere else: on AWS too, logs are an Express
    /// workflow's only history).
    func logExpress(_ events: [HistoryEvent], execution: ExecutionRecord) {
        guard executionLogs.isActive, let machine = machineName(ofExecution: execution.arn),
              let logging = executionLogs.logging(machine: arns.stateMachine(machine)) else { return }
        let records = events.map {
            HistoryRecord(eventID: $0.id, previousEventID: $0.previousEventID, timestamp: $0.timestamp,
                          type: $0.type.rawValue, detailsKey: $0.detailsKey, details: $0.detailsText)
        }
        executionLogs.enqueue(records, executionArn: execution.arn, machineName: machine, redriveCount: 0, logging: logging)
    }

    /// Step Functions' checks of a `loggingConfiguration` (its JSON text): a level other than
    /// OFF needs exactly one destination, there is never more than one, and the destination's
    /// log group must exist (checked when the engine writes to a Logs service).
    func checkLogging(_ text: String?) async throws {
        guard let text, let json = try? JSON(parsing: text) else { return }
        let level = json["level"]?.stringValue ?? ExecutionLogging.Level.off.rawValue
        let destinations = json["destinations"]?.arrayValue ?? []
        if destinations.count > 1 || (level != ExecutionLogging.Level.off.rawValue && destinations.count != 1) {
            throw EngineError.invalidLoggingConfiguration("Invalid Logging Configuration: Must specify exactly one Log Destination.")
        }
        guard let arn = destinations.first?["cloudWatchLogsLogGroup"]?["logGroupArn"]?.stringValue else { return }
        let exists: Bool? = if let name = ExecutionLogging.logGroupName(arn: arn) { await executionLogs.logGroupExists(name) } else { false }
        if exists == false {
            throw EngineError.invalidLoggingConfiguration("Invalid Logging Configuration: Log Destination not found.")
        }
    }

    /// A state machine's logging changed (created, updated, deleted) through this process.
    func loggingChanged(_ machine: StateMachineRecord?, arn: String) {
        executionLogs.machineChanged(arn, ExecutionLogging(configurationText: machine?.loggingConfiguration))
    }

    /// `…:execution:MACHINE:NAME` and `…:express:MACHINE:NAME:ID` name their state machine.
    private func machineName(ofExecution arn: String) -> String? {
        guard let (type, rest) = arns.parse(arn), type == "execution" || type == "express",
              let name = rest.split(separator: ":", omittingEmptySubsequences: false).first, !name.isEmpty else { return nil }
        return String(name)
    }
}
