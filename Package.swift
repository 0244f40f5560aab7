// swift-tools-version:6.0
// Corridor: edge-to-central customer-experience analytics for fuel stations.
import PackageDescription

/// One `systemLibrary` target per C library: module map + shim only.
func cLibrary(_ name: String, _ pkg: String, _ apt: String) -> Target {
    .systemLibrary(name: name, path: "Sources/\(name)", pkgConfig: pkg, providers: [.apt([apt])])
}

var targets: [Target] = [
    cLibrary("CSQLite", "sqlite3", "libsqlite3-dev"),
    cLibrary("CRdKafka", "rdkafka", "librdkafka-dev"),
    cLibrary("CMongoC", "libmongoc-1.0", "libmongoc-dev"),
    cLibrary("CMicroHTTPD", "libmicrohttpd", "libmicrohttpd-dev"),
    cLibrary("CZstd", "libzstd", "libzstd-dev"),
    cLibrary("CSystemd", "libsystemd", "libsystemd-dev"),

    // Wrapper targets: the only code that touches C; each owns its pointers.
    .target(name: "SQLite", dependencies: ["CSQLite"]),
    .target(name: "Kafka", dependencies: ["CRdKafka"]),
    .target(name: "Mongo", dependencies: ["CMongoC"]),
    .target(name: "HTTPServer", dependencies: ["CMicroHTTPD"]),
    // libcurl is dlopened on first use, not linked (see Sources/CCurl/include/ccurl.h);
    // its headers come from libcurl4-openssl-dev.
    .target(name: "CCurl", linkerSettings: [.linkedLibrary("dl")]),
    .target(name: "HTTPClient", dependencies: ["CCurl"]),
    .target(name: "Compression", dependencies: ["CZstd"]),
    .target(name: "SystemdNotify", dependencies: ["CSystemd"]),
    .target(name: "Parquet", dependencies: ["Compression"]),

    // Pure-Swift domain targets: no C import.
    .target(name: "CorridorModel"),
    .target(name: "Sentiment", dependencies: ["CorridorModel"]),
    .target(name: "Options"),

    // Libraries and thin executables.
    .target(name: "EdgeAgent", dependencies: [
        "CorridorModel", "Sentiment", "SQLite", "HTTPServer", "HTTPClient", "Kafka",
        "Compression", "SystemdNotify", "Options",
    ]),
    .target(name: "CentralService", dependencies: [
        "CorridorModel", "Sentiment", "Kafka", "Mongo", "HTTPServer", "Compression", "Parquet",
        "Options",
    ]),
    .target(name: "EdgeBench", dependencies: ["EdgeAgent", "CorridorModel", "SQLite", "HTTPServer", "Options", "Kafka"]),
    .executableTarget(name: "corridor-edge", dependencies: ["EdgeAgent"]),
    .executableTarget(name: "corridor-edge-bench", dependencies: ["EdgeBench", "EdgeAgent", "Options"]),
    .executableTarget(name: "corridor-central", dependencies: ["CentralService"]),

    // Test support: starts the real servers (Tansu, nx-27017) on free loopback ports.
    .target(name: "TestServices", path: "Tests/TestServices"),

    .testTarget(name: "CorridorModelTests", dependencies: ["CorridorModel"]),
    .testTarget(name: "SentimentTests", dependencies: ["Sentiment", "CorridorModel"]),
    .testTarget(name: "KafkaTests", dependencies: ["Kafka", "TestServices"]),
    .testTarget(name: "MongoTests", dependencies: ["Mongo", "TestServices"]),
    .testTarget(name: "ParquetTests", dependencies: [
        "Parquet", "Compression", "TestServices", "CentralService", "CorridorModel",
    ]),
    .testTarget(name: "CentralAPITests", dependencies: [
        "CentralService", "CorridorModel", "Mongo", "Kafka", "HTTPServer", "Compression", "TestServices",
    ]),
    .testTarget(name: "CentralTests", dependencies: [
        "CentralService", "CorridorModel", "Kafka", "Mongo", "TestServices",
    ]),
    .testTarget(name: "ForwarderTests", dependencies: [
        "EdgeAgent", "CorridorModel", "Kafka", "HTTPServer", "Compression", "SQLite", "TestServices",
    ]),
    .testTarget(name: "EdgeAgentTests", dependencies: [
        "EdgeAgent", "CorridorModel", "SQLite", "Options", "TestServices",
    ]),
]

// One loop sets the strict settings for every Swift target (Swift 6 mode is the default here).
for target in targets where target.type != .system {
    target.swiftSettings = (target.swiftSettings ?? []) + [
        .enableUpcomingFeature("ExistentialAny"),
    ]
}

let package = Package(
    name: "Corridor",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "corridor-edge", targets: ["corridor-edge"]),
        .executable(name: "corridor-edge-bench", targets: ["corridor-edge-bench"]),
        .executable(name: "corridor-central", targets: ["corridor-central"]),
    ],
    targets: targets,
    swiftLanguageModes: [.v6]
)
