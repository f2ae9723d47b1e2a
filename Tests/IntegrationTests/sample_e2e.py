"""Drives the deployed calling-async-api-callback example end to end with boto3.

Usage: sample_e2e.py --endpoint URL --paths success,failure,timeout
The stack must be deployed with CallbackTimeoutSeconds small (the timeout path waits for it).
Prints one line per check; exits 1 on the first path that misbehaves.
"""
import argparse
import json
import sys
import time

import boto3

parser = argparse.ArgumentParser()
parser.add_argument("--endpoint", required=True)
parser.add_argument("--paths", default="success,failure,timeout")
parser.add_argument("--deadline", type=float, default=60.0)
args = parser.parse_args()

session = boto3.session.Session(aws_access_key_id="test", aws_secret_access_key="test", region_name="us-east-1")
sfn = session.client("stepfunctions", endpoint_url=args.endpoint)
logs = session.client("logs", endpoint_url=args.endpoint)
lam = session.client("lambda", endpoint_url=args.endpoint)

machines = {m["name"]: m["stateMachineArn"] for m in sfn.list_state_machines()["stateMachines"]}
main_arn = next(arn for name, arn in machines.items() if "WorkflowAsyncAPICallbackPattern" in name)
logger = next(f["FunctionName"] for f in lam.list_functions()["Functions"] if "WorkflowResponseLogger" in f["FunctionName"])
log_group = f"/aws/lambda/{logger}"

PATHS = {
    # input, the task's outcome, the notification published
    "success": ({"waitTime": 1, "status": "success"}, "TaskSucceeded", "API Executed Successfully"),
    "failure": ({"waitTime": 0, "status": "failure"}, "TaskFailed", "API Failed"),
    # The simulator waits far longer than the workflow's CallbackTimeoutSeconds.
    "timeout": ({"waitTime": 3600, "status": "success"}, "TaskTimedOut", "API Failed"),
}


def wait_for_end(arn):
    deadline = time.time() + args.deadline
    while time.time() < deadline:
        described = sfn.describe_execution(executionArn=arn)
        if described["status"] != "RUNNING":
            return described
        time.sleep(0.1)
    raise SystemExit(f"FAIL {arn} still RUNNING after {args.deadline}s")


def logged_messages():
    try:
        events = logs.filter_log_events(logGroupName=log_group)["events"]
    except logs.exceptions.ResourceNotFoundException:
        return []
    return [e["message"] for e in events]


def notifications():
    """The `message` of every notification the logger printed."""
    found = []
    for line in logged_messages():
        try:
            body = json.loads(json.loads(line)["body"])
        except (ValueError, KeyError, TypeError):
            continue
        if isinstance(body, dict) and "message" in body:
            found.append(body["message"])
    return found


failures = 0
for name in args.paths.split(","):
    execution_input, task_event, notification = PATHS[name]
    before = len(notifications())
    arn = sfn.start_execution(stateMachineArn=main_arn, name=f"e2e-{name}-{int(time.time() * 1000)}",
                              input=json.dumps(execution_input))["executionArn"]
    described = wait_for_end(arn)
    events = sfn.get_execution_history(executionArn=arn, maxResults=1000)["events"]
    types = [e["type"] for e in events]
    # The waiting task's outcome: the first task event after the message was sent.
    after_submit = types[types.index("TaskSubmitted") + 1:] if "TaskSubmitted" in types else []
    outcome = after_submit[0] if after_submit else None
    deadline = time.time() + 20
    while len(notifications()) <= before and time.time() < deadline:
        time.sleep(0.1)
    seen = notifications()[before:]
    ok = described["status"] == "SUCCEEDED" and outcome == task_event and seen == [notification]
    print(f"{'ok' if ok else 'FAIL'} {name}: status={described['status']} task={outcome} notifications={seen}")
    if not ok:
        print("history:", types)
        failures += 1
sys.exit(1 if failures else 0)
