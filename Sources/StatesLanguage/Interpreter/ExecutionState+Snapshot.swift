/// ExecutionState as JSON, so an engine can store it between steps and resume it in
/// another process (or on another node).
extension ExecutionState {
    /// The state as a JSON value (compact keys; not meant for people).
    public var snapshot: JSON {
        var object: JSONObject = [
            "ctx": [
                "id": .string(context.execution.id), "name": .string(context.execution.name),
                "input": context.execution.input, "role": .string(context.execution.roleArn),
                "start": .string(context.execution.startTime), "redrive": context.execution.redriveCount.map(JSON.int) ?? .null,
                "sm": .string(context.stateMachineId), "smName": .string(context.stateMachineName),
            ],
            "nextFrame": .int(nextFrameID), "nextEvent": .int(nextEventID), "nextTicket": .int(nextTicket),
            "transitions": .int(transitions),
            "awaited": .array(awaited.sorted { $0.key < $1.key }.map { [.int($0.key), .int($0.value)] }),
            "frames": .array(frames.values.sorted { $0.id < $1.id }.map(\.snapshot)),
            "fanOuts": .array(fanOuts.sorted { $0.key < $1.key }.map { id, fanOut in
                var o = fanOut.snapshot
                o["frame"] = .int(id)
                return .object(o)
            }),
        ]
        if let outcome { object["outcome"] = outcome.snapshot }
        if let redriveTime = context.execution.redriveTime { object["redriveTime"] = .string(redriveTime) }
        return .object(object)
    }

    /// Restores a state from ``snapshot``, for the same definition.
    public init(snapshot json: JSON, machine: StateMachine) throws(SnapshotError) {
        let ctx = try json.field("ctx")
        var context = ContextObject(
            execution: .init(id: try ctx.string("id"), name: try ctx.string("name"), input: try ctx.field("input"),
                             roleArn: try ctx.string("role"), startTime: try ctx.string("start"),
                             redriveCount: ctx["redrive"]?.intValue),
            stateMachineId: try ctx.string("sm"), stateMachineName: try ctx.string("smName"))
        context.execution.redriveTime = json["redriveTime"]?.stringValue
        self.init(context: context)
        nextFrameID = try json.int("nextFrame")
        nextEventID = try json.int("nextEvent")
        nextTicket = try json.int("nextTicket")
        transitions = try json.int("transitions")
        for pair in try json.array("awaited") {
            guard case .array(let p) = pair, p.count == 2, let t = p[0].intValue, let f = p[1].intValue else { throw SnapshotError() }
            awaited[t] = f
        }
        for frame in try json.array("frames") {
            let f = try Frame(snapshot: frame, machine: machine)
            frames[f.id] = f
        }
        for fanOut in try json.array("fanOuts") {
            fanOuts[try fanOut.int("frame")] = try FanOut(snapshot: fanOut)
        }
        if let outcome = json["outcome"] { self.outcome = try ExecutionOutcome(snapshot: outcome) }
    }
}

/// A snapshot that does not describe an execution of this definition.
public struct SnapshotError: Error, Sendable, CustomStringConvertible {
    public var description: String { "The stored execution state is not readable for this state machine." }
}

extension Frame {
    var snapshot: JSON {
        var o: JSONObject = [
            "id": .int(id), "graph": .int(graph), "state": .int(state), "input": input,
            "entered": .int(enteredEventID), "time": .string(enteredTime), "last": .int(lastEventID),
            "retries": .array(retryCounts.map { .int($0) }),
        ]
        if let parent { o["parent"] = .int(parent) }
        if silent { o["silent"] = true }
        if started { o["started"] = true }
        if let variables { o["vars"] = ["outer": .object(variables.outer), "own": .object(variables.own)] }
        switch role {
        case .root: break
        case .branch(let i): o["branch"] = .int(i)
        case .iteration(let i): o["iteration"] = .int(i)
        }
        switch awaiting {
        case .nothing: break
        case .task(let ticket, _): o["task"] = .int(ticket)
        case .timer(let ticket, let purpose): o["timer"] = [.int(ticket), .string(purpose.name)]
        case .children: o["children"] = true
        }
        return .object(o)
    }

