/// The intrinsic functions Step Functions offers to JSONPath states.
public enum IntrinsicFunction: String, Sendable, CaseIterable {
    case format = "States.Format"
    case stringToJson = "States.StringToJson"
    case jsonToString = "States.JsonToString"
    case array = "States.Array"
    case arrayPartition = "States.ArrayPartition"
    case arrayContains = "States.ArrayContains"
    case arrayRange = "States.ArrayRange"
    case arrayGetItem = "States.ArrayGetItem"
    case arrayLength = "States.ArrayLength"
    case arrayUnique = "States.ArrayUnique"
    case base64Encode = "States.Base64Encode"
    case base64Decode = "States.Base64Decode"
    case hash = "States.Hash"
    case jsonMerge = "States.JsonMerge"
    case mathRandom = "States.MathRandom"
    case mathAdd = "States.MathAdd"
    case stringSplit = "States.StringSplit"
    case uuid = "States.UUID"

    /// How many arguments the function takes.
    var arity: ClosedRange<Int> {
        switch self {
        case .format: 1...Int.max
        case .array: 0...Int.max
        case .uuid: 0...0
        case .stringToJson, .jsonToString, .arrayLength, .arrayUnique, .base64Encode, .base64Decode: 1...1
        case .arrayPartition, .arrayContains, .arrayGetItem, .hash, .mathAdd, .stringSplit: 2...2
        case .arrayRange, .jsonMerge: 3...3
        case .mathRandom: 2...3
        }
    }

    /// 1 or 2 for the functions that need only their arguments' values (see
    /// ``apply(_:)`` and ``apply(_:_:)``); nil for the others.
    var fixedArity: Int? {
        switch self {
        case .stringToJson, .jsonToString, .arrayLength, .arrayUnique, .base64Encode, .base64Decode: 1
        case .arrayPartition, .arrayContains, .arrayGetItem, .hash, .mathAdd, .stringSplit: 2
        case .format, .array, .uuid, .arrayRange, .jsonMerge, .mathRandom: nil
        }
    }

    func apply(to values: [JSON], arguments: [IntrinsicArgument], scope: EvaluationScope) throws(IntrinsicArgumentError) -> JSON {
        switch self {
        case .format: return try Intrinsics.format(values, arguments: arguments)
        case .array: return .array(values)
        case .arrayRange: return try Intrinsics.arrayRange(values[0], values[1], values[2])
        case .jsonMerge: return try Intrinsics.jsonMerge(values[0], values[1], values[2])
        case .mathRandom: return try Intrinsics.mathRandom(values, entropy: scope.entropy)
        case .uuid: return .string(scope.entropy.uuid().uuidString.lowercased())
        case .stringToJson, .jsonToString, .arrayLength, .arrayUnique, .base64Encode, .base64Decode:
            return try apply(values[0])
        case .arrayPartition, .arrayContains, .arrayGetItem, .hash, .mathAdd, .stringSplit:
            return try apply(values[0], values[1])
        }
    }

    /// A one-argument function (``fixedArity`` 1).
    func apply(_ a: JSON) throws(IntrinsicArgumentError) -> JSON {
        switch self {
        case .stringToJson: return try Intrinsics.stringToJson(a)
        case .jsonToString: return .string(a.serialized)
        case .arrayLength: return .int(try Intrinsics.array(a, "first").count)
        case .arrayUnique: return try Intrinsics.arrayUnique(a)
        case .base64Encode: return try Intrinsics.base64Encode(a)
        case .base64Decode: return try Intrinsics.base64Decode(a)
        default: preconditionFailure("\(rawValue) does not take one argument")
        }
    }

    /// A two-argument function (``fixedArity`` 2).
    func apply(_ a: JSON, _ b: JSON) throws(IntrinsicArgumentError) -> JSON {
        switch self {
        case .arrayPartition: return try Intrinsics.arrayPartition(a, b)
        case .arrayContains: return .bool(try Intrinsics.array(a, "first").contains(b))
        case .arrayGetItem: return try Intrinsics.arrayGetItem(a, b)
        case .hash: return try Intrinsics.hash(a, b)
        case .mathAdd: return try Intrinsics.mathAdd(a, b)
        case .stringSplit: return try Intrinsics.stringSplit(a, b)
        default: preconditionFailure("\(rawValue) does not take two arguments")
        }
    }
}

/// The function bodies, grouped by facet (`Intrinsics+Arrays.swift`, …).
enum Intrinsics {
    /// AWS's limit on the strings `States.Base64Encode`, `States.Base64Decode` and
    /// `States.Hash` accept.
    static let maximumInputCharacters = 10_000
    /// AWS's limit on the arrays `States.ArrayRange` creates.
    static let maximumRangeItems = 1_000

    static func array(_ value: JSON, _ position: String) throws(IntrinsicArgumentError) -> [JSON] {
        guard case .array(let a) = value else {
            throw IntrinsicArgumentError("The \(position) argument must be an array, but was \(value.typeName): \(value.serialized)")
        }
        return a
    }

    static func string(_ value: JSON, _ position: String) throws(IntrinsicArgumentError) -> String {
        guard case .string(let s) = value else {
            throw IntrinsicArgumentError("The \(position) argument must be a string, but was \(value.typeName): \(value.serialized)")
        }
        return s
    }

    /// An integer argument: integral numbers only.
    static func integer(_ value: JSON, _ position: String) throws(IntrinsicArgumentError) -> Int {
        guard case .number(let n) = value, let i = n.exactInt else {
            throw IntrinsicArgumentError("The \(position) argument must be an integer, but was \(value.typeName): \(value.serialized)")
        }
        return i
    }

    /// A number argument rounded as Java's `Math.round` does (half up: 1.5 → 2,
    /// -1.5 → -1), which is what AWS does to non-integers given to `States.MathAdd`,
    /// `States.MathRandom` and `States.ArrayRange`.
    static func roundedInteger(_ value: JSON, _ position: String) throws(IntrinsicArgumentError) -> Int {
        guard case .number(let n) = value else {
            throw IntrinsicArgumentError("The \(position) argument must be a number, but was \(value.typeName): \(value.serialized)")
        }
        switch n {
        case .int(let i): return i
        case .double(let d):
            let floor = d.rounded(.down)
            let rounded = d - floor >= 0.5 ? floor + 1 : floor
            guard rounded.isFinite, rounded >= -9.2e18, rounded <= 9.2e18 else {
                throw IntrinsicArgumentError("The \(position) argument is out of range: \(value.serialized)")
            }
            return Int(rounded)
        }
    }
}
