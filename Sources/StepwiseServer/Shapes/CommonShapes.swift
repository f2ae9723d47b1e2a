import Foundation

/// `Tag`: a key and a value.
struct Tag: Codable, Sendable, Equatable {
    var key: String?
    var value: String?
}

/// `LoggingConfiguration`, kept as given (Stepwise logs through swift-log, not
/// CloudWatch, so it only round-trips).
struct LoggingConfiguration: Codable, Sendable, Equatable {
    struct Destination: Codable, Sendable, Equatable {
        struct LogGroup: Codable, Sendable, Equatable { var logGroupArn: String? }
        var cloudWatchLogsLogGroup: LogGroup?
    }

    var level: String?
    var includeExecutionData: Bool?
    var destinations: [Destination]?

    /// What AWS describes for a state machine created without one.
    static let off = LoggingConfiguration(level: "OFF", includeExecutionData: false, destinations: nil)

    /// As DescribeStateMachine shows a stored one: `level` OFF and `includeExecutionData`
    /// false where they were left out (`destinations` as given, an empty list included).
    var described: LoggingConfiguration {
        LoggingConfiguration(level: level ?? "OFF", includeExecutionData: includeExecutionData ?? false, destinations: destinations)
    }
}

/// `TracingConfiguration`: X-Ray tracing on or off (kept, not acted upon).
struct TracingConfiguration: Codable, Sendable, Equatable {
    var enabled: Bool?
    static let off = TracingConfiguration(enabled: false)
}

/// `EncryptionConfiguration`: accepted; Stepwise's data is as protected as its database.
struct EncryptionConfiguration: Codable, Sendable, Equatable {
    var kmsKeyId: String?
    var kmsDataKeyReusePeriodSeconds: Int?
    var type: String?
}

/// `CloudWatchEventsExecutionDataDetails`.
struct ExecutionDataDetails: Codable, Sendable, Equatable {
    var included: Bool
}

extension FieldValidator {
    static let stateMachineTypes = ["STANDARD", "EXPRESS"]
    static let logLevels = ["ALL", "ERROR", "FATAL", "OFF"]
    static let encryptionTypes = ["AWS_OWNED_KEY", "CUSTOMER_MANAGED_KMS_KEY"]
    static let includedData = ["ALL_DATA", "METADATA_ONLY"]
    static let executionStatuses = ["RUNNING", "SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED", "PENDING_REDRIVE"]

    mutating func tags(_ name: String, _ tags: [Tag]?, required: Bool = false) {
        guard let tags else {
            if required { self.required(name, Optional<[Tag]>.none) }
            return
        }
        for (index, tag) in tags.enumerated() {
            length("\(name).\(index + 1).member.key", tag.key, min: 1, max: 128)
            length("\(name).\(index + 1).member.value", tag.value, min: 0, max: 256)
        }
    }

    mutating func logging(_ configuration: LoggingConfiguration?) {
        oneOf("loggingConfiguration.level", configuration?.level, Self.logLevels)
        for (index, destination) in (configuration?.destinations ?? []).enumerated() {
            length("loggingConfiguration.destinations.\(index + 1).member.cloudWatchLogsLogGroup.logGroupArn",
                   destination.cloudWatchLogsLogGroup?.logGroupArn, min: 1, max: 256)
        }
    }

    mutating func encryption(_ configuration: EncryptionConfiguration?) {
        guard let configuration else { return }
        length("encryptionConfiguration.kmsKeyId", configuration.kmsKeyId, min: 1, max: 2048)
        range("encryptionConfiguration.kmsDataKeyReusePeriodSeconds", configuration.kmsDataKeyReusePeriodSeconds, min: 60, max: 900)
        required("encryptionConfiguration.type", configuration.type)
        oneOf("encryptionConfiguration.type", configuration.type, Self.encryptionTypes)
    }
}

extension Encodable {
    /// The value as compact JSON text (how the store keeps configurations).
    var jsonText: String? {
        (try? JSONEncoder().encode(self)).map { String(decoding: $0, as: UTF8.self) }
    }
}

extension Decodable {
    /// The value kept as JSON text, when it decodes.
    init?(jsonText: String?) {
        guard let jsonText, let value = try? JSONDecoder().decode(Self.self, from: Data(jsonText.utf8)) else { return nil }
        self = value
    }
}
