/// An intrinsic function call such as `States.Format('{}', $.name)`, parsed once into
/// a tree of literals, paths and nested calls.
///
/// Matches Step Functions' intrinsics for JSONPath states: the function names, their
/// argument counts (checked when the definition loads), string literals in single
/// quotes where only `\'`, `\{`, `\}` and `\\` are escapes, and AWS's run-time rules
/// for argument types and limits.
public struct IntrinsicCall: Sendable, Equatable {
    /// The call as written.
    public let source: String
    /// The function called.
    public let function: IntrinsicFunction
    let arguments: [IntrinsicArgument]

    /// Parses a call; unknown functions, wrong argument counts, bad literals, bad paths,
    /// unbalanced quotes or parentheses and nesting deeper than AWS allows are refused.
    public init(parsing source: String) throws(IntrinsicParseError) {
        var parser = IntrinsicParser(source)
        self = try parser.parseWhole()
    }

    init(source: String, function: IntrinsicFunction, arguments: [IntrinsicArgument]) {
        self.source = source
        self.function = function
        self.arguments = arguments
    }

    /// Evaluates the call. Bad arguments fail with `States.Runtime` and the cause
    /// "The function '<call>' had the following error: <why>", as Step Functions words it.
    public func evaluate(_ scope: EvaluationScope) throws(Failure) -> JSON {
        // One- and two-argument functions take their values directly: a call such as
        // `States.MathAdd($.count, 1)` in a state run on every transition then builds no
        // argument array.
        switch (function.fixedArity, arguments.count) {
        case (1, 1):
            let a = try value(of: arguments[0], scope)
            do { return try function.apply(a) } catch { throw fail(error.reason) }
        case (2, 2):
            let a = try value(of: arguments[0], scope)
            let b = try value(of: arguments[1], scope)
            do { return try function.apply(a, b) } catch { throw fail(error.reason) }
        default:
            var values: [JSON] = []
            values.reserveCapacity(arguments.count)
            for argument in arguments { values.append(try value(of: argument, scope)) }
            do {
                return try function.apply(to: values, arguments: arguments, scope: scope)
            } catch {
                throw fail(error.reason)
            }
        }
    }

    // Inlined: it runs for every argument on every transition, and as a call of its own it
    // cost about 120 instructions more per `States.MathAdd($.count, 1)` (callgrind).
    @inline(__always)
    private func value(of argument: IntrinsicArgument, _ scope: borrowing EvaluationScope) throws(Failure) -> JSON {
        switch argument {
        case .literal(let json), .template(let json, _):
            return json
        case .path(let path):
            do {
                // `$…` reads the input directly: through `evaluate(in:)`, which handles every
                // root, a `States.MathAdd($.count, 1)` cost ≈ 50 instructions more (callgrind).
                if case .input = path.rootKind { return try path.evaluate(scope.input) }
                return try path.evaluate(in: scope)
            } catch {
                throw fail("The JsonPath argument for the field '\(path.source)' could not be found in the input '\(scope.input.serialized)'")
            }
        case .call(let call):
            return try call.evaluate(scope)
        }
    }

    /// True when an argument (or a nested call's) is a `$$` or `$name` path.
    var readsScope: Bool {
        arguments.contains { argument in
            switch argument {
            case .literal, .template: false
            case .path(let path): path.rootKind != .input
            case .call(let call): call.readsScope
            }
        }
    }

    func fail(_ reason: String) -> Failure {
        Failure(IntrinsicCall.failureName, cause: "The function '\(source)' had the following error: \(reason)")
    }

    /// The error name of a failing intrinsic. AWS documents `States.IntrinsicFailure`, but
    /// its run time reports argument problems in payload templates as `States.Runtime`
    /// (as it does for paths that match nothing).
    static let failureName = ErrorName.runtime

    public static func == (lhs: IntrinsicCall, rhs: IntrinsicCall) -> Bool { lhs.source == rhs.source }
}

/// One argument of an intrinsic call.
///
/// Not `indirect` (a nested call's arguments are in an array already): reading a literal out
/// of a boxed case copied it through the runtime's generic value witnesses, about 90
/// instructions per argument on every evaluation.
enum IntrinsicArgument: Sendable {
    /// A string, number, boolean or null written in the call.
    case literal(JSON)
    /// A string literal as `States.Format`'s template: its value and its text as written,
    /// where `\{` and `\}` still mark literal braces.
    case template(JSON, raw: String)
    /// `$.x`, `$$.x`, `$x`
    case path(JSONPath)
    /// A nested call.
    case call(IntrinsicCall)
}

/// Why an intrinsic call could not be parsed.
public struct IntrinsicParseError: Error, Sendable, Equatable, CustomStringConvertible {
    public var source: String
    public var reason: String
    public var description: String { "Invalid intrinsic function '\(source)': \(reason)" }
}

/// Why a function refused its arguments (becomes the cause of the failure).
struct IntrinsicArgumentError: Error {
    var reason: String
    init(_ reason: String) { self.reason = reason }
}
