/// The failures AWS raises when a path cannot be applied at run time, with AWS's cause
/// texts.
///
/// AWS prefixes every run-time cause with `An error occurred while executing the state
/// '<name>' (entered at the event id #<n>). `; that prefix needs the history, so the
/// interpreter adds it (see `Failure.inState(_:enteredAt:)`). The helpers here build
/// the rest.
extension Failure {
    /// A path in a payload template field (`"x.$": "$.a"`), `ErrorPath`, `CausePath`, … that
    /// matched nothing: `States.Runtime`, "The JSONPath '$.a' specified for the field
    /// 'x.$' could not be found in the input '{…}'". AWS prints the state's input here,
    /// even for `$$` paths.
    public static func pathNotFound(_ path: String, field: String, input: JSON) -> Failure {
        Failure(.runtime, cause: "The JSONPath '\(path)' specified for the field '\(field)' could not be found in the input '\(input.serialized)'")
    }

    /// An `InputPath`/`OutputPath` (and, by the same code in AWS, `ItemsPath`) that
    /// matched nothing: `States.Runtime`, "Invalid path '$.a' : No results for path:
    /// $['a']" — the second half is Jayway's own message.
    public static func invalidPath(_ path: JSONPath, in value: JSON) -> Failure {
        Failure(.runtime, cause: "Invalid path '\(path.source)' : \(path.noMatchReason(in: value))")
    }

    /// A `ResultPath` that cannot be written into the state's input:
    /// `States.ResultPathMatchFailure`. (AWS's exact wording is not recorded in the
    /// conformance cases; this follows its pattern for path failures.)
    public static func resultPathMatchFailure(_ path: ReferencePath, input: JSON) -> Failure {
        Failure(.resultPathMatchFailure, cause: "Unable to apply ResultPath \"\(path.source)\" to input \"\(input.serialized)\"")
    }

    /// The same failure with AWS's state prefix on its cause:
    /// "An error occurred while executing the state 'S' (entered at the event id #2). …".
    public func inState(_ stateName: String, enteredAt eventID: Int) -> Failure {
        let prefix = "An error occurred while executing the state '\(stateName)' (entered at the event id #\(eventID))."
        return Failure(error, cause: cause.map { prefix + " " + $0 } ?? prefix)
    }
}
