/// Checks request members against the constraints of botocore's Step Functions model
/// (required, length, range, enum) and reports every violation in one
/// `ValidationException`, worded as AWS words it:
/// `2 validation errors detected: Value null at 'name' failed to satisfy constraint: Member must not be null; …`.
struct FieldValidator {
    private(set) var violations: [String] = []

    mutating func required(_ name: String, _ value: (some Any)?) {
        if value == nil { add("null", name, "Member must not be null") }
    }

    /// A string's length in characters (AWS counts characters, not bytes).
    mutating func length(_ name: String, _ value: String?, min: Int? = nil, max: Int? = nil, required: Bool = false) {
        guard let value else {
            if required { add("null", name, "Member must not be null") }
            return
        }
        let count = value.count
        if let min, count < min {
            add(quoted(value), name, "Member must have length greater than or equal to \(min)")
        } else if let max, count > max {
            add(quoted(value), name, "Member must have length less than or equal to \(max)")
        }
    }

    mutating func range(_ name: String, _ value: Int?, min: Int? = nil, max: Int? = nil) {
        guard let value else { return }
        if let min, value < min {
            add("'\(value)'", name, "Member must have value greater than or equal to \(min)")
        } else if let max, value > max {
            add("'\(value)'", name, "Member must have value less than or equal to \(max)")
        }
    }

    mutating func oneOf(_ name: String, _ value: String?, _ allowed: [String]) {
        guard let value, !allowed.contains(value) else { return }
        add(quoted(value), name, "Member must satisfy enum value set: [\(allowed.joined(separator: ", "))]")
    }

    mutating func count(_ name: String, _ value: [some Any]?, min: Int = 0, max: Int) {
        guard let value else { return }
        if value.count < min {
            add("'[]'", name, "Member must have length greater than or equal to \(min)")
        } else if value.count > max {
            add("'[…]'", name, "Member must have length less than or equal to \(max)")
        }
    }

    /// Fails when anything was violated.
    func check() throws(StepFunctionsError) {
        guard !violations.isEmpty else { return }
        let count = violations.count
        throw StepFunctionsError(
            .validation,
            "\(count) validation error\(count == 1 ? "" : "s") detected: " + violations.joined(separator: "; "))
    }

    private mutating func add(_ value: String, _ name: String, _ constraint: String) {
        violations.append("Value \(value) at '\(name)' failed to satisfy constraint: \(constraint)")
    }

    /// Long values (definitions, payloads) are not echoed whole.
    private func quoted(_ value: String) -> String {
        value.count > 100 ? "'\(value.prefix(100))…'" : "'\(value)'"
    }
}

/// A request shape: validated against the model's constraints before it is handled.
protocol ValidatedRequest: Decodable, Sendable {
    func validate(_ validator: inout FieldValidator)
}

/// Constraints shared by many shapes (botocore's `Arn`, `Name`, `PageSize`, …).
extension FieldValidator {
    mutating func arn(_ name: String, _ value: String?, required: Bool = true) {
        length(name, value, min: 1, max: 256, required: required)
    }

    mutating func name(_ name: String, _ value: String?, required: Bool = false) {
        length(name, value, min: 1, max: 80, required: required)
    }

    mutating func pageSize(_ maxResults: Int?, nextToken: String?, tokenMax: Int = 1024) {
        range("maxResults", maxResults, min: 0, max: 1000)
        length("nextToken", nextToken, min: 1, max: tokenMax)
    }

    mutating func error(_ error: String?, cause: String?) {
        length("error", error, min: 0, max: 256)
        length("cause", cause, min: 0, max: 32768)
    }

    mutating func payload(_ name: String, _ value: String?, required: Bool = false) {
        // SensitiveData: at most 262144 characters.
        length(name, value, max: 262_144, required: required)
    }

    mutating func taskToken(_ token: String?) {
        length("taskToken", token, min: 1, max: 2048, required: true)
    }
}
