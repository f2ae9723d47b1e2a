import StatesLanguage

extension PlanningRun {
    /// `AWS::Logs::LogGroup` → ``LogGroupPlan``.
    mutating func planLogGroup(_ resource: ResourceDeclaration) throws(TemplateError) -> LogGroupPlan {
        var reader = PropertyReader(resource: resource, evaluator: evaluator)
        let name = try physicalName(&reader, key: "LogGroupName", maxLength: 512)
        let retention = try reader.int("RetentionInDays")
        if retention != nil {
            messages.append(PlanMessage(.note, at: reader.path / "RetentionInDays", "recorded only: local log events are not expired"))
        }
        let plan = LogGroupPlan(logicalId: resource.logicalId, name: name, retentionInDays: retention)
        note(reader)
        register(resource, name: name, entry: .logGroup(plan))
        return plan
    }

    /// A state machine's `Logging` (SAM) / `LoggingConfiguration` (CloudFormation), in
    /// CloudFormation's capitalised keys, as the API's `loggingConfiguration` JSON text.
    static func loggingConfiguration(_ value: JSON, at path: TemplatePath) throws(TemplateError) -> String {
        guard case .object = value else {
            throw TemplateError(.invalidProperty, at: path, "expected a map with Level, IncludeExecutionData and Destinations")
        }
        var out: JSONObject = [:]
        if let level = value["Level"] {
            let text = try PropertyReader.string(level, at: path / "Level")
            guard ["ALL", "ERROR", "FATAL", "OFF"].contains(text) else {
                throw TemplateError(.invalidProperty, at: path / "Level", "Level must be ALL, ERROR, FATAL or OFF, found \(text)")
            }
            out["level"] = .string(text)
        }
        if let include = value["IncludeExecutionData"] {
            out["includeExecutionData"] = .bool(try PropertyReader.bool(include, at: path / "IncludeExecutionData"))
        }
        if let destinations = value["Destinations"] {
            guard case .array(let items) = destinations else {
                throw TemplateError(.invalidProperty, at: path / "Destinations", "Destinations must be a list")
            }
            var converted: [JSON] = []
            for (index, item) in items.enumerated() {
                let itemPath = path / "Destinations" / String(index) / "CloudWatchLogsLogGroup" / "LogGroupArn"
                guard let arn = item["CloudWatchLogsLogGroup"]?["LogGroupArn"] else {
                    throw TemplateError(.invalidProperty, at: itemPath, "a destination needs CloudWatchLogsLogGroup.LogGroupArn (for example !GetAtt MyLogGroup.Arn)")
                }
                converted.append(["cloudWatchLogsLogGroup": ["logGroupArn": .string(try PropertyReader.string(arn, at: itemPath))]])
            }
            out["destinations"] = .array(converted)
        }
        return JSON.object(out).serialized
    }
}
