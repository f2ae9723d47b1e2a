// SendTaskSuccess, SendTaskFailure, SendTaskHeartbeat.

struct SendTaskSuccessInput: ValidatedRequest, Encodable {
    var taskToken: String?
    var output: String?

    func validate(_ v: inout FieldValidator) {
        v.taskToken(taskToken)
        v.payload("output", output, required: true)
    }
}

struct SendTaskFailureInput: ValidatedRequest, Encodable {
    var taskToken: String?
    var error: String?
    var cause: String?

    func validate(_ v: inout FieldValidator) {
        v.taskToken(taskToken)
        v.error(error, cause: cause)
    }
}

struct SendTaskHeartbeatInput: ValidatedRequest, Encodable {
    var taskToken: String?
    func validate(_ v: inout FieldValidator) { v.taskToken(taskToken) }
}
