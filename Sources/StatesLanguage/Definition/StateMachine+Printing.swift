/// SKELETON: the definition helper replaces this file.
extension StateMachine {
    /// The definition as ASL JSON; parsing it again gives an equal model.
    public var definitionJSON: JSON { .object([:]) }
}
