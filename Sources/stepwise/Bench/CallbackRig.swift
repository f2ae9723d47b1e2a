import Foundation
import StatesLanguage

/// The resources of a callback benchmark on any Step Functions + SQS endpoint: a queue and
/// a STANDARD state machine whose Task is `sqs:sendMessage.waitForTaskToken` (the message
/// carries `TaskToken.$: $$.Task.Token` and the execution's `seq`), then a Choice on the
/// callback's `status` (200 → Succeed, else Fail).
struct CallbackRig: Sendable {
    static let roleArn = "arn:aws:iam::123456789012:role/stepwise-bench"
    /// The output every worker sends back with SendTaskSuccess (as sfn_bench.py does).
    static let callbackOutput = #"{"status":200}"#

    let client: AWSBenchClient
    let runID: String
    let queueURL: String
    let machineArn: String

    /// Creates the queue and the state machine (names carry `runID`).
    static func create(client: AWSBenchClient, runID: String, taskTimeoutSeconds: Int) async throws(AWSBenchError) -> CallbackRig {
        let queue = try await client.call(.sqs, "CreateQueue", ["QueueName": .string("stepwise-bench-\(runID)")])
        guard let queueURL = queue["QueueUrl"]?.stringValue else {
            throw AWSBenchError(operation: "CreateQueue", code: "NoQueueUrl", status: 200, message: "the answer has no QueueUrl")
        }
        let machine = try await client.call(.stepFunctions, "CreateStateMachine", [
            "name": .string("stepwise-bench-\(runID)"), "roleArn": .string(roleArn), "type": "STANDARD",
            "definition": .string(definition(queueURL: queueURL, taskTimeoutSeconds: taskTimeoutSeconds)),
        ])
        guard let arn = machine["stateMachineArn"]?.stringValue else {
            throw AWSBenchError(operation: "CreateStateMachine", code: "NoArn", status: 200, message: "the answer has no stateMachineArn")
        }
        return CallbackRig(client: client, runID: runID, queueURL: queueURL, machineArn: arn)
    }

    static func definition(queueURL: String, taskTimeoutSeconds: Int) -> String {
        let task: JSONObject = [
            "Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
            "Parameters": ["QueueUrl": .string(queueURL), "MessageBody": ["TaskToken.$": "$$.Task.Token", "Seq.$": "$.seq"]],
            "TimeoutSeconds": .number(.int(taskTimeoutSeconds)), "Next": "Check",
        ]
        let check: JSONObject = [
            "Type": "Choice", "Choices": [["Variable": "$.status", "NumericEquals": 200, "Next": "Done"]], "Default": "Failed",
        ]
        return JSON.object([
            "Comment": "stepwise bench callback", "StartAt": "Wait for callback",
            "States": ["Wait for callback": .object(task), "Check": .object(check), "Done": ["Type": "Succeed"],
                       "Failed": ["Type": "Fail", "Error": "Bench.UnexpectedCallback", "Cause": "status was not 200"]],
        ]).serialized
    }

    /// The execution name of sequence number `seq`.
    func executionName(_ seq: Int) -> String { "\(runID)-\(seq)" }

    func startExecution(_ seq: Int) async throws(AWSBenchError) -> String {
        let answer = try await client.call(.stepFunctions, "StartExecution", [
            "stateMachineArn": .string(machineArn), "name": .string(executionName(seq)),
            "input": .string(#"{"seq":\#(seq)}"#),
        ])
        return answer["executionArn"]?.stringValue ?? ""
    }

    /// Deletes the state machine and the queue (best effort).
    func delete() async {
        _ = try? await client.call(.stepFunctions, "DeleteStateMachine", ["stateMachineArn": .string(machineArn)])
        _ = try? await client.call(.sqs, "DeleteQueue", ["QueueUrl": .string(queueURL)])
    }

    /// Messages in the queue (visible), from GetQueueAttributes.
    func visibleMessages() async throws(AWSBenchError) -> Int {
        let answer = try await client.call(.sqs, "GetQueueAttributes", [
            "QueueUrl": .string(queueURL), "AttributeNames": ["ApproximateNumberOfMessages"],
        ])
        return answer["Attributes"]?["ApproximateNumberOfMessages"]?.stringValue.flatMap { Int($0) } ?? 0
    }

    /// Whether any execution of the machine is still RUNNING (one ListExecutions page of one).
    func anyRunning() async throws(AWSBenchError) -> Bool {
        let page = try await client.call(.stepFunctions, "ListExecutions", [
            "stateMachineArn": .string(machineArn), "statusFilter": "RUNNING", "maxResults": 1,
        ])
        return !(page["executions"]?.arrayValue ?? []).isEmpty
    }

    /// Every execution with `status`: name → stopDate (epoch seconds), page by page.
    func executions(status: String) async throws(AWSBenchError) -> [String: Double] {
        var found: [String: Double] = [:]
        var token: String?
        repeat {
            var request: JSONObject = ["stateMachineArn": .string(machineArn), "statusFilter": .string(status), "maxResults": 1000]
            if let token { request["nextToken"] = .string(token) }
            let page = try await client.call(.stepFunctions, "ListExecutions", request)
            for execution in page["executions"]?.arrayValue ?? [] {
                guard let name = execution["name"]?.stringValue else { continue }
                found[name] = execution["stopDate"].flatMap(epochSeconds) ?? 0
            }
            token = page["nextToken"]?.stringValue
        } while token != nil
        return found
    }
}

/// An API timestamp as epoch seconds: AWS JSON sends numbers; some emulators send ISO 8601.
func epochSeconds(_ value: JSON) -> Double? {
    if let number = value.numberValue { return number.doubleValue }
    guard let text = value.stringValue else { return nil }
    if let seconds = Double(text) { return seconds }
    let parser = ISO8601DateFormatter()
    parser.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    if let date = parser.date(from: text) { return date.timeIntervalSince1970 }
    parser.formatOptions = [.withInternetDateTime]
    return parser.date(from: text)?.timeIntervalSince1970
}
