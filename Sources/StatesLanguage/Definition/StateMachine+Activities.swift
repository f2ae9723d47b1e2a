extension StateMachine {
    /// The activities the machine's Task states call, in every graph (Map and Parallel
    /// branches included): what the engine checks exist before it steps an execution.
    public var activityArns: Set<String> {
        var arns: Set<String> = []
        for graph in graphs {
            for state in graph.states {
                if case .task(let task) = state.kind, case .activity(let arn) = task.resource.kind { arns.insert(arn) }
            }
        }
        return arns
    }
}
