/// A reference path: a JSONPath that names one node, made only of names and indices.
/// AWS requires this form for `ResultPath`, a Choice rule's `Variable`, `ItemsPath`
/// and the `…Path` fields that name one value.
public struct ReferencePath: Sendable, Hashable, CustomStringConvertible {
    public let path: JSONPath

    /// `$`: the whole input.
    public static let root = ReferencePath(unchecked: .root)

    init(unchecked path: JSONPath) { self.path = path }

    /// Parses a reference path; wildcards, filters, slices, unions and `..` are refused.
    public init(parsing source: String) throws(JSONPathError) {
        let path = try JSONPath(parsing: source)
        guard path.isReferencePath else {
            throw .invalidSyntax(path: source, reason: "a reference path may contain only names and indices")
        }
        self.path = path
    }

    public var source: String { path.source }
    public var description: String { path.source }
    /// True when the path starts with `$$`.
    public var isContextPath: Bool { path.isContextPath }

    /// Reads the one value the path names; `.noMatch` when there is none.
    public func evaluate(_ root: JSON) throws(JSONPathError) -> JSON { try path.evaluate(root) }

    /// Reads the one value the path names in a scope (`$`, `$$` or `$name`).
    public func evaluate(in scope: EvaluationScope) throws(JSONPathError) -> JSON { try path.evaluate(in: scope) }

    /// Returns `target` with `value` written at this path: what `ResultPath` does.
    ///
    /// `$` replaces the whole target. Missing object members along the way are created
    /// as empty objects; an existing member that is not an object, an index into
    /// something that is not an array, or an index out of bounds cannot be written and
    /// throws `.cannotAssign` (AWS fails the state with `States.ResultPathMatchFailure`;
    /// see `Failure.resultPathMatchFailure`).
    public func assigning(_ value: JSON, into target: JSON) throws(JSONPathError) -> JSON {
        try Self.assign(value, into: target, segments: path.segments[...], all: path.segments, source: source)
    }

    private static func assign(
        _ value: JSON, into target: JSON, segments: ArraySlice<JSONPathSegment>, all: [JSONPathSegment], source: String
    ) throws(JSONPathError) -> JSON {
        // The path written so far, for the messages only.
        var walked: String { "$" + all[..<segments.startIndex].map(\.jaywayText).joined() }
        guard let first = segments.first else { return value }
        let rest = segments.dropFirst()
        switch first {
        case .child(let name):
            guard case .object(var object) = target else {
                throw .cannotAssign(path: source, reason: "\(walked) is \(target.typeName), not an object")
            }
            let existing = object[name] ?? .object([:])
            object[name] = try assign(value, into: existing, segments: rest, all: all, source: source)
            return .object(object)
        case .index(let i):
            guard case .array(var array) = target else {
                throw .cannotAssign(path: source, reason: "\(walked) is \(target.typeName), not an array")
            }
            let j = i < 0 ? array.count + i : i
            guard j >= 0, j < array.count else {
                throw .cannotAssign(path: source, reason: "index \(i) is out of bounds at \(walked)")
            }
            array[j] = try assign(value, into: array[j], segments: rest, all: all, source: source)
            return .array(array)
        default:
            throw .cannotAssign(path: source, reason: "a reference path may contain only names and indices")
        }
    }
}
