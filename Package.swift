// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Stepwise",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "stepwise", targets: ["stepwise"]),
        .library(name: "StatesLanguage", targets: ["StatesLanguage"]),
        .library(name: "StepwiseStore", targets: ["StepwiseStore"]),
        .library(name: "StepwiseStoreSQLite", targets: ["StepwiseStoreSQLite"]),
        .library(name: "StepwiseEngine", targets: ["StepwiseEngine"]),
        .library(name: "StepwiseServer", targets: ["StepwiseServer"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-collections.git", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
    ],
    targets: [
        // Pure: no I/O, no clock, no randomness.
        .target(
            name: "StatesLanguage",
            dependencies: [
                .product(name: "OrderedCollections", package: "swift-collections"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // The Store protocol and its records; no database.
        .target(name: "StepwiseStore"),
        // Child processes started with posix_spawn (Foundation's Process faults in a process
        // with many descriptors open); CSpawn exposes the two GNU spawn extensions it needs.
        .target(name: "CSpawn"),
        .target(name: "StepwiseProcess", dependencies: ["CSpawn"]),
        // The embedded default backend: one SQLite file in WAL mode.
        .target(
            name: "StepwiseStoreSQLite",
            dependencies: [
                "StepwiseStore", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]
        ),
        .target(
            name: "StepwiseEngine",
            dependencies: [
                "StatesLanguage", "StepwiseStore",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // Hummingbird: the AWS JSON 1.0 protocol, callbacks, health and metrics.
        .target(
            name: "StepwiseServer",
            dependencies: [
                "StatesLanguage", "StepwiseStore", "StepwiseEngine", "StepwiseServices",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // Local SQS, SNS, Lambda-style functions and Logs, and their Step Functions integrations.
        .target(
            name: "StepwiseServices",
            dependencies: [
                "StatesLanguage", "StepwiseStore", "StepwiseEngine", "StepwiseDeploy", "StepwiseProcess",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ]
        ),
        // SAM / CloudFormation templates turned into local resources.
        .target(
            name: "StepwiseDeploy",
            dependencies: ["StatesLanguage", .product(name: "Yams", package: "Yams")]
        ),
        // The AWS-recorded conformance cases, scored in memory (used by the CLI too).
        .target(
            name: "StepwiseTesting",
            dependencies: ["StatesLanguage", "StepwiseEngine"]
        ),
        // The backend-neutral Store conformance suite; for test targets only (it uses Swift Testing).
        .target(
            name: "StepwiseStoreTesting",
            dependencies: ["StepwiseStore"]
        ),
        .executableTarget(
            name: "stepwise",
            dependencies: [
                "StatesLanguage",
                "StepwiseEngine",
                "StepwiseTesting",
                "StepwiseServer",
                "StepwiseStore",
                "StepwiseStoreSQLite",
                "StepwiseProcess",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        .testTarget(name: "StatesLanguageTests", dependencies: ["StatesLanguage"]),
        .testTarget(name: "StepwiseProcessTests", dependencies: ["StepwiseProcess"]),
        .testTarget(
            name: "StepwiseEngineTests",
            dependencies: ["StepwiseEngine", "StatesLanguage", "StepwiseStore", "StepwiseStoreSQLite"]
        ),
        .testTarget(
            name: "StepwiseStoreSQLiteTests",
            dependencies: [
                "StepwiseStoreSQLite", "StepwiseStore", "StepwiseStoreTesting",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .testTarget(
            name: "StepwiseServicesTests",
            dependencies: [
                "StepwiseServices", "StepwiseStoreSQLite", "StepwiseEngine", "StepwiseProcess",
                .product(name: "Hummingbird", package: "hummingbird"),
            ]
        ),
        .testTarget(name: "StepwiseDeployTests", dependencies: ["StepwiseDeploy"]),
        .testTarget(name: "StepwiseCLITests", dependencies: ["stepwise", "StatesLanguage", "StepwiseProcess"]),
        .testTarget(
            name: "StepwiseServerTests",
            dependencies: [
                "StepwiseServer", "StepwiseEngine", "StepwiseStore", "StepwiseStoreSQLite", "StatesLanguage",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]
        ),
        // A real `stepwise serve` driven by the AWS CLI, boto3 and the shared conformance suite.
        .testTarget(name: "IntegrationTests", dependencies: ["stepwise", "StatesLanguage", "StepwiseProcess"], exclude: ["boto3_checks.py", "sqs_sns_smoke.py", "sample_e2e.py"]),
        .testTarget(name: "StepwiseTestingTests", dependencies: ["StepwiseTesting", "StepwiseEngine", "StatesLanguage"]),
    ],
    swiftLanguageModes: [.v6]
)
