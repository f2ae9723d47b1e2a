/// One state: the fields every type shares, then the type-specific part.
extension DefinitionParser {
    static let stateTypes = ["Task", "Wait", "Pass", "Succeed", "Fail", "Choice", "Parallel", "Map"]

    /// Fields each type accepts besides `Type`, `Comment` and `QueryLanguage`.
    static let allowedFields: [String: Set<String>] = {
        let io: Set<String> = ["InputPath", "OutputPath"]
        let flow: Set<String> = ["Next", "End"]
        let jsonata: Set<String> = ["Assign", "Output"]
        let errors: Set<String> = ["Retry", "Catch", "ResultSelector", "ResultPath"]
        return [
            "Pass": io.union(flow).union(jsonata).union(["Parameters", "Result", "ResultPath"]),
            "Task": io.union(flow).union(jsonata).union(errors).union([
                "Resource", "Parameters", "TimeoutSeconds", "TimeoutSecondsPath", "HeartbeatSeconds",
                "HeartbeatSecondsPath", "Credentials", "Arguments",
            ]),
            "Choice": io.union(jsonata).union(["Choices", "Default"]),
            "Wait": io.union(flow).union(jsonata).union(["Seconds", "SecondsPath", "Timestamp", "TimestampPath"]),
            "Succeed": io.union(["Output"]),
            "Fail": ["Error", "ErrorPath", "Cause", "CausePath"],
            "Parallel": io.union(flow).union(jsonata).union(errors).union(["Branches", "Parameters", "Arguments"]),
            "Map": io.union(flow).union(jsonata).union(errors).union([
                "ItemProcessor", "Iterator", "ItemsPath", "Items", "ItemSelector", "Parameters", "ItemReader",
                "ResultWriter", "ItemBatcher", "MaxConcurrency", "MaxConcurrencyPath", "ToleratedFailureCount",
                "ToleratedFailureCountPath", "ToleratedFailurePercentage", "ToleratedFailurePercentagePath", "Label",
            ]),
        ]
    }()

    /// Parses one state. Never fails: a broken state is reported and stands in as Succeed,
    /// so that the indices of the others stay right.
    mutating func parseState(name: String, _ json: JSON, at location: String, scope: inout GraphScope) -> State {
        let placeholder = State(name: name, kind: .succeed)
        checkName(name, at: location)
        guard case .object(let written) = json else {
            report(.schemaValidationFailed, at: location, "The state should be an object")
            return placeholder
        }
        guard let type = string(written, "Type", at: location) else {
            if written["Type"] == nil { requireFields(written, ["Type"], at: location) }
            return placeholder
        }
        guard let allowed = Self.allowedFields[type] else {
            report(.schemaValidationFailed, at: field(location, "Type"),
                   "The field 'Type' should have one of these values: [\(Self.stateTypes.joined(separator: ", "))]")
            return placeholder
        }
        rejectUnknownFields(written, allowed: allowed.union(["Type", "Comment", "QueryLanguage"]), at: location)
        var state = placeholder
        let (own, language) = stateLanguage(written, at: location)
        state.queryLanguage = own
        state.language = language
        let object = dropFieldsOfOtherLanguage(written.filter { allowed.contains($0.key) || $0.key == "Comment" },
                                               language: language, at: location)
        if let value = object["Assign"] {
            state.assignment = Assignment.compile(value, at: field(location, "Assign"), language: language,
                                                  diagnostics: &diagnostics)
        }
        state.comment = string(object, "Comment", at: location)
        if language == .jsonata {
            state.output = jsonata(object, "Output", at: location)
        } else if allowed.contains("InputPath") {
            state.inputPath = optionalPath(object, "InputPath", at: location)
            state.outputPath = optionalPath(object, "OutputPath", at: location)
        }
        if allowed.contains("Next") {
            state.transition = transition(object, at: location, scope: &scope)
        }
        switch type {
        case "Pass": state.kind = .pass(parsePass(object, at: location))
        case "Task": state.kind = parseTask(object, at: location, language: language, scope: &scope).map(StateKind.task) ?? .succeed
        case "Choice": state.kind = .choice(parseChoice(object, at: location, language: language, scope: &scope))
        case "Wait": state.kind = parseWait(object, at: location, language: language).map(StateKind.wait) ?? .succeed
        case "Succeed": state.kind = .succeed
        case "Fail": state.kind = .fail(parseFail(object, at: location, language: language))
        case "Parallel": state.kind = .parallel(parseParallel(object, at: location, language: language, scope: &scope))
        default: state.kind = parseMap(object, at: location, language: language, scope: &scope).map(StateKind.map) ?? .succeed
        }
        return state
    }

