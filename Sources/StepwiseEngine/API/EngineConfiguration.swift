import Foundation
import StepwiseStore

/// How an engine names things and how hard it works.
public struct EngineConfiguration: Sendable {
    /// The region and account that appear in ARNs.
    public var region: String
    public var account: String
    /// The secret that signs task tokens. Tokens stay valid across restarts only while
    /// the key stays the same: the engine keeps it in its store.
    public var nodeName: String
    /// Executions stepped per batch (one transaction per batch: group commit).
    public var batchSize: Int
    /// How long a node's claim on runnable work lasts before another node may take it.
    public var leaseSeconds: TimeInterval
    /// Concurrent integration calls.
    public var dispatchConcurrency: Int
    /// Eager steps: the API call that makes an execution runnable steps it before it
    /// returns, instead of waking a worker to claim it. StartExecution computes the first
    /// step before the insert and writes both in one transaction; SendTaskSuccess and
    /// SendTaskFailure step the execution as last committed, with the outcome fed in, and
    /// write that step in the transaction that closes the token (when the execution moved
    /// meanwhile they claim it in that transaction and step it after). That is one to three
    /// transactions and several thread hand-offs fewer per call, and the states after the
    /// Task have been entered when the call returns. An execution a worker holds at that
    /// moment is left to the workers.
    public var eagerSteps: Bool
    /// Told what each committed batch did (a server's metrics); nil by default.
    public var observer: (any EngineObserver)?

    public init(region: String = "us-east-1", account: String = "123456789012", nodeName: String = "node-1",
                batchSize: Int = 256, leaseSeconds: TimeInterval = 30, dispatchConcurrency: Int = 64,
                eagerSteps: Bool = true) {
        self.region = region
        self.account = account
        self.nodeName = nodeName
        self.batchSize = batchSize
        self.leaseSeconds = leaseSeconds
        self.dispatchConcurrency = dispatchConcurrency
        self.eagerSteps = eagerSteps
    }
}

/// Watches the engine's committed work: what a server counts for its metrics. Called on
/// the worker's task after each commit, so it must return quickly.
public protocol EngineObserver: Sendable {
    /// A batch committed: `stateTransitions` states entered, these executions ended.
    func committed(stateTransitions: Int, ended: [(executionArn: String, status: ExecutionStatus)])
    /// An EXPRESS execution (kept in memory, never committed) ended.
    func expressEnded(status: ExecutionStatus)
}

extension EngineObserver {
    public func expressEnded(status: ExecutionStatus) {}
}
