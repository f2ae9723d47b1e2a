import Foundation
import StepwiseStore

/// Eager steps (``EngineConfiguration/eagerSteps``): the API call that makes an execution
/// runnable steps it itself, in place of a worker.
extension Engine {
    /// The claim an API call takes on the execution it makes runnable; nil when eager steps
    /// are off or the engine is stopping (the next start's workers take it over).
    var eagerLease: Lease? {
        guard configuration.eagerSteps, !isStopping else { return nil }
        return Lease(node: configuration.nodeName, until: clock.now().addingTimeInterval(configuration.leaseSeconds))
    }

    /// Steps an execution claimed by an API call and commits the step (group commit joins it
    /// with whatever else commits meanwhile).
    ///
    /// In a task of its own: a caller that goes away (a client that disconnects) must not
    /// cancel a claimed step halfway, or the execution would wait for its lease to expire.
    func stepEagerly(_ work: ClaimedExecution) async {
        await Task {
            var batch = SteppedBatch(capacity: 1)
            batch.add(await self.step(work, now: self.clock.now(), afterCommit: batch.afterCommit), redriveCount: work.execution.redriveCount)
            await self.commit(batch)
        }.value
    }
}
