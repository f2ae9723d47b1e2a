import Testing
@testable import StepwiseDeploy

@Suite struct DeployTargetTests {
    @Test("the deploy target links") func links() { #expect(String(describing: StepwiseDeploy.self) == "StepwiseDeploy") }
}
