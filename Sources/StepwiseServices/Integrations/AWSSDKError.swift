import Foundation
import StepwiseEngine
import StatesLanguage

/// How Step Functions names the errors of AWS SDK integrations (`aws-sdk:<service>:<action>`):
/// `<ServiceName>.<ErrorName>`, both in PascalCase, the error name always ending in
/// `Exception` even where the service's model leaves the suffix off
/// (`Sqs.QueueDoesNotExistException`), and an error the service does not model named after
/// the SDK's base exception (`Sqs.SqsException`). The cause is the AWS SDK for Java v2's
/// message.
enum AWSSDKError {
    static func failure(service: String, exception: String?, message: String, status: Int) -> Failure {
        let name: String
        if let exception {
            name = exception.hasSuffix("Exception") ? exception : exception + "Exception"
        } else {
            name = "\(service)Exception"
        }
        return Failure(ErrorName("\(service).\(name)"),
                       cause: "\(message) (Service: \(service), Status Code: \(status), Request ID: \(RandomBytes.uuidString()))")
    }

    /// Step Functions' names for actions are the operations' names in camelCase.
    static func operation(_ action: String) -> String {
        action.prefix(1).uppercased() + action.dropFirst()
    }

    /// An action of a service this integration does not implement.
    static func unsupported(service: String, action: String) -> Failure {
        Failure(ErrorName("\(service).\(service)Exception"),
                cause: "Stepwise does not support the AWS SDK action \(service.lowercased()):\(action) yet.")
    }
}
