// TestState.

struct TestStateInput: ValidatedRequest {
    struct Mock: Codable, Sendable {
        struct ErrorOutput: Codable, Sendable {
            var error: String?
            var cause: String?
        }

        var result: String?
        var errorOutput: ErrorOutput?
        var fieldValidationMode: String?
    }

    struct Configuration: Codable, Sendable {
        var retrierRetryCount: Int?
        var errorCausedByState: String?
        var mapIterationFailureCount: Int?
        var mapItemReaderData: String?
    }

    var definition: String?
    var roleArn: String?
    var input: String?
    var inspectionLevel: String?
    var revealSecrets: Bool?
    var variables: String?
    var stateName: String?
    var mock: Mock?
    var context: String?
    var stateConfiguration: Configuration?

    func validate(_ v: inout FieldValidator) {
        v.length("definition", definition, min: 1, max: 1_048_576, required: true)
        v.arn("roleArn", roleArn, required: false)
        v.payload("input", input)
        v.oneOf("inspectionLevel", inspectionLevel, ["INFO", "DEBUG", "TRACE"])
        v.payload("variables", variables)
        v.length("stateName", stateName, min: 1, max: 80)
        v.payload("context", context)
        if let mock {
            v.payload("mock.result", mock.result)
            v.oneOf("mock.fieldValidationMode", mock.fieldValidationMode, ["STRICT", "PRESENT", "NONE"])
            if let output = mock.errorOutput { v.error(output.error, cause: output.cause) }
        }
        if let configuration = stateConfiguration {
            v.range("stateConfiguration.retrierRetryCount", configuration.retrierRetryCount, min: 0)
            v.range("stateConfiguration.mapIterationFailureCount", configuration.mapIterationFailureCount, min: 0)
            v.length("stateConfiguration.errorCausedByState", configuration.errorCausedByState, min: 1, max: 80)
            v.payload("stateConfiguration.mapItemReaderData", configuration.mapItemReaderData)
        }
    }
}

struct TestStateOutput: Encodable {
    struct Inspection: Encodable {
        struct ErrorDetails: Encodable {
            var catchIndex: Int?
            var retryIndex: Int?
            var retryBackoffIntervalSeconds: Int?
        }

        // Every stage is a JSON text (the model's SensitiveData).
        var input: String?
        var afterInputPath: String?
        var afterParameters: String?
        var afterArguments: String?
        var result: String?
        var afterResultSelector: String?
        var afterResultPath: String?
        var variables: String?
        var errorDetails: ErrorDetails?
        var afterItemsPath: String?
        var toleratedFailureCount: Int?
        var toleratedFailurePercentage: Double?
        var maxConcurrency: Int?
    }

    var output: String?
    var error: String?
    var cause: String?
    var inspectionData: Inspection?
    var nextState: String?
    var status: String
}
