// swift-tools-version:6.2
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "academy",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "academy", targets: ["academy"]),
        .library(name: "AcademyContent", targets: ["AcademyContent"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/adam-fowler/compress-nio.git", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .target(name: "CAcademyXMLSupport"),
        .target(
            name: "AcademyXML",
            dependencies: ["CLibXML2", "CAcademyXMLSupport"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "AcademyContent",
            dependencies: ["AcademyXML"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "AcademyProgress",
            dependencies: [
                "AcademyContent",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "AcademyServer",
            dependencies: [
                "AcademyContent",
                "AcademyProgress",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "AcademyCommands",
            dependencies: ["AcademyContent", "AcademyXML", "AcademyProgress", "AcademyServer", "AcademyPlayer"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "AcademyPlayer",
            dependencies: [
                "AcademyContent",
                "AcademyProgress",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPCompression", package: "swift-nio-extras"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "academy",
            dependencies: [
                "AcademyCommands",
                "AcademyPlayer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "AcademyBench",
            dependencies: ["AcademyContent", "AcademyProgress"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "AcademyXMLTests",
            dependencies: ["AcademyXML", "CAcademyXMLSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "AcademyContentTests",
            dependencies: ["AcademyContent", "AcademyXML"],
            exclude: ["Fixtures"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "AcademyProgressTests",
            dependencies: ["AcademyProgress", "AcademyContent"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "AcademyPlayerTests",
            dependencies: [
                "AcademyPlayer", "AcademyContent", "AcademyProgress", "AcademyServer",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "AcademyServerTests",
            dependencies: [
                "AcademyServer", "AcademyContent", "AcademyProgress",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "AcademyCommandsTests",
            dependencies: ["AcademyCommands", "AcademyContent", "AcademyXML"],
            swiftSettings: swiftSettings
        ),
    ],
    swiftLanguageModes: [.v6]
)
