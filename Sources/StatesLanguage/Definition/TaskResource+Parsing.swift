extension TaskResource {
    /// Why a `Resource` was refused: AWS's diagnostic code and message.
    struct ParseProblem: Error, Sendable, Equatable {
        var code: Diagnostic.Code
        var message: String
    }

    /// Parses a Task's `Resource` the way Step Functions recognises it:
    ///
    /// * `arn:<partition>:states:::<service>:<action>[.sync|.sync:2|.waitForTaskToken]` — an
    ///   optimized integration; the action must be one AWS offers and the suffix a pattern
    ///   that action supports (AWS refuses `dynamodb:query`, which only the SDK integration has);
    /// * `arn:<partition>:states:::aws-sdk:<service>:<action>[.waitForTaskToken]` — an AWS SDK
    ///   integration (kind `.integration(service: "aws-sdk:<service>", …)`);
    /// * `arn:<partition>:states:<region>:<account>:activity:<name>` — an activity;
    /// * `arn:<partition>:lambda:<region>:<account>:function:<name>[:<qualifier>]` — a function.
    init(parsingResource text: String) throws(ParseProblem) {
        let parts = text.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == "arn", Self.isPartition(parts[1]) else {
            throw Self.notRecognized(text)
        }
        let service = parts[2], region = parts[3], account = parts[4], rest = parts[5]
        switch service {
        case "states" where region.isEmpty && account.isEmpty:
            let (kind, pattern) = try Self.integration(String(rest), arn: text)
            self.init(arn: text, kind: kind, pattern: pattern)
        case "states":
            guard rest.hasPrefix("activity:"), Self.isName(rest.dropFirst("activity:".count)),
                !region.isEmpty, Self.isAccount(account)
            else { throw Self.notRecognized(text) }
            self.init(arn: text, kind: .activity(arn: text), pattern: .requestResponse)
        case "lambda":
            let tail = rest.split(separator: ":", omittingEmptySubsequences: false)
            guard tail.count == 2 || tail.count == 3, tail[0] == "function", Self.isName(tail[1]),
                tail.count == 2 || Self.isQualifier(tail[2]), !region.isEmpty, Self.isAccount(account)
            else { throw Self.notRecognized(text) }
            self.init(arn: text, kind: .function(arn: text), pattern: .requestResponse)
        default:
            throw Self.notRecognized(text)
        }
    }

    /// True for `aws-sdk:<service>:<action>` integrations.
    public var isAWSSDK: Bool {
        if case .integration(let service, _) = kind { service.hasPrefix("aws-sdk:") } else { false }
    }

    private static func integration(_ rest: String, arn: String) throws(ParseProblem) -> (Kind, Pattern) {
        var body = Substring(rest)
        var pattern = Pattern.requestResponse
        for (suffix, p) in [(".waitForTaskToken", Pattern.waitForTaskToken), (".sync:2", .sync2), (".sync", .sync)]
        where body.hasSuffix(suffix) {
            body = body.dropLast(suffix.count)
            pattern = p
            break
        }
        let pieces = body.split(separator: ":", omittingEmptySubsequences: false)
        if pieces.count == 3, pieces[0] == "aws-sdk" {
            // SDK integrations support request-response and the callback pattern only.
            guard isName(pieces[1]), isName(pieces[2]), pattern == .requestResponse || pattern == .waitForTaskToken,
                awsSDKActions[String(pieces[1])]?.contains(String(pieces[2])) ?? true
            else { throw notRecognized(arn) }
            return (.integration(service: "aws-sdk:" + pieces[1], action: String(pieces[2])), pattern)
        }
        guard pieces.count == 2, let known = optimizedIntegrations[String(pieces[0])],
            known.actions.contains(String(pieces[1])),
            pattern == .requestResponse || known.patterns.contains(pattern)
        else { throw notRecognized(arn) }
        return (.integration(service: String(pieces[0]), action: String(pieces[1])), pattern)
    }

    /// AWS's message, which names the partition generically.
    private static func notRecognized(_ arn: String) -> ParseProblem {
        var shown = arn
        let parts = arn.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
        if parts.count == 3, parts[0] == "arn" { shown = "arn:<partition>:" + parts[2] }
        return ParseProblem(
            code: .schemaValidationFailed,
            message: "The resource provided \(shown) is not recognized. The value is not a valid resource ARN, "
                + "or the resource is not available in this region.")
    }

    private static func isPartition(_ s: Substring) -> Bool {
        s == "aws" || (s.hasPrefix("aws-") && s.count > 4 && s.allSatisfy { $0.isLetter || $0 == "-" })
    }

    private static func isAccount(_ s: Substring) -> Bool { !s.isEmpty && s.allSatisfy(\.isNumber) }

    private static func isName(_ s: Substring) -> Bool {
        !s.isEmpty && s.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." }
    }

    /// A version or alias of a function: `$LATEST`, `3`, `live`.
    private static func isQualifier(_ s: Substring) -> Bool {
        !s.isEmpty && s.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "$" }
    }

    /// The optimized integrations (AWS's "Optimized integrations for Step Functions" table):
    /// the actions each service offers and the patterns beyond request-response it supports.
    static let optimizedIntegrations: [String: (actions: Set<String>, patterns: Set<Pattern>)] = [
        "apigateway": (["invoke"], [.waitForTaskToken]),
        "athena": (["startQueryExecution", "stopQueryExecution", "getQueryExecution", "getQueryResults"], [.sync]),
        "batch": (["submitJob"], [.sync]),
        "bedrock": (["invokeModel", "createModelCustomizationJob"], [.sync, .waitForTaskToken]),
        "codebuild": (
            ["startBuild", "stopBuild", "batchDeleteBuilds", "batchGetReports", "startBuildBatch", "stopBuildBatch",
             "retryBuild", "retryBuildBatch", "deleteBuildBatch"], [.sync]
        ),
        "databrew": (["startJobRun"], [.sync]),
        "dynamodb": (["getItem", "putItem", "updateItem", "deleteItem"], []),
        "ecs": (["runTask"], [.sync, .waitForTaskToken]),
        "eks": (
            ["createCluster", "deleteCluster", "createFargateProfile", "deleteFargateProfile", "createNodegroup",
             "deleteNodegroup", "runJob", "call"], [.sync, .waitForTaskToken]
        ),
        "elasticmapreduce": (
            ["createCluster", "terminateCluster", "addStep", "cancelStep", "setClusterTerminationProtection",
             "modifyInstanceFleetByName", "modifyInstanceGroupByName"], [.sync]
        ),
        "emr-containers": (["startJobRun", "createVirtualCluster", "deleteVirtualCluster"], [.sync]),
        "emr-serverless": (
            ["createApplication", "startApplication", "stopApplication", "deleteApplication", "startJobRun",
             "cancelJobRun"], [.sync]
        ),
        "events": (["putEvents"], [.waitForTaskToken]),
        "glue": (["startJobRun"], [.sync]),
        "http": (["invoke"], []),
        "lambda": (["invoke"], [.waitForTaskToken]),
        "mediaconvert": (["createJob"], [.sync]),
        "sagemaker": (
            ["createTrainingJob", "createTransformJob", "createHyperParameterTuningJob", "createProcessingJob",
             "createEndpoint", "createEndpointConfig", "createModel", "createLabelingJob", "updateEndpoint"], [.sync]
        ),
        "sns": (["publish"], [.waitForTaskToken]),
        "sqs": (["sendMessage"], [.waitForTaskToken]),
        "states": (["startExecution"], [.sync, .sync2, .waitForTaskToken]),
    ]
}
