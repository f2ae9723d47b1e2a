extension ContextObject {
    /// This context with the fields a TestState request's `context` gives laid over it
    /// (`Execution.Id`, `Execution.Name`, `State.EnteredTime`, `Task.Token`, …); fields it
    /// leaves out keep their values. A field of the wrong JSON type is ignored.
    public func overlaid(with context: JSONObject) -> ContextObject {
        var result = self
        if let execution = context["Execution"]?.objectValue {
            if let id = execution["Id"]?.stringValue { result.execution.id = id }
            if let name = execution["Name"]?.stringValue { result.execution.name = name }
            if let input = execution["Input"] { result.execution.input = input }
            if let role = execution["RoleArn"]?.stringValue { result.execution.roleArn = role }
            if let start = execution["StartTime"]?.stringValue { result.execution.startTime = start }
            if let count = execution["RedriveCount"]?.intValue { result.execution.redriveCount = count }
            if let time = execution["RedriveTime"]?.stringValue { result.execution.redriveTime = time }
        }
        if let machine = context["StateMachine"]?.objectValue {
            if let id = machine["Id"]?.stringValue { result.stateMachineId = id }
            if let name = machine["Name"]?.stringValue { result.stateMachineName = name }
        }
        if let state = context["State"]?.objectValue {
            if let time = state["EnteredTime"]?.stringValue { result.stateEnteredTime = time }
        }
        if let token = context["Task"]?["Token"]?.stringValue { result.taskToken = token }
        return result
    }
}
