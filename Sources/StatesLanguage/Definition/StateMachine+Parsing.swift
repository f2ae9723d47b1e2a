extension StateMachine {
    /// Parses and validates a definition text. Every problem is reported at once, each
    /// with AWS's code, message and location, like `ValidateStateMachineDefinition`.
    ///
    /// `type` matters for EXPRESS machines, which refuse activities, `.sync` and
    /// `.waitForTaskToken` resources.
    public init(parsing text: String, type: StateMachineType = .standard) throws(DefinitionError) {
        let json: JSON
        do { json = try JSON(parsing: text) } catch {
            throw DefinitionError([Diagnostic(.invalidJSONDescription, at: "", "\(error)")])
        }
        try self.init(definition: json, type: type)
    }

    /// Parses and validates a definition already read as JSON.
    public init(definition: JSON, type: StateMachineType = .standard) throws(DefinitionError) {
        var parser = DefinitionParser(machineType: type)
        guard let machine = parser.parseMachine(definition), !parser.hasErrors else {
            throw DefinitionError(parser.diagnostics)
        }
        self = machine
    }
}
