/// A reference path: a JSONPath that selects one node, made only of names and indices.
/// AWS requires this form for `ResultPath`, a Choice rule's `Variable`, `ItemsPath`
/// and the `…Path` fields that name one value.
public struct ReferencePath: Sendable, Hashable, CustomStringConvertible {
    public let path: JSONPath

    /// `$`: the whole input.
    public static let root = ReferencePath(unchecked: .root)

    init(unchecked path: JSONPath) { self.path = path }

    /// Parses a reference path; wildcards, filters, slices and unions are refused.
    public init(parsing source: String) throws(JSONPathError) {
        let path = try JSONPath(parsing: source)
        guard path.isDefinite else {
            throw .invalidSyntax(path: source, reason: "a reference path may contain only names and indices")
        }
        self.path = path
    }

    public var source: String { path.source }
    public var description: String { path.source }

    /// Reads the one value the path names.
    public func evaluate(_ root: JSON) throws(JSONPathError) -> JSON { try path.evaluate(root) }

    /// Returns `target` with `value` written at this path, creating objects along the way
    /// (what `ResultPath` does). `$` replaces the whole target.
    public func assigning(_ value: JSON, into target: JSON) throws(JSONPathError) -> JSON {
        try Self.assign(value, into: target, segments: path.segments[...], source: source)
    }

    private static func assign(
        _ value: JSON, into target: JSON, segments: ArraySlice<JSONPathSegment>, source: String
    ) throws(JSONPathError) -> JSON {
        guard let first = segments.first else { return value }
        let rest = segments.dropFirst()
        switch first {
        case .child(let name):
            var object: JSONObject
            switch target {
            case .object(let o): object = o
            default:
                throw .cannotAssign(path: source, reason: "the value at '\(name)' has no object to hold it")
            }
            let existing = object[name] ?? .object([:])
            object[name] = try assign(value, into: existing, segments: rest, source: source)
            return .object(object)
        case .index(let i):
            guard case .array(var array) = target else {
                throw .cannotAssign(path: source, reason: "index \(i) applied to a value that is not an array")
            }
            let j = i < 0 ? array.count + i : i
            guard j >= 0, j < array.count else {
                throw .cannotAssign(path: source, reason: "index \(i) is out of bounds")
            }
            array[j] = try assign(value, into: array[j], segments: rest, source: source)
            return .array(array)
        default:
            preconditionFailure("reference paths hold only names and indices")
        }
    }
}
