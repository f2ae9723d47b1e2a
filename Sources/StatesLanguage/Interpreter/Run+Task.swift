/// Task states: resolve the call, hand it to the engine, take its outcome.
extension Run {
    mutating func startTask(_ id: FrameID, _ s: StateBox, _ task: TaskState) throws(Failure) {
        if case .activity(let arn) = task.resource.kind, environment.missingActivities.contains(arn) {
            throw runtimeFailure(id, "The activity \(arn) does not exist.")
        }
        let effective = s.isJSONata ? input(id) : try applyInputPath(s, id)
        let ticket = newTicket(for: id)
        // `.sync` Tasks get a token too: AWS lets SendTaskSuccess/Failure end them early
        // (`$$.Task.Token` is set for them).
        let needsToken = task.resource.pattern != .requestResponse || task.resource.isActivity
        let token = needsToken ? environment.taskToken(ticket) : nil
        var parameters = effective
        do {
            if let template = task.parameters {
                parameters = try evaluate(template, scope(id, input: effective, token: token), id)
            } else if let arguments = task.arguments {
                parameters = try evaluate(arguments, field: "Arguments", jsonataBindings(id, input: effective, token: token), id)
            }
        } catch {
            state.awaited[ticket] = nil
            throw error
        }
        var timeout: Int?
        var heartbeat: Int?
        do {
            if let source = task.timeoutSeconds { timeout = try integer(source, field: "TimeoutSeconds", effective, id) }
            if let source = task.heartbeatSeconds { heartbeat = try integer(source, field: "HeartbeatSeconds", effective, id) }
        } catch {
            state.awaited[ticket] = nil
            throw error
        }
        if timeout == nil, task.resource.isActivity || task.resource.pattern == .waitForTaskToken {
            timeout = nil  // AWS's default: 99999999 s, i.e. bounded only by the execution.
        }
        state.frames[id]!.awaiting = .task(ticket, task.resource)
        var details: JSONObject = [:]
        switch task.resource.kind {
        case .activity, .function:
            details["resource"] = .string(task.resource.arn)
            details["input"] = .string(parameters.serialized)
            details["inputDetails"] = ["truncated": false]
        case .integration(let service, _):
            details["resourceType"] = .string(service)
            details["resource"] = .string(task.resource.actionName)
            details["region"] = .string(environment.region)
            details["parameters"] = .string(parameters.serialized)
        }
        if let timeout { details["timeoutInSeconds"] = .int(timeout) }
        if let heartbeat { details["heartbeatInSeconds"] = .int(heartbeat) }
        record(id, HistoryEventType(rawValue: task.resource.eventPrefix + "Scheduled"), .object(details))
        effects.append(.invoke(TaskInvocation(
            ticket: ticket, stateName: s.name, resource: task.resource, parameters: parameters,
            timeoutSeconds: timeout, heartbeatSeconds: heartbeat, taskToken: token, credentials: task.credentials)))
    }

    mutating func taskSucceeded(_ id: FrameID, output reported: JSON) {
        guard let frame = state.frames[id], case .task(_, let resource) = frame.awaiting else { return }
        state.frames[id]!.awaiting = .nothing
        let output = resource.result(reported)
        let s = program.state(frame.graph, frame.state)
        guard case .task(let task) = s.kind else { return }
        record(id, HistoryEventType(rawValue: resource.eventPrefix + "Succeeded"),
               resource.eventDetails(["output": .string(output.serialized), "outputDetails": ["truncated": false]]))
        do throws(Failure) {
            try checkSize(output, of: s)
            let (stateOutput, assigned) = s.isJSONata
                ? try jsonataExit(s, input: frame.input, result: output, id)
                : try self.output(of: s, result: output, selector: task.resultSelector, resultPath: task.resultPath, id)
            try exit(id, output: stateOutput, assigned: assigned)
        } catch {
            failEvaluation(id, error)
        }
    }

    mutating func taskFailed(_ id: FrameID, _ failure: Failure, suffix: String) {
        guard let frame = state.frames[id], case .task(_, let resource) = frame.awaiting else { return }
        state.frames[id]!.awaiting = .nothing
        // A missed heartbeat is reported as States.Timeout (as AWS records it), but
        // `States.HeartbeatTimeout` in ErrorEquals still tells it apart.
        let reported = failure.error == .heartbeatTimeout ? Failure(.timeout, cause: failure.cause) : failure
        // SendTaskFailure may leave out the error: the event then has no `error` either.
        var details: JSONObject = reported.error.rawValue.isEmpty ? [:] : ["error": .string(reported.error.rawValue)]
        if let cause = reported.cause { details["cause"] = .string(cause) }
        record(id, HistoryEventType(rawValue: resource.eventPrefix + suffix), resource.eventDetails(details))
        fail(id, reported, matching: failure.error)
    }
}

extension TaskResource {
    var isActivity: Bool { if case .activity = kind { true } else { false } }

    /// A Task's result as the pattern shapes it: `.sync:2` hands a child execution's
    /// `Input` and `Output` back as JSON where `.sync` has them as text (AWS: "the
    /// `.sync:2` integration pattern returns the output as JSON").
    func result(_ reported: JSON) -> JSON {
        guard pattern == .sync2, case .object(var description) = reported else { return reported }
        for key in ["Input", "Output"] {
            if let text = description[key]?.stringValue, let parsed = try? JSON(parsing: text) { description[key] = parsed }
        }
        return .object(description)
    }

    /// `Activity`, `LambdaFunction` or `Task`: the prefix of this resource's history
    /// events (`ActivityScheduled`, `LambdaFunctionSucceeded`, `TaskSubmitted`, …).
    var eventPrefix: String {
        switch kind {
        case .activity: "Activity"
        case .function: "LambdaFunction"
        case .integration: "Task"
        }
    }


    /// Event details for `…Started/Succeeded/Failed`: Task events name the integration.
    func eventDetails(_ extra: JSONObject) -> JSON {
        guard case .integration(let service, _) = kind else { return .object(extra) }
        var details: JSONObject = ["resourceType": .string(service), "resource": .string(actionName)]
        details.merge(extra) { _, new in new }
        return .object(details)
    }
}
