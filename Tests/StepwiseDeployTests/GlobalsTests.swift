import StatesLanguage
import Testing
@testable import StepwiseDeploy

@Suite struct GlobalsTests {
    @Test("SAM merge rules: primitives replaced, maps merged, lists appended, intrinsics never merged", arguments: [
        (#"{"Timeout": 30}"#, #"{"Timeout": 3}"#, #"{"Timeout": 3}"#),
        (#"{"Timeout": 30}"#, #"{}"#, #"{"Timeout": 30}"#),
        (#"{"Environment": {"Variables": {"A": "1", "B": "2"}}}"#, #"{"Environment": {"Variables": {"B": "x", "C": "3"}}}"#,
         #"{"Environment": {"Variables": {"A": "1", "B": "x", "C": "3"}}}"#),
        (#"{"Layers": ["a"]}"#, #"{"Layers": ["b"]}"#, #"{"Layers": ["a", "b"]}"#),
        (#"{"Environment": {"Variables": {"A": "1"}}}"#, #"{"Environment": {"Fn::If": ["C", {}, {}]}}"#,
         #"{"Environment": {"Fn::If": ["C", {}, {}]}}"#),
    ])
    func mergeRules(global: String, local: String, merged: String) throws {
        let result = SAMGlobals.merge(global: try JSON(parsing: global), local: try JSON(parsing: local))
        #expect(result == (try JSON(parsing: merged)))
    }

    @Test("Globals.Function reaches every serverless function and nothing else")
    func functionGlobals() throws {
        let plan = try Fixture.plan("""
            Transform: AWS::Serverless-2016-10-31
            Globals:
              Function:
                Timeout: 30
                Runtime: python3.12
                Handler: app.handler
                MemorySize: 256
                Environment:
                  Variables:
                    TABLE: shared
                    LEVEL: info
              Api:
                Cors: '*'
            Resources:
              Short:
                Type: AWS::Serverless::Function
                Properties:
                  CodeUri: src/
                  Timeout: 3
                  Environment:
                    Variables:
                      LEVEL: debug
              Plain:
                Type: AWS::Serverless::Function
                Properties:
                  CodeUri: src/
              Raw:
                Type: AWS::Lambda::Function
                Properties:
                  Runtime: nodejs20.x
                  Handler: index.handler
                  Code: {ZipFile: 'exports.handler = async () => 1'}
            """, directories: ["/stack/src"])
        let byId = Dictionary(uniqueKeysWithValues: plan.functions.map { ($0.logicalId, $0) })
        #expect(byId["Short"]?.timeout == 3)
        #expect(byId["Short"]?.memorySize == 256)
        #expect(byId["Short"]?.environment == ["TABLE": "shared", "LEVEL": "debug"])
        #expect(byId["Plain"]?.timeout == 30)
        #expect(byId["Plain"]?.runtime == "python3.12")
        #expect(byId["Plain"]?.handler == "app.handler")
        #expect(byId["Plain"]?.code == .directory("/stack/src"))
        #expect(byId["Raw"]?.timeout == 3)
        #expect(byId["Raw"]?.memorySize == 128)
        #expect(byId["Raw"]?.environment == [:])
        #expect(byId["Raw"]?.code == .inline("exports.handler = async () => 1"))
        #expect(plan.messages.contains { $0.location == "Globals/Api" && $0.severity == .note })
    }

    @Test("an unknown Globals section is SAM's error")
    func unknownSection() {
        let error = Fixture.planError("Transform: AWS::Serverless-2016-10-31\nGlobals:\n  Bogus: {}\nResources:\n  Q: {Type: 'AWS::SQS::Queue'}\n")
        #expect(error?.message == "'Globals' section is invalid. 'Bogus' is not supported.")
        #expect(error?.location == "Globals/Bogus")
    }
}
