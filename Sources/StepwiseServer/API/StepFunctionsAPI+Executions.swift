import Foundation
import StepwiseEngine
import StepwiseStore

extension StepFunctionsAPI {
    func startExecution(_ input: StartExecutionInput) async throws -> StartExecutionOutput {
        let arn = try requireArn(input.stateMachineArn, "stateMachine")
        let record = try await engine.startExecution(stateMachineArn: arn, name: input.name, input: input.input)
        metrics.executionStarted(type: record.arn.contains(":express:") ? "EXPRESS" : "STANDARD")
        return StartExecutionOutput(executionArn: record.arn, startDate: record.startDate)
    }

    func startSyncExecution(_ input: StartSyncExecutionInput) async throws -> StartSyncExecutionOutput {
        let arn = try requireArn(input.stateMachineArn, "stateMachine")
        let machine = try await engine.describeStateMachine(arn: engine.arns.splitStateMachine(arn)?.machineArn ?? arn)
        guard machine.type == .express else {
            throw StepFunctionsError(.stateMachineTypeNotSupported, "This operation is not supported by this type of state machine")
        }
        metrics.executionStarted(type: "EXPRESS")
        let record = try await engine.startSyncExecution(stateMachineArn: arn, name: input.name, input: input.input)
        let withData = input.includedData != "METADATA_ONLY"
        return StartSyncExecutionOutput(
            executionArn: record.arn, stateMachineArn: record.stateMachineArn, name: record.name,
            startDate: record.startDate, stopDate: record.stopDate ?? record.startDate, status: record.status.rawValue,
            error: record.error, cause: record.cause,
            input: withData ? record.input : nil, inputDetails: ExecutionDataDetails(included: withData),
            output: withData ? record.output : nil,
            outputDetails: record.status == .succeeded ? ExecutionDataDetails(included: withData) : nil)
    }

    func stopExecution(_ input: StopExecutionInput) async throws -> StopExecutionOutput {
        let arn = try requireArn(input.executionArn, "execution", "express")
        return StopExecutionOutput(stopDate: try await engine.stopExecution(arn: arn, error: input.error, cause: input.cause))
    }

    func describeExecution(_ input: DescribeExecutionInput) async throws -> DescribeExecutionOutput {
        let record = try await engine.describeExecution(arn: try requireArn(input.executionArn, "execution", "express"))
        let withData = input.includedData != "METADATA_ONLY"
        let standard = !record.arn.contains(":express:")
        let succeeded = record.status == .succeeded
        let redrive = standard ? try await engine.redriveStatus(record) : nil
        return DescribeExecutionOutput(
            executionArn: record.arn, stateMachineArn: record.stateMachineArn, name: record.name,
            status: record.status.rawValue, startDate: record.startDate, stopDate: record.stopDate,
            input: withData ? record.input : nil, inputDetails: ExecutionDataDetails(included: withData),
            output: withData && succeeded ? record.output : nil,
            outputDetails: succeeded ? ExecutionDataDetails(included: withData) : nil,
            error: record.error, cause: record.cause,
            redriveCount: standard ? record.redriveCount : nil, redriveDate: record.redriveDate,
            redriveStatus: redrive?.name, redriveStatusReason: redrive?.reason,
            stateMachineVersionArn: record.stateMachineVersionArn, stateMachineAliasArn: record.stateMachineAliasArn)
    }

    func listExecutions(_ input: ListExecutionsInput) async throws -> ListExecutionsOutput {
        if input.mapRunArn != nil { throw StepFunctionsError.unsupported("ListExecutions by mapRunArn (Map Runs)") }
        guard input.stateMachineArn != nil else {
            throw StepFunctionsError(.validation, "Must provide a StateMachine ARN or MapRun ARN")
        }
        let arn = try requireArn(input.stateMachineArn, "stateMachine")
        let machine = try await engine.describeStateMachine(arn: engine.arns.splitStateMachine(arn)?.machineArn ?? arn)
        guard machine.type == .standard else {
            throw StepFunctionsError(.stateMachineTypeNotSupported, "This operation is not supported by this type of state machine")
        }
        // A version or alias ARN lists the executions started through it.
        let page = try await engine.listExecutions(
            stateMachineArn: arn, status: input.statusFilter.flatMap(ExecutionStatus.init(rawValue:)),
            redriven: input.redriveFilter.map { $0 == "REDRIVEN" },
            limit: Self.pageSize(input.maxResults), cursor: input.nextToken)
        return ListExecutionsOutput(
            executions: page.items.map {
                .init(executionArn: $0.arn, stateMachineArn: $0.stateMachineArn, name: $0.name, status: $0.status.rawValue,
                      startDate: $0.startDate, stopDate: $0.stopDate, redriveCount: $0.redriveCount, redriveDate: $0.redriveDate,
                      stateMachineVersionArn: $0.stateMachineVersionArn, stateMachineAliasArn: $0.stateMachineAliasArn)
            },
            nextToken: page.nextCursor)
    }

    func getExecutionHistory(_ input: GetExecutionHistoryInput) async throws -> GetExecutionHistoryOutput {
        let arn = try requireArn(input.executionArn, "execution")
        let page = try await engine.history(executionArn: arn, reverse: input.reverseOrder ?? false,
                                            limit: Self.pageSize(input.maxResults), cursor: input.nextToken)
        let withData = input.includeExecutionData ?? true
        return GetExecutionHistoryOutput(
            events: page.items.map { HistoryEventShape(record: $0, includeExecutionData: withData) },
            nextToken: page.nextCursor)
    }
}
