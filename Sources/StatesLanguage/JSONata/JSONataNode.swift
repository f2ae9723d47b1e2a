/// A node of a parsed JSONata expression, already in the shape JSONata's evaluator uses:
/// `a.b[0]` is one path whose last step carries the predicate as a stage.
struct JSONataNode: Sendable {
    var kind: Kind
    var position: Int
    /// Filters applied after the node is evaluated (`[…]`); on a path step, its stages.
    var predicates: [JSONataNode] = []
    /// `{ key: value }` after an expression: group the results into one object.
    var group: [JSONataPair]? = nil
    /// `[]` after a step: keep a singleton array an array.
    var keepArray = false
    /// An array constructor at either end of a path keeps its array whole.
    var consArray = false
    /// `step@$name`: bind each result to `$name`, keeping the previous context.
    var focus: String? = nil
    /// `step#$name`: bind each result's position to `$name`.
    var index: String? = nil

    /// Whether this path step makes the rest of the path a stream of bound tuples.
    var bindsTuple: Bool {
        focus != nil || index != nil || predicates.contains { if case .indexStage = $0.kind { true } else { false } }
    }

    init(_ kind: Kind, at position: Int) {
        self.kind = kind
        self.position = position
    }

    indirect enum Kind: Sendable {
        case string(String)
        case number(Double)
        case value(JSONataLiteral)
        case regex(pattern: String, flags: String)
        /// A field name, as a path step.
        case name(String)
        /// `$name`; `""` is the context `$`, `"$"` the root `$$`.
        case variable(String)
        case wildcard
        case descendants
        case path(steps: [JSONataNode], keepSingletonArray: Bool)
        case negate(JSONataNode)
        case binary(JSONataOperator, JSONataNode, JSONataNode)
        case array([JSONataNode])
        case object([JSONataPair])
        case condition(JSONataNode, then: JSONataNode, else: JSONataNode?)
        case block([JSONataNode])
        case bind(String, JSONataNode)
        case call(JSONataNode, arguments: [JSONataNode])
        /// `?` in an argument list: a partial application.
        case placeholder
        case lambda(parameters: [String], body: JSONataNode, signature: JSONataSignature?)
        /// `lhs ~> rhs`.
        case apply(JSONataNode, JSONataNode)
        /// `^(…)` as a path step.
        case sort([JSONataSortTerm])
        /// `#$name` after a step's predicates: the position after filtering.
        case indexStage(String)
        /// `| pattern | update, delete |`.
        case transform(pattern: JSONataNode, update: JSONataNode, delete: JSONataNode?)
    }
}

struct JSONataPair: Sendable {
    var key: JSONataNode
    var value: JSONataNode
}

struct JSONataSortTerm: Sendable {
    var descending: Bool
    var expression: JSONataNode
}

enum JSONataOperator: String, Sendable {
    case add = "+", subtract = "-", multiply = "*", divide = "/", modulo = "%"
    case equal = "=", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
    case concat = "&", and, or, `in`, range = ".."
    case elvis = "?:", coalesce = "??"
}
