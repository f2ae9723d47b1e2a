/// ExecutionEvent as JSON: what an engine puts in an execution's inbox.
extension ExecutionEvent {
    public var snapshot: JSON {
        switch self {
        case .taskStarted(let t): ["taskStarted": .int(t)]
        case .taskSubmitted(let t, let output): ["taskSubmitted": .int(t), "output": output]
        case .taskSucceeded(let t, let output): ["taskSucceeded": .int(t), "output": output]
        case .taskFailed(let t, let f): ["taskFailed": .int(t), "failure": f.snapshot]
        case .taskTimedOut(let t, let f): ["taskTimedOut": .int(t), "failure": f.snapshot]
        case .timerFired(let t): ["timerFired": .int(t)]
        case .stop(let error, let cause):
            ["stop": true, "error": error.map(JSON.string) ?? .null, "cause": cause.map(JSON.string) ?? .null]
        }
    }

    public init(snapshot json: JSON) throws(SnapshotError) {
        if let t = json["taskStarted"]?.intValue {
            self = .taskStarted(t)
        } else if let t = json["taskSubmitted"]?.intValue {
            self = .taskSubmitted(t, output: try json.field("output"))
        } else if let t = json["taskSucceeded"]?.intValue {
            self = .taskSucceeded(t, output: try json.field("output"))
        } else if let t = json["taskFailed"]?.intValue {
            self = .taskFailed(t, try Failure(snapshot: try json.field("failure")))
        } else if let t = json["taskTimedOut"]?.intValue {
            self = .taskTimedOut(t, try Failure(snapshot: try json.field("failure")))
        } else if let t = json["timerFired"]?.intValue {
            self = .timerFired(t)
        } else if json["stop"] == true {
            self = .stop(error: json["error"]?.stringValue, cause: json["cause"]?.stringValue)
        } else {
            throw SnapshotError()
        }
    }
}
