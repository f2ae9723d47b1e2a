/// Task states, and the `Retry` and `Catch` blocks Task, Parallel and Map share.
extension DefinitionParser {
    mutating func parseTask(_ object: JSONObject, at location: String, language: QueryLanguage,
                            scope: inout GraphScope) -> TaskState? {
        requireFields(object, ["Resource"], at: location)
        let resource = string(object, "Resource", at: location).flatMap { parseResource($0, at: field(location, "Resource")) }
        let parameters = template(object, "Parameters", at: location)
        let resultSelector = template(object, "ResultSelector", at: location)
        let resultPath = resultPath(object, at: location)
        let jsonata = language == .jsonata
        let timeout = jsonata ? jsonataInteger(object, "TimeoutSeconds", at: location, range: 1...99_999_999)
            : integerSource(object, "TimeoutSeconds", at: location, range: 1...99_999_999)
        let heartbeat = jsonata ? jsonataInteger(object, "HeartbeatSeconds", at: location, range: 1...99_999_999)
            : integerSource(object, "HeartbeatSeconds", at: location, range: 1...99_999_999)
        let arguments = jsonata ? self.jsonata(object, "Arguments", at: location) : nil
        if case .literal(let t)? = timeout, case .literal(let h)? = heartbeat, h >= t {
            report(.schemaValidationFailed, at: field(location, "HeartbeatSeconds"),
                   "The field 'HeartbeatSeconds' should be smaller than the field 'TimeoutSeconds'")
        }
        let credentials = parseCredentials(object, at: location)
        if jsonata { checkExpressions(object, "Credentials", at: location) }
        let retry = parseRetry(object, at: location)
        let catchers = parseCatch(object, at: location, language: language, scope: &scope)
        guard let resource else { return nil }
        return TaskState(resource: resource, parameters: parameters, resultSelector: resultSelector,
                         resultPath: resultPath, timeoutSeconds: timeout, heartbeatSeconds: heartbeat,
                         retry: retry, catch: catchers, credentials: credentials, arguments: arguments)
    }

    private mutating func parseResource(_ text: String, at location: String) -> TaskResource? {
        let resource: TaskResource
        do { resource = try TaskResource(parsingResource: text) } catch {
            report(error.code, at: location, error.message)
            return nil
        }
        // "Express Workflows do not support Run a Job (.sync) or Wait for Callback
        // (.waitForTaskToken)", nor activities.
        if machineType == .express {
            if case .activity = resource.kind {
                report(.schemaValidationFailed, at: location, "Express state machine does not support Activity ARN")
            }
            switch resource.pattern {
            case .sync, .sync2:
                report(.schemaValidationFailed, at: location,
                       "Express state machine does not support '.sync' service integration")
            case .waitForTaskToken:
                // AWS's message has this trailing space.
                report(.schemaValidationFailed, at: location,
                       "Express state machine does not support '.waitForTaskToken' service integration ")
            case .requestResponse:
                break
            }
        }
        return resource
    }

    /// `Credentials`: kept as written for the integration, but it must name a role.
    private mutating func parseCredentials(_ object: JSONObject, at location: String) -> JSON? {
        guard let credentials = self.object(object, "Credentials", at: location) else { return nil }
        if credentials["RoleArn"] == nil, credentials["RoleArn.$"] == nil {
            report(.schemaValidationFailed, at: field(location, "Credentials"),
                   "The field 'RoleArn' is required but was missing")
        }
        return .object(credentials)
    }

