// swift-tools-version:6.1
import PackageDescription

// libFuzzer target for the TDXImage parsers. Build and run with `./run.sh [seconds]`
// (release, `-sanitize=fuzzer,address`, its own scratch path).
let package = Package(
    name: "tdx-image-fuzz",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "tdx-runtime-update", path: "..")
    ],
    targets: [
        // Declares libFuzzer's driver entry point (SwiftPM's own `main` shadows libFuzzer's).
        .target(name: "CFuzz"),
        .executableTarget(
            name: "FuzzImageParsers",
            dependencies: [
                "CFuzz",
                .product(name: "TDXImage", package: "tdx-runtime-update"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
