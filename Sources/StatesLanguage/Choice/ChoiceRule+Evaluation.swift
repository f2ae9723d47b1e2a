extension ChoiceRule {
    /// Whether the rule matches `scope` (the Choice state's effective input and `$$`).
    ///
    /// As AWS: a value of another type than the operator's never matches (a number
    /// under `StringEquals` is false, not an error); a `Variable` or `…Path` operand that
    /// selects nothing fails with `States.Runtime`, except under `IsPresent`, which is
    /// then simply false. The cause is the part of AWS's message after the state's
    /// "An error occurred while executing the state …" prefix, which the caller adds.
    public func evaluate(_ scope: EvaluationScope) throws(Failure) -> Bool {
        try condition.evaluate(scope)
    }
}

extension ChoiceCondition {
    /// Evaluates the condition; `And` and `Or` stop at the first rule that decides them.
    public func evaluate(_ scope: EvaluationScope) throws(Failure) -> Bool {
        switch self {
        case .comparison(let comparison):
            return try comparison.evaluate(scope)
        case .and(let conditions):
            for condition in conditions {
                if try !condition.evaluate(scope) { return false }
            }
            return true
        case .or(let conditions):
            for condition in conditions {
                if try condition.evaluate(scope) { return true }
            }
            return false
        case .not(let condition):
            return try !condition.evaluate(scope)
        case .jsonata:
            // A JSONata state's rules read `$states`, which a JSONPath scope does not have.
            preconditionFailure("a JSONata Condition is evaluated by the interpreter")
        }
    }
}

extension ChoiceComparison {
    public func evaluate(_ scope: EvaluationScope) throws(Failure) -> Bool {
        let value: JSON
        do {
            value = try variable.path.evaluate(in: scope)
        } catch {
            // IsPresent exists to test for this: a missing value is "not present".
            if case .typeCheck(.isPresent, let expected) = test { return !expected }
            throw Self.invalidPath(variable)
        }
        switch test {
        case .typeCheck(let check, let expected):
            return check.holds(for: value) == expected
        case .string(let ordering, let operand):
            guard let text = value.stringValue, let other = try operand.resolve(scope, \.stringValue) else {
                return false
            }
            return ordering.holds(Self.javaCompare(text, other))
        case .stringMatches(let pattern):
            guard let text = value.stringValue else { return false }
            return pattern.matches(text)
        case .numeric(let ordering, let operand):
            guard let number = value.numberValue, let other = try operand.resolve(scope, \.numberValue),
                let order = Self.compare(number, other)
            else { return false }
            return ordering.holds(order)
        case .boolean(let operand):
            guard let flag = value.boolValue, let other = try operand.resolve(scope, \.boolValue) else {
                return false
            }
            return flag == other
        case .timestamp(let ordering, let operand):
            guard let text = value.stringValue, let instant = Timestamp(parsing: text),
                let other = try operand.resolve(scope, { $0.stringValue.flatMap(Timestamp.init(parsing:)) })
            else { return false }
            return ordering.holds(instant < other ? -1 : (instant == other ? 0 : 1))
        }
    }

    /// AWS's cause when a Choice rule's path selects nothing.
    static func invalidPath(_ path: ReferencePath) -> Failure {
        Failure(.runtime, cause: "Invalid path '\(path.source)': The choice state's condition path references an invalid value.")
    }

    /// Java's `String.compareTo`: UTF-16 code units, lexicographically. Swift's own
    /// `String` comparison would use Unicode canonical equivalence instead.
    static func javaCompare(_ a: String, _ b: String) -> Int {
        var left = a.utf16.makeIterator()
        var right = b.utf16.makeIterator()
        while true {
            switch (left.next(), right.next()) {
            case (nil, nil): return 0
            case (nil, _): return -1
            case (_, nil): return 1
            case let (x?, y?) where x != y: return x < y ? -1 : 1
            default: continue
            }
        }
    }

    /// Compares two JSON numbers exactly, integers with decimals included (an `Int` is
    /// never rounded to a `Double` first). Nil when either is NaN.
    static func compare(_ a: JSONNumber, _ b: JSONNumber) -> Int? {
        switch (a, b) {
        case let (.int(x), .int(y)): return x < y ? -1 : (x == y ? 0 : 1)
        case let (.double(x), .double(y)):
            if x.isNaN || y.isNaN { return nil }
            return x < y ? -1 : (x == y ? 0 : 1)
        case let (.int(x), .double(y)): return compare(x, y)
        case let (.double(x), .int(y)): return compare(y, x).map { -$0 }
        }
    }

    private static func compare(_ i: Int, _ d: Double) -> Int? {
        if d.isNaN { return nil }
        // 2^63 is exactly representable; beyond it every Int is smaller.
        if d >= 9_223_372_036_854_775_808.0 { return -1 }
        if d < -9_223_372_036_854_775_808.0 { return 1 }
        let whole = d.rounded(.towardZero)
        let wholeInt = Int(whole)
        if i != wholeInt { return i < wholeInt ? -1 : 1 }
        let fraction = d - whole
        return fraction > 0 ? -1 : (fraction < 0 ? 1 : 0)
    }
}

extension ChoiceOperand {
    /// The operand's value; nil when a `…Path` operand holds a value of another type
    /// (the comparison is then false). A `…Path` operand that selects nothing fails.
    func resolve(_ scope: EvaluationScope, _ convert: (JSON) -> Value?) throws(Failure) -> Value? {
        switch self {
        case .value(let value):
            return value
        case .path(let path):
            do {
                return convert(try path.path.evaluate(in: scope))
            } catch {
                throw ChoiceComparison.invalidPath(path)
            }
        }
    }
}

extension ChoiceTypeCheck {
    /// Whether `value` (which is present) is of this kind.
    func holds(for value: JSON) -> Bool {
        switch (self, value) {
        case (.isPresent, _): true
        case (.isNull, .null): true
        case (.isNumeric, .number): true
        case (.isString, .string): true
        case (.isBoolean, .bool): true
        case (.isTimestamp, .string(let text)): Timestamp(parsing: text) != nil
        default: false
        }
    }
}
