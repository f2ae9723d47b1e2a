/// One rule of a Choice state's `Choices` (or a rule nested inside `And`, `Or`, `Not`),
/// compiled once when the definition loads.
///
/// Matches the JSONPath form of AWS's Choice Rules: a comparison of the value at
/// `Variable` with a literal or with the value at a `…Path` operand, or a boolean
/// combination of nested rules. Evaluation never re-parses text: paths, timestamps and
/// `StringMatches` patterns are parsed here, once.
public struct ChoiceRule: Sendable, Equatable {
    /// The rule as written (without `Next`).
    public let source: JSON
    /// What the rule tests.
    public let condition: ChoiceCondition

    public init(source: JSON, condition: ChoiceCondition) {
        self.source = source
        self.condition = condition
    }
}

/// The boolean expression of a Choice rule.
///
/// ASL: "The values of And and Or operators must be non-empty arrays of Choice Rules
/// that must not themselves contain Next fields. Likewise, the value of a Not operator
/// must be a single Choice Rule that must not contain Next fields."
public indirect enum ChoiceCondition: Sendable, Equatable {
    /// `Variable` + one comparison operator.
    case comparison(ChoiceComparison)
    /// `And`: every rule matches (evaluated in order, stopping at the first false one).
    case and([ChoiceCondition])
    /// `Or`: some rule matches (evaluated in order, stopping at the first true one).
    case or([ChoiceCondition])
    /// `Not`: the rule does not match.
    case not(ChoiceCondition)
    /// `Condition` (JSONata states): a boolean, or an expression that must give one.
    /// The interpreter evaluates it, with `$states` and the variables.
    case jsonata(JSONataTemplate)
}

/// A comparison: the value at `variable` tested by one operator.
public struct ChoiceComparison: Sendable, Equatable {
    /// `Variable`: a reference path into the state input, or `$$` for the context object.
    public var variable: ReferencePath
    /// The operator and its operand.
    public var test: ChoiceTest

    public init(variable: ReferencePath, test: ChoiceTest) {
        self.variable = variable
        self.test = test
    }
}

/// A comparison operator with its typed operand.
public enum ChoiceTest: Sendable, Equatable {
    /// `StringEquals`, `StringLessThan`, … and their `…Path` forms. Strings order as
    /// Java's `String.compareTo` does (by UTF-16 code unit).
    case string(ChoiceOrdering, ChoiceOperand<String>)
    /// `StringMatches`: a pattern where `*` matches any run of characters.
    case stringMatches(StringMatchPattern)
    /// `NumericEquals`, `NumericLessThan`, … and their `…Path` forms.
    case numeric(ChoiceOrdering, ChoiceOperand<JSONNumber>)
    /// `BooleanEquals` and `BooleanEqualsPath`.
    case boolean(ChoiceOperand<Bool>)
    /// `TimestampEquals`, `TimestampLessThan`, … and their `…Path` forms.
    case timestamp(ChoiceOrdering, ChoiceOperand<Timestamp>)
    /// `IsNull`, `IsPresent`, `IsNumeric`, `IsString`, `IsBoolean`, `IsTimestamp`: whether
    /// the value is of the kind, compared with the operand (`"IsNull": false` inverts).
    case typeCheck(ChoiceTypeCheck, Bool)
}

/// How a comparison orders the variable against the operand.
public enum ChoiceOrdering: Sendable, Equatable, CaseIterable {
    case equals, lessThan, greaterThan, lessThanEquals, greaterThanEquals

    /// Whether a three-way comparison result (negative, zero, positive: variable
    /// against operand) satisfies this ordering.
    func holds(_ order: Int) -> Bool {
        switch self {
        case .equals: order == 0
        case .lessThan: order < 0
        case .greaterThan: order > 0
        case .lessThanEquals: order <= 0
        case .greaterThanEquals: order >= 0
        }
    }
}

/// The kind an `Is…` operator tests for.
public enum ChoiceTypeCheck: Sendable, Equatable, CaseIterable {
    case isNull, isPresent, isNumeric, isString, isBoolean, isTimestamp
}

/// A comparison's operand: a literal from the definition, or (for the `…Path`
/// operators) a reference path read from the input or the context object at run time.
public enum ChoiceOperand<Value: Sendable & Equatable>: Sendable, Equatable {
    case value(Value)
    case path(ReferencePath)
}
