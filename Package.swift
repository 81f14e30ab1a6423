// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "reclab",
    products: [
        .executable(name: "reclab", targets: ["reclab"]),
        .library(name: "RecLab", targets: ["RecLab"]),
        .library(name: "RecLabShell", targets: ["RecLabShell"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CEditLine",
            pkgConfig: "libedit",
            providers: [.apt(["libedit-dev"])]
        ),
        .target(name: "RecLab"),
        .target(name: "RecLabShell", dependencies: ["RecLab"]),
        .executableTarget(
            name: "reclab",
            dependencies: [
                "RecLabShell",
                "CEditLine",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "RecLabTests", dependencies: ["RecLab"]),
        .testTarget(
            name: "RecLabShellTests",
            dependencies: ["RecLabShell"],
            exclude: ["Transcripts"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
