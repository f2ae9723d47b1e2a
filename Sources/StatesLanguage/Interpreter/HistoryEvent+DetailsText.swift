extension HistoryEvent {
    /// ``details`` as compact JSON text, the form the durable store keeps.
    ///
    /// Equal to `details?.serialized`, but a state's entry or exit (two of every
    /// transition's events) is written straight to bytes: no intermediate object with its
    /// hashed keys, and the nested payload text is escaped as it is copied rather than
    /// made into a `String` first.
    public var detailsText: String? {
        switch content {
        case .none: nil
        case .json(let json): json.serialized
        case .stateEntered(let name, let input):
            Self.payloadDetails(name: name, input, #","input":"#, #","inputDetails":{"truncated":false}}"#)
        case .stateExited(let name, let output):
            Self.payloadDetails(name: name, output, #","output":"#, #","outputDetails":{"truncated":false}}"#)
        case .stateExitedAssigning:
            // Rare (only states with `Assign`): the general writer is fast enough.
            content.json?.serialized
        }
    }

    /// `{"name":…,"input":"…","inputDetails":{"truncated":false}}` (or `output`), in
    /// the member order `details` has.
    private static func payloadDetails(name: String, _ payload: JSON, _ payloadKey: StaticString,
                                       _ detailsMember: StaticString) -> String {
        var writer = JSONWriter(indent: nil)
        writer.writeRaw(#"{"name":"#)
        writer.writeQuoted(name)
        writer.writeRaw(payloadKey)
        writer.writeQuotedText(of: payload)
        writer.writeRaw(detailsMember)
        return writer.text
    }
}
