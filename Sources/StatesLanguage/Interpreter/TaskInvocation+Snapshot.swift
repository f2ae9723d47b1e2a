/// TaskInvocation as JSON: what an engine stores for a dispatch to perform after commit.
extension TaskInvocation {
    public var snapshot: JSON {
        var o: JSONObject = [
            "ticket": .int(ticket), "state": .string(stateName), "resource": .string(resource.arn),
            "parameters": parameters,
        ]
        if let timeoutSeconds { o["timeout"] = .int(timeoutSeconds) }
        if let heartbeatSeconds { o["heartbeat"] = .int(heartbeatSeconds) }
        if let taskToken { o["token"] = .string(taskToken) }
        if let credentials { o["credentials"] = credentials }
        return .object(o)
    }

    public init(snapshot json: JSON) throws(SnapshotError) {
        let resource: TaskResource
        do { resource = try TaskResource(parsingResource: try json.string("resource")) } catch { throw SnapshotError() }
        self.init(
            ticket: try json.int("ticket"), stateName: try json.string("state"), resource: resource,
            parameters: try json.field("parameters"), timeoutSeconds: json["timeout"]?.intValue,
            heartbeatSeconds: json["heartbeat"]?.intValue, taskToken: json["token"]?.stringValue,
            credentials: json["credentials"])
    }
}
