import Foundation
import OrderedCollections

/// What a path, payload template, intrinsic function or Choice rule can see while it is
/// evaluated: the state's effective input, the context object, and sources of
/// randomness supplied from outside (the pure core creates none of its own).
public struct EvaluationScope: Sendable {
    /// `$`: the value paths are evaluated against.
    public var input: JSON
    /// `$$`: the context object.
    public var context: ContextObject
    /// UUIDs and random numbers for `States.UUID` and `States.MathRandom`.
    public var entropy: Entropy
    /// Workflow variables (`Assign`) visible to this state: what `$name` paths read.
    public var variables: JSONObject

    public init(input: JSON, context: ContextObject, entropy: Entropy, variables: JSONObject = [:]) {
        self.input = input
        self.context = context
        self.entropy = entropy
        self.variables = variables
    }
}

/// Randomness injected into the pure core.
public struct Entropy: Sendable {
    /// A new random (version 4) UUID.
    public var uuid: @Sendable () -> UUID
    /// 64 fresh random bits.
    public var next: @Sendable () -> UInt64

    public init(uuid: @escaping @Sendable () -> UUID, next: @escaping @Sendable () -> UInt64) {
        self.uuid = uuid
        self.next = next
    }

    /// The system's random sources: what production uses.
    public static let system = Entropy(uuid: { UUID() }, next: { UInt64.random(in: .min ... .max) })
}
