import Foundation
import StatesLanguage
import StepwiseStore

/// StartExecution, StopExecution, DescribeExecution, ListExecutions, GetExecutionHistory.
extension Engine {
    /// Starts a STANDARD execution; committed when this returns. Starting again with the
    /// same name and input while it runs returns the same execution (AWS's idempotent
    /// answer); otherwise a taken name is `ExecutionAlreadyExists`.
    ///
    /// `stateMachineArn` may name a version (`…:NAME:3`) or an alias (`…:NAME:prod`): the
    /// execution then runs that version's definition (the alias picks one by weight) and
    /// records which, as AWS's `stateMachineVersionArn` / `stateMachineAliasArn`.
    public func startExecution(stateMachineArn: String, name: String? = nil, input: String? = nil,
                               parent: (arn: String, ticket: Int)? = nil) async throws -> ExecutionRecord {
        let target = try await executionTarget(stateMachineArn)
        let machine = target.machine
        let name = name ?? RandomBytes.uuidString()
        guard ARNs.isValidName(name) else { throw EngineError.invalidName("Invalid Name: '\(name)'") }
        let inputText = try Self.checkedInput(input)
        if machine.type == .express {
            return try await express.start(engine: self, machine: machine, name: name, input: inputText)
        }
        let record = ExecutionRecord(
            arn: arns.execution(machine: machine.name, name: name), stateMachineArn: machine.arn, name: name,
            input: inputText, startDate: clock.now(), parentExecutionArn: parent?.arn, parentTicket: parent?.ticket,
            definitionID: Self.definitionID(machine.definition), stateMachineVersionArn: target.versionArn,
            stateMachineAliasArn: target.aliasArn)
        // A `.sync` parent's Task records TaskSubmitted (this StartExecution's answer) before
        // the child's end can reach it: the child's first commit delivers it first, which is
        // why such a child is always started eagerly.
        let submitted = parent.map { parent in
            InboxDelivery(executionArn: parent.arn, payload: Self.payload([
                .taskSubmitted(parent.ticket, output: StepFunctionsIntegration.startedOutput(record))]))
        }
        guard configuration.eagerSteps || submitted != nil, !isStopping else {
            switch try await store.insertExecution(record) {
            case .created:
                // Stopping: nothing steps the child in this process any more, so it cannot end first.
                if let submitted { try await store.deliver(executionArn: submitted.executionArn, payload: submitted.payload, now: record.startDate) }
                workAvailable.signal()
                return record
            case .exists(let existing):
                return try Self.existing(existing, input: inputText)
            }
        }
        // Eager steps: the first step is computed before the execution exists and written
        // with it, so it has run until it waits when StartExecution answers.
        var batch = SteppedBatch(capacity: 1)
        var first = await step(ClaimedExecution(execution: record, snapshot: nil, inbox: []), now: record.startDate,
                               afterCommit: batch.afterCommit, roleArn: machine.roleArn)
        if let submitted { first.deliveries.insert(submitted, at: 0) }
        batch.add(first)
        switch try await store.insertExecution(record, firstStep: batch.steps[0], node: configuration.nodeName) {
        case .created:
            committed(batch, stillRunnable: 0)
            return record
        case .exists(let existing):
            return try Self.existing(existing, input: inputText)
        }
    }

    /// StartExecution with a taken name: the same execution when it runs with the same input.
    static func existing(_ existing: ExecutionRecord, input: String) throws -> ExecutionRecord {
        if existing.status == .running, existing.input == input { return existing }
        throw EngineError.executionAlreadyExists(arn: existing.arn)
    }

    /// Runs an EXPRESS execution to its end and returns it (StartSyncExecution).
    public func startSyncExecution(stateMachineArn: String, name: String? = nil, input: String? = nil) async throws -> ExecutionRecord {
        let machine = try await executionTarget(stateMachineArn).machine
        guard machine.type == .express else {
            throw EngineError.validation("StartSyncExecution is only for EXPRESS state machines; '\(stateMachineArn)' is STANDARD.")
        }
        let name = name ?? RandomBytes.uuidString()
        guard ARNs.isValidName(name) else { throw EngineError.invalidName("Invalid Name: '\(name)'") }
        return try await express.runToEnd(engine: self, machine: machine, name: name, input: try Self.checkedInput(input))
    }

