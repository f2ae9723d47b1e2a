import Foundation
import OrderedCollections

/// A value during JSONata evaluation. JSONata's `undefined` is `nil` in a `JValue?`.
///
/// Unlike ``JSON`` it has functions, numbers are all doubles (as in JavaScript), and an
/// array remembers whether it is a sequence: a result built by path navigation that
/// collapses to its single item and flattens into an enclosing sequence.
indirect enum JValue {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array(JArray)
    case object(OrderedDictionary<String, JValue>)
    case function(JFunction)
}

/// An array with JSONata's flags.
struct JArray {
    var items: [JValue]
    /// Built by path navigation; collapses when it has one item.
    var isSequence = false
    /// `[]` was used: a singleton sequence stays an array.
    var keepSingleton = false
    /// Made by an array constructor at the end of a path: not flattened into the path.
    var isConstructed = false
    /// The whole input, an array, wrapped so that paths start from it as one value.
    var isOuterWrapper = false

    init(_ items: [JValue] = [], sequence: Bool = false) {
        self.items = items
        self.isSequence = sequence
    }
}

extension JValue {
    static func sequence(_ items: [JValue] = []) -> JValue { .array(JArray(items, sequence: true)) }

    init(_ json: JSON) {
        switch json {
        case .null: self = .null
        case .bool(let b): self = .bool(b)
        case .number(let n): self = .number(n.doubleValue)
        case .string(let s): self = .string(s)
        case .array(let a): self = .array(JArray(a.map(JValue.init)))
        case .object(let o): self = .object(o.mapValues(JValue.init))
        }
    }

    /// The value as JSON; integral numbers become JSON integers. A function anywhere in
    /// it cannot be represented.
    func json() throws(JSONataError) -> JSON {
        switch self {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .number(let d): return .number(JValue.jsonNumber(d))
        case .string(let s): return .string(s)
        case .array(let a):
            var items: [JSON] = []
            items.reserveCapacity(a.items.count)
            for item in a.items { items.append(try item.json()) }
            return .array(items)
        case .object(let o):
            var members = JSONObject()
            for (key, value) in o { members[key] = try value.json() }
            return .object(members)
        case .function: throw .unsupportedResult
        }
    }

    static func jsonNumber(_ d: Double) -> JSONNumber {
        if d.rounded(.towardZero) == d, abs(d) < 9.2e18 { return .int(Int(d)) }
        return .double(d)
    }

    /// The type letter JSONata's signatures use; `m` is undefined.
    static func symbol(_ value: JValue?) -> Character {
        switch value {
        case nil: "m"
        case .null: "l"
        case .bool: "b"
        case .number: "n"
        case .string: "s"
        case .array: "a"
        case .object: "o"
        case .function: "f"
        }
    }

    var isFunction: Bool { if case .function = self { true } else { false } }

    var number: Double? { if case .number(let d) = self { d } else { nil } }
    var string: String? { if case .string(let s) = self { s } else { nil } }

    /// The items of an array, or the value as a one-item list.
    var items: [JValue] {
        if case .array(let a) = self { return a.items }
        return [self]
    }

    var isSequence: Bool { if case .array(let a) = self { a.isSequence } else { false } }

    /// JSONata's `$boolean` casting rules.
    static func truthy(_ value: JValue?) -> Bool? {
        guard let value else { return nil }
        switch value {
        case .null: return false
        case .bool(let b): return b
        case .number(let d): return d != 0
        case .string(let s): return !s.isEmpty
        case .object(let o): return !o.isEmpty
        case .function: return false
        case .array(let a):
            if a.items.count == 1 { return truthy(a.items[0]) }
            return a.items.contains { truthy($0) == true }
        }
    }

    /// Deep equality as JSONata's `=` and `$distinct` use it.
    static func deepEqual(_ a: JValue?, _ b: JValue?) -> Bool {
        switch (a, b) {
        case (nil, nil): return true
        case (.null?, .null?): return true
        case let (.bool(x)?, .bool(y)?): return x == y
        case let (.number(x)?, .number(y)?): return x == y
        case let (.string(x)?, .string(y)?): return x == y
        case let (.array(x)?, .array(y)?):
            guard x.items.count == y.items.count else { return false }
            return zip(x.items, y.items).allSatisfy { deepEqual($0, $1) }
        case let (.object(x)?, .object(y)?):
            guard x.count == y.count else { return false }
            return x.allSatisfy { key, value in y[key].map { deepEqual(value, $0) } ?? false }
        case let (.function(x)?, .function(y)?): return x === y
        default: return false
        }
    }
}

/// A callable value: a lambda, a library function, a partial application or a regex.
final class JFunction {
    enum Kind {
        case lambda(parameters: [String], body: JSONataNode, closure: JSONataFrame, input: JValue?)
        case builtin(JSONataBuiltin)
        /// Arguments fixed by `$f(?, 2)`; `nil` entries are the placeholders.
        case partial(JFunction, [JValue??])
        case regex(NSRegularExpression)
        case transform(pattern: JSONataNode, update: JSONataNode, delete: JSONataNode?, closure: JSONataFrame)
        /// `$f ~> $g`: `$g($f(…))`.
        case chain(JFunction, JFunction)
    }

    let kind: Kind
    let signature: JSONataSignature?

    init(_ kind: Kind, signature: JSONataSignature? = nil) {
        self.kind = kind
        self.signature = signature
    }

    /// How many arguments the higher-order functions pass to it.
    var arity: Int {
        switch kind {
        case .lambda(let parameters, _, _, _): return parameters.count
        case .builtin(let b): return b.signature.parameters.filter { !$0.optional || $0.context }.count
        case .partial(_, let args): return args.filter { $0 == nil }.count
        case .regex: return 1
        case .transform: return 1
        case .chain(let first, _): return first.arity
        }
    }
}

/// The variables in scope; a block or a function call opens a new frame.
final class JSONataFrame {
    private var bindings: [String: JValue] = [:]
    let parent: JSONataFrame?

    init(parent: JSONataFrame?) { self.parent = parent }

    func bind(_ name: String, _ value: JValue?) { bindings[name] = value }

    func lookup(_ name: String) -> JValue? {
        var frame: JSONataFrame? = self
        while let f = frame {
            if let v = f.bindings[name] { return v }
            frame = f.parent
        }
        return nil
    }
}
