/// Local services that share the engine's store, so that a Task that sends a message and
/// the message itself are committed together: queues (SQS), topics (SNS), Lambda-style
/// functions and their logs (CloudWatch Logs), and the Step Functions integrations that
/// reach them.
public enum StepwiseServices {}