    mutating func parseRetry(_ object: JSONObject, at location: String) -> [Retrier] {
        guard let entries = array(object, "Retry", at: location) else { return [] }
        var retriers: [Retrier] = []
        for (i, entry) in entries.enumerated() {
            let here = location + "/Retry/\(i)"
            guard case .object(let o) = entry else {
                report(.schemaValidationFailed, at: here, "A Retrier should be an object")
                continue
            }
            rejectUnknownFields(o, allowed: ["ErrorEquals", "IntervalSeconds", "MaxAttempts", "BackoffRate",
                                             "MaxDelaySeconds", "JitterStrategy", "Comment"], at: here)
            _ = string(o, "Comment", at: here)
            let errors = errorEquals(o, at: here, isLast: i == entries.count - 1)
            var retrier = Retrier(errorEquals: errors ?? [])
            if let v = integer(o, "IntervalSeconds", at: here, range: 1...99_999_999) { retrier.intervalSeconds = v }
            if let v = integer(o, "MaxAttempts", at: here, range: 0...99_999_999) { retrier.maxAttempts = v }
            if let v = number(o, "BackoffRate", at: here, range: 1.0...Double.greatestFiniteMagnitude) {
                retrier.backoffRate = v
            }
            retrier.maxDelaySeconds = integer(o, "MaxDelaySeconds", at: here, range: 1...31_622_400)
            if let text = string(o, "JitterStrategy", at: here) {
                if let strategy = Retrier.JitterStrategy(rawValue: text) {
                    retrier.jitterStrategy = strategy
                } else {
                    report(.schemaValidationFailed, at: field(here, "JitterStrategy"),
                           "The field 'JitterStrategy' should have one of these values: [FULL, NONE]")
                }
            }
            if errors != nil { retriers.append(retrier) }
        }
        return retriers
    }

    mutating func parseCatch(_ object: JSONObject, at location: String, language: QueryLanguage,
                             scope: inout GraphScope) -> [Catcher] {
        guard let entries = array(object, "Catch", at: location) else { return [] }
        var catchers: [Catcher] = []
        for (i, entry) in entries.enumerated() {
            let here = location + "/Catch/\(i)"
            guard case .object(var o) = entry else {
                report(.schemaValidationFailed, at: here, "A Catcher should be an object")
                continue
            }
            rejectUnknownFields(o, allowed: ["ErrorEquals", "Next", "ResultPath", "Comment", "Assign", "Output"],
                                at: here)
            o = dropFieldsOfOtherLanguage(o, language: language, at: here)
            let assignment = o["Assign"].flatMap {
                Assignment.compile($0, at: field(here, "Assign"), language: language, diagnostics: &diagnostics)
            }
            let output = language == .jsonata ? jsonata(o, "Output", at: here) : nil
            _ = string(o, "Comment", at: here)
            requireFields(o, ["Next"], at: here)
            let errors = errorEquals(o, at: here, isLast: i == entries.count - 1)
            let resultPath = resultPath(o, at: here)
            let target = string(o, "Next", at: here).flatMap { next($0, at: field(here, "Next"), scope: &scope) }
            if let errors, let target {
                catchers.append(Catcher(errorEquals: errors, resultPath: resultPath, next: target, assignment: assignment,
                                        output: output))
            }
        }
        return catchers
    }

    /// `ErrorEquals`: a non-empty array of error names. "The reserved name States.ALL …
    /// MUST appear alone in its ErrorEquals array and MUST appear in the last Retrier
    /// (Catcher)."
    private mutating func errorEquals(_ object: JSONObject, at location: String, isLast: Bool) -> [ErrorName]? {
        requireFields(object, ["ErrorEquals"], at: location)
        guard let value = object["ErrorEquals"] else { return nil }
        guard case .array(let items) = value, !items.isEmpty else {
            wrongType("ErrorEquals", "a non-empty array of strings", at: location)
            return nil
        }
        var names: [ErrorName] = []
        for item in items {
            guard case .string(let s) = item else {
                wrongType("ErrorEquals", "a non-empty array of strings", at: location)
                return nil
            }
            names.append(ErrorName(s))
        }
        if names.contains(.all) {
            if names.count > 1 {
                report(.schemaValidationFailed, at: field(location, "ErrorEquals"),
                       "'States.ALL' must appear alone in 'ErrorEquals'")
                return nil
            }
            if !isLast {
                report(.schemaValidationFailed, at: field(location, "ErrorEquals"),
                       "'States.ALL' must appear in the last Retrier or Catcher")
                return nil
            }
        }
        return names
    }

    mutating func array(_ object: JSONObject, _ key: String, at location: String) -> [JSON]? {
        guard let value = object[key] else { return nil }
        guard case .array(let a) = value else {
            wrongType(key, "an array", at: location)
            return nil
        }
        return a
    }
}
