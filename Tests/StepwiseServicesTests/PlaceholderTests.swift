import Testing
@testable import StepwiseServices

@Suite struct ServicesTargetTests {
    @Test("the services target links") func links() { #expect(String(describing: StepwiseServices.self) == "StepwiseServices") }
}
