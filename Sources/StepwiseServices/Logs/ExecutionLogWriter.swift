import Foundation
import StepwiseEngine
import StepwiseStore

/// Step Functions' execution logs written into the local CloudWatch Logs: the stream is
/// created on first use; a log group that does not exist drops the events, as Step
/// Functions does when it cannot deliver to the group a state machine names (the group is
/// not created for it).
public struct ExecutionLogWriter: ExecutionLogSink {
    let store: any LogStore
    let clock: any EngineClock

    public init(store: any LogStore, clock: any EngineClock) {
        self.store = store
        self.clock = clock
    }

    public func append(group: String, stream: String, events: [LogEventInput]) async {
        let now = clock.now().epochMilliseconds
        do {
            try await store.putLogEvents(groupName: group, streamName: stream, events: events, now: now, creatingMissing: false)
        } catch StoreError.notFound {
            // A new stream (one a minute per state machine), or no group at all.
            guard (try? await store.logGroup(name: group)) != nil else { return }
            try? await store.createLogStream(groupName: group, name: stream, now: now)
            try? await store.putLogEvents(groupName: group, streamName: stream, events: events, now: now, creatingMissing: false)
        } catch {
            // Logs never hold an execution up; a failed write is lost, as a failed delivery is on AWS.
        }
    }

    public func logGroupExists(_ name: String) async -> Bool? {
        do { return try await store.logGroup(name: name) != nil } catch { return nil }
    }
}