    init(snapshot json: JSON, machine: StateMachine) throws(SnapshotError) {
        let role: Role
        if let i = json["branch"]?.intValue { role = .branch(index: i) } else if let i = json["iteration"]?.intValue {
            role = .iteration(index: i)
        } else {
            role = .root
        }
        let graph = try json.int("graph")
        let state = try json.int("state")
        guard graph >= 0, graph < machine.graphs.count, state >= 0, state < machine.graphs[graph].states.count else {
            throw SnapshotError()
        }
        self.init(id: try json.int("id"), parent: json["parent"]?.intValue, role: role, graph: graph, state: state, input: try json.field("input"))
        silent = json["silent"] == true
        started = json["started"] == true
        // Snapshots from before variables existed have none.
        if let vars = json["vars"] {
            guard let outer = vars["outer"]?.objectValue, let own = vars["own"]?.objectValue else { throw SnapshotError() }
            variables = VariableScope(outer: outer, own: own)
        }
        enteredEventID = try json.int("entered")
        enteredTime = try json.string("time")
        lastEventID = try json.int("last")
        retryCounts = try json.array("retries").map { v throws(SnapshotError) in
            guard let i = v.intValue else { throw SnapshotError() }
            return i
        }
        if let ticket = json["task"]?.intValue {
            guard case .task(let task) = machine.graphs[graph].states[state].kind else { throw SnapshotError() }
            awaiting = .task(ticket, task.resource)
        } else if case .array(let t)? = json["timer"], t.count == 2, let ticket = t[0].intValue,
            let purpose = t[1].stringValue.flatMap(TimerRequest.Purpose.init(name:))
        {
            awaiting = .timer(ticket, purpose)
        } else if json["children"] == true {
            awaiting = .children
        }
    }
}

extension FanOut {
    var snapshot: JSONObject {
        var o: JSONObject = [
            "pending": .array(pending), "started": .int(pendingStart),
            "running": .array(running.sorted().map { .int($0) }),
            "results": .array(results.map { $0.map { ["r": $0] } ?? .null }),
            "failures": .int(failures), "max": .int(maxConcurrency), "map": .bool(isMap), "distributed": .bool(distributed),
        ]
        if let toleratedFailures { o["tolerated"] = .int(toleratedFailures) }
        return o
    }

    init(snapshot json: JSON) throws(SnapshotError) {
        let running = try json.array("running").compactMap(\.intValue)
        self.init(
            pending: try json.array("pending"), pendingStart: try json.int("started"), running: Set(running),
            results: try json.array("results").map { $0["r"] }, failures: try json.int("failures"),
            maxConcurrency: try json.int("max"), toleratedFailures: json["tolerated"]?.intValue,
            isMap: json["map"] == true, distributed: json["distributed"] == true)
    }
}

extension TimerRequest.Purpose {
    var name: String {
        switch self {
        case .wait: "wait"
        case .retry: "retry"
        case .executionTimeout: "timeout"
        }
    }

    init?(name: String) {
        switch name {
        case "wait": self = .wait
        case "retry": self = .retry
        case "timeout": self = .executionTimeout
        default: return nil
        }
    }
}

extension ExecutionOutcome {
    var snapshot: JSON {
        switch self {
        case .succeeded(let output): ["status": "SUCCEEDED", "output": output]
        case .failed(let f): ["status": "FAILED", "failure": f.snapshot]
        case .timedOut(let f): ["status": "TIMED_OUT", "failure": f?.snapshot ?? .null]
        case .aborted(let f): ["status": "ABORTED", "failure": f?.snapshot ?? .null]
        }
    }

    init(snapshot json: JSON) throws(SnapshotError) {
        switch try json.string("status") {
        case "SUCCEEDED": self = .succeeded(output: try json.field("output"))
        case "FAILED": self = .failed(try Failure(snapshot: try json.field("failure")))
        case "TIMED_OUT":
            let f = json["failure"] ?? .null
            self = .timedOut(f.isNull ? nil : try Failure(snapshot: f))
        case "ABORTED":
            let f = json["failure"] ?? .null
            self = .aborted(f.isNull ? nil : try Failure(snapshot: f))
        default: throw SnapshotError()
        }
    }
}

extension Failure {
    /// `{"error": …, "cause": …}`.
    public var snapshot: JSON {
        var o: JSONObject = ["error": .string(error.rawValue)]
        if let cause { o["cause"] = .string(cause) }
        return .object(o)
    }

    public init(snapshot json: JSON) throws(SnapshotError) {
        self.init(ErrorName(try json.string("error")), cause: json["cause"]?.stringValue)
    }
}

extension JSON {
    func field(_ key: String) throws(SnapshotError) -> JSON {
        guard let v = self[key] else { throw SnapshotError() }
        return v
    }
    func string(_ key: String) throws(SnapshotError) -> String {
        guard let v = self[key]?.stringValue else { throw SnapshotError() }
        return v
    }
    func int(_ key: String) throws(SnapshotError) -> Int {
        guard let v = self[key]?.intValue else { throw SnapshotError() }
        return v
    }
    func array(_ key: String) throws(SnapshotError) -> [JSON] {
        guard let v = self[key]?.arrayValue else { throw SnapshotError() }
        return v
    }
}
