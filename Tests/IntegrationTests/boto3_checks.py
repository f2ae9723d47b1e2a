"""Drives a running `stepwise serve` with boto3: the happy path of every supported
operation and the AWS error codes botocore reports for its refusals.

Run by ServeIntegrationTests (Swift); by hand:
    python3 Tests/IntegrationTests/boto3_checks.py --endpoint http://127.0.0.1:8083
Prints one line per check, then 'N passed, N failed'. Exit status 1 when any failed.
"""
import argparse
import json
import sys
import time
import uuid

import boto3
import botocore.config
from botocore.exceptions import ClientError

ROLE = "arn:aws:iam::123456789012:role/stepwise"
PASS = json.dumps({"StartAt": "P", "States": {"P": {"Type": "Pass", "End": True}}})

results = []


def check(name):
    def wrap(fn):
        try:
            fn()
            results.append((name, None))
        except Exception as e:  # noqa: BLE001 - each check reports its own failure
            results.append((name, f"{type(e).__name__}: {e}"))
        return fn
    return wrap


def expect_error(code, call, **kwargs):
    try:
        call(**kwargs)
    except ClientError as e:
        got = e.response["Error"]["Code"]
        assert got == code, f"expected {code}, got {got}: {e.response['Error'].get('Message')}"
        assert e.response["ResponseMetadata"]["HTTPStatusCode"] == 400, e.response["ResponseMetadata"]
        return e.response["Error"].get("Message", "")
    raise AssertionError(f"expected {code}, the call succeeded")


