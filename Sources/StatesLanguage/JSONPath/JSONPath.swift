/// A JSONPath as Step Functions evaluates it.
///
/// Step Functions runs Jayway JsonPath, so this type follows Jayway's syntax and
/// semantics: `$` (state input), `$$` (context object), `$name` (a workflow variable),
/// `.name`, `['name']`, `[0]`, `[-1]`, `[*]`, `.*`, `[start:end:step]`, `['a','b']`,
/// `[0,1]`, `..`, and filters `[?(@.x > 1 && !@.y)]`.
///
/// Parsed once, when the definition loads; evaluation never re-parses the text.
public struct JSONPath: Sendable, Hashable, CustomStringConvertible {
    /// What a path is evaluated against.
    public enum Root: Sendable, Hashable {
        /// `$`: the state's (effective) input.
        case input
        /// `$$`: the context object.
        case context
        /// `$name`: the workflow variable `name` (JSONPath states with `Assign`).
        case variable(String)
    }

    /// The text the path was parsed from.
    public let source: String
    /// What the path reads.
    public let rootKind: Root
    let segments: [JSONPathSegment]
    /// The member names of a path made only of `.name` steps (`$.a.b`), the most common
    /// kind, which evaluation follows directly; nil for any other path.
    let memberNames: [String]?

    /// The root path `$`.
    public static let root = JSONPath(source: "$", rootKind: .input, segments: [])

    init(source: String, rootKind: Root, segments: [JSONPathSegment]) {
        self.source = source
        self.rootKind = rootKind
        self.segments = segments
        var names: [String] = []
        for segment in segments {
            guard case .child(let name) = segment else { break }
            names.append(name)
        }
        memberNames = !segments.isEmpty && names.count == segments.count ? names : nil
    }

    /// Parses a JSONPath. Syntax errors are thrown, never trapped.
    public init(parsing source: String) throws(JSONPathError) {
        self = try JSONPathParser.parse(source)
    }

    /// True when the path starts with `$$` (reads the context object).
    public var isContextPath: Bool { rootKind == .context }

    /// The variable a `$name…` path reads, if it is one.
    public var variableName: String? {
        if case .variable(let name) = rootKind { name } else { nil }
    }

    /// True when the path selects at most one node, as Jayway decides it: only names
    /// and indices (and, as the last step, a list of names, which Jayway merges into
    /// one object). A definite path returns its value or fails; an indefinite one
    /// returns the list of its matches.
    public var isDefinite: Bool {
        for (i, segment) in segments.enumerated() {
            switch segment {
            case .child, .index: continue
            case .union(let members) where i == segments.count - 1 && members.allSatisfy(\.isName): continue
            default: return false
            }
        }
        return true
    }

    /// True when the path is made only of single names and indices: what AWS calls a
    /// reference path (`ResultPath`, `ItemsPath`, a Choice rule's `Variable`, …).
    public var isReferencePath: Bool {
        segments.allSatisfy { if case .child = $0 { true } else if case .index = $0 { true } else { false } }
    }

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
    /// `..name`, `..*`, `..[0]`
    case descendant(JSONPathSegment)
    /// `[start:end:step]`
    case slice(start: Int?, end: Int?, step: Int?)
    /// `['a','b']`, `[0,1]`: members are `.child` or `.index`
    case union([JSONPathSegment])
    /// `[?(@.price < 10)]`
    case filter(JSONPathFilter)

    var isName: Bool { if case .child = self { true } else { false } }
}

/// A filter expression `[?(…)]`, compiled.
indirect enum JSONPathFilter: Sendable {
    /// `@.x` alone: true when the path matches something.
    case exists(JSONPathOperand)
    case compare(JSONPathOperand, JSONPathComparison, JSONPathOperand)
    case and(JSONPathFilter, JSONPathFilter)
    case or(JSONPathFilter, JSONPathFilter)
    case not(JSONPathFilter)
}

enum JSONPathOperand: Sendable {
    /// `@…`: relative to the node being filtered.
    case current([JSONPathSegment])
    /// `$…`: from the document root.
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
