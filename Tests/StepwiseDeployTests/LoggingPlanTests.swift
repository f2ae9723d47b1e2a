import Foundation
import StatesLanguage
import Testing
@testable import StepwiseDeploy

@Suite struct LoggingPlanTests {
    @Test("a log group answers Ref with its name and GetAtt Arn as CloudFormation does; LoggingConfiguration becomes the API's shape")
    func cloudFormationLogging() throws {
        let plan = try Fixture.plan("""
            Resources:
              Logs:
                Type: AWS::Logs::LogGroup
              Flow:
                Type: AWS::StepFunctions::StateMachine
                Properties:
                  RoleArn: arn:aws:iam::123456789012:role/r
                  LoggingConfiguration:
                    Level: FATAL
                    IncludeExecutionData: 'false'
                    Destinations:
                      - CloudWatchLogsLogGroup:
                          LogGroupArn: !GetAtt Logs.Arn
                  DefinitionString: !Sub '{"StartAt":"P","States":{"P":{"Type":"Pass","Result":"${Logs}","End":true}}}'
            """)
        guard case .logGroup(let group) = plan.entries.first else {
            Issue.record("the log group is not planned first: \(plan.entries)")
            return
        }
        #expect(group.name.hasPrefix("demo-Logs"))
        let machine = try #require(plan.stateMachines.first)
        #expect(machine.definition.contains(#""Result":"\#(group.name)""#))
        let logging = try JSON(parsing: try #require(machine.loggingConfiguration))
        #expect(logging == [
            "level": "FATAL", "includeExecutionData": false,
            "destinations": [["cloudWatchLogsLogGroup": ["logGroupArn": .string("arn:aws:logs:us-east-1:123456789012:log-group:\(group.name):*")]]],
        ])
    }

    @Test("a bad Level or a destination without LogGroupArn is reported at the property")
    func badLogging() {
        let level = Fixture.planError("""
            Resources:
              Flow:
                Type: AWS::Serverless::StateMachine
                Properties:
                  Logging: {Level: LOUD}
                  Definition: {StartAt: P, States: {P: {Type: Pass, End: true}}}
            """)
        #expect(level?.location == "Resources/Flow/Properties/Logging/Level")
        let destination = Fixture.planError("""
            Resources:
              Flow:
                Type: AWS::Serverless::StateMachine
                Properties:
                  Logging: {Level: ALL, Destinations: [{CloudWatchLogsLogGroup: {}}]}
                  Definition: {StartAt: P, States: {P: {Type: Pass, End: true}}}
            """)
        #expect(destination?.location == "Resources/Flow/Properties/Logging/Destinations/0/CloudWatchLogsLogGroup/LogGroupArn")
    }
}
