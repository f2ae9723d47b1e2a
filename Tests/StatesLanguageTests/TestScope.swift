import Foundation
@testable import StatesLanguage

/// A scope for tests: fixed context object and deterministic entropy.
func testScope(_ input: JSON, variables: JSONObject = [:]) -> EvaluationScope {
    var context = ContextObject(
        execution: .init(id: "arn:aws:states:us-east-1:111111111111:execution:machine:run-1", name: "run-1",
                         input: input, roleArn: "arn:aws:iam::111111111111:role/r", startTime: "2024-01-01T00:00:00.000Z"),
        stateMachineId: "arn:aws:states:us-east-1:111111111111:stateMachine:order-flow-v2", stateMachineName: "order-flow-v2")
    context.stateName = "Step"
    let entropy = Entropy(uuid: { UUID(uuidString: "1B4E28BA-2FA1-11D2-883F-0016D3CCA427")! }, next: { 0x8000_0000_0000_0000 })
    return EvaluationScope(input: input, context: context, entropy: entropy, variables: variables)
}

func json(_ text: String) -> JSON {
    (try? JSON(parsing: text)) ?? .string("<<invalid test JSON: \(text)>>")
}
