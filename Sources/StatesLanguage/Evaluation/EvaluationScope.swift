import Foundation
import OrderedCollections

/// What a path, payload template, intrinsic function or Choice rule can see while it is
/// evaluated: the state's effective input, the context object, and sources of
/// randomness supplied from outside (the pure core creates none of its own).
public struct EvaluationScope: Sendable {
    /// `$`: the value paths are evaluated against.
    public var input: JSON
    /// What every state of one interpreter call shares — the execution's context fields,
    /// the entropy, the variables — as one reference. The interpreter makes a scope for
    /// every state: holding these as fields (two closures, an empty variables object, the
    /// context) made and destroyed a dozen references each time.
    var shared: ScopeShared
    /// `$$.State`, `$$.Task` and `$$.Map`: the state's own part of the context object,
    /// assembled only when a `$$` path reads it.
    var stateName: String
    var stateEnteredTime: String
    var stateRetryCount: Int?
    /// The task token and Map item, which few states have: nil costs nothing to copy.
    var extras: ScopeExtras?

    /// UUIDs and random numbers for `States.UUID` and `States.MathRandom`.
    public var entropy: Entropy {
        get { shared.entropy }
        set { shared = ScopeShared(execution: shared.execution, entropy: newValue, variables: shared.variables) }
    }

    /// Workflow variables (`Assign`) visible to this state: what `$name` paths read.
    public var variables: JSONObject {
        get { shared.variables }
        set { shared = ScopeShared(execution: shared.execution, entropy: shared.entropy, variables: newValue) }
    }

    /// `$$`: the context object, assembled when read.
    public var context: ContextObject {
        get {
            var context = shared.execution.value
            context.stateName = stateName
            context.stateEnteredTime = stateEnteredTime
            context.stateRetryCount = stateRetryCount
            context.taskToken = extras?.taskToken
            context.mapItem = extras?.mapItem
            return context
        }
        set {
            shared = ScopeShared(execution: SharedContext(newValue), entropy: shared.entropy, variables: shared.variables)
            stateName = newValue.stateName
            stateEnteredTime = newValue.stateEnteredTime
            stateRetryCount = newValue.stateRetryCount
            extras = ScopeExtras.make(taskToken: newValue.taskToken, mapItem: newValue.mapItem)
        }
    }

    public init(input: JSON, context: ContextObject, entropy: Entropy, variables: JSONObject = [:]) {
        self.init(input: input, shared: ScopeShared(execution: SharedContext(context), entropy: entropy, variables: variables),
                  stateName: context.stateName, stateEnteredTime: context.stateEnteredTime, stateRetryCount: context.stateRetryCount,
                  extras: ScopeExtras.make(taskToken: context.taskToken, mapItem: context.mapItem))
    }

    /// A scope without the state's part of the context object, for what reads no `$$`.
    init(input: JSON, sharing shared: ScopeShared) {
        self.init(input: input, shared: shared, stateName: "", stateEnteredTime: "", stateRetryCount: nil, extras: nil)
    }

    init(input: JSON, shared: ScopeShared, stateName: String, stateEnteredTime: String, stateRetryCount: Int?, extras: ScopeExtras?) {
        self.input = input
        self.shared = shared
        self.stateName = stateName
        self.stateEnteredTime = stateEnteredTime
        self.stateRetryCount = stateRetryCount
        self.extras = extras
    }
}

/// The parts of a scope that all states of one interpreter call share.
final class ScopeShared: Sendable {
    /// The execution-level fields (`$$.Execution`, `$$.StateMachine`); its state-level
    /// fields are ignored.
    let execution: SharedContext
    let entropy: Entropy
    let variables: JSONObject

    init(execution: SharedContext, entropy: Entropy, variables: JSONObject = [:]) {
        self.execution = execution
        self.entropy = entropy
        self.variables = variables
    }
}

/// `$$.Task.Token` and `$$.Map.Item`, for the few scopes that have them.
final class ScopeExtras: Sendable {
    let taskToken: String?
    let mapItem: (index: Int, value: JSON)?

    private init(taskToken: String?, mapItem: (index: Int, value: JSON)?) {
        self.taskToken = taskToken
        self.mapItem = mapItem
    }

    /// Nil when there is neither. (Not a failable `init`: a class's allocates before it
    /// can fail, and most scopes have neither.)
    static func make(taskToken: String?, mapItem: (index: Int, value: JSON)?) -> ScopeExtras? {
        guard taskToken != nil || mapItem != nil else { return nil }
        return ScopeExtras(taskToken: taskToken, mapItem: mapItem)
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
