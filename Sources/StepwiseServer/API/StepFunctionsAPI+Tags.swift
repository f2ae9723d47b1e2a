import StepwiseEngine

/// Tags on state machines and activities.
extension StepFunctionsAPI {
    func tagResource(_ input: TagResourceInput) async throws -> EmptyOutput {
        let arn = try requireArn(input.resourceArn, "stateMachine", "activity")
        try await engine.tagResource(arn: arn, tags: Self.dictionary(input.tags ?? []))
        return EmptyOutput()
    }

    func untagResource(_ input: UntagResourceInput) async throws -> EmptyOutput {
        let arn = try requireArn(input.resourceArn, "stateMachine", "activity")
        try await engine.untagResource(arn: arn, keys: input.tagKeys ?? [])
        return EmptyOutput()
    }

    func listTagsForResource(_ input: ListTagsForResourceInput) async throws -> ListTagsForResourceOutput {
        let arn = try requireArn(input.resourceArn, "stateMachine", "activity")
        let tags = try await engine.tags(resourceArn: arn)
        return ListTagsForResourceOutput(tags: tags.sorted { $0.key < $1.key }.map { Tag(key: $0.key, value: $0.value) })
    }
}
