/// The workflow variables one thread of control can read: the top level's, or a Parallel
/// branch's or Map iteration's.
///
/// AWS: the top-level states share one scope; each branch and iteration runs in a scope of
/// its own that reads the enclosing scopes' variables as they were when the Parallel or
/// Map state started, and whose own assignments are not visible outside it. A scope is
/// immutable and shared by reference: every iteration of a Map starts from the same one,
/// and an `Assign` makes a new one rather than copying a table per transition.
final class VariableScope: Sendable {
    /// The enclosing scopes' variables, read-only here.
    let outer: JSONObject
    /// What this scope assigned.
    let own: JSONObject

    init(outer: JSONObject = [:], own: JSONObject = [:]) {
        self.outer = outer
        self.own = own
    }

    /// The value of `name`, from this scope or an enclosing one; nil when it was never assigned.
    func value(_ name: String) -> JSON? { own[name] ?? outer[name] }

    /// Every variable visible here, by name.
    var visible: JSONObject {
        if own.isEmpty { return outer }
        if outer.isEmpty { return own }
        var all = outer
        for (name, value) in own { all[name] = value }
        return all
    }

    /// The scope a branch or iteration starts with: everything visible here, as outer.
    var inner: VariableScope { VariableScope(outer: visible) }

    /// This scope after an `Assign`.
    func assigning(_ bindings: JSONObject) -> VariableScope {
        var own = self.own
        for (name, value) in bindings { own[name] = value }
        return VariableScope(outer: outer, own: own)
    }
}
