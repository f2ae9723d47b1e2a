extension TaskResource {
    /// The actions of the AWS SDK integrations Stepwise knows the services of
    /// (`aws-sdk:<service>:<action>`): each operation of the service's API model, in
    /// camelCase. CreateStateMachine refuses another action of these services, as AWS
    /// does; the actions of other services are taken as written.
    static let awsSDKActions: [String: Set<String>] = [
        "lambda": [
            "addLayerVersionPermission", "addPermission", "checkpointDurableExecution", "createAlias",
            "createCapacityProvider", "createCodeSigningConfig", "createEventSourceMapping", "createFunction",
            "createFunctionUrlConfig", "deleteAlias", "deleteCapacityProvider", "deleteCodeSigningConfig",
            "deleteEventSourceMapping", "deleteFunction", "deleteFunctionCodeSigningConfig",
            "deleteFunctionConcurrency", "deleteFunctionEventInvokeConfig", "deleteFunctionUrlConfig",
            "deleteLayerVersion", "deleteProvisionedConcurrencyConfig", "getAccountSettings", "getAlias",
            "getCapacityProvider", "getCodeSigningConfig", "getDurableExecution", "getDurableExecutionHistory",
            "getDurableExecutionState", "getEventSourceMapping", "getFunction", "getFunctionCodeSigningConfig",
            "getFunctionConcurrency", "getFunctionConfiguration", "getFunctionEventInvokeConfig",
            "getFunctionRecursionConfig", "getFunctionScalingConfig", "getFunctionUrlConfig", "getLayerVersion",
            "getLayerVersionByArn", "getLayerVersionPolicy", "getPolicy", "getProvisionedConcurrencyConfig",
            "getRuntimeManagementConfig", "invoke", "invokeAsync", "invokeWithResponseStream", "listAliases",
            "listCapacityProviders", "listCodeSigningConfigs", "listDurableExecutionsByFunction",
            "listEventSourceMappings", "listFunctionEventInvokeConfigs", "listFunctionUrlConfigs",
            "listFunctionVersionsByCapacityProvider", "listFunctions", "listFunctionsByCodeSigningConfig",
            "listLayerVersions", "listLayers", "listProvisionedConcurrencyConfigs", "listTags",
            "listVersionsByFunction", "publishLayerVersion", "publishVersion", "putFunctionCodeSigningConfig",
            "putFunctionConcurrency", "putFunctionEventInvokeConfig", "putFunctionRecursionConfig",
            "putFunctionScalingConfig", "putProvisionedConcurrencyConfig", "putRuntimeManagementConfig",
            "removeLayerVersionPermission", "removePermission", "sendDurableExecutionCallbackFailure",
            "sendDurableExecutionCallbackHeartbeat", "sendDurableExecutionCallbackSuccess", "stopDurableExecution",
            "tagResource", "untagResource", "updateAlias", "updateCapacityProvider", "updateCodeSigningConfig",
            "updateEventSourceMapping", "updateFunctionCode", "updateFunctionConfiguration",
            "updateFunctionEventInvokeConfig", "updateFunctionUrlConfig"
        ],
        "sfn": [
            "createActivity", "createStateMachine", "createStateMachineAlias", "deleteActivity",
            "deleteStateMachine", "deleteStateMachineAlias", "deleteStateMachineVersion", "describeActivity",
            "describeExecution", "describeMapRun", "describeStateMachine", "describeStateMachineAlias",
            "describeStateMachineForExecution", "getActivityTask", "getExecutionHistory", "listActivities",
            "listExecutions", "listMapRuns", "listStateMachineAliases", "listStateMachineVersions",
            "listStateMachines", "listTagsForResource", "publishStateMachineVersion", "redriveExecution",
            "sendTaskFailure", "sendTaskHeartbeat", "sendTaskSuccess", "startExecution", "startSyncExecution",
            "stopExecution", "tagResource", "testState", "untagResource", "updateMapRun", "updateStateMachine",
            "updateStateMachineAlias", "validateStateMachineDefinition"
        ],
        "sns": [
            "addPermission", "checkIfPhoneNumberIsOptedOut", "confirmSubscription", "createPlatformApplication",
            "createPlatformEndpoint", "createSMSSandboxPhoneNumber", "createTopic", "deleteEndpoint",
            "deletePlatformApplication", "deleteSMSSandboxPhoneNumber", "deleteTopic", "getDataProtectionPolicy",
            "getEndpointAttributes", "getPlatformApplicationAttributes", "getSMSAttributes",
            "getSMSSandboxAccountStatus", "getSubscriptionAttributes", "getTopicAttributes",
            "listEndpointsByPlatformApplication", "listOriginationNumbers", "listPhoneNumbersOptedOut",
            "listPlatformApplications", "listSMSSandboxPhoneNumbers", "listSubscriptions",
            "listSubscriptionsByTopic", "listTagsForResource", "listTopics", "optInPhoneNumber", "publish",
            "publishBatch", "putDataProtectionPolicy", "removePermission", "setEndpointAttributes",
            "setPlatformApplicationAttributes", "setSMSAttributes", "setSubscriptionAttributes",
            "setTopicAttributes", "subscribe", "tagResource", "unsubscribe", "untagResource",
            "verifySMSSandboxPhoneNumber"
        ],
        "sqs": [
            "addPermission", "cancelMessageMoveTask", "changeMessageVisibility", "changeMessageVisibilityBatch",
            "createQueue", "deleteMessage", "deleteMessageBatch", "deleteQueue", "getQueueAttributes", "getQueueUrl",
            "listDeadLetterSourceQueues", "listMessageMoveTasks", "listQueueTags", "listQueues", "purgeQueue",
            "receiveMessage", "removePermission", "sendMessage", "sendMessageBatch", "setQueueAttributes",
            "startMessageMoveTask", "tagQueue", "untagQueue"
        ],
    ]
}
