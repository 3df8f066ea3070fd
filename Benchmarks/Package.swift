// swift-tools-version:6.1
// Benchmarks live in their own package so that `swift test` of the project never builds
// or runs them. Run with `swift run -c release --package-path Benchmarks <name>`.
import PackageDescription

let package = Package(
    name: "tdx-runtime-update-benchmarks",
    platforms: [.macOS(.v15)],
    // FUSE: build serve-bench's mount measurements (needs libfuse3, as the main package's
    // trait of the same name): `swift run -c release --package-path Benchmarks --traits FUSE serve-bench`.
    traits: [
        .trait(name: "FUSE", description: "serve-bench measures the served host through a real mount (libfuse3)."),
        .default(enabledTraits: []),
    ],
    dependencies: [
        .package(
            name: "tdx-runtime-update", path: "../",
            traits: [.init(name: "FUSE", condition: .when(traits: ["FUSE"]))]),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        // Only the MallocInterposer trait: the default RuntimeInterposer trait pulls in a
        // package the local mirror does not have.
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        // The C baselines: ping-pong, pthread_barrier, the kernel's multi_cpu_stop scheme.
        .target(
            name: "BenchBaselines",
            cSettings: [.define("_GNU_SOURCE")]
        ),
        // Statistics, calibration, machine description and table output shared by the tools.
        .target(
            name: "BenchSupport",
            dependencies: ["BenchBaselines", .product(name: "Lockstep", package: "tdx-runtime-update")]
        ),
        .executableTarget(
            name: "lockstep-bench",
            dependencies: [
                "BenchBaselines", "BenchSupport",
                .product(name: "Lockstep", package: "tdx-runtime-update"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "image-bench",
            dependencies: [
                "BenchSupport",
                .product(name: "TDXImage", package: "tdx-runtime-update"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Listing 300 real images as `tdxctl list` does, each run in its own process.
        .executableTarget(
            name: "list-bench",
            dependencies: [
                "BenchSupport",
                .product(name: "TDXImage", package: "tdx-runtime-update"),
                .product(name: "TDXUpdater", package: "tdx-runtime-update"),
                .product(name: "TDXSysfs", package: "tdx-runtime-update"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // tdxctl status and list on hostile host roots (each file mutated, 400-range CPU
        // lists) against an intact root, each run a fresh process of the release binary.
        .executableTarget(
            name: "host-bench",
            dependencies: [
                "BenchSupport",
                .product(name: "TDXSysfs", package: "tdx-runtime-update"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "blackout-bench",
            dependencies: [
                "BenchBaselines", "BenchSupport",
                .product(name: "Lockstep", package: "tdx-runtime-update"),
                .product(name: "TDXHost", package: "tdx-runtime-update"),
                .product(name: "TDXImage", package: "tdx-runtime-update"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The served host through its mount against the same operations in process and on
        // a tmpfs file: a `version` read, a 600 KiB `data` write, a whole update.
        .executableTarget(
            name: "serve-bench",
            dependencies: [
                "BenchSupport",
                .product(name: "TDXHost", package: "tdx-runtime-update"),
                .product(name: "TDXServedHost", package: "tdx-runtime-update"),
                .product(name: "TDXSysfs", package: "tdx-runtime-update"),
                .product(name: "TDXImage", package: "tdx-runtime-update"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "timeline-bench",
            dependencies: [
                "BenchSupport",
                .product(name: "Lockstep", package: "tdx-runtime-update"),
                .product(name: "TDXHost", package: "tdx-runtime-update"),
                .product(name: "TDXImage", package: "tdx-runtime-update"),
                .product(name: "TDXTimeline", package: "tdx-runtime-update"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The ordo-one/benchmark suite: `swift package --package-path Benchmarks benchmark`.
        .executableTarget(
            name: "MicroBenchmarks",
            dependencies: [
                "BenchBaselines", "BenchSupport",
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "Lockstep", package: "tdx-runtime-update"),
                .product(name: "TDXImage", package: "tdx-runtime-update"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            path: "Benchmarks/MicroBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