    /// "State names must be unique within the scope of the whole state machine" and at
    /// most 80 characters long.
    private mutating func checkName(_ name: String, at location: String) {
        if name.isEmpty || name.count > 80 {
            report(.invalidStateName, at: location,
                   "The state name '\(name)' must be between 1 and 80 characters long")
        }
        if !stateNames.insert(name).inserted {
            report(.duplicateStateName, at: location, "Duplicate State name: \(name)")
        }
    }

    /// `Next` (resolved in this graph) or `End: true`: exactly one of them.
    private mutating func transition(_ object: JSONObject, at location: String, scope: inout GraphScope) -> Transition? {
        let hasNext = object["Next"] != nil
        let next = string(object, "Next", at: location)
        let end = bool(object, "End", at: location)
        if hasNext, end == true {
            exclusive("Next", "End", at: location)
            return nil
        }
        if let next { return self.next(next, at: field(location, "Next"), scope: &scope).map(Transition.next) }
        if end == true { return .end }
        if !hasNext, object["End"] == nil || end == false {
            report(.schemaValidationFailed, at: location, "Either 'Next' or 'End: true' is required")
        }
        return nil
    }

    /// Resolves a target name in the current graph; a missing one is reported at `location`.
    mutating func next(_ name: String, at location: String, scope: inout GraphScope) -> Int? {
        if let i = scope.resolve(name) { return i }
        report(.missingTransitionTarget, at: location, "Missing 'Next' target: \(name)")
        return nil
    }

    private mutating func parsePass(_ object: JSONObject, at location: String) -> PassState {
        PassState(parameters: template(object, "Parameters", at: location), result: object["Result"],
                  resultPath: resultPath(object, at: location))
    }

    private mutating func parseChoice(_ object: JSONObject, at location: String, language: QueryLanguage,
                                      scope: inout GraphScope) -> ChoiceState {
        requireFields(object, ["Choices"], at: location)
        var branches: [ChoiceState.Branch] = []
        if let value = object["Choices"] {
            guard case .array(let rules) = value, !rules.isEmpty else {
                wrongType("Choices", "a non-empty array", at: location)
                return ChoiceState(choices: [])
            }
            for (i, rule) in rules.enumerated() {
                let here = location + "/Choices/\(i)"
                guard case .object(var ruleObject) = rule else {
                    report(.schemaValidationFailed, at: here, "A Choice rule should be an object")
                    continue
                }
                // The rule is compiled without its `Next`, which belongs to the state.
                let nextValue = ruleObject.removeValue(forKey: "Next")
                let compiled = language == .jsonata
                    ? jsonataRule(ruleObject, at: here)
                    : ChoiceRule.parse(.object(dropFieldsOfOtherLanguage(ruleObject, language: language, at: here)),
                                       at: here, isTopLevel: true, diagnostics: &diagnostics)
                var target: Int?
                switch nextValue {
                case nil: report(.schemaValidationFailed, at: here, "These fields are required: [Next]")
                case .string(let name)?: target = next(name, at: here + "/Next", scope: &scope)
                default: wrongType("Next", "a string", at: here)
                }
                var assignment: Assignment?
                if let value = ruleObject["Assign"] {
                    assignment = Assignment.compile(value, at: here + "/Assign", language: language, diagnostics: &diagnostics)
                }
                let output = language == .jsonata ? jsonata(ruleObject, "Output", at: here) : nil
                if let compiled, let target {
                    branches.append(.init(rule: compiled, next: target, assignment: assignment, output: output))
                }
            }
        }
        var defaultState: Int?
        if let name = string(object, "Default", at: location) {
            defaultState = next(name, at: field(location, "Default"), scope: &scope)
        }
        return ChoiceState(choices: branches, defaultState: defaultState)
    }

