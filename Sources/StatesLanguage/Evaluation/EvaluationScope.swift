import Foundation
import OrderedCollections

/// What a path, payload template, intrinsic function or Choice rule can see while it is
/// evaluated: the state's effective input, the context object, and sources of
/// randomness supplied from outside (the pure core creates none of its own).
public struct EvaluationScope: Sendable {
    /// `$`: the value paths are evaluated against.
    public var input: JSON
    /// UUIDs and random numbers for `States.UUID` and `States.MathRandom`.
    public var entropy: Entropy
    /// Workflow variables (`Assign`) visible to this state: what `$name` paths read.
    public var variables: JSONObject
    /// `$$` in parts: the interpreter makes a scope for every state, and copying the whole
    /// context object (nine strings and the execution's input) each time was a quarter of
    /// a Pass state's cost; the parts share the execution's fields by reference.
    var contextParts: ContextParts

    /// `$$`: the context object, assembled when read.
    public var context: ContextObject {
        get { contextParts.assembled }
        set { contextParts = ContextParts(newValue) }
    }

    public init(input: JSON, context: ContextObject, entropy: Entropy, variables: JSONObject = [:]) {
        self.init(input: input, contextParts: ContextParts(context), entropy: entropy, variables: variables)
    }

    init(input: JSON, contextParts: ContextParts, entropy: Entropy, variables: JSONObject = [:]) {
        self.input = input
        self.contextParts = contextParts
        self.entropy = entropy
        self.variables = variables
    }
}

/// The context object of one state: the execution's fields, shared, and the state's own.
struct ContextParts: Sendable {
    /// The execution-level fields (`$$.Execution`, `$$.StateMachine`); its state-level
    /// fields are ignored.
    let execution: SharedContext
    var stateName: String
    var stateEnteredTime: String
    var stateRetryCount: Int?
    var taskToken: String?
    var mapItem: (index: Int, value: JSON)?

    init(execution: SharedContext, stateName: String, stateEnteredTime: String, stateRetryCount: Int? = nil,
         taskToken: String? = nil, mapItem: (index: Int, value: JSON)? = nil) {
        self.execution = execution
        self.stateName = stateName
        self.stateEnteredTime = stateEnteredTime
        self.stateRetryCount = stateRetryCount
        self.taskToken = taskToken
        self.mapItem = mapItem
    }

    init(_ context: ContextObject) {
        self.init(execution: SharedContext(context), stateName: context.stateName, stateEnteredTime: context.stateEnteredTime,
                  stateRetryCount: context.stateRetryCount, taskToken: context.taskToken, mapItem: context.mapItem)
    }

    var assembled: ContextObject {
        var context = execution.value
        context.stateName = stateName
        context.stateEnteredTime = stateEnteredTime
        context.stateRetryCount = stateRetryCount
        context.taskToken = taskToken
        context.mapItem = mapItem
        return context
    }
}

/// A context object held by reference, so that every state's scope shares one.
final class SharedContext: Sendable {
    let value: ContextObject
    init(_ value: ContextObject) { self.value = value }
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
