/// A payload template (`Parameters`, `ResultSelector`, `ItemSelector`), compiled once:
/// keys ending in `.$` become paths or intrinsic calls, everything else is literal.
public struct PayloadTemplate: Sendable, Equatable {
    /// The template as written in the definition.
    public let source: JSON
    let node: TemplateNode

    /// Compiles `source`; every problem is reported, located under `location`
    /// (e.g. `/States/A/Parameters`).
    public init(compiling source: JSON, at location: String) throws(DefinitionError) {
        var diagnostics: [Diagnostic] = []
        let node = TemplateNode.compile(source, at: location, diagnostics: &diagnostics)
        if !diagnostics.isEmpty { throw DefinitionError(diagnostics) }
        self.source = source
        self.node = node
    }

    /// Builds the payload. Paths that match nothing and failing intrinsics become the
    /// failures AWS raises (`States.Runtime`, `States.IntrinsicFailure`).
    public func evaluate(_ scope: EvaluationScope) throws(Failure) -> JSON {
        try node.evaluate(scope)
    }

    public static func == (lhs: PayloadTemplate, rhs: PayloadTemplate) -> Bool { lhs.source == rhs.source }
}

indirect enum TemplateNode: Sendable {
    case literal(JSON)
    case object([(key: String, value: TemplateNode)])
    case array([TemplateNode])
    case path(field: String, JSONPath)
    case intrinsic(field: String, IntrinsicCall)

    static func compile(_ json: JSON, at location: String, diagnostics: inout [Diagnostic]) -> TemplateNode {
        switch json {
        case .object(let o):
            var members: [(key: String, value: TemplateNode)] = []
            for (key, value) in o {
                let here = location + "/" + key
                if key.hasSuffix(".$") {
                    let name = String(key.dropLast(2))
                    guard case .string(let text) = value else {
                        diagnostics.append(Diagnostic(.schemaValidationFailed, at: here, "The value for the field '\(key)' must be a STRING that contains a JSONPath or an intrinsic function"))
                        continue
                    }
                    if text.hasPrefix("$") {
                        do { members.append((name, .path(field: key, try JSONPath(parsing: text)))) } catch {
                            diagnostics.append(Diagnostic(.invalidJSONPath, at: here, "The value for the field '\(key)' must be a valid JSONPath"))
                        }
                    } else {
                        do { members.append((name, .intrinsic(field: key, try IntrinsicCall(parsing: text)))) } catch {
                            diagnostics.append(Diagnostic(.invalidIntrinsicFunction, at: here, "The value for the field '\(key)' must be a valid JSONPath or a valid intrinsic function call"))
                        }
                    }
                } else {
                    members.append((key, compile(value, at: here, diagnostics: &diagnostics)))
                }
            }
            return .object(members)
        case .array(let a):
            return .array(a.enumerated().map { compile($1, at: location + "/\($0)", diagnostics: &diagnostics) })
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
        case .array(let nodes):
            var array: [JSON] = []
            array.reserveCapacity(nodes.count)
            for node in nodes { array.append(try node.evaluate(scope)) }
            return .array(array)
        case .path(let field, let path):
            do { return try path.evaluate(in: scope) } catch {
                let root = path.isContextPath ? scope.context.json : scope.input
                throw Failure(.runtime, cause: "The JSONPath '\(path.source)' specified for the field '\(field)' could not be found in the input '\(root.serialized)'")
            }
        case .intrinsic(_, let call):
            return try call.evaluate(scope)
        }
    }
}
