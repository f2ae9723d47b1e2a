import StatesLanguage
import Testing
@testable import StepwiseDeploy

@Suite struct ParameterTests {
    static let declarations: [ParameterDeclaration] = {
        let template = try? Template(parsing: """
            Parameters:
              Env: {Type: String, Default: dev, AllowedValues: [dev, prod]}
              Timeout: {Type: Number, Default: 30, MinValue: 1, MaxValue: 900}
              Zones: {Type: CommaDelimitedList, Default: 'a,b'}
              Code: {Type: String, AllowedPattern: '[a-z]+', Default: abc, MaxLength: 5}
              Secret: {Type: String, NoEcho: true, Default: hunter2}
            Resources:
              Q: {Type: 'AWS::SQS::Queue'}
            """)
        return template?.parameters ?? []
    }()

    @Test("defaults are used, overrides replace them; Number stays text, lists are lists")
    func defaultsAndOverrides() throws {
        let defaults = try ParameterValues(declarations: Self.declarations, overrides: [:])
        #expect(defaults.values["Env"] == "dev")
        #expect(defaults.values["Timeout"] == "30")
        #expect(defaults.values["Zones"] == ["a", "b"])
        let overridden = try ParameterValues(declarations: Self.declarations, overrides: ["Env": "prod", "Zones": "x"])
        #expect(overridden.values["Env"] == "prod")
        #expect(overridden.values["Zones"] == ["x"])
    }

    @Test("values that break a constraint are rejected with CloudFormation's words", arguments: [
        (["Env": "qa"], "Parameter 'Env' must be one of AllowedValues"),
        (["Timeout": "abc"], "Parameter 'Timeout' must be a number"),
        (["Timeout": "901"], "must be a number not greater than 900"),
        (["Code": "ABC"], "Parameter 'Code' must match pattern [a-z]+"),
        (["Code": "abcdef"], "must contain at most 5 characters"),
        (["Nope": "x"], "Parameters: [Nope] do not exist in the template"),
    ])
    func constraints(overrides: [String: String], message: String) {
        #expect {
            _ = try ParameterValues(declarations: Self.declarations, overrides: overrides)
        } throws: { error in
            (error as? TemplateError)?.message.contains(message) == true
        }
    }

    @Test("a parameter with no default needs a value")
    func missing() throws {
        let template = try Template(parsing: "Parameters:\n  Name: {Type: String}\nResources:\n  Q: {Type: 'AWS::SQS::Queue'}\n")
        #expect {
            _ = try ParameterValues(declarations: template.parameters, overrides: [:])
        } throws: { error in
            (error as? TemplateError)?.message == "Parameters: [Name] must have values"
        }
        #expect(try ParameterValues(declarations: template.parameters, overrides: ["Name": "x"]).values["Name"] == "x")
    }

    @Test("overrides parse in SAM's and CloudFormation's forms")
    func overrideForms() throws {
        #expect(try ParameterValues.parseOverrides(["A=1", "B=x=y", "ParameterKey=C,ParameterValue=3"]) == ["A": "1", "B": "x=y", "C": "3"])
        #expect(throws: TemplateError.self) { try ParameterValues.parseOverrides(["novalue"]) }
    }

    @Test("NoEcho values are masked in the plan")
    func noEcho() throws {
        let plan = try Fixture.plan("""
            Parameters:
              Secret: {Type: String, NoEcho: true, Default: hunter2}
            Resources:
              Q: {Type: 'AWS::SQS::Queue'}
            """)
        #expect(plan.parameters["Secret"] == "****")
    }
}

@Suite struct ConditionTests {
    static let template = """
        Parameters:
          Env: {Type: String, Default: dev}
        Conditions:
          IsProd: !Equals [!Ref Env, prod]
          IsDev: !Not [!Condition IsProd]
          Both: !And [!Condition IsDev, !Equals [!Ref 'AWS::Region', us-east-1]]
          Either: !Or [!Condition IsProd, !Condition Both]
        Resources:
          ProdQueue:
            Type: AWS::SQS::Queue
            Condition: IsProd
          Queue:
            Type: AWS::SQS::Queue
            Properties:
              QueueName: !If [IsProd, prod-queue, !Ref 'AWS::NoValue']
              VisibilityTimeout: !If [Either, 60, 30]
        Outputs:
          Prod:
            Condition: IsProd
            Value: !Ref ProdQueue
          Name:
            Value: !GetAtt Queue.QueueName
        """

    @Test("conditions evaluate in dependency order and choose resources, properties and outputs")
    func devStack() throws {
        let plan = try Fixture.plan(Self.template)
        #expect(plan.conditions == ["IsProd": false, "IsDev": true, "Both": true, "Either": true])
        #expect(plan.skipped.map(\.logicalId) == ["ProdQueue"])
        #expect(plan.skipped.first?.reason == "condition IsProd is false")
        #expect(plan.queues.count == 1)
        // AWS::NoValue removed QueueName, so the name is generated.
        #expect(plan.queues[0].queueName.hasPrefix("demo-Queue-"))
        #expect(plan.queues[0].attributes["VisibilityTimeout"] == "60")
        #expect(plan.outputs.map(\.name) == ["Name"])
    }

    @Test("the other branch when the parameter changes")
    func prodStack() throws {
        let plan = try Fixture.plan(Self.template, overrides: ["Env": "prod"])
        #expect(plan.queues.map(\.queueName).contains("prod-queue"))
        #expect(plan.queues.count == 2)
        #expect(plan.output("Prod") == "http://127.0.0.1:8083/123456789012/\(plan.queues[0].queueName)")
    }

    @Test("condition cycles and unknown conditions are errors", arguments: [
        ("Conditions:\n  A: !Condition B\n  B: !Condition A\n", "Circular dependency between conditions: [A, B]"),
        ("Conditions:\n  A: !Condition Nope\n", "Unresolved dependencies [Nope]"),
        ("Conditions:\n  A: !Equals [!Ref Q, x]\n", "Unresolved dependencies [Q]. Cannot reference resources in the Conditions block"),
    ])
    func badConditions(conditions: String, message: String) {
        let error = Fixture.planError(conditions + "Resources:\n  Q: {Type: 'AWS::SQS::Queue'}\n")
        #expect(error?.message.contains(message) == true, "\(String(describing: error))")
    }

    @Test("a resource whose Condition is unknown is an error")
    func unknownResourceCondition() {
        let error = Fixture.planError("Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Condition: Nope\n")
        #expect(error?.location == "Resources/Q/Condition")
    }
}
