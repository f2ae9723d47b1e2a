/// A JSONPath as Step Functions evaluates it (Jayway-compatible syntax).
///
/// Parsed once, when the definition loads; evaluation never re-parses the text.
/// A path that starts with `$$` reads the context object instead of the state input.
public struct JSONPath: Sendable, Hashable, CustomStringConvertible {
    /// The text the path was parsed from.
    public let source: String
    /// True when the path starts with `$$` (reads the context object).
    public let isContextPath: Bool
    let segments: [JSONPathSegment]

    /// The root path `$`.
    public static let root = JSONPath(source: "$", isContextPath: false, segments: [])

    init(source: String, isContextPath: Bool, segments: [JSONPathSegment]) {
        self.source = source
        self.isContextPath = isContextPath
        self.segments = segments
    }

    /// Parses a JSONPath.
    public init(parsing source: String) throws(JSONPathError) {
        self = try JSONPathParser.parse(source)
    }

    /// True when the path selects at most one node (only names and indices): what AWS
    /// calls a reference path.
    public var isDefinite: Bool { segments.allSatisfy(\.isDefinite) }

    public var description: String { source }

    public static func == (lhs: JSONPath, rhs: JSONPath) -> Bool { lhs.source == rhs.source }
    public func hash(into hasher: inout Hasher) { hasher.combine(source) }
}

/// One step of a parsed JSONPath.
indirect enum JSONPathSegment: Sendable {
    /// `.name` or `['name']`
    case child(String)
    /// `[3]`, `[-1]`
    case index(Int)
    /// `.*` or `[*]`
    case wildcard
    /// `..name`, `..*`
    case descendant(JSONPathSegment)
    /// `[start:end:step]`
    case slice(start: Int?, end: Int?, step: Int?)
    /// `['a','b']`, `[0,1]`
    case union([JSONPathSegment])
    /// `[?(@.price < 10)]`
    case filter(JSONPathFilter)

    var isDefinite: Bool {
        switch self {
        case .child, .index: true
        default: false
        }
    }
}

/// A filter expression `[?(…)]`, compiled.
indirect enum JSONPathFilter: Sendable {
    case exists(relative: [JSONPathSegment])
    case compare(JSONPathOperand, JSONPathComparison, JSONPathOperand)
    case and(JSONPathFilter, JSONPathFilter)
    case or(JSONPathFilter, JSONPathFilter)
    case not(JSONPathFilter)
}

enum JSONPathOperand: Sendable {
    case current([JSONPathSegment])
    case root([JSONPathSegment])
    case literal(JSON)
}

enum JSONPathComparison: String, Sendable {
    case equal = "==", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">",
        greaterOrEqual = ">="
}

/// Why a path could not be parsed, evaluated or applied.
public enum JSONPathError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The text is not a valid path.
    case invalidSyntax(path: String, reason: String)
    /// A definite path selected nothing.
    case noMatch(path: String)
    /// A reference path could not be written into a value (e.g. through a string).
    case cannotAssign(path: String, reason: String)

    public var description: String {
        switch self {
        case .invalidSyntax(let path, let reason): "Invalid JSONPath '\(path)': \(reason)"
        case .noMatch(let path): "The JSONPath '\(path)' could not be found"
        case .cannotAssign(let path, let reason): "Unable to apply ResultPath '\(path)': \(reason)"
        }
    }
}
