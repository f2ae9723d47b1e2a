import Foundation

/// The sample's main workflow ("Calling Asynchronous API with Callbacks", MIT-0), with its
/// DefinitionSubstitutions filled as a deployment on Stepwise fills them.
enum DemoWorkflow {
    static let definition = #"""
{
    "Comment": "A description of my state machine",
    "StartAt": "Invoke Async API & Wait For CallBack",
    "States": {
      "Invoke Async API & Wait For CallBack": {
        "Type": "Task",
        "Resource": "${SQSSendMessageAction}",
        "Parameters": {
          "QueueUrl": "${SQSQueueURL}",
          "MessageBody": {
            "taskToken.$": "$$.Task.Token",
            "payload.$": "$$.Execution.Input"
          }
        },
        "Next": "Check Response Status",
        "TimeoutSeconds": 300,
        "Catch": [
          {
            "ErrorEquals": [
              "States.Timeout",
              "States.TaskFailed"
            ],
            "Next": "SNS Publish - Send Error Notification"
          }
        ]
      },
      "Check Response Status": {
        "Type": "Choice",
        "Choices": [
          {
            "Variable": "$.status",
            "NumericEquals": 200,
            "Next": "SNS Publish - Send Success Notification"
          }
        ],
        "Default": "SNS Publish - Send Error Notification"
      },
      "SNS Publish - Send Success Notification": {
        "Type": "Task",
        "Resource": "${SNSTopicPublishAction}",
        "Parameters": {
          "TopicArn": "${SNSTopicARN}",
          "Message": {
            "status": 200,
            "message": "API Executed Successfully",
            "body": ""
          }
        },
        "End": true
      },
      "SNS Publish - Send Error Notification": {
        "Type": "Task",
        "Resource": "${SNSTopicPublishAction}",
        "Parameters": {
          "TopicArn": "${SNSTopicARN}",
          "Message": {
            "status": 500,
            "message": "API Failed",
            "body": ""
          }
        },
        "End": true
      }
    }
  }
"""#

    static let substitutions: [String: String] = [
        "${SQSSendMessageAction}": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
        "${SQSQueueURL}": "http://127.0.0.1:8083/123456789012/workflow_requestorQueue",
        "${SNSTopicARN}": "arn:aws:sns:us-east-1:123456789012:workflow_AsyncAPIResponseTopic",
        "${SNSTopicPublishAction}": "arn:aws:states:::sns:publish",
    ]

    static var substitutedDefinition: String {
        substitutions.reduce(definition) { $0.replacingOccurrences(of: $1.key, with: $1.value) }
    }
}
