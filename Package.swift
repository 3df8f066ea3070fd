// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "tdx-runtime-update",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "Lockstep", targets: ["Lockstep"]),
        .library(name: "TDXImage", targets: ["TDXImage"]),
        .library(name: "TDXFirmware", targets: ["TDXFirmware"]),
        .library(name: "TDXHost", targets: ["TDXHost"]),
        .library(name: "TDXUpdater", targets: ["TDXUpdater"]),
        .library(name: "TDXTimeline", targets: ["TDXTimeline"]),
        .executable(name: "tdxctl", targets: ["tdxctl"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        // What Swift cannot say: pause hint, futex, membarrier, CPU affinity, sched_getcpu.
        .target(
            name: "CLockstep",
            cSettings: [.define("_GNU_SOURCE")]
        ),
        // The stop-the-world, step-locked multi-CPU engine. No TDX knowledge.
        .target(
            name: "Lockstep",
            dependencies: ["CLockstep"]
        ),
        // Module image formats (v1 tdx_blob, v2 tdx_image), SEAM sigstruct, verification.
        .target(
            name: "TDXImage",
            dependencies: [
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ]
        ),
        // Executable models of P-SEAMLDR and the TDX module. Knows nothing of threads.
        .target(
            name: "TDXFirmware",
            dependencies: [
                "TDXImage",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // One update as a self-contained SVG picture (CPU lanes, blackout, TD lanes). No deps.
        .target(name: "TDXTimeline"),
        // The host kernel's side: update driver on Lockstep, sysfs, firmware upload.
        .target(
            name: "TDXHost",
            dependencies: [
                "Lockstep", "TDXFirmware", "TDXImage", "TDXTimeline",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The operator's tool: find, label, pick, verify and upload images.
        .target(
            name: "TDXUpdater",
            dependencies: [
                "TDXImage",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "tdxctl",
            dependencies: [
                "Lockstep", "TDXImage", "TDXFirmware", "TDXHost", "TDXUpdater", "TDXTimeline",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(name: "LockstepTests", dependencies: ["Lockstep", "CLockstep"]),
        .testTarget(
            name: "TDXImageTests",
            dependencies: ["TDXImage", .product(name: "_CryptoExtras", package: "swift-crypto")]
        ),
        .testTarget(name: "TDXFirmwareTests", dependencies: ["TDXFirmware", "TDXImage"]),
        .testTarget(name: "TDXHostTests", dependencies: ["TDXHost", "TDXFirmware", "TDXImage", "Lockstep"]),
        .testTarget(name: "TDXUpdaterTests", dependencies: ["TDXUpdater", "TDXImage", "TDXHost", "tdxctl"]),
        .testTarget(name: "TdxctlTests", dependencies: ["tdxctl"]),
        .testTarget(name: "TDXTimelineTests", dependencies: ["TDXTimeline", "TDXHost", "TDXImage", "Lockstep"]),
    ],
    swiftLanguageModes: [.v6]
)
