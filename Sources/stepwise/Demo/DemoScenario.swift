import Foundation
import StatesLanguage
import StepwiseEngine
import StepwiseServices
import StepwiseStore
import StepwiseStoreSQLite

/// The demo's script: deploy the example, run the success and failure paths, show what
/// happened, and judge whether it is what the sample describes.
struct DemoScenario {
    let system: DemoSystem
    let waitTime: Int

    struct Path {
        var title: String
        var status: String
        /// The history event the callback produces for the waiting task.
        var taskEvent: String
        var notification: String
    }

    var paths: [Path] {
        [
            Path(title: "success: the external API works \(waitTime) s, then calls back with SendTaskSuccess",
                 status: "success", taskEvent: "TaskSucceeded", notification: "API Executed Successfully"),
            Path(title: "failure: the external API calls back with SendTaskFailure",
                 status: "failure", taskEvent: "TaskFailed", notification: "API Failed"),
        ]
    }

    func run(template: String) async throws -> Bool {
        say("Deploying \(template) …")
        let stack = try await system.stacks.deploy(templateAt: template, stackName: "calling-async-api-callback")
        for resource in stack.resources {
            say("  \(resource.status.padding(toLength: 16, withPad: " ", startingAt: 0)) \(resource.type.padding(toLength: 34, withPad: " ", startingAt: 0)) \(resource.logicalId)")
        }
        for warning in stack.warnings { say("  warning: \(warning)") }
        guard let main = stack.outputs.first(where: { $0.key == "WorkflowAsyncAPICallbackPatternArn" })?.value,
              let logGroup = stack.outputs.first(where: { $0.key == "ResponseLoggerLogGroup" })?.value else {
            say("The example's stack has no WorkflowAsyncAPICallbackPatternArn / ResponseLoggerLogGroup output.")
            return false
        }
        say("Serving on \(system.endpoint); the main workflow is \(main)\n")
        var allBehaved = true
        for path in paths {
            allBehaved = try await run(path, machine: main, logGroup: logGroup) && allBehaved
        }
        say(allBehaved ? "Both paths behaved as the sample describes." : "Some path did not behave as the sample describes.")
        return allBehaved
    }

    private func run(_ path: Path, machine: String, logGroup: String) async throws -> Bool {
        say("== \(path.title)")
        let before = try await notifications(logGroup).count
        let input: JSON = ["waitTime": .int(path.status == "success" ? waitTime : 0), "status": .string(path.status)]
        let execution = try await system.engine.startExecution(stateMachineArn: machine, name: "demo-\(path.status)",
                                                               input: input.serialized)
        _ = await system.engine.waitForEnd(execution.arn, atMost: .seconds(waitTime + 60))
        let ended = try await system.engine.describeExecution(arn: execution.arn)
        let history = try await system.engine.history(executionArn: execution.arn).items
        say(Timeline.render(history.map(Self.event)))
        var seen: [String] = []
        for _ in 0..<200 {
            seen = Array(try await notifications(logGroup).dropFirst(before))
            if !seen.isEmpty { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        let behaved = ended.status == .succeeded && history.contains { $0.type == path.taskEvent } && seen == [path.notification]
        say("   execution: \(ended.status.rawValue); the logger's log group \(logGroup) holds: \(seen.map { "\"\($0)\"" }.joined(separator: ", "))")
        say("   → \(behaved ? "as the sample says" : "UNEXPECTED (wanted \(path.taskEvent) and \"\(path.notification)\")")\n")
        return behaved
    }

    /// The `message` of each notification the logger function printed, oldest first.
    private func notifications(_ logGroup: String) async throws -> [String] {
        guard (try await system.store.logGroup(name: logGroup)) != nil else { return [] }
        return try await system.store.logEvents(groupName: logGroup, LogEventQuery(limit: 10_000)).compactMap { event in
            guard let line = try? JSON(parsing: event.message), let body = line["body"]?.stringValue,
                  let notification = try? JSON(parsing: body) else { return nil }
            return notification["message"]?.stringValue
        }
    }

    /// A stored history record as the interpreter's value, for ``Timeline``.
    static func event(_ record: HistoryRecord) -> HistoryEvent {
        HistoryEvent(id: record.eventID, previousEventID: record.previousEventID, timestamp: record.timestamp,
                     type: HistoryEventType(rawValue: record.type), details: record.details.flatMap { try? JSON(parsing: $0) })
    }
}
