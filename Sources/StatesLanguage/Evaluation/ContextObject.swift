import Foundation

/// The context object, `$$`: facts about the execution, the state and the task.
///
/// Kept as typed fields and turned into JSON only when a `$$` path reads it, so that
/// states that never look at it pay nothing.
public struct ContextObject: Sendable, Equatable {
    public struct Execution: Sendable, Equatable {
        public var id: String
        public var name: String
        public var input: JSON
        public var roleArn: String
        /// ISO-8601 with milliseconds, as AWS prints it.
        public var startTime: String
        /// Nil for EXPRESS executions, whose context object has no `RedriveCount`.
        public var redriveCount: Int?
        /// `$$.Execution.RedriveTime`: when the execution was last redriven (ISO-8601;
        /// absent until it is, as on AWS).
        public var redriveTime: String?

        public init(id: String, name: String, input: JSON, roleArn: String, startTime: String, redriveCount: Int? = 0) {
            self.id = id
            self.name = name
            self.input = input
            self.roleArn = roleArn
            self.startTime = startTime
            self.redriveCount = redriveCount
        }
    }

    public var execution: Execution
    public var stateMachineId: String
    public var stateMachineName: String
    /// The current state's name ("" before the first state is entered).
    public var stateName: String = ""
    public var stateEnteredTime: String = ""
    /// Present only in states that can retry (Task, Parallel, Map), as AWS shows it.
    public var stateRetryCount: Int?
    /// `$$.Task.Token`, present only inside a `.waitForTaskToken` Task or activity.
    public var taskToken: String?
    /// `$$.Map.Item`, present only in a Map's ItemSelector.
    public var mapItem: (index: Int, value: JSON)?

    public init(execution: Execution, stateMachineId: String, stateMachineName: String) {
        self.execution = execution
        self.stateMachineId = stateMachineId
        self.stateMachineName = stateMachineName
    }

    public static func == (lhs: ContextObject, rhs: ContextObject) -> Bool {
        lhs.execution == rhs.execution && lhs.stateMachineId == rhs.stateMachineId
            && lhs.stateMachineName == rhs.stateMachineName && lhs.stateName == rhs.stateName
            && lhs.stateEnteredTime == rhs.stateEnteredTime && lhs.stateRetryCount == rhs.stateRetryCount
            && lhs.taskToken == rhs.taskToken && lhs.mapItem?.index == rhs.mapItem?.index
            && lhs.mapItem?.value == rhs.mapItem?.value
    }

    /// The context object as Step Functions shows it.
    public var json: JSON {
        var executionObject: JSONObject = [
            "Id": .string(execution.id),
            "Input": execution.input,
            "StartTime": .string(execution.startTime),
            "Name": .string(execution.name),
            "RoleArn": .string(execution.roleArn),
        ]
        if let redrive = execution.redriveCount { executionObject["RedriveCount"] = .int(redrive) }
        if let time = execution.redriveTime { executionObject["RedriveTime"] = .string(time) }
        var stateObject: JSONObject = ["Name": .string(stateName), "EnteredTime": .string(stateEnteredTime)]
        if let retries = stateRetryCount { stateObject["RetryCount"] = .int(retries) }
        var object: JSONObject = [
            "Execution": .object(executionObject),
            "StateMachine": ["Id": .string(stateMachineId), "Name": .string(stateMachineName)],
            "State": .object(stateObject),
        ]
        if let taskToken { object["Task"] = ["Token": .string(taskToken)] }
        if let mapItem { object["Map"] = ["Item": ["Index": .int(mapItem.index), "Value": mapItem.value]] }
        return .object(object)
    }
}
