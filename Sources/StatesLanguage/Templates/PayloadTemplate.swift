/// A payload template (`Parameters`, `ResultSelector`, `ItemSelector`), compiled once:
/// keys ending in `.$` become paths or intrinsic calls, everything else is literal.
///
/// As the ASL spec says, a `.$` field is transformed "however deeply nested", which in
/// Step Functions includes objects inside arrays (the usual ECS `Environment` lists).
/// The output key drops the `.$` suffix.
public struct PayloadTemplate: Sendable, Equatable {
    /// The template as written in the definition.
    public var source: JSON { storage.source }
    var node: TemplateNode { storage.node }
    /// Held by reference: the interpreter reads a state's template on every transition,
    /// and a copy is then one reference rather than the source's whole value.
    private let storage: Storage

    /// True when a `$$` or `$name` path appears anywhere in the template (nested calls
    /// included): only then does its scope need the state's part of the context object or
    /// the frame's variables.
    var readsScope: Bool { storage.readsScope }

    private final class Storage: Sendable {
        let source: JSON
        let node: TemplateNode
        let readsScope: Bool
        init(source: JSON, node: TemplateNode) {
            self.source = source
            self.node = node
            readsScope = node.readsScope
        }
    }

    /// Compiles `source`; every problem is reported, located at the object that holds
    /// the bad field (`/States/A/Parameters`), with AWS's wording: "The value for the
    /// field 'x.$' must be a valid JSONPath or a valid intrinsic function call".
    public init(compiling source: JSON, at location: String) throws(DefinitionError) {
        var diagnostics: [Diagnostic] = []
        let node = TemplateNode.compile(source, at: location, diagnostics: &diagnostics)
        if !diagnostics.isEmpty { throw DefinitionError(diagnostics) }
        storage = Storage(source: source, node: node)
    }

    /// Builds the payload. A path that matches nothing fails with `States.Runtime` and
    /// AWS's cause "The JSONPath '$.x' specified for the field 'x.$' could not be found
    /// in the input '…'"; a failing intrinsic fails as `IntrinsicCall.evaluate` says.
    /// (The interpreter adds AWS's "An error occurred while executing the state …" prefix.)
    public func evaluate(_ scope: EvaluationScope) throws(Failure) -> JSON {
        try node.evaluate(scope)
    }

    /// True when the template holds no `.$` field: it always evaluates to `source`.
    public var isConstant: Bool { if case .literal = node { true } else { false } }

    public static func == (lhs: PayloadTemplate, rhs: PayloadTemplate) -> Bool { lhs.source == rhs.source }
}

/// Turns the value of a `.$` field, or of a field such as `ErrorPath` that accepts a path
/// or an intrinsic, into something to evaluate.
public enum DynamicValue: Sendable, Equatable {
    case path(JSONPath)
    case intrinsic(IntrinsicCall)

    /// Parses `text`: a path when it starts with `$`, otherwise an intrinsic call.
    public init(parsing text: String) throws(DynamicValueError) {
        if text.hasPrefix("$") {
            do { self = .path(try JSONPath(parsing: text)) } catch { throw .path(error) }
        } else {
            do { self = .intrinsic(try IntrinsicCall(parsing: text)) } catch { throw .intrinsic(error) }
        }
    }

    /// Evaluates for the field `field` (named in AWS's cause when a path matches nothing).
    public func evaluate(_ scope: EvaluationScope, field: String) throws(Failure) -> JSON {
        switch self {
        case .path(let path):
            do { return try path.evaluate(in: scope) } catch {
                throw Failure.pathNotFound(path.source, field: field, input: scope.input)
            }
        case .intrinsic(let call):
            return try call.evaluate(scope)
        }
    }
}

/// Why the value of a `.$` field did not parse.
public enum DynamicValueError: Error, Sendable, Equatable {
    case path(JSONPathError)
    case intrinsic(IntrinsicParseError)
}

indirect enum TemplateNode: Sendable {
    case literal(JSON)
    case object([(key: String, value: TemplateNode)])
    /// An object whose output keys are all different (nearly always: only `"a"` next to
    /// `"a.$"` collide): its keys are built once, and evaluating it allocates only the
    /// values, with no check of each key.
    case uniqueObject(keys: [String], nodes: [TemplateNode])
    case array([TemplateNode])
    case dynamic(field: String, DynamicValue)

    static func compile(_ json: JSON, at location: String, diagnostics: inout [Diagnostic]) -> TemplateNode {
        let node = compileNode(json, at: location, diagnostics: &diagnostics)
        return node.isLiteral ? .literal(json) : node
    }

    var isLiteral: Bool { if case .literal = self { true } else { false } }

    var readsScope: Bool {
        switch self {
        case .literal: false
        case .object(let members): members.contains { $0.value.readsScope }
        case .uniqueObject(_, let nodes), .array(let nodes): nodes.contains { $0.readsScope }
        case .dynamic(_, .path(let path)): path.rootKind != .input
        case .dynamic(_, .intrinsic(let call)): call.readsScope
        }
    }

    private static func compileNode(_ json: JSON, at location: String, diagnostics: inout [Diagnostic]) -> TemplateNode {
        switch json {
        case .object(let o):
            var members: [(key: String, value: TemplateNode)] = []
            members.reserveCapacity(o.count)
            var allLiteral = true
            for (key, value) in o {
                guard key.hasSuffix(".$") else {
                    let child = compileNode(value, at: location + "/" + key, diagnostics: &diagnostics)
                    allLiteral = allLiteral && child.isLiteral
                    members.append((key, child))
                    continue
                }
                allLiteral = false
                let name = String(key.dropLast(2))
                guard case .string(let text) = value else {
                    diagnostics.append(Diagnostic(.schemaValidationFailed, at: location,
                        "The value for the field '\(key)' must be a STRING that contains a JSONPath or an intrinsic function call"))
                    continue
                }
                do {
                    members.append((name, .dynamic(field: key, try DynamicValue(parsing: text))))
                } catch {
                    diagnostics.append(Diagnostic(.schemaValidationFailed, at: location,
                        "The value for the field '\(key)' must be a valid JSONPath or a valid intrinsic function call"))
                }
            }
            if allLiteral { return .literal(json) }
            let keys = members.map(\.key)
            if Set(keys).count == keys.count { return .uniqueObject(keys: keys, nodes: members.map(\.value)) }
            return .object(members)
        case .array(let a):
            let nodes = a.enumerated().map { compileNode($1, at: location + "/\($0)", diagnostics: &diagnostics) }
            return nodes.allSatisfy(\.isLiteral) ? .literal(json) : .array(nodes)
        default:
            return .literal(json)
        }
    }

    func evaluate(_ scope: EvaluationScope) throws(Failure) -> JSON {
        switch self {
        case .literal(let json): return json
        case .object(let members):
            var object = JSONObject(minimumCapacity: members.count)
            for (key, node) in members { object[key] = try node.evaluate(scope) }
            return .object(object)
        case .uniqueObject(let keys, let nodes):
            var values: [JSON] = []
            values.reserveCapacity(nodes.count)
            for node in nodes { values.append(try node.evaluate(scope)) }
            return .object(JSONObject(uncheckedUniqueKeys: keys, values: values))
        case .array(let nodes):
            var array: [JSON] = []
            array.reserveCapacity(nodes.count)
            for node in nodes { array.append(try node.evaluate(scope)) }
            return .array(array)
        case .dynamic(let field, let value):
            return try value.evaluate(scope, field: field)
        }
    }
}
