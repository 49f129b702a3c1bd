// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "hermes-workspace",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "hermes-workspace", targets: ["HermesWorkspace"])
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/adam-fowler/compress-nio.git", from: "1.5.0"),
    ],
    targets: [
        .executableTarget(
            name: "HermesWorkspace",
            dependencies: [
                "WorkspaceServer",
                "WorkspaceCore",
                "WorkspaceDemo",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            plugins: ["EmbedFiles"]
        ),
        // Builds the web UI and the approvals plugin into the binary (see Plugins/EmbedFiles).
        .plugin(name: "EmbedFiles", capability: .buildTool(), dependencies: ["EmbedFilesTool"]),
        .executableTarget(name: "EmbedFilesTool"),
        .target(
            name: "WorkspaceServer",
            dependencies: [
                "WorkspaceCore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "HummingbirdHTTP2", package: "hummingbird"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "CompressNIO", package: "compress-nio"),
            ]
        ),
        .target(
            name: "WorkspaceCore",
            dependencies: [
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "HummingbirdOTP", package: "hummingbird-auth"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        // The demo home generator: `hermes-workspace demo` and the tests use it; the server does not.
        .target(
            name: "WorkspaceDemo",
            dependencies: ["WorkspaceCore", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        // Helpers every test target shares: repository paths and waiting on a condition.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(
            name: "WorkspaceCoreTests",
            dependencies: [
                "WorkspaceCore", "WorkspaceDemo", "TestSupport", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "HummingbirdOTP", package: "hummingbird-auth"),
            ]
        ),
        .testTarget(
            name: "WorkspaceServerTests",
            dependencies: [
                "WorkspaceServer",
                "WorkspaceCore",
                "TestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "HummingbirdOTP", package: "hummingbird-auth"),
                .product(name: "CompressNIO", package: "compress-nio"),
            ]
        ),
        .testTarget(
            name: "E2ETests",
            dependencies: [
                "WorkspaceCore", "TestSupport", .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "HummingbirdOTP", package: "hummingbird-auth"),
            ],
            path: "Tests/e2e",
            exclude: ["Scripts"]
        ),
    ]
)
