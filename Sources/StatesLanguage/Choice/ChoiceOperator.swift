/// The names of AWS's Choice comparison operators, as they appear in a rule.
///
/// Every ordering operator of the String, Numeric, Boolean and Timestamp families has a
/// `…Path` twin whose operand is a reference path instead of a literal. `StringMatches`
/// and the `Is…` operators have no `…Path` form.
enum ChoiceOperator: String, CaseIterable, Sendable {
    case stringEquals = "StringEquals"
    case stringEqualsPath = "StringEqualsPath"
    case stringLessThan = "StringLessThan"
    case stringLessThanPath = "StringLessThanPath"
    case stringGreaterThan = "StringGreaterThan"
    case stringGreaterThanPath = "StringGreaterThanPath"
    case stringLessThanEquals = "StringLessThanEquals"
    case stringLessThanEqualsPath = "StringLessThanEqualsPath"
    case stringGreaterThanEquals = "StringGreaterThanEquals"
    case stringGreaterThanEqualsPath = "StringGreaterThanEqualsPath"
    case stringMatches = "StringMatches"
    case numericEquals = "NumericEquals"
    case numericEqualsPath = "NumericEqualsPath"
    case numericLessThan = "NumericLessThan"
    case numericLessThanPath = "NumericLessThanPath"
    case numericGreaterThan = "NumericGreaterThan"
    case numericGreaterThanPath = "NumericGreaterThanPath"
    case numericLessThanEquals = "NumericLessThanEquals"
    case numericLessThanEqualsPath = "NumericLessThanEqualsPath"
    case numericGreaterThanEquals = "NumericGreaterThanEquals"
    case numericGreaterThanEqualsPath = "NumericGreaterThanEqualsPath"
    case booleanEquals = "BooleanEquals"
    case booleanEqualsPath = "BooleanEqualsPath"
    case timestampEquals = "TimestampEquals"
    case timestampEqualsPath = "TimestampEqualsPath"
    case timestampLessThan = "TimestampLessThan"
    case timestampLessThanPath = "TimestampLessThanPath"
    case timestampGreaterThan = "TimestampGreaterThan"
    case timestampGreaterThanPath = "TimestampGreaterThanPath"
    case timestampLessThanEquals = "TimestampLessThanEquals"
    case timestampLessThanEqualsPath = "TimestampLessThanEqualsPath"
    case timestampGreaterThanEquals = "TimestampGreaterThanEquals"
    case timestampGreaterThanEqualsPath = "TimestampGreaterThanEqualsPath"
    case isNull = "IsNull"
    case isPresent = "IsPresent"
    case isNumeric = "IsNumeric"
    case isString = "IsString"
    case isBoolean = "IsBoolean"
    case isTimestamp = "IsTimestamp"

    /// The kind of operand an operator takes.
    enum Family: Sendable {
        case string, stringMatches, numeric, boolean, timestamp
        case typeCheck(ChoiceTypeCheck)
    }

    var family: Family {
        let name = rawValue
        if self == .stringMatches { return .stringMatches }
        if name.hasPrefix("String") { return .string }
        if name.hasPrefix("Numeric") { return .numeric }
        if name.hasPrefix("Boolean") { return .boolean }
        if name.hasPrefix("Timestamp") { return .timestamp }
        switch self {
        case .isNull: return .typeCheck(.isNull)
        case .isPresent: return .typeCheck(.isPresent)
        case .isNumeric: return .typeCheck(.isNumeric)
        case .isString: return .typeCheck(.isString)
        case .isBoolean: return .typeCheck(.isBoolean)
        default: return .typeCheck(.isTimestamp)
        }
    }

    /// True for the `…Path` forms, whose operand is a reference path.
    var isPath: Bool { rawValue.hasSuffix("Path") }

    /// The ordering an ordering operator applies (`.equals` for the others).
    var ordering: ChoiceOrdering {
        let name = isPath ? String(rawValue.dropLast(4)) : rawValue
        if name.hasSuffix("LessThanEquals") { return .lessThanEquals }
        if name.hasSuffix("GreaterThanEquals") { return .greaterThanEquals }
        if name.hasSuffix("LessThan") { return .lessThan }
        if name.hasSuffix("GreaterThan") { return .greaterThan }
        return .equals
    }
}
