import Foundation
import StatesLanguage
import StepwiseEngine
import StepwiseStore
import Testing
@testable import StepwiseServices

/// `AWS::Logs::LogGroup` and a state machine's `Logging` in a deployed stack.
@Suite struct StackLoggingTests {
    static func template(logging: Bool) -> String {
        """
        AWSTemplateFormatVersion: '2010-09-09'
        Transform: AWS::Serverless-2016-10-31
        Resources:
          FlowLogs:
            Type: AWS::Logs::LogGroup
            Properties:
              LogGroupName: /aws/vendedlogs/states/flow
              RetentionInDays: 7
          Flow:
            Type: AWS::Serverless::StateMachine
            Properties:
              Name: flow
              Type: EXPRESS
        \(logging ? """
              Logging:
                Level: ERROR
                IncludeExecutionData: true
                Destinations:
                  - CloudWatchLogsLogGroup:
                      LogGroupArn: !GetAtt FlowLogs.Arn
        """ : "")
              Definition:
                StartAt: Done
                States:
                  Done:
                    Type: Pass
                    End: true
        """
    }

    @Test("a log group is created before the state machine that logs to it; removing Logging turns it off; deleting the stack removes the group")
    func lifecycle() async throws {
        try await StackFixture.with { f in
            let path = try f.template(Self.template(logging: true))
            let stack = try await f.stacks.deploy(templateAt: path, stackName: "logged")
            #expect(stack.status == "CREATE_COMPLETE")
            #expect(stack.resources.map(\.logicalId) == ["FlowLogs", "Flow"])
            #expect(stack.resources.first?.arn == "arn:aws:logs:us-east-1:123456789012:log-group:/aws/vendedlogs/states/flow:*")
            #expect(try await f.store.logGroup(name: "/aws/vendedlogs/states/flow") != nil)
            let logging = try #require(ExecutionLogging(configurationText: try await f.stateMachine(named: "flow").loggingConfiguration))
            #expect(logging == ExecutionLogging(level: .error, includeExecutionData: true, logGroupName: "/aws/vendedlogs/states/flow"))

            try f.template(Self.template(logging: false))
            _ = try await f.stacks.deploy(templateAt: path, stackName: "logged")
            #expect(ExecutionLogging(configurationText: try await f.stateMachine(named: "flow").loggingConfiguration) == nil)

            let deleted = try await f.stacks.delete(stackName: "logged")
            #expect(deleted.status == "DELETE_COMPLETE")
            #expect(try await f.store.logGroup(name: "/aws/vendedlogs/states/flow") == nil)
        }
    }

    @Test("Logging that names a log group that does not exist fails the state machine with AWS's reason")
    func missingGroup() async throws {
        try await StackFixture.with { f in
            let path = try f.template("""
                Resources:
                  Flow:
                    Type: AWS::StepFunctions::StateMachine
                    Properties:
                      StateMachineName: orphan
                      RoleArn: arn:aws:iam::123456789012:role/r
                      LoggingConfiguration:
                        Level: ALL
                        Destinations:
                          - CloudWatchLogsLogGroup:
                              LogGroupArn: arn:aws:logs:us-east-1:123456789012:log-group:nowhere:*
                      DefinitionString: '{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}'
                """)
            let stack = try await f.stacks.deploy(templateAt: path, stackName: "orphan")
            #expect(stack.status != "CREATE_COMPLETE")
            let reason = stack.resources.first { $0.logicalId == "Flow" }?.statusReason ?? stack.statusReason ?? ""
            #expect(reason.contains("Log Destination not found"))
        }
    }
}
