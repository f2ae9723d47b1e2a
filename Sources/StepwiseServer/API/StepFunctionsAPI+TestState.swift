import Foundation
import StatesLanguage
import StepwiseEngine

extension StepFunctionsAPI {
    /// TestState: runs one state (``StateTest``) on the request's input, variables and
    /// context, with its work mocked or (a Task without a mock) really done, and answers
    /// its status, output, next state and, at DEBUG and TRACE, its data-flow stages.
    ///
    /// TRACE adds an HTTP Task's request and response on AWS; Stepwise has no HTTP Task,
    /// so TRACE answers as DEBUG.
    func testState(_ input: TestStateInput) async throws -> TestStateOutput {
        if let roleArn = input.roleArn, !roleArn.hasPrefix("arn:") { throw StepFunctionsError.invalidArn(roleArn) }
        let test = try Self.refusing { () throws(StateTestRefusal) in
            try StateTest(definition: input.definition ?? "", stateName: input.stateName)
        }
        let mock = try Self.mock(input.mock, for: test.state)
        try Self.refusing { () throws(StateTestRefusal) in
            try test.check(mock: mock, hasRoleArn: input.roleArn != nil, revealSecrets: input.revealSecrets == true)
        }
        let stateInput: JSON
        do { stateInput = try JSON(parsing: input.input ?? "{}") } catch {
            throw StepFunctionsError(.invalidExecutionInput, "Invalid State Machine Execution Input: 'Input is not valid JSON'")
        }
        var variables: JSONObject = [:]
        if let text = input.variables {
            guard let object = (try? JSON(parsing: text))?.objectValue else {
                throw StepFunctionsError(.validation, "Variables must be a JSON object literal")
            }
            variables = object
        }
        var context = engine.testStateContext(input: stateInput, roleArn: input.roleArn)
        if let text = input.context {
            // AWS: the context "may only be specified if a mock is specified in the same request".
            guard mock != nil else { throw StepFunctionsError(.validation, "A context object can only be specified when a mock is specified.") }
            guard let object = (try? JSON(parsing: text))?.objectValue else {
                throw StepFunctionsError(.validation, "Invalid Context object provided: it must be a JSON object")
            }
            context = context.overlaid(with: object)
        }
        let request = StateTestRequest(input: stateInput, variables: variables, context: context, mock: mock,
                                       retrierRetryCount: input.stateConfiguration?.retrierRetryCount ?? 0)
        let result = await engine.testState(test, request)
        let level = input.inspectionLevel.flatMap(StateTestInspectionLevel.init(rawValue:)) ?? .info
        return TestStateOutput(result, level: level)
    }

    /// The request's mock, checked as AWS checks it.
    ///
    /// `fieldValidationMode` (STRICT by default) checks a mocked result against the API's
    /// response shape on AWS. Stepwise carries no API models of the services: STRICT and
    /// PRESENT check that a service integration's mocked result is a JSON object (every AWS
    /// API answers one); NONE checks nothing more than that the result is JSON.
    static func mock(_ mock: TestStateInput.Mock?, for state: State) throws(StepFunctionsError) -> StateTestMock? {
        guard let mock else { return nil }
        switch (mock.result, mock.errorOutput) {
        case (let text?, nil):
            guard let result = try? JSON(parsing: text) else { throw StepFunctionsError(.validation, "Mocked result must be valid JSON") }
            if mock.fieldValidationMode != "NONE", case .task(let task) = state.kind, case .integration = task.resource.kind,
               result.objectValue == nil {
                throw StepFunctionsError(.validation, "Mock result schema validation error: the result of \(task.resource.arn) must be a JSON object")
            }
            return .result(result)
        case (nil, let output?):
            guard let error = output.error else {
                throw StepFunctionsError(.validation, "A mocked errorOutput must have an error.")
            }
            return .error(Failure(ErrorName(error), cause: output.cause))
        case (_?, _?):
            throw StepFunctionsError(.validation, "A test mock should have only one of the following fields: [result, errorOutput].")
        case (nil, nil):
            throw StepFunctionsError(.validation, "A test mock should have one of the following fields: [result, errorOutput].")
        }
    }

    /// Runs `body`, turning a refusal into AWS's exception.
    static func refusing<T>(_ body: () throws(StateTestRefusal) -> T) throws(StepFunctionsError) -> T {
        do { return try body() } catch {
            switch error {
            case .invalidDefinition(let message): throw StepFunctionsError(.invalidDefinition, message)
            case .validation(let message): throw StepFunctionsError(.validation, message)
            }
        }
    }
}

extension TestStateOutput {
    /// The answer at `level`: INFO leaves out the inspection data.
    init(_ result: StateTestResult, level: StateTestInspectionLevel) {
        self.init(output: result.output?.serialized, error: result.error, cause: result.cause,
                  inspectionData: level == .info ? nil : Inspection(result.inspection),
                  nextState: result.nextState, status: result.status.rawValue)
    }
}

extension TestStateOutput.Inspection {
    init(_ data: StateInspection) {
        var details: ErrorDetails?
        if data.catchIndex != nil || data.retryIndex != nil {
            details = ErrorDetails(catchIndex: data.catchIndex, retryIndex: data.retryIndex,
                                   retryBackoffIntervalSeconds: data.retryBackoffIntervalSeconds)
        }
        self.init(input: data.input?.serialized, afterInputPath: data.afterInputPath?.serialized,
                  afterParameters: data.afterParameters?.serialized, afterArguments: data.afterArguments?.serialized,
                  result: data.result?.serialized,
                  afterResultSelector: data.afterResultSelector?.serialized,
                  afterResultPath: data.afterResultPath?.serialized,
                  variables: data.variables.map { JSON.object($0).serialized }, errorDetails: details,
                  afterItemsPath: data.afterItemsPath?.serialized, toleratedFailureCount: data.toleratedFailureCount,
                  toleratedFailurePercentage: data.toleratedFailurePercentage, maxConcurrency: data.maxConcurrency)
    }
}