def wait_for_end(sfn, arn):
    for _ in range(500):
        d = sfn.describe_execution(executionArn=arn)
        if d["status"] != "RUNNING":
            return d
        time.sleep(0.01)
    raise AssertionError(f"{arn} did not end")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--endpoint", required=True)
    args = parser.parse_args()
    config = botocore.config.Config(inject_host_prefix=False, retries={"max_attempts": 1})
    sfn = boto3.client("stepfunctions", endpoint_url=args.endpoint, region_name="us-east-1",
                       aws_access_key_id="test", aws_secret_access_key="test", config=config)
    run = uuid.uuid4().hex[:8]
    sm = {}

    @check("create/describe/update/list/delete state machines")
    def _():
        arn = sfn.create_state_machine(name=f"sm-{run}", definition=PASS, roleArn=ROLE,
                                       tags=[{"key": "team", "value": "core"}])["stateMachineArn"]
        sm["arn"] = arn
        d = sfn.describe_state_machine(stateMachineArn=arn)
        assert d["name"] == f"sm-{run}" and d["type"] == "STANDARD", d
        assert hasattr(d["creationDate"], "year"), d["creationDate"]
        # Idempotent create: same answer.
        assert sfn.create_state_machine(name=f"sm-{run}", definition=PASS, roleArn=ROLE)["stateMachineArn"] == arn
        u = sfn.update_state_machine(stateMachineArn=arn, definition=PASS)
        assert "updateDate" in u
        names = [m["name"] for p in sfn.get_paginator("list_state_machines").paginate(PaginationConfig={"PageSize": 1})
                 for m in p["stateMachines"]]
        assert f"sm-{run}" in names, names
        other = sfn.create_state_machine(name=f"gone-{run}", definition=PASS, roleArn=ROLE)["stateMachineArn"]
        sfn.delete_state_machine(stateMachineArn=other)
        expect_error("StateMachineDoesNotExist", sfn.describe_state_machine, stateMachineArn=other)

    @check("state machine errors")
    def _():
        expect_error("InvalidDefinition", sfn.create_state_machine, name=f"bad-{run}", definition='{"StartAt":"X","States":{}}', roleArn=ROLE)
        expect_error("InvalidName", sfn.create_state_machine, name="has space", definition=PASS, roleArn=ROLE)
        expect_error("StateMachineAlreadyExists", sfn.create_state_machine, name=f"sm-{run}",
                     definition=json.dumps({"StartAt": "S", "States": {"S": {"Type": "Succeed"}}}), roleArn=ROLE)
        expect_error("InvalidArn", sfn.describe_state_machine, stateMachineArn="not:an:arn")
        expect_error("MissingRequiredParameter", sfn.update_state_machine, stateMachineArn=sm["arn"])

    @check("validate-state-machine-definition")
    def _():
        assert sfn.validate_state_machine_definition(definition=PASS)["result"] == "OK"
        r = sfn.validate_state_machine_definition(definition='{"StartAt":"X","States":{"A":{"Type":"Succeed"}}}')
        assert r["result"] == "FAIL" and r["diagnostics"][0]["severity"] == "ERROR", r

    @check("executions: start, describe, list with filters, history with paging")
    def _():
        arns = [sfn.start_execution(stateMachineArn=sm["arn"], name=f"e{i}", input=json.dumps({"i": i}))["executionArn"] for i in range(3)]
        for arn in arns:
            d = wait_for_end(sfn, arn)
            assert d["status"] == "SUCCEEDED" and json.loads(d["output"])["i"] in (0, 1, 2), d
        listed = [e["executionArn"] for p in sfn.get_paginator("list_executions").paginate(
            stateMachineArn=sm["arn"], statusFilter="SUCCEEDED", PaginationConfig={"PageSize": 2}) for e in p["executions"]]
        assert sorted(listed) == sorted(arns), listed
        events = [e for p in sfn.get_paginator("get_execution_history").paginate(
            executionArn=arns[0], PaginationConfig={"PageSize": 1}) for e in p["events"]]
        assert [e["type"] for e in events] == ["ExecutionStarted", "PassStateEntered", "PassStateExited", "ExecutionSucceeded"], events
        assert json.loads(events[0]["executionStartedEventDetails"]["input"]) == {"i": 0}, events[0]
        rev = sfn.get_execution_history(executionArn=arns[0], reverseOrder=True, includeExecutionData=False)["events"]
        assert rev[0]["type"] == "ExecutionSucceeded" and "output" not in rev[0].get("executionSucceededEventDetails", {}), rev[0]
        sfe = sfn.describe_state_machine_for_execution(executionArn=arns[0])
        assert sfe["stateMachineArn"] == sm["arn"], sfe

    @check("execution errors")
    def _():
        expect_error("ExecutionDoesNotExist", sfn.describe_execution, executionArn=sm["arn"].replace(":stateMachine:", ":execution:") + ":nope")
        expect_error("InvalidExecutionInput", sfn.start_execution, stateMachineArn=sm["arn"], input="{broken")
        expect_error("ExecutionAlreadyExists", sfn.start_execution, stateMachineArn=sm["arn"], name="e0", input='{"other":1}')
        expect_error("StateMachineDoesNotExist", sfn.start_execution, stateMachineArn=sm["arn"] + "x")
        expect_error("InvalidToken", sfn.list_executions, stateMachineArn=sm["arn"], nextToken="garbage")

    @check("stop-execution")
    def _():
        waits = sfn.create_state_machine(name=f"wait-{run}", roleArn=ROLE, definition=json.dumps(
            {"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 3600, "End": True}}}))["stateMachineArn"]
        arn = sfn.start_execution(stateMachineArn=waits)["executionArn"]
        assert "stopDate" in sfn.stop_execution(executionArn=arn, error="E", cause="C")
        d = wait_for_end(sfn, arn)
        assert d["status"] == "ABORTED", d

    @check("activities and task tokens: get-activity-task, heartbeat, success, failure")
    def _():
        act = sfn.create_activity(name=f"act-{run}")["activityArn"]
        assert sfn.describe_activity(activityArn=act)["name"] == f"act-{run}"
        assert act in [a["activityArn"] for a in sfn.list_activities()["activities"]]
        machine = sfn.create_state_machine(name=f"act-sm-{run}", roleArn=ROLE, definition=json.dumps(
            {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": act, "End": True}}}))["stateMachineArn"]
        for outcome in ("success", "failure"):
            arn = sfn.start_execution(stateMachineArn=machine)["executionArn"]
            token = None
            for _ in range(20):
                token = sfn.get_activity_task(activityArn=act, workerName="py").get("taskToken")
                if token:
                    break
            assert token, "no task"
            sfn.send_task_heartbeat(taskToken=token)
            if outcome == "success":
                sfn.send_task_success(taskToken=token, output='{"ok":1}')
                assert wait_for_end(sfn, arn)["status"] == "SUCCEEDED"
                expect_error("TaskTimedOut", sfn.send_task_success, taskToken=token, output="{}")
            else:
                sfn.send_task_failure(taskToken=token, error="Boom", cause="why")
                d = wait_for_end(sfn, arn)
                assert d["status"] == "FAILED" and d["error"] == "Boom", d
        expect_error("InvalidToken", sfn.send_task_success, taskToken="forged", output="{}")
        expect_error("InvalidToken", sfn.send_task_heartbeat, taskToken="forged")
        sfn.delete_activity(activityArn=act)
        expect_error("ActivityDoesNotExist", sfn.describe_activity, activityArn=act)

    @check("tags")
    def _():
        sfn.tag_resource(resourceArn=sm["arn"], tags=[{"key": "env", "value": "dev"}])
        tags = sfn.list_tags_for_resource(resourceArn=sm["arn"])["tags"]
        assert tags == [{"key": "env", "value": "dev"}, {"key": "team", "value": "core"}], tags
        sfn.untag_resource(resourceArn=sm["arn"], tagKeys=["env"])
        assert sfn.list_tags_for_resource(resourceArn=sm["arn"])["tags"] == [{"key": "team", "value": "core"}]
        expect_error("ResourceNotFound", sfn.list_tags_for_resource, resourceArn=sm["arn"] + "x")

    @check("express: start-sync-execution")
    def _():
        express = sfn.create_state_machine(name=f"fast-{run}", definition=PASS, roleArn=ROLE, type="EXPRESS")["stateMachineArn"]
        r = sfn.start_sync_execution(stateMachineArn=express, input='{"x":1}')
        assert r["status"] == "SUCCEEDED" and json.loads(r["output"]) == {"x": 1}, r
        expect_error("StateMachineTypeNotSupported", sfn.start_sync_execution, stateMachineArn=sm["arn"])

    @check("versions and aliases: publish, list, alias, start through it")
    def _():
        versioned = sfn.create_state_machine(name=f"versioned-{run}", definition=PASS, roleArn=ROLE, publish=True)
        version = versioned["stateMachineVersionArn"]
        assert version == versioned["stateMachineArn"] + ":1", versioned
        listed = sfn.list_state_machine_versions(stateMachineArn=versioned["stateMachineArn"])["stateMachineVersions"]
        assert [v["stateMachineVersionArn"] for v in listed] == [version], listed
        alias = sfn.create_state_machine_alias(name="live", routingConfiguration=[{"stateMachineVersionArn": version, "weight": 100}])
        started = sfn.start_execution(stateMachineArn=alias["stateMachineAliasArn"], input='{"x":1}')
        described = sfn.describe_execution(executionArn=started["executionArn"])
        assert described["stateMachineAliasArn"] == alias["stateMachineAliasArn"], described
        assert described["stateMachineVersionArn"] == version, described
        expect_error("ConflictException", sfn.delete_state_machine_version, stateMachineVersionArn=version)
        expect_error("ValidationException", sfn.create_state_machine_alias, name="bad",
                     routingConfiguration=[{"stateMachineVersionArn": version, "weight": 50}])

    @check("logging: history events in CloudWatch Logs, InvalidLoggingConfiguration")
    def _():
        logs = boto3.client("logs", endpoint_url=args.endpoint, region_name="us-east-1",
                            aws_access_key_id="test", aws_secret_access_key="test", config=config)
        group = f"/aws/vendedlogs/states/checks-{run}"
        logs.create_log_group(logGroupName=group)
        group_arn = logs.describe_log_groups(logGroupNamePrefix=group)["logGroups"][0]["arn"]
        logging = {"level": "ALL", "includeExecutionData": True,
                   "destinations": [{"cloudWatchLogsLogGroup": {"logGroupArn": group_arn}}]}
        message = expect_error("InvalidLoggingConfiguration", sfn.create_state_machine, name=f"nolog-{run}",
                               definition=PASS, roleArn=ROLE, loggingConfiguration={"level": "ALL"})
        assert message == "Invalid Logging Configuration: Must specify exactly one Log Destination.", message
        gone = {**logging, "destinations": [{"cloudWatchLogsLogGroup": {"logGroupArn": group_arn.replace(group, group + "-gone")}}]}
        message = expect_error("InvalidLoggingConfiguration", sfn.create_state_machine, name=f"nolog-{run}",
                               definition=PASS, roleArn=ROLE, loggingConfiguration=gone)
        assert message == "Invalid Logging Configuration: Log Destination not found.", message
        logged = sfn.create_state_machine(name=f"logged-{run}", definition=PASS, roleArn=ROLE,
                                          loggingConfiguration=logging)["stateMachineArn"]
        described = sfn.describe_state_machine(stateMachineArn=logged)["loggingConfiguration"]
        assert described == logging, described
        arn = sfn.start_execution(stateMachineArn=logged, input='{"x":1}')["executionArn"]
        wait_for_end(sfn, arn)
        events = []
        for _ in range(200):
            events = logs.filter_log_events(logGroupName=group)["events"]
            if len(events) == 4:
                break
            time.sleep(0.01)
        messages = [json.loads(e["message"]) for e in events]
        assert [m["type"] for m in messages] == ["ExecutionStarted", "PassStateEntered", "PassStateExited", "ExecutionSucceeded"], messages
        assert all(m["execution_arn"] == arn for m in messages), messages
        assert messages[0]["details"]["input"] == '{"x":1}' and messages[0]["id"] == "1", messages[0]
        assert events[0]["logStreamName"].startswith(f"states/logged-{run}/"), events[0]

    @check("test_state")
    def _():
        choice = json.dumps({"Type": "Choice", "Default": "Other",
                             "Choices": [{"Variable": "$.n", "NumericGreaterThan": 1, "Next": "Big"}]})
        r = sfn.test_state(definition=choice, input='{"n":2}', inspectionLevel="DEBUG")
        assert r["status"] == "SUCCEEDED" and r["nextState"] == "Big", r
        assert json.loads(r["output"]) == {"n": 2} and json.loads(r["inspectionData"]["afterInputPath"]) == {"n": 2}, r
        task = json.dumps({"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": True,
                           "Retry": [{"ErrorEquals": ["Lambda.TooManyRequestsException"], "IntervalSeconds": 2, "MaxAttempts": 2}],
                           "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Failed", "ResultPath": "$.error"}]})
        mock = {"errorOutput": {"error": "Lambda.TooManyRequestsException", "cause": "slow down"}}
        r = sfn.test_state(definition=task, input='{"a":1}', inspectionLevel="DEBUG", mock=mock)
        assert r["status"] == "RETRIABLE" and r["inspectionData"]["errorDetails"] == {"retryIndex": 0, "retryBackoffIntervalSeconds": 2}, r
        r = sfn.test_state(definition=task, input='{"a":1}', mock=mock, stateConfiguration={"retrierRetryCount": 2})
        assert r["status"] == "CAUGHT_ERROR" and r["nextState"] == "Failed" and r["error"] == "Lambda.TooManyRequestsException", r
        assert json.loads(r["output"]) == {"a": 1, "error": {"Error": "Lambda.TooManyRequestsException", "Cause": "slow down"}}, r
        r = sfn.test_state(definition=task, mock={"result": '{"Payload": 7}'})
        assert r["status"] == "SUCCEEDED" and json.loads(r["output"]) == {"Payload": 7} and "inspectionData" not in r, r
        message = expect_error("ValidationException", sfn.test_state, definition=task)
        assert message == "RoleArn must be specified when testing a Task state", message
        expect_error("InvalidDefinition", sfn.test_state, definition='{"Type": "Pass"}')

    @check("operations not supported yet name themselves")
    def _():
        message = expect_error("UnsupportedOperation", sfn.list_map_runs, executionArn=sm["arn"].replace(":stateMachine:", ":execution:") + ":x")
        assert "ListMapRuns" in message, message

    for name, failure in results:
        print(f"{'PASS' if failure is None else 'FAIL'} {name}" + (f": {failure}" if failure else ""))
    failed = sum(1 for _, f in results if f)
    print(f"{len(results) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
