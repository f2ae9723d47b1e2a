import Foundation
import StatesLanguage
import StepwiseStore

/// One history event as Step Functions writes it to CloudWatch Logs: a JSON object with the
/// event's `id`, `type` and `details` (its `…EventDetails` member), then
/// `previous_event_id`, `event_timestamp` (milliseconds), `execution_arn` and
/// `redrive_count`, the numbers as strings.
///
/// Without `includeExecutionData` the details keep their shape but lose the execution's
/// data: inputs, outputs and assigned variables (their `…Details` siblings stay).
enum ExecutionLogMessage {
    static func text(_ event: HistoryRecord, executionArn: String, redriveCount: Int, includeExecutionData: Bool) -> String {
        var details: JSON = .object([:])
        if let text = event.details, let parsed = try? JSON(parsing: text), case .object(var members) = parsed {
            if !includeExecutionData {
                for key in HistoryRecord.executionDataMembers { members.removeValue(forKey: key) }
            }
            details = .object(members)
        }
        let message: JSON = .object([
            "id": .string(String(event.eventID)),
            "type": .string(event.type),
            "details": details,
            "previous_event_id": .string(String(event.previousEventID)),
            "event_timestamp": .string(String(event.timestamp.epochMilliseconds)),
            "execution_arn": .string(executionArn),
            "redrive_count": .string(String(redriveCount)),
        ])
        return message.serialized
    }
}
