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
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2")
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
            name: "AcademyCommands",
            dependencies: ["AcademyContent", "AcademyXML"],
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
            name: "AcademyCommandsTests",
            dependencies: ["AcademyCommands", "AcademyContent", "AcademyXML"],
            swiftSettings: swiftSettings
        ),
    ],
    swiftLanguageModes: [.v6]
)
