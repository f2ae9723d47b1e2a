/// Parallel and Map states: their branches and processors become graphs of their own.
extension DefinitionParser {
    mutating func parseParallel(_ object: JSONObject, at location: String, language: QueryLanguage,
                                scope: inout GraphScope) -> ParallelState {
        requireFields(object, ["Branches"], at: location)
        var branches: [GraphID] = []
        if let value = object["Branches"] {
            if case .array(let items) = value, !items.isEmpty {
                for (i, item) in items.enumerated() {
                    branches.append(parseSubgraph(item, at: location + "/Branches/\(i)"))
                }
            } else {
                wrongType("Branches", "a non-empty array", at: location)
            }
        }
        var parallel = ParallelState(branches: branches, parameters: template(object, "Parameters", at: location),
                                     resultSelector: template(object, "ResultSelector", at: location),
                                     resultPath: resultPath(object, at: location), retry: parseRetry(object, at: location),
                                     catch: parseCatch(object, at: location, language: language, scope: &scope))
        if language == .jsonata { parallel.arguments = jsonata(object, "Arguments", at: location) }
        return parallel
    }

    mutating func parseMap(_ object: JSONObject, at location: String, language: QueryLanguage,
                           scope: inout GraphScope) -> MapState? {
        let processorKey: String
        switch (object["ItemProcessor"] != nil, object["Iterator"] != nil) {
        case (true, true):
            exclusive("ItemProcessor", "Iterator", at: location)
            return nil
        case (false, false):
            requireFields(object, ["ItemProcessor"], at: location)
            return nil
        case (true, false): processorKey = "ItemProcessor"
        case (false, true): processorKey = "Iterator"
        }
        let processorLocation = field(location, processorKey)
        var config: ProcessorConfig?
        if case .object(let processor)? = object[processorKey] {
            config = processorConfig(processor, at: processorLocation)
        }
        let processor = parseSubgraph(object[processorKey] ?? .null, at: processorLocation,
                                      extraFields: ["ProcessorConfig"], processorConfig: config)

        if object["ItemSelector"] != nil, object["Parameters"] != nil {
            exclusive("ItemSelector", "Parameters", at: location)
        }
        var map = MapState(processor: processor)
        if language == .jsonata {
            parseJSONataMap(object, at: location, into: &map)
        } else {
            map.itemSelector = template(object, object["ItemSelector"] != nil ? "ItemSelector" : "Parameters", at: location)
            map.itemsPath = referencePath(object, "ItemsPath", at: location) ?? .root
            map.resultSelector = template(object, "ResultSelector", at: location)
            map.resultPath = resultPath(object, at: location)
            map.maxConcurrency = integerSource(object, "MaxConcurrency", at: location, range: 0...Int.max)
            map.toleratedFailureCount = integerSource(object, "ToleratedFailureCount", at: location, range: 0...Int.max)
            map.toleratedFailurePercentage = percentage(object, at: location)
        }
        map.itemReader = self.object(object, "ItemReader", at: location).map(JSON.object)
        map.resultWriter = self.object(object, "ResultWriter", at: location).map(JSON.object)
        map.itemBatcher = self.object(object, "ItemBatcher", at: location).map(JSON.object)
        map.label = string(object, "Label", at: location)
        if let label = map.label { checkLabel(label, at: field(location, "Label")) }
        map.retry = parseRetry(object, at: location)
        map.catch = parseCatch(object, at: location, language: language, scope: &scope)
        return map
    }

    /// A JSONata Map's `Items` (an array, or an expression that gives one), `ItemSelector`,
    /// and its numbers, each a literal or an expression.
    private mutating func parseJSONataMap(_ object: JSONObject, at location: String, into map: inout MapState) {
        if let items = object["Items"] {
            if case .array = items {
                map.items = jsonata(object, "Items", at: location)
            } else if Self.isExpression(items) {
                map.items = jsonata(object, "Items", at: location)
            } else {
                wrongType("Items", "an array or a JSONata expression", at: location)
            }
        }
        map.itemExpressions = jsonata(object, "ItemSelector", at: location)
        map.maxConcurrency = jsonataInteger(object, "MaxConcurrency", at: location, range: 0...Int.max)
        map.toleratedFailureCount = jsonataInteger(object, "ToleratedFailureCount", at: location, range: 0...Int.max)
        let key = "ToleratedFailurePercentage"
        let (expression, literal) = jsonataOr(object, key, at: location) { $0.number(object, key, at: location, range: 0...100) }
        map.toleratedFailurePercentage = expression.map(PercentageSource.expression) ?? literal.map(PercentageSource.literal)
        for key in ["ItemReader", "ResultWriter", "ItemBatcher"] { checkExpressions(object, key, at: location) }
    }

    /// `ProcessorConfig`: `Mode` INLINE (default) or DISTRIBUTED; `ExecutionType` is
    /// required in DISTRIBUTED mode and refused in INLINE mode.
    private mutating func processorConfig(_ processor: JSONObject, at location: String) -> ProcessorConfig? {
        guard let config = object(processor, "ProcessorConfig", at: location) else { return nil }
        let here = field(location, "ProcessorConfig")
        rejectUnknownFields(config, allowed: ["Mode", "ExecutionType"], at: here)
        var result = ProcessorConfig()
        if let text = string(config, "Mode", at: here) {
            guard let mode = ProcessorConfig.Mode(rawValue: text) else {
                report(.schemaValidationFailed, at: field(here, "Mode"),
                       "The field 'Mode' should have one of these values: [INLINE, DISTRIBUTED]")
                return nil
            }
            result.mode = mode
        }
        if let text = string(config, "ExecutionType", at: here) {
            guard let type = ProcessorConfig.ExecutionType(rawValue: text) else {
                report(.schemaValidationFailed, at: field(here, "ExecutionType"),
                       "The field 'ExecutionType' should have one of these values: [STANDARD, EXPRESS]")
                return nil
            }
            if result.mode == .inline {
                report(.schemaValidationFailed, at: here, "Field 'ExecutionType' is not supported")
            }
            result.executionType = type
        } else if result.mode == .distributed {
            report(.schemaValidationFailed, at: here, "The field 'ExecutionType' is required but was missing")
        }
        return result
    }

    private mutating func percentage(_ object: JSONObject, at location: String) -> PercentageSource? {
        let key = "ToleratedFailurePercentage", pathKey = key + "Path"
        if object[key] != nil, object[pathKey] != nil {
            exclusive(key, pathKey, at: location)
            return nil
        }
        if let value = number(object, key, at: location, range: 0...100) { return .literal(value) }
        return referencePath(object, pathKey, at: location).map(PercentageSource.path)
    }

    /// A Map Run's `Label`: at most 40 characters, unique in the definition, and without
    /// whitespace, brackets, wildcards, `"#%\^|~`$&,;:/` or control characters.
    private mutating func checkLabel(_ label: String, at location: String) {
        if label.isEmpty {
            report(.invalidLabelName, at: location, "The Label cannot be empty")
            return
        }
        if label.count > 40 {
            report(.invalidLabelName, at: location, "The Label cannot be longer than 40 characters")
        }
        if let bad = label.unicodeScalars.first(where: Self.isForbiddenInLabel) {
            report(.invalidLabelName, at: location, "The Label contains an invalid character: '\(bad)'")
        }
        if !labels.insert(label).inserted {
            report(.duplicateLabelName, at: location, "Duplicate Label: \(label)")
        }
    }

    private static func isForbiddenInLabel(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.properties.isWhitespace { return true }
        if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) { return true }
        return "<>{}[]?*\"#%\\^|~`$&,;:/".unicodeScalars.contains(scalar)
    }
}
