import Foundation
import OrderedCollections

/// One state run on its own, as Step Functions' `TestState` API runs it: the state's data
/// flow, its outcome (`SUCCEEDED`, `FAILED`, `RETRIABLE`, `CAUGHT_ERROR`), the state it
/// would go to next, and what each stage of its input and output processing produced.
///
/// Pure, like ``Interpreter``: it runs the state with the interpreter's own data-flow
/// functions (InputPath, Parameters, ResultSelector, ResultPath, OutputPath, Assign,
/// Choice rules, Retry and Catch matching). A Task without a mock needs its resource
/// called: ``start(_:now:environment:)`` then hands back a ``StateTestCall`` for the
/// engine to make, and ``finish(_:outcome:now:environment:)`` completes the test with the
/// call's outcome. Nothing waits: a Wait state's duration is checked, not waited for.
public struct StateTest: Sendable {
    /// The definition the state belongs to (a single-state definition is wrapped into one).
    public let machine: StateMachine
    let program: Program
    /// Where the tested state is (any graph: a state inside a Map or Parallel can be tested).
    public let position: StatePosition

    /// The tested state.
    public var state: State { machine[position] }
}

/// `inspectionLevel`: how much of the run the answer shows.
public enum StateTestInspectionLevel: String, Sendable, CaseIterable {
    /// The status, output, next state, error and cause.
    case info = "INFO"
    /// INFO and the data-flow stages (``StateInspection``).
    case debug = "DEBUG"
    /// DEBUG and an HTTP Task's request and response (Stepwise has no HTTP Task: as DEBUG).
    case trace = "TRACE"
}

/// `TestStateOutput.status`.
public enum StateTestStatus: String, Sendable {
    case succeeded = "SUCCEEDED"
    case failed = "FAILED"
    /// The error matched a retrier with attempts left: the state would be tried again.
    case retriable = "RETRIABLE"
    /// The error matched a catcher: the state would go to the catcher's `Next`.
    case caughtError = "CAUGHT_ERROR"
}

/// TestState's `mock`: the result of the state's work, instead of doing it.
public enum StateTestMock: Sendable, Equatable {
    /// `mock.result`: the Task's (or the Map's, the Parallel's) result.
    case result(JSON)
    /// `mock.errorOutput`: the work fails with this error and cause.
    case error(Failure)
}

/// What one test runs on: the request's input, variables, context and configuration.
public struct StateTestRequest: Sendable {
    /// The state's raw input.
    public var input: JSON
    /// `variables`: the workflow variables the state sees (`$name`).
    public var variables: JSONObject
    /// The context object (`$$`): the engine's, with the request's `context` laid over it.
    public var context: ContextObject
    public var mock: StateTestMock?
    /// `stateConfiguration.retrierRetryCount`: retries already made by the retrier that
    /// matches the error (0 by default).
    public var retrierRetryCount: Int

    public init(input: JSON, variables: JSONObject = [:], context: ContextObject, mock: StateTestMock? = nil,
                retrierRetryCount: Int = 0) {
        self.input = input
        self.variables = variables
        self.context = context
        self.mock = mock
        self.retrierRetryCount = retrierRetryCount
    }
}

/// `TestStateOutput`: how the state ended, and what its data flow produced.
public struct StateTestResult: Sendable, Equatable {
    public var status: StateTestStatus
    /// The state's output; for CAUGHT_ERROR the catcher's (its ResultPath applied).
    public var output: JSON?
    public var error: String?
    public var cause: String?
    /// The state to go to: `Next`, the matched Choice rule's, `Default`, the catcher's.
    /// None when the state ends, fails or would be retried.
    public var nextState: String?
    /// The data-flow stages (shown at DEBUG and TRACE).
    public var inspection: StateInspection

    public init(status: StateTestStatus, output: JSON? = nil, error: String? = nil, cause: String? = nil,
                nextState: String? = nil, inspection: StateInspection = StateInspection()) {
        self.status = status
        self.output = output
        self.error = error
        self.cause = cause
        self.nextState = nextState
        self.inspection = inspection
    }
}

/// `InspectionData`: each stage of the state's input and output processing, present for
/// the stages the state type has (AWS leaves the others out).
public struct StateInspection: Sendable, Equatable {
    public var input: JSON?
    public var afterInputPath: JSON?
    public var afterParameters: JSON?
    /// JSONata states: a Task's or Parallel's `Arguments`, evaluated.
    public var afterArguments: JSON?
    public var result: JSON?
    public var afterResultSelector: JSON?
    public var afterResultPath: JSON?
    /// Map states: the items after `ItemsPath`, and their limits.
    public var afterItemsPath: JSON?
    public var maxConcurrency: Int?
    public var toleratedFailureCount: Int?
    public var toleratedFailurePercentage: Double?
    /// The workflow variables after the state: the request's, with the state's `Assign`
    /// applied (absent when there are none).
    public var variables: JSONObject?
    /// `errorDetails`: the retrier or catcher that handled the error.
    public var catchIndex: Int?
    public var retryIndex: Int?
    public var retryBackoffIntervalSeconds: Int?

    public init() {}
}

/// A Task's call that a test needs made: the engine makes it as an execution would and
/// hands its outcome to ``StateTest/finish(_:outcome:now:environment:)``.
public struct StateTestCall: Sendable {
    /// The call, resolved (its parameters after InputPath and Parameters).
    public var invocation: TaskInvocation
    let request: StateTestRequest
    let inspection: StateInspection
}

/// What ``StateTest/start(_:now:environment:)`` found: the test's result, or a call to make.
public enum StateTestStep: Sendable {
    case finished(StateTestResult)
    case call(StateTestCall)
}
