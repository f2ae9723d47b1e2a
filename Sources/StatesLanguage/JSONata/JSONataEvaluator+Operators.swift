import Foundation

/// Binary operators with JSONata's type rules and error codes.
extension JSONataEvaluator {
    func binary(_ node: JSONataNode, _ input: JValue?, _ frame: JSONataFrame) throws(JSONataError) -> JValue? {
        guard case .binary(let op, let lhsNode, let rhsNode) = node.kind else { return nil }
        let position = node.position
        let lhs = try evaluate(lhsNode, input, frame)
        switch op {
        case .and:
            guard JValue.truthy(lhs) == true else { return .bool(false) }
            return .bool(JValue.truthy(try evaluate(rhsNode, input, frame)) == true)
        case .or:
            if JValue.truthy(lhs) == true { return .bool(true) }
            return .bool(JValue.truthy(try evaluate(rhsNode, input, frame)) == true)
        case .elvis:
            if JValue.truthy(lhs) == true { return lhs }
            return try evaluate(rhsNode, input, frame)
        case .coalesce:
            if let lhs { return lhs }
            return try evaluate(rhsNode, input, frame)
        default: break
        }
        let rhs = try evaluate(rhsNode, input, frame)
        switch op {
        case .add, .subtract, .multiply, .divide, .modulo:
            return try arithmetic(op, lhs, rhs, at: position)
        case .equal: return .bool(lhs != nil && rhs != nil && JValue.deepEqual(lhs, rhs))
        case .notEqual: return .bool(lhs != nil && rhs != nil && !JValue.deepEqual(lhs, rhs))
        case .less, .lessOrEqual, .greater, .greaterOrEqual:
            return try compare(op, lhs, rhs, at: position)
        case .concat:
            return .string(try JSONataText.string(lhs) + JSONataText.string(rhs))
        case .in:
            guard let lhs, let rhs else { return .bool(false) }
            return .bool(rhs.items.contains { JValue.deepEqual($0, lhs) })
        case .range: return try range(lhs, rhs, at: position)
        case .and, .or, .elvis, .coalesce: return nil
        }
    }

    private func arithmetic(_ op: JSONataOperator, _ lhs: JValue?, _ rhs: JValue?, at position: Int) throws(JSONataError) -> JValue? {
        if let lhs, lhs.number == nil {
            throw JSONataError("T2001", "The left side of the \"\(op.rawValue)\" operator must evaluate to a number", position: position)
        }
        if let rhs, rhs.number == nil {
            throw JSONataError("T2002", "The right side of the \"\(op.rawValue)\" operator must evaluate to a number", position: position)
        }
        guard let a = lhs?.number, let b = rhs?.number else { return nil }
        let result: Double
        switch op {
        case .add: result = a + b
        case .subtract: result = a - b
        case .multiply: result = a * b
        case .divide: result = a / b
        default: result = a.truncatingRemainder(dividingBy: b)
        }
        guard result.isFinite else {
            throw JSONataError("D1001", "Number out of range: \(JSONataText.number(result))", position: position)
        }
        return .number(result)
    }

    private func compare(_ op: JSONataOperator, _ lhs: JValue?, _ rhs: JValue?, at position: Int) throws(JSONataError) -> JValue? {
        func comparable(_ v: JValue?) -> Bool { v == nil || v?.number != nil || v?.string != nil }
        guard comparable(lhs), comparable(rhs) else {
            let bad = comparable(lhs) ? rhs : lhs
            throw JSONataError("T2010", "The expressions either side of operator \"\(op.rawValue)\" must evaluate to numeric or string values: \(JSONataText.describe(bad))", position: position)
        }
        guard let lhs, let rhs else { return nil }
        let order: Int
        switch (lhs, rhs) {
        case let (.number(a), .number(b)): order = a < b ? -1 : (a == b ? 0 : 1)
        case let (.string(a), .string(b)): order = a == b ? 0 : (JSONataText.less(a, b) ? -1 : 1)
        default:
            throw JSONataError("T2009", "The values \(JSONataText.describe(lhs)) and \(JSONataText.describe(rhs)) either side of operator \"\(op.rawValue)\" must be of the same data type", position: position)
        }
        switch op {
        case .less: return .bool(order < 0)
        case .lessOrEqual: return .bool(order <= 0)
        case .greater: return .bool(order > 0)
        default: return .bool(order >= 0)
        }
    }

    private func range(_ lhs: JValue?, _ rhs: JValue?, at position: Int) throws(JSONataError) -> JValue? {
        if let lhs, !JSONataText.isInteger(lhs) {
            throw JSONataError("T2003", "The left side of the range operator (..) must evaluate to an integer", position: position)
        }
        if let rhs, !JSONataText.isInteger(rhs) {
            throw JSONataError("T2004", "The right side of the range operator (..) must evaluate to an integer", position: position)
        }
        guard let a = lhs?.number, let b = rhs?.number else { return nil }
        guard a <= b else { return nil }
        guard abs(a) < 9e15, abs(b) < 9e15 else {
            throw JSONataError("D2014", "The size of the sequence allocated by the range operator (..) must not exceed 1e7.", position: position)
        }
        guard b - a < 1e7 else {
            throw JSONataError("D2014", "The size of the sequence allocated by the range operator (..) must not exceed 1e7.  Attempted to allocate \(JSONataText.number(b - a + 1)).", position: position)
        }
        return .array(JArray((Int(a)...Int(b)).map { .number(Double($0)) }))
    }
}
