"""Callback simulator: the external API finishing its work and calling the workflow back.

The event is the simulator execution's input: {"taskToken": ..., "payload": {"status": ...}}.
Status "success" completes the waiting task; anything else fails it.
"""
import json
import os

import boto3

sfn = boto3.client("stepfunctions", region_name=os.environ.get("AWS_REGION_ID"))


def handler(event, context):
    token = event["taskToken"]
    status = event.get("payload", {}).get("status")
    if status == "success":
        output = {"status": 200, "payload": {"body": "sample sucess message"}}
        sfn.send_task_success(taskToken=token, output=json.dumps(output))
        print(json.dumps({"callback": "SendTaskSuccess", "output": output}))
        return output
    sfn.send_task_failure(taskToken=token, error="sample error message", cause="sample error message")
    print(json.dumps({"callback": "SendTaskFailure", "status": status}))
    return {"status": 500}
