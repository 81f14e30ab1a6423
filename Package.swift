// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "reclab",
    products: [
        .executable(name: "reclab", targets: ["reclab"]),
        .library(name: "RecLab", targets: ["RecLab"]),
        .library(name: "RecLabShell", targets: ["RecLabShell"]),
        .library(name: "RecLabKernel", targets: ["RecLabKernel"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // Reading the MovieLens zips GroupLens publishes, and checking their MD5/SHA-256.
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        .systemLibrary(
            name: "CEditLine",
            pkgConfig: "libedit",
            providers: [.apt(["libedit-dev"])]
        ),
        // The Jupyter kernel's transport (Sources/RecLabKernel).
        .systemLibrary(
            name: "CZeroMQ",
            pkgConfig: "libzmq",
            providers: [.apt(["libzmq3-dev"])]
        ),
        // LAPACK from OpenBLAS: the dense symmetric inverse `ease` trains by.
        .systemLibrary(
            name: "CLapack",
            pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev"])]
        ),
        .target(
            name: "RecLab",
            dependencies: [
                "CLapack",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(name: "RecLabShell", dependencies: ["RecLab"]),
        // reclab as a Jupyter kernel: the messaging protocol over ZeroMQ,
        // signed with HMAC-SHA256, running cells through a Session.
        .target(
            name: "RecLabKernel",
            dependencies: [
                "RecLabShell",
                "CZeroMQ",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .executableTarget(
            name: "reclab",
            dependencies: [
                "RecLabShell",
                "RecLabKernel",
                "CEditLine",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // What the download tests share: a local HTTP server and zips built at test time.
        .target(
            name: "RecLabTestSupport",
            dependencies: [
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            path: "Tests/RecLabTestSupport"
        ),
        .testTarget(name: "RecLabTests", dependencies: ["RecLab", "RecLabTestSupport"]),
        // The kernel's framing, signing and messages, and real Jupyter
        // clients (jupyter_client, nbclient) driving the binary (Jupyter/).
        .testTarget(
            name: "RecLabKernelTests",
            dependencies: ["RecLabKernel", "RecLabShell", "RecLabTestSupport"],
            exclude: ["Jupyter"]
        ),
        .testTarget(
            name: "RecLabShellTests",
            dependencies: ["RecLabShell", "RecLabTestSupport"],
            exclude: ["Transcripts"]
        ),
        // Generated statements, data files, damaged models and person files run
        // through a Session in a temporary folder (README.md there).
        .testTarget(
            name: "RecLabFuzzTests",
            dependencies: ["RecLabShell", "RecLab", "RecLabTestSupport"],
            exclude: ["README.md"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
