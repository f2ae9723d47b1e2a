import Foundation
import OrderedCollections

/// What a path, payload template, intrinsic function or Choice rule can see while it is
/// evaluated: the state's effective input, the context object, and sources of
/// randomness supplied from outside (the pure core creates none of its own).
public struct EvaluationScope: Sendable {
    /// `$`: the value paths are evaluated against.
    public var input: JSON
    /// Everything else, as one reference: the interpreter makes a scope for every state,
    /// and a scope of many fields (the context's parts, two closures, the variables) cost
    /// hundreds of instructions to make, copy and destroy. A state whose template reads no
    /// `$$` shares its call's parts and allocates nothing.
    var parts: ScopeParts

    /// UUIDs and random numbers for `States.UUID` and `States.MathRandom`.
    public var entropy: Entropy {
        get { parts.entropy }
        set { parts = ScopeParts(parts, entropy: newValue, variables: parts.variables) }
    }

    /// Workflow variables (`Assign`) visible to this state: what `$name` paths read.
    public var variables: JSONObject {
        get { parts.variables?.visible ?? [:] }
        set { parts = ScopeParts(parts, entropy: parts.entropy, variables: newValue.isEmpty ? nil : VariableScope(own: newValue)) }
    }

    /// The value of the variable `name`; nil when no state has assigned it.
    public func variable(_ name: String) -> JSON? { parts.variables?.value(name) }

    /// `$$`: the context object, assembled when read.
    public var context: ContextObject {
        get { parts.context }
        set { parts = ScopeParts(execution: SharedContext(newValue), entropy: parts.entropy, variables: parts.variables, state: newValue) }
    }

    public init(input: JSON, context: ContextObject, entropy: Entropy, variables: JSONObject = [:]) {
        let scope = variables.isEmpty ? nil : VariableScope(own: variables)
        self.init(input: input, parts: ScopeParts(execution: SharedContext(context), entropy: entropy, variables: scope, state: context))
    }

    init(input: JSON, parts: ScopeParts) {
        self.input = input
        self.parts = parts
    }
}

/// A scope's all but its input: what every state of one interpreter call shares (the
/// execution's context fields, the entropy, the variables) and the state's own part of
/// the context object (empty in the parts a call shares).
final class ScopeParts: Sendable {
    /// The execution-level fields (`$$.Execution`, `$$.StateMachine`); its state-level
    /// fields are ignored.
    let execution: SharedContext
    let entropy: Entropy
    /// Nil when no variable is visible (a machine without `Assign` never makes one).
    let variables: VariableScope?
    let stateName: String
    let stateEnteredTime: String
    let stateRetryCount: Int?
    let taskToken: String?
    let mapItem: (index: Int, value: JSON)?

    init(execution: SharedContext, entropy: Entropy, variables: VariableScope? = nil, stateName: String = "",
         stateEnteredTime: String = "", stateRetryCount: Int? = nil, taskToken: String? = nil,
         mapItem: (index: Int, value: JSON)? = nil) {
        self.execution = execution
        self.entropy = entropy
        self.variables = variables
        self.stateName = stateName
        self.stateEnteredTime = stateEnteredTime
        self.stateRetryCount = stateRetryCount
        self.taskToken = taskToken
        self.mapItem = mapItem
    }

    /// The state-level fields of `context`.
    convenience init(execution: SharedContext, entropy: Entropy, variables: VariableScope?, state context: ContextObject) {
        self.init(execution: execution, entropy: entropy, variables: variables, stateName: context.stateName,
                  stateEnteredTime: context.stateEnteredTime, stateRetryCount: context.stateRetryCount,
                  taskToken: context.taskToken, mapItem: context.mapItem)
    }

    /// `other` with different entropy or variables.
    convenience init(_ other: ScopeParts, entropy: Entropy, variables: VariableScope?) {
        self.init(execution: other.execution, entropy: entropy, variables: variables, stateName: other.stateName,
                  stateEnteredTime: other.stateEnteredTime, stateRetryCount: other.stateRetryCount,
                  taskToken: other.taskToken, mapItem: other.mapItem)
    }

    /// These (a call's shared) parts, with one state's part of the context object.
    func state(name: String, enteredTime: String, retryCount: Int?, taskToken: String? = nil,
               mapItem: (index: Int, value: JSON)? = nil, variables: VariableScope?) -> ScopeParts {
        ScopeParts(execution: execution, entropy: entropy, variables: variables, stateName: name,
                   stateEnteredTime: enteredTime, stateRetryCount: retryCount, taskToken: taskToken, mapItem: mapItem)
    }

    /// `$$`, assembled.
    var context: ContextObject {
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
