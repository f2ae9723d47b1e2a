"""Requestor queue consumer: starts the simulated external API for each queued request.

Each SQS record's body is the JSON the main workflow sent: {"taskToken": ..., "payload": ...}.
It becomes the input of an execution of the simulator state machine, which calls back later.
"""
import json
import os

import boto3

sfn = boto3.client("stepfunctions", region_name=os.environ.get("AWS_REGION_ID"))


def handler(event, context):
    for record in event["Records"]:
        response = sfn.start_execution(
            stateMachineArn=os.environ["STATE_MACHINE_ARN"],
            input=record["body"],
        )
        print(json.dumps({"messageId": record["messageId"], "executionArn": response["executionArn"]}))
    return {"started": len(event["Records"])}
