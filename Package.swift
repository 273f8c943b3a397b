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
    ],
    targets: [
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .target(
            name: "AcademyXML",
            dependencies: ["CLibXML2"],
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
            name: "AcademyCommands",
            dependencies: ["AcademyContent", "AcademyXML", "AcademyProgress"],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "academy",
            dependencies: [
                "AcademyCommands",
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
            dependencies: ["AcademyXML"],
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
            name: "AcademyCommandsTests",
            dependencies: ["AcademyCommands", "AcademyContent", "AcademyXML"],
            swiftSettings: swiftSettings
        ),
    ],
    swiftLanguageModes: [.v6]
)