    /// StopExecution: the execution ends ABORTED with `error` and `cause`.
    public func stopExecution(arn: String, error: String? = nil, cause: String? = nil) async throws -> Date {
        guard let execution = try await store.execution(arn: arn) else { throw EngineError.executionDoesNotExist(arn: arn) }
        let now = clock.now()
        guard execution.status == .running else { return execution.stopDate ?? now }
        try await store.deliver(executionArn: arn, payload: Self.payload([.stop(error: error, cause: cause)]), now: now)
        workAvailable.signal()
        _ = await waitForEnd(arn, atMost: .seconds(5))
        return (try? await store.execution(arn: arn))?.stopDate ?? now
    }

    public func describeExecution(arn: String) async throws -> ExecutionRecord {
        if let express = express.record(arn) { return express }
        guard let record = try await store.execution(arn: arn) else { throw EngineError.executionDoesNotExist(arn: arn) }
        return record
    }

    public func listExecutions(stateMachineArn: String, status: ExecutionStatus?, limit: Int, cursor: String?) async throws -> Page<ExecutionRecord> {
        try await listExecutions(stateMachineArn: stateMachineArn, status: status, redriven: nil, limit: limit, cursor: cursor)
    }

    /// ListExecutions: `stateMachineArn` may name a version or an alias, listing the
    /// executions started through it; `redriven` is `redriveFilter`.
    public func listExecutions(stateMachineArn: String, status: ExecutionStatus?, redriven: Bool?, limit: Int,
                               cursor: String?) async throws -> Page<ExecutionRecord> {
        guard let (machineArn, qualifier) = arns.splitStateMachine(stateMachineArn) else {
            throw EngineError.stateMachineDoesNotExist(arn: stateMachineArn)
        }
        _ = try await describeStateMachine(arn: machineArn)
        var filter = ExecutionFilter(stateMachineArn: machineArn, status: status, redriven: redriven)
        switch qualifier {
        case .none: break
        case .version:
            _ = try await describeStateMachineVersion(arn: stateMachineArn)
            filter.versionArn = stateMachineArn
        case .alias:
            _ = try await describeStateMachineAlias(arn: stateMachineArn)
            filter.aliasArn = stateMachineArn
        }
        return try await store.listExecutions(matching: filter, limit: limit, cursor: cursor)
    }

    /// A page of history; the cursor is the last event id returned.
    public func history(executionArn: String, reverse: Bool = false, limit: Int = 1000, cursor: String? = nil) async throws -> Page<HistoryRecord> {
        guard try await store.execution(arn: executionArn) != nil else { throw EngineError.executionDoesNotExist(arn: executionArn) }
        var after: Int?
        if let cursor {
            guard let id = Int(cursor) else { throw EngineError.invalidToken("Invalid Token: '\(cursor.prefix(64))'") }
            after = id
        }
        let events = try await store.history(executionArn: executionArn, after: after, limit: limit + 1, reverse: reverse)
        let page = Array(events.prefix(limit))
        return Page(items: page, nextCursor: events.count > limit ? page.last.map { String($0.eventID) } : nil)
    }

    /// Waits until the execution ends (or `duration` passes); returns whether it ended.
    public func waitForEnd(_ arn: String, atMost duration: Duration) async -> Bool {
        let waiter = executionWaiters.waiter(arn)
        defer { executionWaiters.remove(arn, waiter) }
        if let record = try? await store.execution(arn: arn), record.status != .running { return true }
        await waitForSignal(waiter, atMost: duration)
        return (try? await store.execution(arn: arn))?.status != .running
    }

    /// Execution input: JSON text of at most 256 KiB (`{}` when absent).
    static func checkedInput(_ input: String?) throws -> String {
        guard let input else { return "{}" }
        guard input.utf8.count <= Interpreter.maximumPayloadBytes else {
            throw EngineError.invalidExecutionInput("The input is larger than 262144 bytes.")
        }
        guard (try? JSON(parsing: input)) != nil else {
            throw EngineError.invalidExecutionInput("Invalid State Machine Execution Input: 'Input is not valid JSON'")
        }
        return input
    }
}
