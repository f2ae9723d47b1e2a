#!/usr/bin/env python3
"""Smoke test of Stepwise's local SQS (JSON protocol) and SNS (query protocol) with boto3.

Run against a server: `stepwise serve` then
    python3 Tests/IntegrationTests/sqs_sns_smoke.py --endpoint http://127.0.0.1:8083
Exits 0 when every check passed. Not wired into `swift test` yet.
"""
import argparse
import hashlib
import json
import sys
import time
import uuid

import boto3
from botocore.config import Config

failures = []


def check(what, condition):
    print(("PASS " if condition else "FAIL ") + what)
    if not condition:
        failures.append(what)


def expect_error(what, code, call):
    try:
        call()
    except Exception as error:  # botocore.exceptions.ClientError and modeled subclasses
        got = getattr(error, "response", {}).get("Error", {}).get("Code")
        check(f"{what} -> {code} (got {got})", got == code)
        return error
    check(f"{what} -> {code} (no error)", False)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--endpoint", default="http://127.0.0.1:8083")
    parser.add_argument("--region", default="us-east-1")
    args = parser.parse_args()
    kw = dict(endpoint_url=args.endpoint, region_name=args.region, aws_access_key_id="test",
              aws_secret_access_key="test", config=Config(retries={"max_attempts": 1}))
    sqs = boto3.client("sqs", **kw)
    sns = boto3.client("sns", **kw)
    suffix = uuid.uuid4().hex[:8]

    # Queues
    dlq_url = sqs.create_queue(QueueName=f"smoke-dlq-{suffix}")["QueueUrl"]
    dlq_arn = sqs.get_queue_attributes(QueueUrl=dlq_url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    url = sqs.create_queue(QueueName=f"smoke-{suffix}", Attributes={
        "VisibilityTimeout": "1",
        "RedrivePolicy": json.dumps({"deadLetterTargetArn": dlq_arn, "maxReceiveCount": "1"}),
    })["QueueUrl"]
    check("GetQueueUrl", sqs.get_queue_url(QueueName=f"smoke-{suffix}")["QueueUrl"] == url)
    check("ListQueues by prefix", url in sqs.list_queues(QueueNamePrefix="smoke-").get("QueueUrls", []))
    sent = sqs.send_message(QueueUrl=url, MessageBody="derp", MessageAttributes={
        "timestamp": {"DataType": "Number", "StringValue": "1493147359900"}})
    check("MD5OfMessageBody", sent["MD5OfMessageBody"] == hashlib.md5(b"derp").hexdigest())
    check("MD5OfMessageAttributes", sent["MD5OfMessageAttributes"] == "235c5c510d26fb653d073faed50ae77c")
    got = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, WaitTimeSeconds=1, MessageAttributeNames=["All"],
                              MessageSystemAttributeNames=["All"])["Messages"]
    check("ReceiveMessage", len(got) == 1 and got[0]["Body"] == "derp")
    check("ApproximateReceiveCount", got[0]["Attributes"]["ApproximateReceiveCount"] == "1")
    time.sleep(1.2)  # visibility timeout passes; the next receive redrives
    check("redrive: source empty", "Messages" not in sqs.receive_message(QueueUrl=url, WaitTimeSeconds=0))
    dead = sqs.receive_message(QueueUrl=dlq_url, WaitTimeSeconds=1).get("Messages", [])
    check("redrive: in the dead-letter queue", len(dead) == 1 and dead[0]["MessageId"] == sent["MessageId"])
    sqs.delete_message(QueueUrl=dlq_url, ReceiptHandle=dead[0]["ReceiptHandle"])

    batch = sqs.send_message_batch(QueueUrl=url, Entries=[
        {"Id": "a", "MessageBody": "one"}, {"Id": "b", "MessageBody": "two"}])
    check("SendMessageBatch", len(batch["Successful"]) == 2)
    start = time.time()
    check("long poll returns at once when messages wait",
          len(sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, WaitTimeSeconds=10).get("Messages", [])) >= 1
          and time.time() - start < 5)
    sqs.purge_queue(QueueUrl=url)
    attrs = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"]
    check("GetQueueAttributes All", attrs["VisibilityTimeout"] == "1" and "QueueArn" in attrs)

    fifo = sqs.create_queue(QueueName=f"smoke-{suffix}.fifo",
                            Attributes={"FifoQueue": "true", "ContentBasedDeduplication": "true"})["QueueUrl"]
    first = sqs.send_message(QueueUrl=fifo, MessageBody="x", MessageGroupId="g")
    again = sqs.send_message(QueueUrl=fifo, MessageBody="x", MessageGroupId="g")
    check("FIFO deduplication", first["MessageId"] == again["MessageId"] and "SequenceNumber" in first)

    expect_error("missing queue", "AWS.SimpleQueueService.NonExistentQueue",
                 lambda: sqs.get_queue_url(QueueName=f"absent-{suffix}"))
    error = expect_error("modeled exception class", "AWS.SimpleQueueService.NonExistentQueue",
                         lambda: sqs.send_message(QueueUrl=url + "-absent", MessageBody="x"))
    check("QueueDoesNotExist is sqs.exceptions.QueueDoesNotExist", isinstance(error, sqs.exceptions.QueueDoesNotExist))
    expect_error("bad receipt handle", "ReceiptHandleIsInvalid", lambda: sqs.delete_message(QueueUrl=url, ReceiptHandle="nope"))
    expect_error("unknown attribute", "InvalidAttributeName",
                 lambda: sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["Colour"]))

    # Topics
    topic = sns.create_topic(Name=f"smoke-{suffix}")["TopicArn"]
    check("ListTopics", any(t["TopicArn"] == topic for t in sns.list_topics()["Topics"]))
    inbox = sqs.create_queue(QueueName=f"smoke-inbox-{suffix}")["QueueUrl"]
    inbox_arn = sqs.get_queue_attributes(QueueUrl=inbox, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    sub = sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=inbox_arn)["SubscriptionArn"]
    check("ListSubscriptionsByTopic", [s["SubscriptionArn"] for s in sns.list_subscriptions_by_topic(TopicArn=topic)["Subscriptions"]] == [sub])
    published = sns.publish(TopicArn=topic, Message="hello", Subject="hi",
                            MessageAttributes={"k": {"DataType": "String", "StringValue": "v"}})
    envelope = json.loads(sqs.receive_message(QueueUrl=inbox, WaitTimeSeconds=2)["Messages"][0]["Body"])
    check("SNS envelope", envelope["Type"] == "Notification" and envelope["Message"] == "hello"
          and envelope["MessageId"] == published["MessageId"] and envelope["MessageAttributes"]["k"]["Value"] == "v")
    result = sns.publish_batch(TopicArn=topic, PublishBatchRequestEntries=[
        {"Id": "1", "Message": "m1"}, {"Id": "2", "Message": "m2"}])
    check("PublishBatch", len(result["Successful"]) == 2 and not result["Failed"])
    check("GetTopicAttributes", sns.get_topic_attributes(TopicArn=topic)["Attributes"]["SubscriptionsConfirmed"] == "1")
    expect_error("missing topic", "NotFound", lambda: sns.publish(TopicArn=topic + "-absent", Message="x"))
    sns.unsubscribe(SubscriptionArn=sub)
    sns.delete_topic(TopicArn=topic)

    for q in (url, dlq_url, fifo, inbox):
        sqs.delete_queue(QueueUrl=q)
    print(f"{len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
