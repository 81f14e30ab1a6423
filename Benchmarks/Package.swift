// swift-tools-version:6.0
import PackageDescription

// Kept apart from the main package so that normal builds don't pay for it.
// Run with: swift run -c release reclab-bench [--phase NAME] [--size small|10m|33m]
let package = Package(
    name: "reclab-benchmarks",
    dependencies: [.package(name: "reclab", path: "..")],
    targets: [
        .executableTarget(
            name: "reclab-bench",
            dependencies: [
                .product(name: "RecLab", package: "reclab"),
                .product(name: "RecLabShell", package: "reclab"),
            ]
        )
    ],
    swiftLanguageModes: [.v6]
)
