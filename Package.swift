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
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-collections.git", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
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
        // The embedded default backend: one SQLite file in WAL mode.
        .target(
            name: "StepwiseStoreSQLite",
            dependencies: ["StepwiseStore", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .target(
            name: "StepwiseEngine",
            dependencies: [
                "StatesLanguage", "StepwiseStore",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // Local SQS, SNS, Lambda-style functions and Logs, and their Step Functions integrations.
        .target(
            name: "StepwiseServices",
            dependencies: [
                "StatesLanguage", "StepwiseStore", "StepwiseEngine",
                .product(name: "Crypto", package: "swift-crypto"),
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
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "StatesLanguageTests", dependencies: ["StatesLanguage"]),
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
        .testTarget(name: "StepwiseServicesTests", dependencies: ["StepwiseServices", "StepwiseStoreSQLite", "StepwiseEngine"]),
        .testTarget(name: "StepwiseDeployTests", dependencies: ["StepwiseDeploy"]),
        .testTarget(name: "StepwiseCLITests", dependencies: ["stepwise", "StatesLanguage"]),
        .testTarget(name: "StepwiseTestingTests", dependencies: ["StepwiseTesting", "StepwiseEngine", "StatesLanguage"]),
    ],
    swiftLanguageModes: [.v6]
)
