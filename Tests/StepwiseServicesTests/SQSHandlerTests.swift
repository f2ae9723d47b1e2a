import Foundation
import StepwiseServices
import Testing

@Suite struct SQSHandlerTests {
    @Test("CreateQueue, GetQueueUrl, SendMessage, ReceiveMessage and DeleteMessage round-trip over the JSON protocol")
    func roundTrip() async throws {
        let h = try ServicesHarness()
        defer { h.tearDown() }
        let created = await h.sqsCall("CreateQueue", #"{"QueueName":"wire","Attributes":{"VisibilityTimeout":"45"}}"#)
        #expect(created.status == 200)
        #expect(created.json["QueueUrl"] as? String == "http://127.0.0.1:8083/123456789012/wire")
        #expect(created.headers["Content-Type"] == "application/x-amz-json-1.0")
        let url = try #require(created.json["QueueUrl"] as? String)
        #expect(await h.sqsCall("GetQueueUrl", #"{"QueueName":"wire"}"#).json["QueueUrl"] as? String == url)

        let sent = await h.sqsCall("SendMessage", """
            {"QueueUrl":"\(url)","MessageBody":"derp","MessageAttributes":{"timestamp":{"DataType":"Number","StringValue":"1493147359900"}}}
            """)
        #expect(sent.json["MD5OfMessageBody"] as? String == "58fd9edd83341c29f1aebba81c31e257")
        #expect(sent.json["MD5OfMessageAttributes"] as? String == "235c5c510d26fb653d073faed50ae77c")
        #expect(sent.json["MessageId"] is String)

        let received = await h.sqsCall("ReceiveMessage", """
            {"QueueUrl":"\(url)","MaxNumberOfMessages":5,"MessageAttributeNames":["All"],"MessageSystemAttributeNames":["SentTimestamp","ApproximateReceiveCount"]}
            """)
        let messages = try #require(received.json["Messages"] as? [[String: Any]])
        #expect(messages.count == 1)
        let message = try #require(messages.first)
        #expect(message["Body"] as? String == "derp")
        #expect(message["MD5OfBody"] as? String == "58fd9edd83341c29f1aebba81c31e257")
        #expect(message["MD5OfMessageAttributes"] as? String == "235c5c510d26fb653d073faed50ae77c")
        let attributes = try #require(message["Attributes"] as? [String: String])
        #expect(attributes["ApproximateReceiveCount"] == "1")
        #expect(attributes["SentTimestamp"] == "1767225600000")
        #expect(attributes["SenderId"] == nil)
        let handle = try #require(message["ReceiptHandle"] as? String)

        let queueAttributes = await h.sqsCall("GetQueueAttributes", #"{"QueueUrl":"\#(url)","AttributeNames":["All"]}"#)
        let all = try #require(queueAttributes.json["Attributes"] as? [String: String])
        #expect(all["VisibilityTimeout"] == "45")
        #expect(all["ApproximateNumberOfMessagesNotVisible"] == "1")
        #expect(all["CreatedTimestamp"] == "1767225600")

        #expect(await h.sqsCall("DeleteMessage", #"{"QueueUrl":"\#(url)","ReceiptHandle":"\#(handle)"}"#).status == 200)
        let empty = await h.sqsCall("ReceiveMessage", #"{"QueueUrl":"\#(url)"}"#)
        #expect(empty.status == 200)
        #expect(empty.json["Messages"] == nil)
    }

    @Test("SetQueueAttributes and DeleteQueue are seen by the very next call, though queue records are cached")
    func attributeChangesSeenAtOnce() async throws {
        let h = try ServicesHarness()
        defer { h.tearDown() }
        let url = try #require(await h.sqsCall("CreateQueue", #"{"QueueName":"cached"}"#).json["QueueUrl"] as? String)
        #expect(await h.sqsCall("SendMessage", #"{"QueueUrl":"\#(url)","MessageBody":"now"}"#).status == 200)
        #expect(await h.sqsCall("SetQueueAttributes", #"{"QueueUrl":"\#(url)","Attributes":{"DelaySeconds":"60"}}"#).status == 200)
        #expect(await h.sqsCall("SendMessage", #"{"QueueUrl":"\#(url)","MessageBody":"later"}"#).status == 200)
        let counts = try #require(await h.sqsCall("GetQueueAttributes", #"{"QueueUrl":"\#(url)","AttributeNames":["All"]}"#)
            .json["Attributes"] as? [String: String])
        #expect(counts["DelaySeconds"] == "60")
        #expect(counts["ApproximateNumberOfMessages"] == "1")
        #expect(counts["ApproximateNumberOfMessagesDelayed"] == "1")
        #expect(await h.sqsCall("DeleteQueue", #"{"QueueUrl":"\#(url)"}"#).status == 200)
        let gone = await h.sqsCall("SendMessage", #"{"QueueUrl":"\#(url)","MessageBody":"lost"}"#)
        #expect(gone.status == 400)
        #expect((gone.json["__type"] as? String)?.hasSuffix("QueueDoesNotExist") == true)
    }

    @Test("a missing queue is QueueDoesNotExist, with the legacy code in x-amzn-query-error as botocore expects")
    func queueDoesNotExist() async throws {
        let h = try ServicesHarness()
        defer { h.tearDown() }
        let response = await h.sqsCall("SendMessage", #"{"QueueUrl":"http://127.0.0.1:8083/123456789012/nope","MessageBody":"x"}"#)
        #expect(response.status == 400)
        #expect(response.json["__type"] as? String == "com.amazonaws.sqs#QueueDoesNotExist")
        #expect(response.json["message"] as? String == "The specified queue does not exist.")
        #expect(response.headers["x-amzn-query-error"] == "AWS.SimpleQueueService.NonExistentQueue;Sender")
        let url = await h.sqsCall("GetQueueUrl", #"{"QueueName":"nope"}"#)
        #expect(url.json["__type"] as? String == "com.amazonaws.sqs#QueueDoesNotExist")
    }

    @Test("errors carry SQS's codes", arguments: [
        ("CreateQueue", #"{"QueueName":"q","Attributes":{"Nope":"1"}}"#, "com.amazonaws.sqs#InvalidAttributeName", "InvalidAttributeName;Sender"),
        ("CreateQueue", #"{"QueueName":"bad name"}"#, "com.amazonaws.sqs#InvalidParameterValue", "InvalidParameterValue;Sender"),
        ("SendMessage", #"{"QueueUrl":"/123456789012/existing","MessageBody":""}"#, "com.amazonaws.sqs#MissingParameter", "MissingParameter;Sender"),
        ("ReceiveMessage", #"{"QueueUrl":"/123456789012/existing","MaxNumberOfMessages":11}"#, "com.amazonaws.sqs#InvalidParameterValue", "InvalidParameterValue;Sender"),
        ("DeleteMessage", #"{"QueueUrl":"/123456789012/existing","ReceiptHandle":"garbage"}"#, "com.amazonaws.sqs#ReceiptHandleIsInvalid", "ReceiptHandleIsInvalid;Sender"),
        ("SendMessageBatch", #"{"QueueUrl":"/123456789012/existing","Entries":[]}"#, "com.amazonaws.sqs#EmptyBatchRequest", "AWS.SimpleQueueService.EmptyBatchRequest;Sender"),
        ("GetQueueAttributes", #"{"QueueUrl":"/123456789012/existing","AttributeNames":["Colour"]}"#, "com.amazonaws.sqs#InvalidAttributeName", "InvalidAttributeName;Sender"),
        ("Frobnicate", "{}", "com.amazonaws.sqs#InvalidAction", "InvalidAction;Sender"),
    ])
    func errors(operation: String, body: String, type: String, queryError: String) async throws {
        let h = try ServicesHarness()
        defer { h.tearDown() }
        _ = await h.sqsCall("CreateQueue", #"{"QueueName":"existing"}"#)
        let response = await h.sqsCall(operation, body)
        #expect(response.status == 400)
        #expect(response.json["__type"] as? String == type)
        #expect(response.headers["x-amzn-query-error"] == queryError)
        #expect(response.json["message"] is String)
    }

    @Test("batches answer per entry: SendMessageBatch, DeleteMessageBatch and ChangeMessageVisibilityBatch")
    func batches() async throws {
        let h = try ServicesHarness()
        defer { h.tearDown() }
        let url = try #require(await h.sqsCall("CreateQueue", #"{"QueueName":"batch"}"#).json["QueueUrl"] as? String)
        let sent = await h.sqsCall("SendMessageBatch", """
            {"QueueUrl":"\(url)","Entries":[{"Id":"a","MessageBody":"one"},{"Id":"b","MessageBody":""},{"Id":"c","MessageBody":"three"}]}
            """)
        let successful = try #require(sent.json["Successful"] as? [[String: Any]])
        let failed = try #require(sent.json["Failed"] as? [[String: Any]])
        #expect(successful.compactMap { $0["Id"] as? String } == ["a", "c"])
        #expect(successful.first?["MD5OfMessageBody"] as? String == "f97c5d29941bfb1b2fdab0874906ab82")
        #expect(failed.first?["Id"] as? String == "b")
        #expect(failed.first?["Code"] as? String == "MissingParameter")
        #expect(failed.first?["SenderFault"] as? Bool == true)

        let received = await h.sqsCall("ReceiveMessage", #"{"QueueUrl":"\#(url)","MaxNumberOfMessages":10}"#)
        let handles = (received.json["Messages"] as? [[String: Any]] ?? []).compactMap { $0["ReceiptHandle"] as? String }
        #expect(handles.count == 2)
        let changed = await h.sqsCall("ChangeMessageVisibilityBatch", """
            {"QueueUrl":"\(url)","Entries":[{"Id":"x","ReceiptHandle":"\(handles[0])","VisibilityTimeout":60},{"Id":"y","ReceiptHandle":"bad"}]}
            """)
        #expect((changed.json["Successful"] as? [[String: Any]])?.count == 1)
        #expect((changed.json["Failed"] as? [[String: Any]])?.first?["Code"] as? String == "ReceiptHandleIsInvalid")
        let deleted = await h.sqsCall("DeleteMessageBatch", """
            {"QueueUrl":"\(url)","Entries":[{"Id":"x","ReceiptHandle":"\(handles[0])"},{"Id":"y","ReceiptHandle":"\(handles[1])"}]}
            """)
        #expect((deleted.json["Successful"] as? [[String: Any]])?.count == 2)
        #expect((deleted.json["Failed"] as? [[String: Any]])?.isEmpty == true)
    }

    @Test("ListQueues filters by prefix and pages with MaxResults; DeleteQueue removes a queue")
    func listAndDelete() async throws {
        let h = try ServicesHarness()
        defer { h.tearDown() }
        for name in ["app-a", "app-b", "other"] { _ = await h.sqsCall("CreateQueue", #"{"QueueName":"\#(name)"}"#) }
        let listed = await h.sqsCall("ListQueues", #"{"QueueNamePrefix":"app-"}"#)
        #expect((listed.json["QueueUrls"] as? [String])?.count == 2)
        let paged = await h.sqsCall("ListQueues", #"{"MaxResults":2}"#)
        #expect((paged.json["QueueUrls"] as? [String])?.count == 2)
        let token = try #require(paged.json["NextToken"] as? String)
        let rest = await h.sqsCall("ListQueues", #"{"MaxResults":2,"NextToken":"\#(token)"}"#)
        #expect(rest.json["QueueUrls"] as? [String] == ["http://127.0.0.1:8083/123456789012/other"])
        #expect(await h.sqsCall("DeleteQueue", #"{"QueueUrl":"/123456789012/other"}"#).status == 200)
        #expect(await h.sqsCall("GetQueueUrl", #"{"QueueName":"other"}"#).status == 400)
    }
}
