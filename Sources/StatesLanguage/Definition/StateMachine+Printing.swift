extension StateMachine {
    /// The definition as ASL JSON; parsing it again gives an equal model.
    ///
    /// Defaults are left out (`InputPath: "$"`, `ResultPath: "$"`, a Retrier's
    /// `MaxAttempts: 3`, …), `null` paths are printed as `null`, and the legacy forms of
    /// a Map (`Iterator`, `Parameters`) are printed as `ItemProcessor` and `ItemSelector`,
    /// which mean the same.
    public var definitionJSON: JSON {
        var object: JSONObject = [:]
        if let comment { object["Comment"] = .string(comment) }
        if queryLanguage != .jsonPath { object["QueryLanguage"] = .string(queryLanguage.rawValue) }
        if let version { object["Version"] = .string(version) }
        if let timeoutSeconds { object["TimeoutSeconds"] = .int(timeoutSeconds) }
        for (key, value) in graphJSON(0) { object[key] = value }
        return .object(object)
    }

    /// `Comment`, `ProcessorConfig`, `StartAt` and `States` of one graph.
    func graphJSON(_ id: GraphID) -> JSONObject {
        let graph = graphs[id]
        var object: JSONObject = [:]
        if let comment = graph.comment { object["Comment"] = .string(comment) }
        if let config = graph.processorConfig {
            var c: JSONObject = ["Mode": .string(config.mode.rawValue)]
            if let type = config.executionType { c["ExecutionType"] = .string(type.rawValue) }
            object["ProcessorConfig"] = .object(c)
        }
        if graph.states.indices.contains(graph.startAt) { object["StartAt"] = .string(graph.states[graph.startAt].name) }
        var states: JSONObject = [:]
        for state in graph.states { states[state.name] = .object(stateJSON(state, in: graph)) }
        object["States"] = .object(states)
        return object
    }

    private func stateJSON(_ state: State, in graph: StateGraph) -> JSONObject {
        var o: JSONObject = ["Type": .string(state.typeName)]
        if let comment = state.comment { o["Comment"] = .string(comment) }
        if let language = state.queryLanguage { o["QueryLanguage"] = .string(language.rawValue) }
        if state.inputPath != .root { o["InputPath"] = state.inputPath.map { .string($0.source) } ?? .null }
        if state.outputPath != .root { o["OutputPath"] = state.outputPath.map { .string($0.source) } ?? .null }
        if let assign = state.assign { o["Assign"] = assign }
        if let output = state.output { o["Output"] = output.source }
        let name = { (index: Int) -> JSON in .string(graph.states[index].name) }
        switch state.kind {
        case .pass(let pass):
            o["Parameters"] = pass.parameters?.source
            o["Result"] = pass.result
            Self.put(pass.resultPath, "ResultPath", into: &o)
        case .task(let task):
            o["Resource"] = .string(task.resource.arn)
            o["Parameters"] = task.parameters?.source
            o["Arguments"] = task.arguments?.source
            o["ResultSelector"] = task.resultSelector?.source
            Self.put(task.resultPath, "ResultPath", into: &o)
            Self.put(task.timeoutSeconds, "TimeoutSeconds", into: &o)
            Self.put(task.heartbeatSeconds, "HeartbeatSeconds", into: &o)
            o["Credentials"] = task.credentials
            putErrorHandling(task.retry, task.catch, graph: graph, into: &o)
        case .choice(let choice):
            o["Choices"] = .array(choice.choices.map { branch in
                var rule = branch.rule.source.objectValue ?? [:]
                rule["Next"] = name(branch.next)
                return .object(rule)
            })
            o["Default"] = choice.defaultState.map(name)
        case .wait(let wait):
            switch wait.duration {
            case .seconds(let s): o["Seconds"] = .int(s)
            case .secondsPath(let p): o["SecondsPath"] = .string(p.source)
            case .timestamp(let text, _): o["Timestamp"] = .string(text)
            case .timestampPath(let p): o["TimestampPath"] = .string(p.source)
            case .secondsExpression(let e): o["Seconds"] = e.source
            case .timestampExpression(let e): o["Timestamp"] = e.source
            }
        case .succeed:
            break
        case .fail(let fail):
            Self.put(fail.error, "Error", into: &o)
            Self.put(fail.cause, "Cause", into: &o)
        case .parallel(let parallel):
            o["Branches"] = .array(parallel.branches.map { .object(graphJSON($0)) })
            o["Parameters"] = parallel.parameters?.source
            o["Arguments"] = parallel.arguments?.source
            o["ResultSelector"] = parallel.resultSelector?.source
            Self.put(parallel.resultPath, "ResultPath", into: &o)
            putErrorHandling(parallel.retry, parallel.catch, graph: graph, into: &o)
        case .map(let map):
            putMap(map, graph: graph, into: &o)
        }
        switch state.transition {
        case .next(let index)?: o["Next"] = name(index)
        case .end?: o["End"] = true
        case nil: break
        }
        return o
    }

    private func putMap(_ map: MapState, graph: StateGraph, into o: inout JSONObject) {
        o["ItemProcessor"] = .object(graphJSON(map.processor))
        if map.itemsPath != .root { o["ItemsPath"] = .string(map.itemsPath.source) }
        o["Items"] = map.items?.source
        o["ItemSelector"] = map.itemSelector?.source ?? map.itemExpressions?.source
        o["ResultSelector"] = map.resultSelector?.source
        Self.put(map.resultPath, "ResultPath", into: &o)
        Self.put(map.maxConcurrency, "MaxConcurrency", into: &o)
        Self.put(map.toleratedFailureCount, "ToleratedFailureCount", into: &o)
        switch map.toleratedFailurePercentage {
        case .literal(let d)?:
            o["ToleratedFailurePercentage"] = d.rounded() == d ? .int(Int(d)) : .double(d)
        case .path(let p)?: o["ToleratedFailurePercentagePath"] = .string(p.source)
        case .expression(let e)?: o["ToleratedFailurePercentage"] = e.source
        case nil: break
        }
        o["ItemReader"] = map.itemReader
        o["ResultWriter"] = map.resultWriter
        o["ItemBatcher"] = map.itemBatcher
        if let label = map.label { o["Label"] = .string(label) }
        putErrorHandling(map.retry, map.catch, graph: graph, into: &o)
    }

    private func putErrorHandling(_ retry: [Retrier], _ catchers: [Catcher], graph: StateGraph,
                                  into o: inout JSONObject) {
        if !retry.isEmpty { o["Retry"] = .array(retry.map { .object(Self.retrierJSON($0)) }) }
        if !catchers.isEmpty {
            o["Catch"] = .array(catchers.map { catcher in
                var c: JSONObject = ["ErrorEquals": .array(catcher.errorEquals.map { .string($0.rawValue) })]
                Self.put(catcher.resultPath, "ResultPath", into: &c)
                c["Next"] = .string(graph.states[catcher.next].name)
                if let assignment = catcher.assignment { c["Assign"] = assignment.source }
                if let output = catcher.output { c["Output"] = output.source }
                return .object(c)
            })
        }
    }

    private static func retrierJSON(_ r: Retrier) -> JSONObject {
        var o: JSONObject = ["ErrorEquals": .array(r.errorEquals.map { .string($0.rawValue) })]
        if r.intervalSeconds != 1 { o["IntervalSeconds"] = .int(r.intervalSeconds) }
        if r.maxAttempts != 3 { o["MaxAttempts"] = .int(r.maxAttempts) }
        if r.backoffRate != 2.0 { o["BackoffRate"] = .double(r.backoffRate) }
        if let delay = r.maxDelaySeconds { o["MaxDelaySeconds"] = .int(delay) }
        if r.jitterStrategy != .none { o["JitterStrategy"] = .string(r.jitterStrategy.rawValue) }
        return o
    }

    private static func put(_ path: ResultPath, _ key: String, into o: inout JSONObject) {
        switch path {
        case .discard: o[key] = .null
        case .path(let p) where p != .root: o[key] = .string(p.source)
        case .path: break
        }
    }

    private static func put(_ source: IntegerSource?, _ key: String, into o: inout JSONObject) {
        switch source {
        case .literal(let i)?: o[key] = .int(i)
        case .path(let p)?: o[key + "Path"] = .string(p.source)
        case .expression(let e)?: o[key] = e.source
        case nil: break
        }
    }

    private static func put(_ source: StringSource?, _ key: String, into o: inout JSONObject) {
        switch source {
        case .literal(let s)?: o[key] = .string(s)
        case .path(let p)?: o[key + "Path"] = .string(p.source)
        case .intrinsic(let call)?: o[key + "Path"] = .string(call.source)
        case .expression(let e)?: o[key] = e.source
        case nil: break
        }
    }
}
