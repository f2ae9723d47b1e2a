/// SKELETON: the definition helper replaces this file (parser + validator).
extension StateMachine {
    /// Parses and validates a definition text. Every problem is reported at once.
    public init(parsing text: String) throws(DefinitionError) {
        let json: JSON
        do { json = try JSON(parsing: text) } catch {
            throw DefinitionError([Diagnostic(.invalidJSONDescription, at: "", "\(error)")])
        }
        try self.init(definition: json)
    }

    /// Parses and validates a definition already read as JSON.
    public init(definition: JSON) throws(DefinitionError) {
        throw DefinitionError([Diagnostic(.schemaValidationFailed, at: "", "not implemented")])
    }
}
