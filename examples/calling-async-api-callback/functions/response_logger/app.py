"""Response logger: logs every notification the main workflow publishes to the topic."""
import json


def handler(event, context):
    for record in event.get("Records", []):
        print(json.dumps({"statusCode": 200, "body": record["Sns"]["Message"]}))
    return {"statusCode": 200, "body": json.dumps(event)}