    /// A rule of a JSONata Choice: `Condition` (a boolean, or an expression that gives
    /// one), with `Assign`, `Output` and `Comment`; JSONPath's `Variable` and operators are
    /// refused.
    private mutating func jsonataRule(_ rule: JSONObject, at location: String) -> ChoiceRule? {
        let own: Set<String> = ["Condition", "Assign", "Output", "Comment"]
        for key in rule.keys where !own.contains(key) {
            if key == "Variable" || ["And", "Or", "Not"].contains(key) || ChoiceOperator(rawValue: key) != nil {
                report(.schemaValidationFailed, at: location,
                       "The QueryLanguage is set to 'JSONata', but field '\(key)' is only supported for the 'JSONPath' QueryLanguage")
            } else {
                report(.schemaValidationFailed, at: location, "Field '\(key)' is not supported")
            }
        }
        _ = string(rule, "Comment", at: location)
        requireFields(rule, ["Condition"], at: location)
        let (expression, literal) = jsonataOr(rule, "Condition", at: location) { $0.bool(rule, "Condition", at: location) }
        let condition: JSONataTemplate
        if let expression {
            condition = expression
        } else if let literal {
            condition = JSONataTemplate(source: .bool(literal), root: .literal(.bool(literal)))
        } else {
            return nil
        }
        return ChoiceRule(source: .object(rule), condition: .jsonata(condition))
    }

    private mutating func parseWait(_ object: JSONObject, at location: String, language: QueryLanguage) -> WaitState? {
        let present = ["Seconds", "SecondsPath", "Timestamp", "TimestampPath"].filter { object[$0] != nil }
        guard present.count == 1 else {
            report(.schemaValidationFailed, at: location,
                   language == .jsonata ? "Exactly one of 'Seconds' or 'Timestamp' is required"
                       : "Exactly one of 'Seconds', 'SecondsPath', 'Timestamp' or 'TimestampPath' is required")
            return nil
        }
        switch present[0] {
        case "Seconds":
            if language == .jsonata, Self.isExpression(object["Seconds"]) {
                return jsonata(object, "Seconds", at: location).map { WaitState(duration: .secondsExpression($0)) }
            }
            return integer(object, "Seconds", at: location, range: 0...99_999_999).map { WaitState(duration: .seconds($0)) }
        case "SecondsPath":
            return referencePath(object, "SecondsPath", at: location).map { WaitState(duration: .secondsPath($0)) }
        case "Timestamp":
            if language == .jsonata, Self.isExpression(object["Timestamp"]) {
                return jsonata(object, "Timestamp", at: location).map { WaitState(duration: .timestampExpression($0)) }
            }
            guard let text = string(object, "Timestamp", at: location) else { return nil }
            guard let date = RFC3339Timestamp.parse(text) else {
                report(.schemaValidationFailed, at: field(location, "Timestamp"),
                       "String does not match RFC3339 timestamp")
                return nil
            }
            return WaitState(duration: .timestamp(text, date))
        default:
            return referencePath(object, "TimestampPath", at: location).map { WaitState(duration: .timestampPath($0)) }
        }
    }

    private mutating func parseFail(_ object: JSONObject, at location: String, language: QueryLanguage) -> FailState {
        if language == .jsonata {
            func source(_ key: String, _ parser: inout DefinitionParser) -> StringSource? {
                let (expression, literal) = parser.jsonataOr(object, key, at: location) { $0.string(object, key, at: location) }
                return expression.map(StringSource.expression) ?? literal.map(StringSource.literal)
            }
            return FailState(error: source("Error", &self), cause: source("Cause", &self))
        }
        return FailState(error: stringSource(object, "Error", at: location), cause: stringSource(object, "Cause", at: location))
    }

    /// `Error`/`ErrorPath` or `Cause`/`CausePath`: a literal, a reference path or an
    /// intrinsic function call.
    private mutating func stringSource(_ object: JSONObject, _ key: String, at location: String) -> StringSource? {
        let pathKey = key + "Path"
        if object[key] != nil, object[pathKey] != nil {
            exclusive(key, pathKey, at: location)
            return nil
        }
        if let literal = string(object, key, at: location) { return .literal(literal) }
        guard let text = string(object, pathKey, at: location) else { return nil }
        let here = field(location, pathKey)
        if text.hasPrefix("$") {
            return referencePath(text, key: pathKey, at: here).map { StringSource.path($0.path) }
        }
        do { return .intrinsic(try IntrinsicCall(parsing: text)) } catch {
            report(.invalidIntrinsicFunction, at: here,
                   "The value for the field '\(pathKey)' must be a valid JSONPath or a valid intrinsic function call")
            return nil
        }
    }
}
