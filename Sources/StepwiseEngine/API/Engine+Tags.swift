import Foundation
import StepwiseStore

/// TagResource, UntagResource, ListTagsForResource: tags on state machines and activities.
extension Engine {
    /// AWS's limit of tags on one resource.
    public static let maximumTags = 50

    /// The tags of a state machine or activity (`ResourceNotFound` when there is none).
    public func tags(resourceArn: String) async throws -> [String: String] {
        try await requireTaggable(resourceArn)
        return try await store.tags(resourceArn: resourceArn)
    }

    /// Adds or overwrites tags; a resource keeps at most ``maximumTags``.
    public func tagResource(arn: String, tags: [String: String]) async throws {
        try await requireTaggable(arn)
        var merged = try await store.tags(resourceArn: arn)
        merged.merge(tags) { _, new in new }
        guard merged.count <= Self.maximumTags else { throw EngineError.tooManyTags(arn: arn) }
        try await store.setTags(resourceArn: arn, tags)
    }

    /// Removes the tags with these keys (absent keys are ignored, as on AWS).
    public func untagResource(arn: String, keys: [String]) async throws {
        try await requireTaggable(arn)
        try await store.removeTags(resourceArn: arn, keys: keys)
    }

    private func requireTaggable(_ arn: String) async throws {
        let exists: Bool = switch arns.parse(arn)?.type {
        case "stateMachine": try await store.stateMachine(arn: arn) != nil
        case "activity": try await store.activity(arn: arn) != nil
        default: false
        }
        guard exists else { throw EngineError.resourceNotFound(arn: arn) }
    }
}
